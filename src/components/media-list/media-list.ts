import {html, type PropertyDeclarations, type PropertyValues, type TemplateResult} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import type {ListMediaParams, Media} from '../../client/index.js';
import {forcedColorStyles, hostStyles} from '../shared/host-styles.js';
import {formatNumber} from '../shared/format.js';
import {expandHref} from '../shared/href.js';
import {baseURI} from '../shared/server-document.js';
import {isHeadingLevel} from '../shared/catalog-element.js';
import {PagedCatalogElement, type PageQuery, type PageResult} from '../shared/paged-element.js';
import {itemList, syncStructuredData} from '../shared/structured-data.js';
import {styles} from './media-list.styles.js';

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Every part of the cards, re-exported as `card-<part>` so one rule on the list themes them. */
const CARD_PARTS = [
  'base',
  'poster',
  'title',
  'duration',
  'badge',
  'description',
  'tags',
  'tag',
  'subtitles',
  'error',
]
  .map((part) => `${part}:card-${part}`)
  .join(',');

/**
 * A page of a SmartSTREAM catalog as a responsive grid of `<ss-media-card>`s, fed by one list
 * request (no request per card), with pagination.
 *
 * @summary A paginated grid of catalog videos.
 *
 * @fires {MediaSelectEvent} ss-media-select - A person activated a card. Detail `{media}`.
 * @fires {PageChangeEvent} ss-page-change - A person changed the page. Detail `{page}`.
 * @fires {CatalogErrorEvent} ss-error - Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`).
 *
 * @csspart base - The wrapper of the list and its pagination.
 * @csspart list - The grid.
 * @csspart item - One grid cell, holding an `<ss-media-card>`.
 * @csspart pagination - The `<nav>` of page buttons.
 * @csspart page-button - A previous, next or page-number button.
 * @csspart error - The error message.
 * @csspart card-base - Each card's frame (`<ss-media-card>`'s `base`). Every `card-` part is the cards' part of the same name.
 * @csspart card-poster - Each card's poster image or placeholder.
 * @csspart card-title - Each card's name.
 * @csspart card-duration - Each card's duration badge.
 * @csspart card-badge - Each card's LIVE badge.
 * @csspart card-description - Each card's description.
 * @csspart card-tags - Each card's list of tags.
 * @csspart card-tag - One tag of a card.
 * @csspart card-subtitles - Each card's subtitle and caption languages.
 * @csspart card-error - A card's error message.
 *
 * @cssprop [--ss-list-columns=auto-fill] - Number of columns, e.g. `3` (`limit="6"` then fills two rows); `auto-fill` fits as many as `--ss-list-min-column-width` allows.
 * @cssprop [--ss-list-min-column-width=240px] - Narrowest a grid column gets before the grid drops a column.
 * @cssprop [--ss-list-gap=var(--ss-gap)] - Gap between cards.
 * @cssprop [--ss-gap=16px] - System token: spacing.
 */
export class SsMediaList extends PagedCatalogElement<Media> {
  static override styles = [hostStyles, styles, forcedColorStyles];
  static override get properties(): PropertyDeclarations {
    return {
      mediaGroupId: {attribute: 'media-group-id', reflect: true},
      liveEventId: {attribute: 'live-event-id', reflect: true},
      jobId: {attribute: 'job-id', reflect: true},
      href: {},
      noStructuredData: {type: Boolean, attribute: 'no-structured-data'},
      headingLevel: {type: Number, attribute: 'heading-level'},
    };
  }

  /** Only media of this media group. */
  mediaGroupId: string | null = null;

  /** Only media of this live event. */
  liveEventId: string | null = null;

  /** Only media of this job. */
  jobId: string | null = null;

  /** URL template for the cards, e.g. `/videos/{id}`: see `<ss-media-card href>`. */
  href: string | null = null;

  /** Leaves out the schema.org `ItemList` JSON-LD the list otherwise adds to its light DOM. */
  noStructuredData = false;

