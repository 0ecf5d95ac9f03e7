// Generated from custom-elements.json by generate-vue-types.mjs. Do not edit.
// Types of the custom elements in Vue 3 templates, for vue-tsc and Vue - Official:
//   /// <reference types="smartstream-widgets/vue" />   (in an env.d.ts of the app)
import type {EmitFn, HTMLAttributes, PublicProps} from 'vue';
import type {CatalogErrorEvent, CatalogReader, MediaGroupSelectEvent, MediaInput, MediaSelectEvent, PageChangeEvent, SsCatalog, SsMediaCard, SsMediaGroupList, SsMediaList} from '../dist/index.js';

/**
 * A custom element as Vue templates see it: the element (for template refs), with `$props`
 * (attributes and properties, the global HTML attributes, `key`, `ref`, `class`, `style`)
 * and `$emit` (its events, by name). `$props` and `$emit` are not properties of the element.
 */
type VueCustomElement<Element extends HTMLElement, Props, Events extends Record<string, Event>> =
  new () => Element & {
    /** @deprecated For template type checking only: not a property of the element. */
    $props: Omit<HTMLAttributes, keyof Props> & Props & PublicProps;
    /** @deprecated For template type checking only: not a property of the element. */
    $emit: EmitFn<{[K in keyof Events]: (event: Events[K]) => void}>;
  };

/** Props of `<ss-catalog>`: its properties, and its attributes by camelized name. */
export type SsCatalogVueProps = {
  /**
   * Merchant id the descendants use unless they set their own.
   *
   * Attribute `merchant`.
   */
  merchant?: string | null;
  /**
   * Catalog origin (plus optional path prefix) the descendants use unless they set their own.
   *
   * Attribute `api-base`.
   */
  apiBase?: string | null;
  /**
   * UI language (`ja` or `en`) the descendants use unless they set their own.
   *
   * Attribute `lang`.
   */
  lang?: string;
};

/** Events of `<ss-catalog>`, by name (`@event="..."`). */
export type SsCatalogVueEvents = {
};

/** Props of `<ss-media-card>`: its properties, and its attributes by camelized name. */
export type SsMediaCardVueProps = {
  /**
   * Media id to load (`/medias/<media-id>`).
   *
   * Attribute `media-id`.
   */
  mediaId?: string | null;
  /**
   * Reference id to load instead (`/medias/ref:<ref-id>`).
   *
   * Attribute `ref-id`.
   */
  refId?: string | null;
  /**
   * A media object to render with no request (lists set this). Wins over `media-id`/`ref-id`.
   * A script's own object needs only an `id`: it is read like an API answer.
   *
   * Property only: bind it by this name.
   */
  media?: MediaInput | undefined;
  /**
   * URL template that makes the card a link, e.g. `/videos/{id}` or `/watch?ref={ref_id}`.
   * Placeholders take any media field, URL-encoded; only relative and http(s) results are used.
   *
   * Attribute `href`.
   */
  href?: string | null;
  /**
   * Leaves out the schema.org `VideoObject` JSON-LD the card otherwise adds to its light DOM.
   *
   * Attribute `no-structured-data`.
   */
  noStructuredData?: boolean;
  /**
   * Shows the loading skeleton and makes no request: lists use it while their page loads.
   *
   * Attribute `skeleton`.
   */
  skeleton?: boolean;
  /**
   * The poster is likely in the first screen: it loads at once, ahead of other images
   * (`loading="eager"`, `fetchpriority="high"`), rather than lazily. Lists set it on their first row.
   *
   * Attribute `priority`.
   */
  priority?: boolean;
  /**
   * Tab index of the card's link or button; lists use it for their roving tab stop.
   *
   * Property only: bind it by this name.
   */
  activatorTabIndex?: number | undefined;
  /**
   * The first render may wait for a later task when this one has rendered for a while, so a
   * slow phone stays responsive. Lists set it on their cards and hold their height meanwhile.
   *
   * Property only: bind it by this name.
   */
  deferRender?: boolean;
  /**
   * Level of the heading that holds the name, 1 to 6, to fit the page's outline.
   *
   * Attribute `heading-level`.
   */
  headingLevel?: number | null;
  /**
   * Merchant id; inherited from an enclosing `<ss-catalog>` when absent.
   *
   * Attribute `merchant`.
   */
  merchant?: string | null;
  /**
   * Origin (plus optional path prefix) serving the Catalog paths: the proxy, the mock or the API.
   *
   * Attribute `api-base`.
   */
  apiBase?: string | null;
  /**
   * UI language, `ja` or `en`; defaults to the nearest `lang` in the document, else `en`.
   *
   * Attribute `lang`.
   */
  lang?: string;
  /**
   * A `CatalogReader` (or `CatalogClient`) to use instead of the page-wide shared client for `api-base`.
   *
   * Property only: bind it by this name.
   */
  client?: CatalogReader | undefined;
};

