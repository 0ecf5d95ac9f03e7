import {css} from 'lit';

export const styles = css`
  :host {
    display: block;
    --_card-radius: var(--ss-card-radius, var(--_ss-radius));
    --_card-padding: var(--ss-card-padding, 12px);
    --_card-title-size: var(--ss-card-title-size, 1rem);
    --_card-text-size: var(--ss-card-text-size, 0.875rem);
    --_card-line: 1.4;
  }

  .card {
    position: relative;
    display: flex;
    flex-direction: column;
    height: 100%;
    /* clip, not hidden: no scroll container per card, its layer and scrolling state. */
    overflow: clip;
    border: var(--ss-card-border, 1px solid var(--_ss-border));
    border-radius: var(--_card-radius);
    background: var(--ss-card-background, var(--_ss-surface));
    box-shadow: var(--ss-card-shadow, none);
    transition:
      box-shadow 0.15s ease,
      transform 0.15s ease;
  }

  .card.activatable:hover {
    box-shadow: var(--ss-card-hover-shadow, 0 4px 14px rgb(0 0 0 / 0.14));
  }

  .card:focus-within {
    outline: 2px solid var(--_ss-focus);
    outline-offset: 2px;
  }

  /* A mouse click focuses the link or button too: no ring for that, as for any control. */
  .card:has(.activator:focus):not(:has(.activator:focus-visible)) {
    outline: none;
  }

  .media {
    position: relative;
    aspect-ratio: var(--ss-card-poster-aspect-ratio, 16 / 9);
    background: var(--ss-card-poster-background, var(--_ss-raised));
    overflow: clip;
  }

  .poster {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }

  .placeholder {
    display: grid;
    place-items: center;
    width: 100%;
    height: 100%;
    color: var(--_ss-muted);
    font-size: var(--_card-text-size);
  }

  /* Pinned to the poster box: WebKit resolves the 100% height against the aspect-ratio box
     from its content, which leaves it about a pixel taller than the box. */
  .media > .placeholder {
    position: absolute;
    inset: 0;
    height: auto;
  }

  .placeholder svg {
    width: 40px;
    height: 40px;
    opacity: 0.6;
  }

  .duration,
  .badge {
    position: absolute;
    right: 8px;
    bottom: 8px;
    padding: 2px 6px;
    border-radius: 4px;
    font-size: 0.75rem;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    line-height: 1.3;
    color: var(--ss-badge-color, #fff);
    background: var(--ss-badge-background, rgb(0 0 0 / 0.78));
  }

  .badge {
    letter-spacing: 0.04em;
    background: var(--ss-live-background, var(--_ss-live));
  }

  .body {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: var(--_card-padding);
    font-size: var(--_card-text-size);
    line-height: var(--_card-line);
    /* Text far from the viewport is neither shaped nor laid out until it comes near: most of
       a gallery's main-thread time on a slow phone. Its height is that of its fixed lines,
       tags row and gaps (remembered once rendered, so a theme's other sizes hold too). */
    content-visibility: auto;
    contain-intrinsic-block-size: auto 165.4px;
  }

  .title {
    margin: 0;
    font-size: var(--_card-title-size);
    font-weight: 600;
    line-height: var(--_card-line);
    /* Two lines reserved whatever the name's length: cards in a row line up, nothing shifts. */
    height: calc(2em * var(--_card-line));
    overflow: hidden;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow-wrap: anywhere;
  }

  .activator {
    color: inherit;
    text-decoration: none;
    background: none;
    border: 0;
    padding: 0;
    margin: 0;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }

  /* The activator's box covers the whole card, so a click anywhere activates it. */
  .activator::after {
    content: '';
    position: absolute;
    inset: 0;
  }

  .activator:focus-visible {
    outline: none;
  }

  .description {
    margin: 0;
    color: var(--_ss-muted);
    height: calc(3em * var(--_card-line));
    overflow: hidden;
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow-wrap: anywhere;
  }

  .tags {
    display: flex;
    flex-wrap: nowrap;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
    height: 1.6rem;
    overflow: clip;
    /* One row: tags that do not fit fade out rather than being cut mid-word. */
    mask-image: linear-gradient(to right, #000 calc(100% - 28px), transparent);
  }

  /* Right to left, the row overflows on the left. */
  :host(:dir(rtl)) .tags {
    mask-image: linear-gradient(to left, #000 calc(100% - 28px), transparent);
  }

  .tag {
    flex: none;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 0.75rem;
    line-height: 1.4rem;
    white-space: nowrap;
    color: var(--ss-tag-color, var(--_ss-text));
    background: var(--ss-tag-background, var(--_ss-raised));
  }

  .subtitles {
    margin: 0;
    height: calc(1em * var(--_card-line));
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    color: var(--_ss-muted);
    font-size: 0.8125rem;
  }

  .skeleton-line {
    height: 0.9em;
    margin: 0.25em 0;
  }

  /* Classes, not style attributes: a CMS page's CSP may forbid inline styles. */
  .skeleton-line.long {
    width: 80%;
  }

  .skeleton-line.short {
    width: 60%;
  }

  /* The error takes the place of the text, in a frame the size of a loaded card. */
  .failure {
    position: relative;
    flex: 1;
  }

  .failure .error {
    position: absolute;
    inset: 0;
    overflow: auto;
    padding: var(--_card-padding);
    border: 0;
    border-radius: 0;
    background: none;
  }
`;
