import {html, type TemplateResult} from 'lit';
import {LIMIT_MAX, SORT_ORDERS} from '../../api/index.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import {repeat} from 'lit/directives/repeat.js';
import type {AttributeError} from './diagnosis.js';
import type {RovingFocusController} from './roving-focus.js';
import {formatNumber} from './format.js';
import {paginationModel} from './pagination.js';
import {stringsFor, type ExpectedValue, type UiLang} from './strings.js';

export {LIMIT_MAX as MAX_LIMIT} from '../../api/index.js';
const SORT_COLUMN = /^[a-z][a-z0-9_]{0,63}$/;

/** The validated paging attributes, ready for the client. */
export interface PageQuery {
  limit: number;
  page: number;
  sort: string;
  order: 'asc' | 'desc';
}

/** One page of a list response: the response's `count` and the page's records. */
export interface PageResult<Item> {
  count: number;
  items: readonly Item[];
}

/**
 * Reads a list's paging attributes; throws the `AttributeError` that `invalid` makes for the
 * first bad one.
 */
export function readPageQuery(
  attributes: {limit: number; page: number; sort: string; order: string},
  invalid: (attribute: string, expected: ExpectedValue) => AttributeError,
): PageQuery {
  const {limit, page} = attributes;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMIT_MAX) {
    throw invalid('limit', {kind: 'range', min: 1, max: LIMIT_MAX});
  }
  if (!Number.isInteger(page) || page < 1) throw invalid('page', {kind: 'range', min: 1});
  const sort = (attributes.sort ?? '').trim();
  if (!SORT_COLUMN.test(sort))
    throw invalid('sort', {kind: 'one-of', values: ['updated_at', 'created_at', 'name']});
  const order = (attributes.order ?? '').trim().toLowerCase() as PageQuery['order'];
  if (!SORT_ORDERS.includes(order)) throw invalid('order', {kind: 'one-of', values: SORT_ORDERS});
  return {limit, page, sort, order};
}

/**
 * The items as the list the roving focus moves in (the list's one tab stop), keyed by id so
 * a re-render keeps their DOM; `after` comes at its end. A scrolling row (`row`) is a tab
 * stop of its own in Firefox (it does not see the cards' links inside their shadow roots):
 * the roving focus on the cards is the row's one tab stop.
 */
export function renderRovingList<Item extends {id: string}>(
  roving: RovingFocusController,
  label: string,
  items: readonly Item[],
  renderItem: (item: Item, tabIndex: number) => TemplateResult,
  after?: unknown,
  row?: boolean,
  onScroll?: () => void,
): TemplateResult {
  return html`<ul
    class="list"
    part="list"
    aria-label=${label}
    tabindex=${ifDefined(row ? -1 : undefined)}
    @keydown=${roving.onKeyDown}
    @focusin=${roving.onFocusIn}
    @scroll=${onScroll}
  >
    ${repeat(
      items,
      (item) => item.id,
      (item, i) => renderItem(item, roving.tabIndexFor(i, items.length)),
    )}${after}
  </ul>`;
}

const decided = new WeakSet<Element>();
/** Posters loading ahead of their cards, by URL, kept until loaded so no load is dropped. */
const posterLoads = new Map<string, HTMLImageElement>();

type Imaged = {poster?: {src?: string} | null; thumbnail?: {src?: string} | null};
type Card = HTMLElement & {priority: boolean; hasUpdated: boolean; media?: Imaged};

/**
 * Starts loading the image a card would show for `item` (its poster, else its thumbnail),
 * ahead of the card: the card's `<img>` takes over the same request. Items without one
 * (a media group) load nothing.
 */
export function loadPoster(item: unknown): void {
  const src = (item as Imaged | undefined)?.poster?.src || (item as Imaged)?.thumbnail?.src;
  if (!src || posterLoads.has(src)) return;
  const image = new Image();
  image.fetchPriority = 'high';
  image.onload = image.onerror = () => posterLoads.delete(src);
  posterLoads.set(src, image);
  image.src = src;
}

/** An element's box, or `undefined` for one with none (a hidden tab, a closed dialog). */
export function displayedBox(element: Element | null | undefined): DOMRect | undefined {
  return element?.getClientRects().length ? element.getBoundingClientRect() : undefined;
}

/**
 * Which of a list's items the first screen shows, from their `boxes`: those `inRow` says, with
 * some of their width inside the window and inside the list's box (a shelf scrolls its cards
 * inside it, either way round). None without a list box (`displayedBox`).
 */
export function itemsSeen(
  listBox: DOMRect | undefined,
  boxes: readonly DOMRect[],
  inRow: (box: DOMRect) => boolean,
): Set<number> {
  const shown = new Set<number>();
  if (!listBox) return shown;
  const [start, end] = [Math.max(0, listBox.left), Math.min(innerWidth, listBox.right)];
  boxes.forEach((box, i) => {
    if (box.left < end && box.right > start && inRow(box)) shown.add(i);
  });
  return shown;
}

/**
 * The first page's first screen is what a visitor sees first: those cards' posters load at
 * once, ahead of the others (which load lazily). That is any card with a quarter of its height
 * or more in the first screen, where the largest poster may be (a wide page shows two rows or
 * more); none of a list below it or hidden. The skeletons the cards replace say where they will
 * be (`firstScreen`, read before the render, when the layout is clean). A page rendered
 * straight from the cache had no skeletons and its cards render after this: there, the cards
 * of the first row count if the list is in the first screen. Decided once a card, before its
 * first render, which comes a microtask after this or a slice later: a page that comes again
 * (the cache refreshed) leaves its cards as they were. A poster chosen starts loading now
 * (`loadPoster`), if it has not already, not when its card renders.
 */
export function prioritizeFirstScreen(root: ParentNode, firstScreen?: ReadonlySet<number>): void {
  const cards = [...root.querySelectorAll<Card>('ss-media-card')];
  let shown = firstScreen;
  if (!shown) {
    // Items of cards not rendered yet: no height, but where each row and column starts.
    const boxes = cards.map((card) => card.parentElement!.getBoundingClientRect());
    const listBox = displayedBox(cards[0]?.parentElement?.parentElement);
    const inScreen = listBox && listBox.top < innerHeight && listBox.bottom > 0;
    shown = itemsSeen(inScreen ? listBox : undefined, boxes, ({top}) => top === boxes[0]!.top);
  }
  cards.forEach((card, i) => {
    if (decided.has(card)) return;
    decided.add(card);
    card.priority = shown.has(i);
    if (card.priority && !card.hasUpdated) loadPoster(card.media);
  });
}

/**
 * The status region's text for a loaded page: what a new query `found` (`46 videos`, by
 * `countStatus`), or which page it is (`Page 2 of 40`).
 */
export function statusText(
  {count, items}: PageResult<unknown>,
  found: boolean,
  {page, limit}: {page: number; limit: number},
  lang: UiLang,
  countStatus: (count: number) => string,
): string {
  if (found) {
    // `count` is the total only when it exceeds the page (see paginationModel), or when the
    // page came back short; none found is said by the empty state's own status.
    const known = count > items.length || items.length < limit;
    return known && items.length ? countStatus(count) : '';
  }
  const {pages} = paginationModel(page, limit, count, items.length);
  const strings = stringsFor(lang);
  const shown = formatNumber(page, lang);
  return pages === null
    ? strings.pageLabel(shown)
    : strings.pageStatus(shown, formatNumber(pages, lang));
}
