import {
  html,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import type {MediaGroup} from '../../client/index.js';
import {MediaGroupSelectEvent} from '../../events/media-group-select.js';
import {formatNumber} from '../shared/format.js';
import {placeholderCount} from '../shared/pagination.js';
import {renderRovingList} from '../shared/page-query.js';
import {forcedColorStyles, hostStyles} from '../shared/host-styles.js';
import {PagedCatalogElement, type PageQuery, type PageResult} from '../shared/paged-element.js';
import {styles} from './media-group-list.styles.js';
import {renderShelfSkeletons, renderShelves, shelfStyles} from './media-group-shelves.js';

const LAYOUTS = ['list', 'shelves'] as const;

/**
 * The media groups (collections) of a SmartSTREAM catalog, paginated. With `controls`, choosing
 * a group filters the `<ss-media-list>` of that id, with no script on the page.
 *
 * With `layout="shelves"`, each group is a shelf instead: its name as a heading over a row of
 * its videos (`<ss-media-list layout="shelf">`) that loads when it comes into view.
 *
 * @summary A paginated list of catalog media groups that can drive an `<ss-media-list>`, or a shelf per group.
 *
 * @fires {MediaGroupSelectEvent} ss-media-group-select - A person activated a group. Detail `{group}`. Cancelable: cancelling leaves the controlled list as it is.
 * @fires {PageChangeEvent} ss-page-change - A person changed the page. Detail `{page}`.
 * @fires {CatalogErrorEvent} ss-error - Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`).
 *
 * @csspart base - The wrapper of the list and its pagination.
 * @csspart list - The list of groups.
 * @csspart item - One group's button.
 * @csspart all - The "All videos" button shown with `controls`, which clears the filter.
 * @csspart pagination - The `<nav>` of page buttons.
 * @csspart page-button - A previous, next or page-number button.
 * @csspart error - The error message.
 * @csspart shelf - With `layout="shelves"`: one group's section, its heading and its shelf.
 * @csspart shelf-heading - With `layout="shelves"`: a group's name above its shelf.
 * @csspart shelf-list - With `layout="shelves"`: a group's `<ss-media-list layout="shelf">` (its custom properties, such as `--ss-shelf-card-width`, inherit).
 *
 * @cssprop [--ss-group-list-min-column-width=200px] - Narrowest column before the list drops a column.
 * @cssprop [--ss-group-list-gap=8px] - Gap between groups.
 * @cssprop [--ss-group-min-height=64px] - Height reserved for one group.
 * @cssprop [--ss-group-background=var(--ss-color-surface)] - Group background.
 * @cssprop [--ss-group-border=1px solid var(--ss-color-border)] - Group border.
 * @cssprop [--ss-group-radius=var(--ss-radius)] - Group corner radius.
 */
export class SsMediaGroupList extends PagedCatalogElement<MediaGroup> {
  static override styles = [hostStyles, styles, shelfStyles, forcedColorStyles];
  static override get properties(): PropertyDeclarations {
    return {
      controls: {reflect: true},
      selectedGroupId: {attribute: 'selected-group-id', reflect: true},
      layout: {reflect: true},
      href: {},
    };
  }

  /** Id of the `<ss-media-list>` that choosing a group filters (sets its `media-group-id` and `page="1"`). */
  controls: string | null = null;

  /** Id of the chosen group; taken from the controlled list when not set, and kept in step with its `media-group-id`. */
  selectedGroupId: string | null = null;

  /**
   * `list` (buttons that choose a group) or `shelves` (a heading and a scrolling shelf of
   * videos per group; each shelf loads its first page when it comes into view).
   */
  layout: 'list' | 'shelves' = 'list';

  /** With `layout="shelves"`: URL template for the cards, e.g. `/videos/{id}` (see `<ss-media-card href>`). */
  href: string | null = null;

  /** The controlled list, watched so that a script's change of its filter shows here too. */
  private _watchedList?: Element;
  private readonly _listWatcher = new MutationObserver(() => {
    const id = this._watchedList?.getAttribute('media-group-id') ?? null;
    if (id !== this._selectedId) this.selectedGroupId = id;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: watch the controlled list again after the next render.
    if (this.controls) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._listWatcher.disconnect();
    this._watchedList = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const list = this._controlledList() ?? undefined;
    // Checked once the groups are there: a framework may render the list after this element.
    if (this.controls && !list && this.state !== 'loading') {
      this._warn(`controls="${this.controls}" names no element: give the <ss-media-list> that id.`);
    }
    if (list === this._watchedList) return;
    this._listWatcher.disconnect();
    this._watchedList = list;
    if (list) this._listWatcher.observe(list, {attributeFilter: ['media-group-id']});
  }

  protected override async fetchPage(
    query: PageQuery,
    signal: AbortSignal,
  ): Promise<PageResult<MediaGroup>> {
    if (!LAYOUTS.includes(this.layout)) {
      throw this._invalid('layout', {kind: 'one-of', values: LAYOUTS});
    }
    const client = this._resolveClient();
    const list = await client.listMediaGroups(this._resolvedMerchant, query, {signal});
    if (!signal.aborted) {
      this._follow(client, client.cacheKey('listMediaGroups', this._resolvedMerchant, query), list);
    }
    return {count: list.count, items: list.media_groups};
  }

  protected override _peekPage(query: PageQuery) {
    const list = this._resolveClient().peekMediaGroupList(this._resolvedMerchant, query);
    return list && {count: list.count, items: list.media_groups};
  }

  protected override _checkedValues(): readonly unknown[] {
    return [this.layout];
  }

  protected override _focusableItems(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.list .group')];
  }

  protected override get _emptyMessage(): string {
    return this._strings.emptyGroups;
  }

  protected override get _defaultLabels() {
    return [this._strings.groupsLabel, this._strings.groupPagination] as const;
  }

  protected override _countStatus(count: number): string {
    return this._strings.groupCount(count, formatNumber(count, this._uiLang));
  }

  /** The chosen group: `selected-group-id`, else the controlled list's `media-group-id`. */
  private get _selectedId(): string | null {
    return this.selectedGroupId ?? this._controlledList()?.getAttribute('media-group-id') ?? null;
  }

  private _controlledList(): Element | null {
    if (!this.controls) return null;
    const root = this.getRootNode() as Document | ShadowRoot;
    return root.getElementById?.(this.controls) ?? null;
  }

  private _choose(group: MediaGroup | null): void {
    if (group) {
      const event = new MediaGroupSelectEvent({group});
      this.dispatchEvent(event);
      if (event.defaultPrevented) return;
    }
    this.selectedGroupId = group?.id ?? null;
    const list = this._controlledList();
    if (!list) return;
    if (group) list.setAttribute('media-group-id', group.id);
    else list.removeAttribute('media-group-id');
    list.setAttribute('page', '1');
  }

  protected override _renderItems(groups: readonly MediaGroup[]): TemplateResult {
    if (this.layout === 'shelves') {
      const {_resolvedMerchant: merchant, _resolvedApiBase: apiBase, _uiLang: lang} = this;
      return renderShelves({merchant, apiBase, lang, client: this.client, href: this.href}, groups);
    }
    return renderRovingList(
      this._roving,
      this._listLabel,
      groups,
      (group, tabIndex) =>
        html`<li class="item">
          <button
            type="button"
            class="group"
            part="item"
            tabindex=${tabIndex}
            aria-pressed=${this._selectedId === group.id ? 'true' : 'false'}
            @click=${() => this._choose(group)}
          >
            <span class="name" dir="auto" title=${group.name || group.id}
              >${group.name || group.id}</span
            >
            ${
              group.description
                ? html`<span class="description" dir="auto">${group.description}</span>`
                : null
            }
          </button>
        </li>`,
    );
  }

  protected override _renderSkeleton(): TemplateResult {
    if (this.layout === 'shelves') return renderShelfSkeletons(this.limit);
    const count = placeholderCount(this.limit, 100);
    return html`<ul class="list" part="list" aria-hidden="true">
      ${Array.from({length: count}, () => html`<li class="item skeleton skeleton-group"></li>`)}
    </ul>`;
  }

  /** "All videos" needs no data: shown from the start, it does not push the list down later. */
  protected override _renderLead(): TemplateResult | typeof nothing {
    if (!this.controls || this.layout === 'shelves') return nothing;
    return html`<button
      type="button"
      class="group all"
      part="all"
      aria-pressed=${this._selectedId ? 'false' : 'true'}
      @click=${() => this._choose(null)}
    >
      <span class="name">${this._strings.allVideos}</span>
    </button>`;
  }
}