/** Events of `<ss-media-card>`, by name (`@ss-media-select="..."`). */
export type SsMediaCardVueEvents = {
  /** A person activated the card (click, Enter). Detail `{media}`. Cancelable: cancelling stops a link card from navigating. Not fired for a Ctrl/Cmd/Shift/Alt-click on a link card, which is the browser's (new tab). */
  "ss-media-select": MediaSelectEvent;
  /** Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`). */
  "ss-error": CatalogErrorEvent;
};

/** Props of `<ss-media-group-list>`: its properties, and its attributes by camelized name. */
export type SsMediaGroupListVueProps = {
  /**
   * Id of the `<ss-media-list>` that choosing a group filters (sets its `media-group-id` and `page="1"`).
   *
   * Attribute `controls`.
   */
  controls?: string | null;
  /**
   * Id of the chosen group; taken from the controlled list when not set, and kept in step with its `media-group-id`.
   *
   * Attribute `selected-group-id`.
   */
  selectedGroupId?: string | null;
  /**
   * `list` (buttons that choose a group) or `shelves` (a heading and a scrolling shelf of
   * videos per group; each shelf loads its first page when it comes into view).
   *
   * Attribute `layout`.
   */
  layout?: 'list' | 'shelves';
  /**
   * With `layout="shelves"`: URL template for the cards, e.g. `/videos/{id}` (see `<ss-media-card href>`).
   *
   * Attribute `href`.
   */
  href?: string | null;
  /**
   * Records per page, 1 to 100.
   *
   * Attribute `limit`.
   */
  limit?: number;
  /**
   * Current page, from 1. Reflected; a person's change fires `ss-page-change`.
   *
   * Attribute `page`.
   */
  page?: number;
  /**
   * Sort column, e.g. `updated_at`, `created_at`, `name`.
   *
   * Attribute `sort`.
   */
  sort?: string;
  /**
   * Sort order, `asc` or `desc`.
   *
   * Attribute `order`.
   */
  order?: 'asc' | 'desc';
  /**
   * Names the list and its page navigation for assistive technology, e.g. `Dark theme videos`
   * (navigation: `Dark theme videos: pages`). Give each list its own when a page has several.
   *
   * Attribute `label`.
   */
  label?: string | null;
  /**
   * Merchant id; inherited from an enclosing `<ss-catalog>` when absent.
   *
   * Attribute `merchant`.
   */
  merchant?: string | null;
  /**
   * Origin (plus optional path prefix) serving the Catalog paths: the proxy, the mock or the API.
   *
   * Attribute `api-base`.
   */
  apiBase?: string | null;
  /**
   * UI language, `ja` or `en`; defaults to the nearest `lang` in the document, else `en`.
   *
   * Attribute `lang`.
   */
  lang?: string;
  /**
   * A `CatalogReader` (or `CatalogClient`) to use instead of the page-wide shared client for `api-base`.
   *
   * Property only: bind it by this name.
   */
  client?: CatalogReader | undefined;
};

/** Events of `<ss-media-group-list>`, by name (`@ss-media-group-select="..."`). */
export type SsMediaGroupListVueEvents = {
  /** A person activated a group. Detail `{group}`. Cancelable: cancelling leaves the controlled list as it is. */
  "ss-media-group-select": MediaGroupSelectEvent;
  /** A person changed the page. Detail `{page}`. */
  "ss-page-change": PageChangeEvent;
  /** Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`). */
  "ss-error": CatalogErrorEvent;
};

