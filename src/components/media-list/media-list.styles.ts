import {css} from 'lit';

export const styles = css`
  :host {
    display: block;
  }

  .list {
    display: grid;
    /* --ss-list-columns: 3 makes limit="6" two full rows rather than five cards and one. */
    grid-template-columns: repeat(
      var(--ss-list-columns, auto-fill),
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
