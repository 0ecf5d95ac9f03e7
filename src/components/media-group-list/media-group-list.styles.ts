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

  .group[aria-pressed='true'] {
    border-color: var(--_ss-accent);
    box-shadow: inset 0 0 0 1px var(--_ss-accent);
  }

  .all {
    margin-bottom: 8px;
    min-height: 0;
    width: auto;
  }

  .name {
    font-weight: 600;
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