/** Props of `<ss-media-list>`: its properties, and its attributes by camelized name. */
export type SsMediaListVueProps = {
  /**
   * Only media of this media group.
   *
   * Attribute `media-group-id`.
   */
  mediaGroupId?: string | null;
  /**
   * Only media of this live event.
   *
   * Attribute `live-event-id`.
   */
  liveEventId?: string | null;
  /**
   * Only media of this job.
   *
   * Attribute `job-id`.
   */
  jobId?: string | null;
  /**
   * URL template for the cards, e.g. `/videos/{id}`: see `<ss-media-card href>`.
   *
   * Attribute `href`.
   */
  href?: string | null;
  /**
   * Leaves out the schema.org `ItemList` JSON-LD the list otherwise adds to its light DOM.
   *
   * Attribute `no-structured-data`.
   */
  noStructuredData?: boolean;
  /**
   * Level of the cards' headings, 1 to 6: see `<ss-media-card heading-level>`.
   *
   * Attribute `heading-level`.
   */
  headingLevel?: number | null;
  /**
   * `grid` (responsive columns), `shelf` (one row that scrolls sideways and loads the next
   * pages as it scrolls, whatever `paging` says) or `rows` (compact: poster beside the text).
   *
   * Attribute `layout`.
   */
  layout?: 'grid' | 'shelf' | 'rows';
  /**
   * How a person reaches the next pages: `pages` (page buttons), `more` (a "Load more" button
   * that appends the next page) or `infinite` (appends as the end comes into view; the button
   * stays for keyboard and screen-reader users). `page` stays the first page shown.
   *
   * Attribute `paging`.
   */
  paging?: 'pages' | 'more' | 'infinite';
  /**
   * Waits to load until the list comes into the viewport (shelves far down a long page).
   *
   * Attribute `lazy`.
   */
  lazy?: boolean;
  /**
   * Records per page, 1 to 100.
   *
   * Attribute `limit`.
   */
  limit?: number;
  /**
   * Current page, from 1. Reflected; a person's change fires `ss-page-change`.
   *
   * Attribute `page`.
   */
  page?: number;
  /**
   * Sort column, e.g. `updated_at`, `created_at`, `name`.
   *
   * Attribute `sort`.
   */
  sort?: string;
  /**
   * Sort order, `asc` or `desc`.
   *
   * Attribute `order`.
   */
  order?: 'asc' | 'desc';
  /**
   * Names the list and its page navigation for assistive technology, e.g. `Dark theme videos`
   * (navigation: `Dark theme videos: pages`). Give each list its own when a page has several.
   *
   * Attribute `label`.
   */
  label?: string | null;
  /**
   * Merchant id; inherited from an enclosing `<ss-catalog>` when absent.
   *
   * Attribute `merchant`.
   */
  merchant?: string | null;
  /**
   * Origin (plus optional path prefix) serving the Catalog paths: the proxy, the mock or the API.
   *
   * Attribute `api-base`.
   */
  apiBase?: string | null;
  /**
   * UI language, `ja` or `en`; defaults to the nearest `lang` in the document, else `en`.
   *
   * Attribute `lang`.
   */
  lang?: string;
  /**
   * A `CatalogReader` (or `CatalogClient`) to use instead of the page-wide shared client for `api-base`.
   *
   * Property only: bind it by this name.
   */
  client?: CatalogReader | undefined;
};

/** Events of `<ss-media-list>`, by name (`@ss-media-select="..."`). */
export type SsMediaListVueEvents = {
  /** A person activated a card. Detail `{media}`. */
  "ss-media-select": MediaSelectEvent;
  /** A person changed the page, or a page was appended. Detail `{page}`. */
  "ss-page-change": PageChangeEvent;
  /** Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`). */
  "ss-error": CatalogErrorEvent;
};

declare module 'vue' {
  interface GlobalComponents {
    /** Shares catalog settings with the elements inside it. */
    "ss-catalog": VueCustomElement<SsCatalog, SsCatalogVueProps, SsCatalogVueEvents>;
    /** A video card for a SmartSTREAM catalog media. */
    "ss-media-card": VueCustomElement<SsMediaCard, SsMediaCardVueProps, SsMediaCardVueEvents>;
    /** A paginated list of catalog media groups that can drive an `<ss-media-list>`, or a shelf per group. */
    "ss-media-group-list": VueCustomElement<SsMediaGroupList, SsMediaGroupListVueProps, SsMediaGroupListVueEvents>;
    /** A paginated grid, shelf or list of catalog videos. */
    "ss-media-list": VueCustomElement<SsMediaList, SsMediaListVueProps, SsMediaListVueEvents>;
  }
}
