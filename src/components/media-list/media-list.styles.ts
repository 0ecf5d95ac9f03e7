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

  [hidden] {
    display: none !important;
  }

  .more {
    display: flex;
    justify-content: center;
    margin-top: var(--_ss-gap);
    min-height: 40px;
  }

  .more > button,
  .scroll {
    cursor: pointer;
    min-height: 40px;
    padding: 6px 20px;
    border: 1px solid var(--_ss-border);
    border-radius: 999px;
    background: var(--_ss-surface);
  }

  /* Shelf: one row that scrolls sideways, a card per snap point. The block padding keeps the
     focus ring, which the scroller would clip, in view. */
  .shelf {
    position: relative;
  }

  :host([layout='shelf']) .list {
    grid-template-columns: none;
    grid-auto-flow: column;
    grid-auto-columns: var(--ss-shelf-card-width, 240px);
    overflow-x: auto;
    overscroll-behavior-x: contain;
    scroll-snap-type: x mandatory;
    scroll-padding-inline: 4px;
    padding: 4px;
    scrollbar-width: thin;
  }

  :host([layout='shelf']) .item {
    scroll-snap-align: start;
  }

  .scroll {
    position: absolute;
    z-index: 1;
    top: calc(var(--ss-shelf-card-width, 240px) * 9 / 32 - 18px);
    width: 44px;
    height: 44px;
    padding: 0;
    font-size: 1.75rem;
    line-height: 1;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
  }

  .previous {
    inset-inline-start: 4px;
  }

  .next {
    inset-inline-end: 4px;
  }

  :host(:dir(rtl)) .scroll {
    transform: scaleX(-1);
  }

  /* Rows: the poster on the inline-start, the name beside it; one height for card and skeleton. */
  :host([layout='rows']) .list {
    grid-template-columns: minmax(0, 1fr);
    gap: 8px;
  }

  :host([layout='rows']) ss-media-card {
    --ss-card-padding: 6px 12px;
  }

  :host([layout='rows']) ss-media-card::part(base) {
    display: grid;
    grid-template-columns: var(--ss-rows-poster-width, 128px) minmax(0, 1fr);
    align-items: start;
    height: calc(var(--ss-rows-poster-width, 128px) * 9 / 16);
  }

  :host([layout='rows']) ss-media-card::part(description),
  :host([layout='rows']) ss-media-card::part(tags),
  :host([layout='rows']) ss-media-card::part(subtitles) {
    display: none;
  }
`;
