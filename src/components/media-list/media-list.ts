import {
  html,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import type {ListMediaParams, Media} from '../../client/index.js';
import {PageChangeEvent} from '../../events/page-change.js';
import {AppendPagesController} from '../controllers/append-pages.js';
import {NearViewController} from '../controllers/near-view.js';
import {ShelfScrollController} from '../controllers/shelf-scroll.js';
import {forcedColorStyles, hostStyles} from '../shared/host-styles.js';
import {formatNumber} from '../shared/format.js';
import {placeholderCount} from '../shared/pagination.js';
import {renderRovingList} from '../shared/page-query.js';
import {absoluteHref} from '../shared/href.js';
import {isHeadingLevel} from '../shared/catalog-element.js';
import {PagedCatalogElement, type PageQuery, type PageResult} from '../shared/paged-element.js';
import {itemList, syncStructuredData} from '../shared/structured-data.js';
import {styles} from './media-list.styles.js';
import {CARD_PARTS, renderScrollButton, renderSkeletonItems} from './media-list.templates.js';

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const LAYOUTS = ['grid', 'shelf', 'rows'] as const;
const PAGINGS = ['pages', 'more', 'infinite'] as const;

/**
 * A page of a SmartSTREAM catalog as a responsive grid of `<ss-media-card>`s, fed by one list
 * request (no request per card), with pagination; or a scrolling shelf, or compact rows, that
 * append the next pages ("load more", infinite scroll).
 *
 * @summary A paginated grid, shelf or list of catalog videos.
 *
 * @fires {MediaSelectEvent} ss-media-select - A person activated a card. Detail `{media}`.
 * @fires {PageChangeEvent} ss-page-change - A person changed the page, or a page was appended. Detail `{page}`.
 * @fires {CatalogErrorEvent} ss-error - Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`).
 *
 * @csspart base - The wrapper of the list and its pagination.
 * @csspart list - The grid, the shelf's scrolling row, or the rows.
 * @csspart item - One grid cell, holding an `<ss-media-card>`.
 * @csspart pagination - The `<nav>` of page buttons.
 * @csspart page-button - A previous, next or page-number button.
 * @csspart more-button - The "Load more" button of `paging="more"` and `paging="infinite"`.
 * @csspart scroll-button - A shelf's previous or next button, shown when there is more that way.
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
 * @cssprop [--ss-shelf-card-width=240px] - Width of each card of `layout="shelf"`.
 * @cssprop [--ss-rows-poster-width=128px] - Width of the poster of `layout="rows"`.
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
      layout: {reflect: true},
      paging: {},
      lazy: {type: Boolean},
    };
  }

  private readonly _appended = new AppendPagesController<Media>(
    this,
    (page, signal) =>
      this._fetchList({...this._pageQuery(), page}, signal).then(({list}) => ({
        count: list.count,
        items: list.medias,
      })),
    (media) => media.id,
  );
  /** Loads the next page when the end of the list comes near (`infinite`, `shelf`). */
  private readonly _ahead = new NearViewController(this, () => void this._loadAhead());
  private readonly _shelf = new ShelfScrollController(this);
  private readonly _nearby = new NearViewController(this, () => {
    this._near = true;
    this._nearby.stop();
    this.requestUpdate();
  });
  /** A `lazy` list came near the viewport: it loads. */
  private _near = false;

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

  /**
   * `grid` (responsive columns), `shelf` (one row that scrolls sideways and loads the next
   * pages as it scrolls, whatever `paging` says) or `rows` (compact: poster beside the text).
   */
  layout: 'grid' | 'shelf' | 'rows' = 'grid';

  /**
   * How a person reaches the next pages: `pages` (page buttons), `more` (a "Load more" button
   * that appends the next page) or `infinite` (appends as the end comes into view; the button
   * stays for keyboard and screen-reader users). `page` stays the first page shown.
   */
  paging: 'pages' | 'more' | 'infinite' = 'pages';

  /** Waits to load until the list comes into the viewport (shelves far down a long page). */
  lazy = false;

  protected override get _deferred(): boolean {
    return this.lazy && !this._near;
  }

  protected override get _appends(): boolean {
    return this.layout === 'shelf' || this.paging !== 'pages';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: its observers stopped when it left; the next render starts them again.
    if (this.hasUpdated) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this._appended.sync(this._appends ? this._queryKey : '');
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    syncStructuredData(this, this.structuredData());
    const row =
      this.layout === 'shelf' ? this.renderRoot.querySelector<HTMLElement>('.list') : null;
    this._shelf.watch(this.state === 'ready' ? row : null);
    const auto = this.layout === 'shelf' || this.paging === 'infinite';
    const last = auto ? this.renderRoot.querySelector('.list > .item:last-of-type') : null;
    // A shelf loads one visible width ahead; a page, half a screen ahead.
    this._ahead.watch(last, row, row ? '0px 100%' : '0px 0px 50% 0px');
    if (this._deferred) this._nearby.watch(this, null, '0px');
  }

  /** The JSON-LD the list adds to its light DOM (a server render writes it out). */
  protected structuredData(): ReturnType<typeof itemList> | null {
    const medias = this._all();
    if (!medias.length || this.noStructuredData) return null;
    return itemList(medias, (this.page - 1) * this.limit + 1, (m) => absoluteHref(this.href, m));
  }

  protected override async fetchPage(
    query: PageQuery,
    signal: AbortSignal,
  ): Promise<PageResult<Media>> {
    const {client, key, list} = await this._fetchList(query, signal);
    if (!signal.aborted) this._follow(client, key, list);
    return {count: list.count, items: list.medias};
  }

  protected override _peekPage(query: PageQuery) {
    const list = this._resolveClient().peekMediaList(this._resolvedMerchant, this._params(query));
    return list && {count: list.count, items: list.medias};
  }

  /** One page of the list through the shared client, with the key it is cached under. */
  private async _fetchList(query: PageQuery, signal: AbortSignal) {
    const client = this._resolveClient();
    const params = this._params(query);
    const list = await client.listMedia(this._resolvedMerchant, params, {signal});
    return {client, key: client.cacheKey('listMedia', this._resolvedMerchant, params), list};
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
      if (!ID.test(trimmed)) throw this._invalid(attribute, {kind: 'id'});
      filters[key] = trimmed;
    }
    if (!isHeadingLevel(this.headingLevel)) throw this._invalidHeadingLevel();
    if (!LAYOUTS.includes(this.layout))
      throw this._invalid('layout', {kind: 'one-of', values: LAYOUTS});
    if (!PAGINGS.includes(this.paging))
      throw this._invalid('paging', {kind: 'one-of', values: PAGINGS});
    return {...query, ...filters};
  }

  protected override _filterValues(): readonly unknown[] {
    return [this.mediaGroupId, this.liveEventId, this.jobId];
  }

  protected override _checkedValues(): readonly unknown[] {
    return [this.headingLevel, this.layout, this.paging];
  }

  protected override _focusableItems(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('ss-media-card:not([skeleton])')];
  }

  protected override get _emptyMessage(): string {
    return this.page > 1 ? this._strings.emptyPage : this._strings.emptyList;
  }

  protected override get _defaultLabels() {
    return [this._strings.videosLabel, this._strings.pagination] as const;
  }

  protected override _countStatus(count: number): string {
    return this._strings.videoCount(count, formatNumber(count, this._uiLang));
  }

  /** The cards on screen: the task's page and the pages appended after it. */
  private _all(): Media[] {
    const first = this.loaded?.items ?? [];
    return this._appends ? [...first, ...this._appended.items] : [...first];
  }

  private _loadAhead(): Promise<void> | undefined {
    const loaded = this.loaded;
    if (!loaded || this._appended.error || this.state !== 'ready') return;
    if (!this._appended.hasNext(this.page, this.limit, loaded)) return;
    return this._more(false);
  }

  /**
   * Appends the next page. Asked by a person ("Load more", Retry), focus moves to the first
   * new card, or to the inline error when it failed; the status region says what came.
   */
  private async _more(byPerson: boolean): Promise<void> {
    const shown = this._all();
    if (byPerson) this._notePersonAction();
    const result = await this._appended.append(this.page, shown);
    await this.updateComplete;
    if (!result) {
      const error = this.renderRoot.querySelector<HTMLElement>('.more [part~="error"]');
      if (byPerson) (error?.querySelector('button') ?? error)?.focus();
      return;
    }
    const lang = this._uiLang;
    const {added, remaining} = result;
    const left = remaining === null ? null : formatNumber(remaining, lang);
    this._announce(this._strings.addedVideos(formatNumber(added, lang), left));
    this.dispatchEvent(new PageChangeEvent({page: result.page}));
    const card = this._focusableItems()[shown.length] as
      (HTMLElement & {updateComplete?: Promise<unknown>}) | undefined;
    if (byPerson && card) {
      await card.updateComplete;
      card.focus();
    }
    this._ahead.recheck();
  }

  protected override _renderPaging(): TemplateResult | typeof nothing {
    if (!this._appends) return super._renderPaging();
    const loaded = this.loaded;
    const shelf = this.layout === 'shelf';
    if (!loaded) {
      // Reserves the button's height, as the pagination does: nothing below jumps.
      return this.state === 'loading' && !shelf
        ? html`<div class="more" aria-hidden="true"></div>`
        : nothing;
    }
    const {error} = this._appended;
    if (error) {
      return html`<div class="more">${this._renderError(error, () => void this._more(true))}</div>`;
    }
    if (shelf || !this._appended.hasNext(this.page, this.limit, loaded)) return nothing;
    return html`<div class="more">
      <button type="button" part="more-button" @click=${() => void this._more(true)}>
        ${this._strings.loadMore}
      </button>
    </div>`;
  }

  private _renderCard(media: Media, tabIndex: number): TemplateResult {
    return html`<li class="item" part="item">
      <ss-media-card
        exportparts=${CARD_PARTS}
        .media=${media}
        href=${this.href ?? ''}
        lang=${this._uiLang}
        no-structured-data
        heading-level=${this.headingLevel ?? 3}
        .activatorTabIndex=${tabIndex}
        .deferRender=${true}
      ></ss-media-card>
    </li>`;
  }

  protected override _renderItems(): TemplateResult {
    const medias = this._all();
    // What a pending append will bring: up to a row of placeholders at the end.
    const placeholders = this._appended.pending ? Math.min(this.limit, 4) : 0;
    const list = renderRovingList(
      this._roving,
      this._listLabel,
      medias,
      (media, tabIndex) => this._renderCard(media, tabIndex),
      renderSkeletonItems(placeholders, this._uiLang),
      this.layout === 'shelf',
      this._shelf.measure,
    );
    if (this.layout !== 'shelf') return list;
    return html`<div class="shelf">
      ${renderScrollButton(this._shelf, this._strings, -1)}${list}${renderScrollButton(this._shelf, this._strings, 1)}
    </div>`;
  }

  protected override _renderSkeleton(): TemplateResult {
    const count = placeholderCount(this.limit, 100);
    const shelf = this.layout === 'shelf';
    // A shelf shows a few cards at a time: more placeholders would only weigh on the page.
    const list = html`<ul class="list" part="list" aria-hidden="true">
      ${renderSkeletonItems(shelf ? Math.min(count, 8) : count, this._uiLang)}
    </ul>`;
    return shelf ? html`<div class="shelf">${list}</div>` : list;
  }
}
