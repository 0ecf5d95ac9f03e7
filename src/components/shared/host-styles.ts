import {css, unsafeCSS} from 'lit';

/**
 * Shared by every element. System tokens (`--ss-*`) resolve here into private `--_ss-*`
 * variables with light and dark defaults; component tokens fall back to them.
 */
export const hostStyles = css`
  :host {
    --_ss-font: var(
      --ss-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      'Hiragino Sans',
      'Noto Sans JP',
      sans-serif
    );
    --_ss-text: var(--ss-color-text, #1b1d22);
    --_ss-muted: var(--ss-color-muted, #5b606b);
    --_ss-surface: var(--ss-color-surface, #ffffff);
    --_ss-raised: var(--ss-color-raised, #f3f4f7);
    --_ss-border: var(--ss-color-border, #d9dce3);
    --_ss-accent: var(--ss-color-accent, #1a56db);
    --_ss-accent-text: var(--ss-color-accent-text, #ffffff);
    --_ss-danger: var(--ss-color-danger, #b42318);
    --_ss-live: var(--ss-color-live, #d92d20);
    --_ss-skeleton: var(--ss-color-skeleton, #e6e8ee);
    --_ss-focus: var(--ss-focus-ring-color, #1a56db);
    --_ss-radius: var(--ss-radius, 10px);
    --_ss-gap: var(--ss-gap, 16px);

    box-sizing: border-box;
    font-family: var(--_ss-font);
    color: var(--_ss-text);
    line-height: 1.4;
  }

  /* A page's theme passes text properties down (centred, indented, capitals, letter-spaced,
     italic); they are reset inside, where page rules cannot reach. The font size is left to
     inherit. */
  [part~='base'] {
    font-family: var(--_ss-font);
    font-style: normal;
    font-weight: 400;
    font-variant: normal;
    color: var(--_ss-text);
    line-height: 1.4;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
  }

  /* Dark only where the page says it can be dark (color-scheme: light dark, or dark): on a
     light-only CMS page a visitor in dark mode would otherwise see dark cards on white.
     light-dark() follows the used color-scheme; a browser without it stays light. */
  @supports (color: light-dark(#000, #fff)) {
    :host {
      --_ss-text: var(--ss-color-text, light-dark(#1b1d22, #eceef2));
      --_ss-muted: var(--ss-color-muted, light-dark(#5b606b, #a4a9b4));
      --_ss-surface: var(--ss-color-surface, light-dark(#ffffff, #17191d));
      --_ss-raised: var(--ss-color-raised, light-dark(#f3f4f7, #24272d));
      --_ss-border: var(--ss-color-border, light-dark(#d9dce3, #343842));
      --_ss-accent: var(--ss-color-accent, light-dark(#1a56db, #7aa2ff));
      --_ss-accent-text: var(--ss-color-accent-text, light-dark(#ffffff, #0d1220));
      --_ss-danger: var(--ss-color-danger, light-dark(#b42318, #ff8a80));
      --_ss-skeleton: var(--ss-color-skeleton, light-dark(#e6e8ee, #2a2e35));
      --_ss-focus: var(--ss-focus-ring-color, light-dark(#1a56db, #7aa2ff));
    }
  }

  :host([hidden]),
  [hidden] {
    display: none !important;
  }

  /* Not inherited from the host: a page's own box-sizing rule would reach in through it. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  button {
    font: inherit;
    color: inherit;
  }

  :focus-visible {
    outline: 2px solid var(--_ss-focus);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .error {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 8px;
    padding: 12px 14px;
    border: 1px solid var(--_ss-danger);
    border-radius: var(--_ss-radius);
    color: var(--_ss-text);
    background: var(--_ss-surface);
  }

  .error strong {
    color: var(--_ss-danger);
  }

  .error button,
  .pagination button {
    cursor: pointer;
    min-height: 32px;
    min-width: 32px;
    padding: 4px 10px;
    border: 1px solid var(--_ss-border);
    border-radius: calc(var(--_ss-radius) / 1.5);
    background: var(--_ss-surface);
  }

  .pagination {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    align-items: center;
    gap: 6px;
    margin-top: var(--_ss-gap);
    min-height: 40px;
  }

  .pagination ul {
    display: contents;
    list-style: none;
  }

  .pagination li {
    display: contents;
  }

  .pagination button[aria-current='page'] {
    background: var(--_ss-accent);
    border-color: var(--_ss-accent);
    color: var(--_ss-accent-text);
  }

  .pagination button:disabled {
    cursor: default;
    opacity: 0.45;
  }

  .pagination .ellipsis {
    padding: 0 4px;
    color: var(--_ss-muted);
  }

  .empty {
    padding: 24px;
    text-align: center;
    color: var(--_ss-muted);
    border: 1px dashed var(--_ss-border);
    border-radius: var(--_ss-radius);
  }

  @keyframes ss-pulse {
    50% {
      opacity: 0.55;
    }
  }

  .skeleton {
    background: var(--_ss-skeleton);
    border-radius: 4px;
    animation: ss-pulse 1.6s ease-in-out infinite;
  }

  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
`;

/**
 * Forced palettes (Windows High Contrast) drop author colours and shadows: the current page
 * and the chosen group take the system's selection colours, and placeholders an outline.
 * Last in every element's styles, so it wins. Plain text: lit-analyzer's CSS data predates
 * `forced-color-adjust` and would flag it in a css template.
 */
export const forcedColorStyles = unsafeCSS(
  '@media (forced-colors:active){' +
    '.pagination button[aria-current=page],.group[aria-pressed=true]{' +
    'forced-color-adjust:none;background:Highlight;border-color:Highlight;color:HighlightText}' +
    '.group[aria-pressed=true] *{color:inherit}' +
    '.skeleton{border:1px solid GrayText}}',
);
