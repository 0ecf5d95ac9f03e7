import {css} from 'lit';

export const styles = css`
  :host {
    display: block;
  }

  .list {
    display: grid;
    grid-template-columns: repeat(
      auto-fill,
      minmax(min(100%, var(--ss-list-min-column-width, 240px)), 1fr)
    );
    gap: var(--ss-list-gap, var(--_ss-gap));
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .item {
    display: block;
    min-width: 0;
  }

  .item > ss-media-card {
    height: 100%;
  }
`;
