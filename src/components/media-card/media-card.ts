import {initialState, Task, TaskStatus} from '@lit/task';
import {html, isServer, noChange, type PropertyDeclarations, type PropertyValues} from 'lit';
import {CatalogError} from '../../client/errors.js';
import {normalizeMedia} from '../../client/normalize.js';
import type {CatalogReader} from '../../client/reader.js';
import type {Media, MediaInput, MediaSelector} from '../../client/types.js';
import {MediaSelectEvent} from '../../events/media-select.js';
import {CacheFollowController} from '../controllers/cache-follow.js';
import {CatalogElement, isHeadingLevel} from '../shared/catalog-element.js';
import {namesNeedIcu, prepareFormats} from '../shared/format.js';
import {forcedColorStyles, hostStyles} from '../shared/host-styles.js';
import {absoluteHref, cardHref} from '../shared/href.js';
import {beforeSlices, inSlice} from '../shared/render-slices.js';
import {baseURI, serverNeeds} from '../shared/server-document.js';
import {syncStructuredData, videoObject} from '../shared/structured-data.js';
import {
  cardVariant,
  renderFailure,
  renderPoster,
  renderSkeleton,
  madeOnce,
  renderTime,
  tagItems,
  trackText,
} from './media-card.render.js';
import {styles} from './media-card.styles.js';

export {isLive} from './media-card.render.js';

type Selection = {client: CatalogReader; merchant: string; selector: MediaSelector};

/**
 * Cards that load by id or ref id, connected in this task. A few ask at once, beside a list
 * in flight: a card the list does not bring is then ready a round trip sooner (measured on a
 * slow phone, docs/performance.md), at the cost of a request a caching proxy answers from its
 * cache. Many wait for the lists, which likely bring most of them.
 */
let loadingCards = 0;
const FEW_CARDS = 4;

/**
 * The language tags of a media's text tracks, read before the card normalizes it (a list's
 * `media`, a script's own object, or the card's own answer): whatever the shape, never throws.
 */
function trackLangs(media: unknown): string[] {
  const tracks = (media as {text_tracks?: unknown} | undefined)?.text_tracks;
  if (!Array.isArray(tracks)) return [];
  return tracks
    .map((track) => (track as {lang?: unknown} | null)?.lang)
    .filter((lang): lang is string => typeof lang === 'string');
}

