import {css} from 'lit';

export const styles = css`
  :host {
    display: block;
  }

  .list {
    display: grid;
    grid-template-columns: repeat(
      auto-fill,
      minmax(min(100%, var(--ss-group-list-min-column-width, 200px)), 1fr)
    );
    gap: var(--ss-group-list-gap, 8px);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .item {
    display: block;
    min-width: 0;
  }

  .group {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 2px;
    width: 100%;
    height: 100%;
    min-height: var(--ss-group-min-height, 64px);
    padding: 10px 12px;
    text-align: start;
    cursor: pointer;
    border: var(--ss-group-border, 1px solid var(--_ss-border));
    border-radius: var(--ss-group-radius, var(--_ss-radius));
    background: var(--ss-group-background, var(--_ss-surface));
  }

  .group:hover {
    border-color: var(--_ss-accent);
  }

  /* The chosen group is tinted and carries a bar on its inline-start edge, so it reads apart
     from the focus ring (an outline outside the box) without relying on colour alone. Only
     paint changes: the box keeps its border width and padding, nothing moves. The tint keeps
     the text at 4.5:1 or more with the default tokens: name 13.6:1 and description 5.1:1
     light, 12.0:1 and 5.9:1 dark. */
  .group[aria-pressed='true'] {
    border-color: var(--_ss-accent);
    /* A browser without color-mix (before 2023) shows no tint; the bar and border remain. */
    background: color-mix(in srgb, var(--_ss-accent) 14%, var(--_ss-surface));
  }

  .group[aria-pressed='true']::before {
    content: '';
    position: absolute;
    inset-block: 8px;
    inset-inline-start: 3px;
    width: 4px;
    border-radius: 2px;
    background: var(--_ss-accent);
  }

  /* The forced palette's rule (last in the styles) fills the chosen group with Highlight. */
  @media (forced-colors: active) {
    .group[aria-pressed='true']::before {
      background: HighlightText;
    }
  }

  .all {
    margin-bottom: 8px;
    min-height: 0;
    width: auto;
  }

  /* Two lines at most, like the description: one long name must not stretch its whole row. */
  .name {
    font-weight: 600;
    overflow: hidden;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow-wrap: anywhere;
  }

  .description {
    color: var(--_ss-muted);
    font-size: 0.8125rem;
    overflow: hidden;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow-wrap: anywhere;
  }

  .skeleton-group {
    min-height: var(--ss-group-min-height, 64px);
    border-radius: var(--ss-group-radius, var(--_ss-radius));
  }
`;