  /** Level of the cards' headings, 1 to 6: see `<ss-media-card heading-level>`. */
  headingLevel: number | null = 3;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    syncStructuredData(this, this.structuredData());
  }

  /** The JSON-LD the list adds to its light DOM (a server render writes it out). */
  protected structuredData(): ReturnType<typeof itemList> | null {
    const medias = this.loaded?.items;
    if (!medias?.length || this.noStructuredData) return null;
    return itemList([...medias], (this.page - 1) * this.limit + 1, (m) => this._cardHref(m));
  }

  protected override async fetchPage(
    query: PageQuery,
    signal: AbortSignal,
  ): Promise<PageResult<Media>> {
    const client = this.resolveClient();
    const params = this._params(query);
    const list = await client.listMedia(this.resolvedMerchant, params, {signal});
    if (!signal.aborted) {
      this.follow(client, client.cacheKey('listMedia', this.resolvedMerchant, params), list);
    }
    return {count: list.count, items: list.medias};
  }

  protected override peekPage(query: PageQuery) {
    const list = this.resolveClient().peekMediaList(this.resolvedMerchant, this._params(query));
    return list && {count: list.count, items: list.medias};
  }

  /** The paging query with the filter attributes; throws an `AttributeError` for a bad one. */
  private _params(query: PageQuery): ListMediaParams {
    const filters: Pick<ListMediaParams, 'mediaGroupId' | 'liveEventId' | 'jobId'> = {};
    for (const [attribute, key, value] of [
      ['media-group-id', 'mediaGroupId', this.mediaGroupId],
      ['live-event-id', 'liveEventId', this.liveEventId],
      ['job-id', 'jobId', this.jobId],
    ] as const) {
      const trimmed = value?.trim();
      if (!trimmed) continue;
      if (!ID.test(trimmed)) throw this.invalid(attribute, {kind: 'id'});
      filters[key] = trimmed;
    }
    if (!isHeadingLevel(this.headingLevel)) throw this.invalidHeadingLevel();
    return {...query, ...filters};
  }

  protected override filterValues(): readonly unknown[] {
    return [this.mediaGroupId, this.liveEventId, this.jobId];
  }

  protected override checkedValues(): readonly unknown[] {
    return [this.headingLevel];
  }

  protected override focusableItems(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('ss-media-card')];
  }

  protected override get emptyMessage(): string {
    return this.page > 1 ? this.strings.emptyPage : this.strings.emptyList;
  }

  protected override get defaultLabels() {
    return [this.strings.videosLabel, this.strings.pagination] as const;
  }

  protected override countStatus(count: number): string {
    return this.strings.videoCount(count, formatNumber(count, this.uiLang));
  }

  /** Absolute, for the JSON-LD. */
  private _cardHref(media: Media): string | null {
    const href = this.href ? expandHref(this.href, media, baseURI()) : null;
    return href && new URL(href, baseURI()).href;
  }

  protected override renderItems(medias: readonly Media[]): TemplateResult {
    return html`<ul
      class="list"
      part="list"
      aria-label=${this.listLabel}
      @keydown=${this.roving.onKeyDown}
      @focusin=${this.roving.onFocusIn}
    >
      ${repeat(
        medias,
        (media) => media.id,
        (media, i) =>
          html`<li class="item" part="item">
            <ss-media-card
              exportparts=${CARD_PARTS}
              .media=${media}
              href=${this.href ?? ''}
              lang=${this.uiLang}
              no-structured-data
              heading-level=${this.headingLevel ?? 3}
              .activatorTabIndex=${this.roving.tabIndexFor(i, medias.length)}
            ></ss-media-card>
          </li>`,
      )}
    </ul>`;
  }

  protected override renderSkeleton(): TemplateResult {
    const count = Number.isInteger(this.limit) ? Math.min(Math.max(this.limit, 1), 100) : 1;
    return html`<ul class="list" part="list" aria-hidden="true">
      ${Array.from({length: count}, () => html`<li class="item" part="item"><ss-media-card exportparts=${CARD_PARTS} lang=${this.uiLang} skeleton></ss-media-card></li>`)}
    </ul>`;
  }
}