/**
 * One video of a SmartSTREAM catalog: poster, duration or LIVE badge, name, description,
 * tags and subtitle languages. Loads by `media-id` or `ref-id`, or renders the `media`
 * property with no request.
 *
 * @summary A video card for a SmartSTREAM catalog media.
 *
 * @fires {MediaSelectEvent} ss-media-select - A person activated the card (click, Enter). Detail `{media}`. Cancelable: cancelling stops a link card from navigating. Not fired for a Ctrl/Cmd/Shift/Alt-click on a link card, which is the browser's (new tab).
 * @fires {CatalogErrorEvent} ss-error - Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`).
 *
 * @csspart base - The card's frame.
 * @csspart poster - The poster image, or its placeholder.
 * @csspart title - The name.
 * @csspart duration - The duration badge (`m:ss` or `h:mm:ss`).
 * @csspart badge - The LIVE badge of live media.
 * @csspart description - The description, clamped to three lines.
 * @csspart tags - The list of tags.
 * @csspart tag - One tag.
 * @csspart subtitles - The subtitle and caption languages.
 * @csspart error - The error message.
 *
 * @cssprop [--ss-card-radius=var(--ss-radius)] - Corner radius of the card.
 * @cssprop [--ss-card-padding=12px] - Padding of the text below the poster.
 * @cssprop [--ss-card-background=var(--ss-color-surface)] - Card background.
 * @cssprop [--ss-card-border=1px solid var(--ss-color-border)] - Card border.
 * @cssprop [--ss-card-shadow=none] - Card shadow.
 * @cssprop [--ss-card-hover-shadow=0 4px 14px rgb(0 0 0 / 0.14)] - Shadow of an activatable card under the pointer.
 * @cssprop [--ss-card-title-size=1rem] - Font size of the name.
 * @cssprop [--ss-card-text-size=0.875rem] - Font size of the description and details.
 * @cssprop [--ss-card-poster-aspect-ratio=16 / 9] - Aspect ratio reserved for the poster.
 * @cssprop [--ss-card-poster-background=var(--ss-color-raised)] - Background behind a loading or missing poster.
 * @cssprop [--ss-badge-background=rgb(0 0 0 / 0.78)] - Duration badge background.
 * @cssprop [--ss-badge-color=#fff] - Duration and LIVE badge text colour.
 * @cssprop [--ss-live-background=var(--ss-color-live)] - LIVE badge background.
 * @cssprop [--ss-tag-background=var(--ss-color-raised)] - Tag background.
 * @cssprop [--ss-tag-color=var(--ss-color-text)] - Tag text colour.
 * @cssprop [--ss-font-family=system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Noto Sans JP', sans-serif] - System token: the font of every element.
 * @cssprop [--ss-color-text=#1b1d22] - System token: text colour. Dark scheme: `#eceef2`.
 * @cssprop [--ss-color-muted=#5b606b] - System token: secondary text colour. Dark scheme: `#a4a9b4`.
 * @cssprop [--ss-color-surface=#ffffff] - System token: background of cards and controls. Dark scheme: `#17191d`.
 * @cssprop [--ss-color-raised=#f3f4f7] - System token: background of placeholders and tags. Dark scheme: `#24272d`.
 * @cssprop [--ss-color-border=#d9dce3] - System token: borders. Dark scheme: `#343842`.
 * @cssprop [--ss-color-accent=#1a56db] - System token: the current page and selected items. Dark scheme: `#7aa2ff`.
 * @cssprop [--ss-color-accent-text=#ffffff] - System token: text on the accent colour. Dark scheme: `#0d1220`.
 * @cssprop [--ss-color-danger=#b42318] - System token: error messages. Dark scheme: `#ff8a80`.
 * @cssprop [--ss-color-live=#d92d20] - System token: the LIVE badge.
 * @cssprop [--ss-color-skeleton=#e6e8ee] - System token: loading placeholders. Dark scheme: `#2a2e35`.
 * @cssprop [--ss-focus-ring-color=#1a56db] - System token: the focus outline. Dark scheme: `#7aa2ff`.
 * @cssprop [--ss-radius=10px] - System token: corner radius.
 */
export class SsMediaCard extends CatalogElement {
  static override styles = [hostStyles, styles, forcedColorStyles];
  static override shadowRootOptions = {...CatalogElement.shadowRootOptions, delegatesFocus: true};
  static override get properties(): PropertyDeclarations {
    return {
      // `attribute: false` is implied; the manifest analyzer needs it said.
      _loaded: {state: true, attribute: false},
      mediaId: {attribute: 'media-id', reflect: true},
      refId: {attribute: 'ref-id', reflect: true},
      media: {attribute: false},
      href: {},
      noStructuredData: {type: Boolean, attribute: 'no-structured-data'},
      skeleton: {type: Boolean, reflect: true},
      priority: {type: Boolean},
      activatorTabIndex: {attribute: false},
      deferRender: {attribute: false},
      headingLevel: {type: Number, attribute: 'heading-level'},
    };
  }

  private readonly _mediaTask = new Task(this, {
    task: async (_args, {signal}) => {
      const selection = this._selection();
      if (selection instanceof Error) throw selection;
      if (!selection) return initialState;
      const media = await selection.client.getMedia(selection.merchant, selection.selector, {
        signal,
        waitForLists: loadingCards > FEW_CARDS,
      });
      if (!signal.aborted) this._loaded = media;
      return media;
    },
    // Primitives (and the client), so the task runs again only when one of them changes.
    args: () =>
      [
        Boolean(this.media || this.skeleton),
        this._awaitingCatalog,
        this.mediaId,
        this.refId,
        this._resolvedMerchant,
        this._resolvedApiBase,
        this.client,
        this.headingLevel,
      ] as const,
  });

  /** The cache entry of the selected media; followed afresh when the card comes back. */
  private readonly _follower = new CacheFollowController(this, false);

  /** Media id to load (`/medias/<media-id>`). */
  mediaId: string | null = null;

  /** Reference id to load instead (`/medias/ref:<ref-id>`). */
  refId: string | null = null;

