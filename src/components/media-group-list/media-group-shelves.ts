import {css, html, type TemplateResult} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import type {MediaGroup} from '../../client/index.js';
import type {CatalogReader} from '../../client/reader.js';
import {placeholderCount} from '../shared/pagination.js';

/** What each group's shelf takes from the group list. */
export interface ShelfSettings {
  merchant: string;
  apiBase: string;
  lang: string;
  client: CatalogReader | undefined;
  href: string | null;
}

/** Media per page of a shelf: a first request that fills a wide row, and no more. */
const SHELF_LIMIT = 12;

export const shelfStyles = css`
  .shelves {
    display: flex;
    flex-direction: column;
    gap: var(--ss-group-list-gap, var(--_ss-gap));
  }

  .shelf-heading {
    margin: 0 0 4px;
    font-size: 1.25rem;
    line-height: 1.75rem;
    height: 1.75rem;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }

  .skeleton-heading {
    width: 12em;
    max-width: 60%;
  }

  /*
   * As the shelf's own row: the padding that keeps its focus ring in view, and the room of its
   * thin scrollbar where scrollbars take room (Firefox), so nothing moves when the shelves come.
   */
  .skeleton-row {
    display: flex;
    gap: var(--ss-list-gap, var(--_ss-gap));
    padding: 4px;
    overflow-x: scroll;
    overflow-y: hidden;
    scrollbar-width: thin;
  }

  .skeleton-row > ss-media-card {
    flex: none;
    width: var(--ss-shelf-card-width, 240px);
  }
`;

/**
 * A shelf per group: its name as a heading over an `<ss-media-list layout="shelf" lazy>` of its
 * media, which loads its first page only when it comes into view.
 */
export function renderShelves(
  settings: ShelfSettings,
  groups: readonly MediaGroup[],
): TemplateResult {
  return html`<div class="shelves" part="list">
    ${repeat(
      groups,
      (group) => group.id,
      (group) => {
        const name = group.name || group.id;
        return html`<section class="shelf" part="shelf">
          <h2 class="shelf-heading" part="shelf-heading" dir="auto" title=${name}>${name}</h2>
          <ss-media-list
            part="shelf-list"
            layout="shelf"
            lazy
            limit=${SHELF_LIMIT}
            merchant=${settings.merchant}
            api-base=${settings.apiBase}
            lang=${settings.lang}
            label=${name}
            media-group-id=${group.id}
            href=${settings.href ?? ''}
            .client=${settings.client}
          ></ss-media-list>
        </section>`;
      },
    )}
  </div>`;
}

/** Placeholders of a few shelves while the groups load, each as tall as a loading shelf. */
export function renderShelfSkeletons(limit: number): TemplateResult {
  const shelves = placeholderCount(limit, 3);
  const row = html`<div class="skeleton-row">
    ${Array.from({length: 6}, () => html`<ss-media-card skeleton></ss-media-card>`)}
  </div>`;
  // Inert: its scrolling rows are no tab stops, as it is hidden from readers.
  return html`<div class="shelves" part="list" aria-hidden="true" .inert=${true}>
    ${Array.from(
      {length: shelves},
      () =>
        html`<div class="shelf">
          <div class="shelf-heading skeleton skeleton-heading"></div>
          ${row}
        </div>`,
    )}
  </div>`;
}
