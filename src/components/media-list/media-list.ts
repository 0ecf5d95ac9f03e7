import {Task, TaskStatus} from '@lit/task';
import {html, type PropertyValues, type TemplateResult} from 'lit';
import {property} from 'lit/decorators.js';
import {repeat} from 'lit/directives/repeat.js';
import type {CatalogClient, ListMediaParams, Media, MediaList} from '../../client/index.js';
import {hostStyles} from '../shared/host-styles.js';
import {expandHref} from '../shared/href.js';
import {PagedCatalogElement} from '../shared/paged-element.js';
import {RovingFocusController} from '../shared/roving-focus.js';
import {itemList, syncStructuredData} from '../shared/structured-data.js';
import {styles} from './media-list.styles.js';

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;

type ListRequest = {client: CatalogClient; merchant: string; params: ListMediaParams};

/**
 * A page of a SmartSTREAM catalog as a responsive grid of `<ss-media-card>`s, fed by one list
 * request (no request per card), with pagination.
 *
 * @summary A paginated grid of catalog videos.
 *
 * @fires ss-media-select - A person activated a card. Detail `{media}`.
 * @fires ss-page-change - A person changed the page. Detail `{page}`.
 * @fires ss-error - Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`).
 *
 * @csspart base - The wrapper of the list and its pagination.
 * @csspart list - The grid.
 * @csspart item - One grid cell, holding an `<ss-media-card>`.
 * @csspart pagination - The `<nav>` of page buttons.
 * @csspart page-button - A previous, next or page-number button.
 * @csspart error - The error message.
 *
 * @cssprop --ss-list-min-column-width - Narrowest a grid column gets before the grid drops a column (240px).
 * @cssprop --ss-list-gap - Gap between cards. Falls back to `--ss-gap` (16px).
 * @cssprop --ss-gap - System token: spacing.
 */
export class SsMediaList extends PagedCatalogElement {
  static override styles = [hostStyles, styles];

  private readonly roving = new RovingFocusController(this, () => [
    ...this.renderRoot.querySelectorAll<HTMLElement>('ss-media-card'),
  ]);

  /** Only media of this media group. */
  @property({attribute: 'media-group-id', reflect: true}) mediaGroupId: string | null = null;

  /** Only media of this live event. */
  @property({attribute: 'live-event-id', reflect: true}) liveEventId: string | null = null;

  /** Only media of this job. */
  @property({attribute: 'job-id', reflect: true}) jobId: string | null = null;

  /** URL template for the cards, e.g. `/videos/{id}`: see `<ss-media-card href>`. */
  @property() href: string | null = null;

  /** Leaves out the schema.org `ItemList` JSON-LD the list otherwise adds to its light DOM. */
  @property({type: Boolean, attribute: 'no-structured-data'}) noStructuredData = false;

  private readonly listTask = new Task(this, {
    task: async (_args, {signal}): Promise<MediaList> => {
      const request = this.listRequest();
      if (request instanceof Error) throw request;
      return request.client.listMedia(request.merchant, request.params, {signal});
    },
    // Primitives (and the client), so the task runs again only when one of them changes.
    args: () =>
      [
        this.resolvedMerchant,
        this.resolvedApiBase,
        this.client,
        this.limit,
        this.page,
        this.sort,
        this.order,
        this.mediaGroupId,
        this.liveEventId,
        this.jobId,
      ] as const,
  });

  private get result(): MediaList | undefined {
    return this.listTask.status === TaskStatus.COMPLETE ? this.listTask.value : undefined;
  }

  protected override get dataTask() {
    return this.listTask as Task<readonly unknown[], unknown>;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('page')) this.roving.reset();
  }

  protected override currentState() {
    if (this.listTask.status === TaskStatus.ERROR) {
      return {state: 'error', error: this.listTask.error} as const;
    }
    const result = this.result;
    if (!result) return {state: 'loading'} as const;
    return {state: result.medias.length ? 'ready' : 'empty'} as const;
  }

  protected override loadedPage() {
    const result = this.result;
    return result && {count: result.count, received: result.medias.length};
  }

  protected override queryKey(): string {
    const {resolvedMerchant, resolvedApiBase, limit, sort, order} = this;
    const {mediaGroupId, liveEventId, jobId} = this;
    return (
      JSON.stringify([resolvedMerchant, resolvedApiBase, limit, sort, order]) +
      JSON.stringify([mediaGroupId, liveEventId, jobId])
    );
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const medias = this.result?.medias;
    syncStructuredData(
      this,
      medias?.length && !this.noStructuredData
        ? itemList([...medias], (this.page - 1) * this.limit + 1, (media) => this.cardHref(media))
        : null,
    );
  }

  private listRequest(): ListRequest | Error {
    try {
      const query = this.pageQuery();
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
      const client = this.resolveClient();
      return {client, merchant: this.resolvedMerchant, params: {...query, ...filters}};
    } catch (error) {
      return error as Error;
    }
  }

  /** Absolute, for the JSON-LD. */
  private cardHref(media: Media): string | null {
    const href = this.href ? expandHref(this.href, media, document.baseURI) : null;
    return href && new URL(href, document.baseURI).href;
  }

  private renderCards(medias: readonly Media[]): TemplateResult {
    return html`<ul
      class="list"
      part="list"
      aria-label=${this.strings.videosLabel}
      @keydown=${this.roving.onKeyDown}
      @focusin=${this.roving.onFocusIn}
    >
      ${repeat(
        medias,
        (media) => media.id,
        (media, i) =>
          html`<li class="item" part="item">
            <ss-media-card
              .media=${media}
              href=${this.href ?? ''}
              lang=${this.uiLang}
              no-structured-data
              .activatorTabIndex=${this.roving.tabIndexFor(i, medias.length)}
            ></ss-media-card>
          </li>`,
      )}
    </ul>`;
  }

  private renderSkeleton(): TemplateResult {
    const count = Number.isInteger(this.limit) ? Math.min(Math.max(this.limit, 1), 100) : 1;
    return html`<ul class="list" part="list" aria-label=${this.strings.loading}>
      ${Array.from({length: count}, () => html`<li class="item" part="item"><ss-media-card lang=${this.uiLang} skeleton></ss-media-card></li>`)}
    </ul>`;
  }

  private renderBody(): TemplateResult {
    const result = this.result;
    if (this.state === 'error') {
      return this.renderError(this.listTask.error, () => void this.listTask.run());
    }
    if (!result) return this.renderSkeleton();
    if (result.medias.length === 0) {
      const strings = this.strings;
      return html`<p class="empty" role="status">
        ${this.page > 1 ? strings.emptyPage : strings.emptyList}
      </p>`;
    }
    return this.renderCards(result.medias);
  }

  override render() {
    return html`<div
      part="base"
      lang=${this.uiLang}
      aria-busy=${this.state === 'loading' ? 'true' : 'false'}
    >
      ${this.renderBody()} ${this.renderPages(this.strings.pagination)}
    </div>`;
  }
}