  /**
   * A media object to render with no request (lists set this). Wins over `media-id`/`ref-id`.
   * A script's own object needs only an `id`: it is read like an API answer.
   */
  media?: MediaInput;

  /**
   * URL template that makes the card a link, e.g. `/videos/{id}` or `/watch?ref={ref_id}`.
   * Placeholders take any media field, URL-encoded; only relative and http(s) results are used.
   */
  href: string | null = null;

  /** Leaves out the schema.org `VideoObject` JSON-LD the card otherwise adds to its light DOM. */
  noStructuredData = false;

  /** Shows the loading skeleton and makes no request: lists use it while their page loads. */
  skeleton = false;

  /**
   * The poster is likely in the first screen: it loads at once, ahead of other images
   * (`loading="eager"`, `fetchpriority="high"`), rather than lazily. Lists set it on their first row.
   */
  priority = false;

  /** Tab index of the card's link or button; lists use it for their roving tab stop. */
  activatorTabIndex?: number;

  /**
   * The first render may wait for a later task when this one has rendered for a while, so a
   * slow phone stays responsive. Lists set it on their cards and hold their height meanwhile.
   */
  deferRender = false;

  /** Level of the heading that holds the name, 1 to 6, to fit the page's outline. */
  headingLevel: number | null = 3;

  /** The media loaded by `media-id`/`ref-id`, kept current by the shared cache. */
  private _loaded?: Media;

  /**
   * What the media DOM shown was made from (media, language, heading level, href template,
   * priority, poster): while it stays equal, the card keeps its DOM. Unset while it shows
   * something else.
   */
  private _madeFrom?: unknown[];

  /** The card took over a server render: Lit's parts keep the server's DOM, as in any element. */
  private _hydrated?: boolean;

  /** Image URLs that failed to load here; made at the first one. */
  private _brokenImages?: Set<string>;

  /** The `media` property that `_normalizedMedia` was made from. */
  private _normalizedInput?: MediaInput;

  /**
   * The `media` property normalized once (settled in `willUpdate`), or why it cannot be shown.
   * The client's objects come normalized (and frozen); a script's own object is normalized
   * like an API answer (missing arrays empty, image paths absolute), and one with no id is a
   * `BAD_REQUEST` the card shows and reports.
   */
  private _normalizedMedia?: Media | CatalogError;

  /**
   * What the media DOM is made from, when the card shows media: the media, language, heading
   * level, href template, priority and poster (a poster that fails to load gives way to the
   * thumbnail, then to the placeholder).
   */
  private get _mediaKey(): unknown[] | undefined {
    const media = this.state === 'error' ? undefined : this._displayed;
    if (!media) return undefined;
    const src = [media.poster?.src, media.thumbnail?.src].find(
      (candidate) => candidate && !this._brokenImages?.has(candidate),
    );
    return [media, this._uiLang, this.headingLevel, this.href, this.priority, src];
  }

  private get _displayed(): Media | undefined {
    const media = this._normalizedMedia;
    return media instanceof CatalogError ? undefined : (media ?? this._loaded);
  }

  /** The error the card shows: its `media` property's, or its own request's. */
  private get _error(): unknown {
    const media = this._normalizedMedia;
    if (media instanceof CatalogError) return media;
    return !media && this._mediaTask.status === TaskStatus.ERROR
      ? this._mediaTask.error
      : undefined;
  }

  protected override get _dataTask() {
    return this._mediaTask as Task<readonly unknown[], unknown>;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!isServer && !this.media && (this.mediaId || this.refId) && !loadingCards++) {
      setTimeout(() => (loadingCards = 0));
    }
    // A card moved in the DOM gets its subscription back on the next update.
    this.requestUpdate();
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    // A list's card, or a card whose own media has just come, makes its media in a slice: after
    // the cards waiting before it (a gallery's first screen above it) and, if its languages
    // need it, after ICU's data.
    const sliced = this.hasUpdated
      ? this._loaded !== undefined && this._madeFrom === undefined && !this._hydrated
      : this.deferRender;
    if (!sliced || isServer) return super.scheduleUpdate();
    const lang = this._uiLang;
    if (namesNeedIcu(trackLangs(this.media ?? this._loaded))) {
      beforeSlices(`formats ${lang}`, () => prepareFormats(lang));
    }
    return inSlice(() => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Before Lit's first render the shadow root is empty, unless it came from the server.
    if (!isServer && !this.hasUpdated) this._hydrated = this.renderRoot.hasChildNodes();
    // Before the base class settles `state` (on the server) from what the cache holds.
    this._normalize();
    this._followCache();
    super.willUpdate(changed);
  }

