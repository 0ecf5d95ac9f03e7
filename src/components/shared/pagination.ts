import {html, nothing, type TemplateResult} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import {formatNumber} from './format.js';
import type {Strings, UiLang} from './strings.js';

export type PageItem = number | 'ellipsis';

/**
 * The page numbers to show: always the first and last, the current page with one neighbour
 * each side, and an ellipsis for every gap of two or more pages.
 */
export function pageItems(current: number, pages: number): PageItem[] {
  if (pages <= 7) return Array.from({length: pages}, (_, i) => i + 1);
  const wanted = new Set([1, pages, current - 1, current, current + 1]);
  if (current <= 3) [2, 3, 4].forEach((p) => wanted.add(p));
  if (current >= pages - 2) [pages - 3, pages - 2, pages - 1].forEach((p) => wanted.add(p));
  const sorted = [...wanted].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: PageItem[] = [];
  sorted.forEach((page, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && page - previous === 2) items.push(previous + 1);
    else if (previous !== undefined && page - previous > 2) items.push('ellipsis');
    items.push(page);
  });
  return items;
}

export interface PaginationModel {
  page: number;
  /** Known page count, or `null` when the response's `count` cannot tell (previous/next only). */
  pages: number | null;
  hasNext: boolean;
}

/**
 * Decides the pagination from a list response. `count` above the number of items returned
 * means it is the total, so page numbers come from it; otherwise only previous/next work, and
 * next is enabled when a full page came back.
 */
export function paginationModel(
  page: number,
  limit: number,
  count: number,
  received: number,
): PaginationModel {
  if (count > received) {
    const pages = Math.max(1, Math.ceil(count / limit));
    return {page, pages, hasNext: page < pages};
  }
  return {page, pages: null, hasNext: received >= limit};
}

export function renderPagination(
  model: PaginationModel,
  label: string,
  strings: Strings,
  lang: UiLang,
  go: (page: number) => void,
): TemplateResult | typeof nothing {
  const {page, pages, hasNext} = model;
  if (page <= 1 && !hasNext && (pages === null || pages <= 1)) return nothing;
  const pageButton = (target: number) =>
    html`<li>
      <button
        type="button"
        part="page-button"
        aria-label=${strings.pageLabel(formatNumber(target, lang))}
        aria-current=${target === page ? 'page' : 'false'}
        @click=${() => go(target)}
      >
        ${formatNumber(target, lang)}
      </button>
    </li>`;
  return html`<nav class="pagination" part="pagination" aria-label=${label}>
    <button
      type="button"
      part="page-button"
      ?disabled=${page <= 1}
      @click=${() => go(pages !== null && page > pages ? pages : page - 1)}
    >
      ${strings.previousPage}
    </button>
    ${
      pages === null
        ? html`<span class="visually-hidden">${strings.pageLabel(formatNumber(page, lang))}</span>`
        : html`<ul>
            ${repeat(
              pageItems(page, pages),
              // Keyed by page number: the button a person pressed stays the one with focus.
              (item, index) => (item === 'ellipsis' ? `…${index}` : item),
              (item) =>
                item === 'ellipsis'
                  ? html`<li class="ellipsis" aria-hidden="true">…</li>`
                  : pageButton(item),
            )}
          </ul>`
    }
    <button type="button" part="page-button" ?disabled=${!hasNext} @click=${() => go(page + 1)}>
      ${strings.nextPage}
    </button>
  </nav>`;
}

/** How many placeholders stand for a page of `limit` records, at most `max` (1 for a bad `limit`). */
export function placeholderCount(limit: number, max: number): number {
  return Number.isInteger(limit) ? Math.min(Math.max(limit, 1), max) : 1;
}