  /** The card's DOM is made afresh for new media: focus on the old link goes to the new one. */
  protected override update(changed: PropertyValues<this>): void {
    const root = this.shadowRoot;
    const focused = root?.activeElement?.classList.contains('activator');
    super.update(changed);
    if (focused && !root!.activeElement) this.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this._madeFrom = this._hydrated ? undefined : this._mediaKey;
    // In place: a list moves its tab stop from card to card.
    const activator = this.renderRoot.querySelector<HTMLElement>('.activator');
    const tabIndex = this.activatorTabIndex ?? 0;
    if (activator && activator.tabIndex !== tabIndex) activator.tabIndex = tabIndex;
    syncStructuredData(this, this.structuredData());
  }

  protected override currentState() {
    const error = this._error;
    if (error) return {state: 'error', error} as const;
    return {state: this._displayed ? 'ready' : 'loading'} as const;
  }

  protected override async _firstFocusable(): Promise<HTMLElement | null> {
    await this.updateComplete;
    return this.renderRoot.querySelector<HTMLElement>('.activator');
  }

  /**
   * The card's clicks and poster failures, heard once on its shadow root: one listener
   * function for every card, where a listener per card and render would each hold a closure.
   */
  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    root.addEventListener('click', SsMediaCard._onRootClick as EventListener);
    // `error` does not bubble: heard on its way down.
    root.addEventListener('error', SsMediaCard._onRootError, true);
    return root;
  }

  private static _onRootClick(this: ShadowRoot, event: MouseEvent): void {
    const activator = (event.target as Element).closest('.activator');
    const card = this.host as SsMediaCard;
    const media = card._displayed;
    if (!activator || !media) return;
    // Ctrl/Cmd/Shift/Alt-click on a link opens a tab or window, or downloads: the browser's
    // business, which a page routing ss-media-select itself must not cancel.
    const modified = event.ctrlKey || event.metaKey || event.shiftKey || event.altKey;
    if (modified && activator instanceof HTMLAnchorElement) return;
    const selectEvent = new MediaSelectEvent({media});
    card.dispatchEvent(selectEvent);
    if (selectEvent.defaultPrevented) event.preventDefault();
  }

  private static _onRootError(this: ShadowRoot, event: Event): void {
    // The poster is the card's only image.
    const src = (event.target as Element).getAttribute('src');
    if (!src) return;
    const card = this.host as SsMediaCard;
    (card._brokenImages ??= new Set()).add(src);
    card.requestUpdate();
  }

  private _normalize(): void {
    const media = this.media;
    if (this._normalizedInput === media) return;
    let output: Media | CatalogError | undefined = media as Media | undefined;
    // The client's objects are frozen: already whole, normalized media.
    if (media && !Object.isFrozen(media)) {
      try {
        const base = new URL(this._resolvedApiBase || '/', baseURI()).origin;
        output = normalizeMedia(media, {assetBase: base, merchant: this._resolvedMerchant});
      } catch (error) {
        output = new CatalogError({
          status: 0,
          code: 'BAD_REQUEST',
          message: `The media property is not a media object: ${(error as Error).message}`,
        });
      }
    }
    this._normalizedInput = media;
    this._normalizedMedia = output;
  }

  /** Selection from the attributes: `null` when `media` is set, an `AttributeError` when incomplete. */
  private _selection(): Selection | null | Error {
    if (this.media || this.skeleton || this._awaitingCatalog) return null;
    try {
      const id = this.mediaId?.trim();
      const refId = this.refId?.trim();
      if (!id && !refId) throw this._missing('media-id', 'ref-id');
      if (!isHeadingLevel(this.headingLevel)) throw this._invalidHeadingLevel();
      const client = this._resolveClient();
      return {client, merchant: this._resolvedMerchant, selector: id ? {id} : {refId: refId!}};
    } catch (error) {
      return error as Error;
    }
  }

  /**
   * Follows the cache entry of the selected media, so a background refresh, a list that
   * brings a newer copy, or an edit re-renders the card. A new selection drops the old media
   * at once (showing the skeleton, or a cached copy) so another video never flashes in.
   */
  private _followCache(): void {
    const selection = this._selection();
    const valid = selection && !(selection instanceof Error) ? selection : null;
    const {client, merchant, selector} = valid ?? {};
    const key = valid ? `${merchant}\n${selector!.id ?? ''}\n${selector!.refId ?? ''}` : '';
    const subscribe =
      valid &&
      (() => client!.subscribeMedia(merchant!, selector!, SsMediaCard._cacheListener(this)));
    if (!this._follower.follow(client, key, subscribe || undefined)) return;
    this._loaded = valid ? client!.peekMedia(merchant!, selector!) : undefined;
    if (isServer && selection instanceof Error) serverNeeds(() => Promise.reject(selection));
    if (isServer && valid && !this._loaded)
      serverNeeds(() => valid.client.getMedia(valid.merchant, valid.selector));
  }

  /** The card's cache listener: a closure over the card alone, not over the update that made it. */
  private static _cacheListener(card: SsMediaCard) {
    return (media: Media | undefined) => {
      card._loaded = media;
      // Deleted or gone on the server: ask again, so the card says so rather than loading forever.
      if (!media) void card._mediaTask.run();
    };
  }

  /** The JSON-LD the card adds to its light DOM (a server render writes it out). */
  protected structuredData(): ReturnType<typeof videoObject> | null {
    const media = this.state === 'error' ? undefined : this._displayed;
    if (!media || this.noStructuredData) return null;
    return videoObject(media, absoluteHref(this.href, media));
  }

  /** Focuses the card's link or button. */
  override focus(options?: FocusOptions): void {
    const activator = this.renderRoot?.querySelector<HTMLElement>('.activator');
    if (activator) activator.focus(options);
    else super.focus(options);
  }

  private _renderMedia(media: Media, src: string | undefined) {
    const {_strings: strings, _uiLang: lang} = this;
    const href = cardHref(this.href, media);
    const tracks = trackText(media, strings, lang);
    // The name touches the tags: whitespace around it would be part of the button's text.
    // prettier-ignore
    const card = html`<article class="card activatable" part="base" lang=${lang}>
      <div class="media">
        ${renderPoster(src, this.priority)}${renderTime(media, strings)}
      </div>
      <div class="body">
        <h3 class="title" part="title" dir="auto"><a class="activator" href=${href ?? 'button'} tabindex=${this.activatorTabIndex ?? 0}>${media.name || strings.untitled}</a></h3>
        <p class="description" part="description" dir="auto">${media.description}</p>
        <ul
          class="tags"
          part="tags"
          aria-label=${strings.tagsLabel}
          ?hidden=${media.tags.length === 0}
        >
          ${tagItems(media.tags)}
        </ul>
        <div class="tags" ?hidden=${media.tags.length > 0}></div>
        <p class="subtitles" part="subtitles" title=${tracks}>${tracks}</p>
      </div>
    </article>`;
    return cardVariant(card, this.headingLevel, href !== null);
  }

  override render() {
    // The card's own request failed: that answer wins over a copy a list brought meanwhile
    // (a list may include media the API refuses one by one, such as region-blocked ones).
    if (this.state === 'error') {
      const error = this._renderError(this._error, () => void this._mediaTask.run());
      return renderFailure(this._uiLang, error);
    }
    const key = this._mediaKey;
    if (!key) return renderSkeleton(this._strings);
    const [media, , , , , src] = key as [Media, ...unknown[]];
    const template = () => this._renderMedia(media, src as string | undefined);
    if (isServer || this._hydrated) return template();
    // Compared as JSON: the client's media are plain data, and a list's refresh brings equal
    // media in new objects. The tab index is set in place (`updated`).
    const made = this._madeFrom;
    const same = (made?.[0] as Media | undefined)?.id === media.id;
    if (same && JSON.stringify(made) === JSON.stringify(key)) return noChange;
    return madeOnce(template(), this);
  }
}
