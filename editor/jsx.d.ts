import type { SsCatalog, SsMediaCard, SsMediaGroupList, SsMediaList } from "../dist/index.js";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 */
export type ScopedElements<Prefix extends string = "", Suffix extends string = ""> = {
  [Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`]: CustomElements[Key];
};

import type {CSSProperties, HTMLAttributes, Key, Ref} from "react";

type BaseProps<E extends HTMLElement> = Omit<HTMLAttributes<E>, "style"> & {
  key?: Key | null;
  ref?: Ref<E>;
  /** React 19 passes `class` to custom elements as it is. */
  class?: string;
  /** Typed CSS properties, plus the elements' custom properties (`--ss-*`). */
  style?: CSSProperties & {[property: `--${string}`]: string | number};
  part?: string;
  exportparts?: string;
};

type BaseEvents = {};

export type SsCatalogProps = {
  /** Merchant id the descendants use unless they set their own. */
  merchant?: SsCatalog["merchant"];
  /** Catalog origin (plus optional path prefix) the descendants use unless they set their own. */
  "api-base"?: SsCatalog["apiBase"];
  /** UI language (`ja` or `en`) the descendants use unless they set their own. */
  lang?: SsCatalog["lang"];
};

export type SsMediaCardProps = {
  /** Media id to load (`/medias/<media-id>`). */
  "media-id"?: SsMediaCard["mediaId"];
  /** Reference id to load instead (`/medias/ref:<ref-id>`). */
  "ref-id"?: SsMediaCard["refId"];
  /** URL template that makes the card a link, e.g. `/videos/{id}` or `/watch?ref={ref_id}`.
Placeholders take any media field, URL-encoded; only relative and http(s) results are used. */
  href?: SsMediaCard["href"];
  /** Leaves out the schema.org `VideoObject` JSON-LD the card otherwise adds to its light DOM. */
  "no-structured-data"?: SsMediaCard["noStructuredData"];
  /** Shows the loading skeleton and makes no request: lists use it while their page loads. */
  skeleton?: SsMediaCard["skeleton"];
  /** The poster is likely in the first screen: it loads at once, ahead of other images
(`loading="eager"`, `fetchpriority="high"`), rather than lazily. Lists set it on their first row. */
  priority?: SsMediaCard["priority"];
  /** Level of the heading that holds the name, 1 to 6, to fit the page's outline. */
  "heading-level"?: SsMediaCard["headingLevel"];
  /** Merchant id; inherited from an enclosing `<ss-catalog>` when absent. */
  merchant?: SsMediaCard["merchant"];
  /** Origin (plus optional path prefix) serving the Catalog paths: the proxy, the mock or the API. */
  "api-base"?: SsMediaCard["apiBase"];
  /** UI language, `ja` or `en`; defaults to the nearest `lang` in the document, else `en`. */
  lang?: SsMediaCard["lang"];
  /** A media object to render with no request (lists set this). Wins over `media-id`/`ref-id`.
A script's own object needs only an `id`: it is read like an API answer. */
  media?: SsMediaCard["media"];
  /** Tab index of the card's link or button; lists use it for their roving tab stop. */
  activatorTabIndex?: SsMediaCard["activatorTabIndex"];
  /** The first render may wait for a later task when this one has rendered for a while, so a
slow phone stays responsive. Lists set it on their cards and hold their height meanwhile. */
  deferRender?: SsMediaCard["deferRender"];
  /** A `CatalogReader` (or `CatalogClient`) to use instead of the page-wide shared client for `api-base`. */
  client?: SsMediaCard["client"];
  /** A person activated the card (click, Enter). Detail `{media}`. Cancelable: cancelling stops a link card from navigating. Not fired for a Ctrl/Cmd/Shift/Alt-click on a link card, which is the browser's (new tab). */
  "onss-media-select"?: (e: CustomEvent<import("../dist/index.js").MediaSelectDetail>) => void;
  /** Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`). */
  "onss-error"?: (e: CustomEvent<import("../dist/index.js").ErrorEventDetail>) => void;
};

export type SsMediaGroupListProps = {
  /** Id of the `<ss-media-list>` that choosing a group filters (sets its `media-group-id` and `page="1"`). */
  controls?: SsMediaGroupList["controls"];
  /** Id of the chosen group; taken from the controlled list when not set, and kept in step with its `media-group-id`. */
  "selected-group-id"?: SsMediaGroupList["selectedGroupId"];
  /** `list` (buttons that choose a group) or `shelves` (a heading and a scrolling shelf of
videos per group; each shelf loads its first page when it comes into view). */
  layout?: SsMediaGroupList["layout"];
  /** With `layout="shelves"`: URL template for the cards, e.g. `/videos/{id}` (see `<ss-media-card href>`). */
  href?: SsMediaGroupList["href"];
  /** Records per page, 1 to 100. */
  limit?: SsMediaGroupList["limit"];
  /** Current page, from 1. Reflected; a person's change fires `ss-page-change`. */
  page?: SsMediaGroupList["page"];
  /** Sort column, e.g. `updated_at`, `created_at`, `name`. */
  sort?: SsMediaGroupList["sort"];
  /** Sort order, `asc` or `desc`. */
  order?: SsMediaGroupList["order"];
  /** Names the list and its page navigation for assistive technology, e.g. `Dark theme videos`
(navigation: `Dark theme videos: pages`). Give each list its own when a page has several. */
  label?: SsMediaGroupList["label"];
  /** Merchant id; inherited from an enclosing `<ss-catalog>` when absent. */
  merchant?: SsMediaGroupList["merchant"];
  /** Origin (plus optional path prefix) serving the Catalog paths: the proxy, the mock or the API. */
  "api-base"?: SsMediaGroupList["apiBase"];
  /** UI language, `ja` or `en`; defaults to the nearest `lang` in the document, else `en`. */
  lang?: SsMediaGroupList["lang"];
  /** A `CatalogReader` (or `CatalogClient`) to use instead of the page-wide shared client for `api-base`. */
  client?: SsMediaGroupList["client"];
  /** A person activated a group. Detail `{group}`. Cancelable: cancelling leaves the controlled list as it is. */
  "onss-media-group-select"?: (e: CustomEvent<import("../dist/index.js").MediaGroupSelectDetail>) => void;
  /** A person changed the page. Detail `{page}`. */
  "onss-page-change"?: (e: CustomEvent<import("../dist/index.js").PageChangeDetail>) => void;
  /** Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`). */
  "onss-error"?: (e: CustomEvent<import("../dist/index.js").ErrorEventDetail>) => void;
};

export type SsMediaListProps = {
  /** Only media of this media group. */
  "media-group-id"?: SsMediaList["mediaGroupId"];
  /** Only media of this live event. */
  "live-event-id"?: SsMediaList["liveEventId"];
  /** Only media of this job. */
  "job-id"?: SsMediaList["jobId"];
  /** URL template for the cards, e.g. `/videos/{id}`: see `<ss-media-card href>`. */
  href?: SsMediaList["href"];
  /** Leaves out the schema.org `ItemList` JSON-LD the list otherwise adds to its light DOM. */
  "no-structured-data"?: SsMediaList["noStructuredData"];
  /** Level of the cards' headings, 1 to 6: see `<ss-media-card heading-level>`. */
  "heading-level"?: SsMediaList["headingLevel"];
  /** `grid` (responsive columns), `shelf` (one row that scrolls sideways and loads the next
pages as it scrolls, whatever `paging` says) or `rows` (compact: poster beside the text). */
  layout?: SsMediaList["layout"];
  /** How a person reaches the next pages: `pages` (page buttons), `more` (a "Load more" button
that appends the next page) or `infinite` (appends as the end comes into view; the button
stays for keyboard and screen-reader users). `page` stays the first page shown. */
  paging?: SsMediaList["paging"];
  /** Waits to load until the list comes into the viewport (shelves far down a long page). */
  lazy?: SsMediaList["lazy"];
  /** Records per page, 1 to 100. */
  limit?: SsMediaList["limit"];
  /** Current page, from 1. Reflected; a person's change fires `ss-page-change`. */
  page?: SsMediaList["page"];
  /** Sort column, e.g. `updated_at`, `created_at`, `name`. */
  sort?: SsMediaList["sort"];
  /** Sort order, `asc` or `desc`. */
  order?: SsMediaList["order"];
  /** Names the list and its page navigation for assistive technology, e.g. `Dark theme videos`
(navigation: `Dark theme videos: pages`). Give each list its own when a page has several. */
  label?: SsMediaList["label"];
  /** Merchant id; inherited from an enclosing `<ss-catalog>` when absent. */
  merchant?: SsMediaList["merchant"];
  /** Origin (plus optional path prefix) serving the Catalog paths: the proxy, the mock or the API. */
  "api-base"?: SsMediaList["apiBase"];
  /** UI language, `ja` or `en`; defaults to the nearest `lang` in the document, else `en`. */
  lang?: SsMediaList["lang"];
  /** A `CatalogReader` (or `CatalogClient`) to use instead of the page-wide shared client for `api-base`. */
  client?: SsMediaList["client"];
  /** A person activated a card. Detail `{media}`. */
  "onss-media-select"?: (e: CustomEvent<import("../dist/index.js").MediaSelectDetail>) => void;
  /** A person changed the page, or a page was appended. Detail `{page}`. */
  "onss-page-change"?: (e: CustomEvent<import("../dist/index.js").PageChangeDetail>) => void;
  /** Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`). */
  "onss-error"?: (e: CustomEvent<import("../dist/index.js").ErrorEventDetail>) => void;
};

export type CustomElements = {
  /**
   * Optional wrapper: the catalog elements inside it inherit its `merchant`, `api-base` and
   * `lang`. A descendant's own attribute wins.
   * ---
   *
   *
   * ### **Slots:**
   *  - _default_ - Any content, including `<ss-media-card>`, `<ss-media-list>` and `<ss-media-group-list>`.
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper around the slot.
   */
  "ss-catalog": Partial<SsCatalogProps & BaseEvents> & BaseProps<SsCatalog>;

  /**
   * One video of a SmartSTREAM catalog: poster, duration or LIVE badge, name, description,
   * tags and subtitle languages. Loads by `media-id` or `ref-id`, or renders the `media`
   * property with no request.
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-media-select** - A person activated the card (click, Enter). Detail `{media}`. Cancelable: cancelling stops a link card from navigating. Not fired for a Ctrl/Cmd/Shift/Alt-click on a link card, which is the browser's (new tab).
   * - **ss-error** - Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`).
   *
   * ### **Methods:**
   *
   *
   *
   * - **focus(options: _FocusOptions_): _void_** - Focuses the card's link or button.
   *
   *
   *
   *
   *
   *
   *
   * ### **CSS Properties:**
   *  - **--ss-card-radius** - Corner radius of the card. _(default: var(--ss-radius))_
   * - **--ss-card-padding** - Padding of the text below the poster. _(default: 12px)_
   * - **--ss-card-background** - Card background. _(default: var(--ss-color-surface))_
   * - **--ss-card-border** - Card border. _(default: 1px solid var(--ss-color-border))_
   * - **--ss-card-shadow** - Card shadow. _(default: none)_
   * - **--ss-card-hover-shadow** - Shadow of an activatable card under the pointer. _(default: 0 4px 14px rgb(0 0 0 / 0.14))_
   * - **--ss-card-title-size** - Font size of the name. _(default: 1rem)_
   * - **--ss-card-text-size** - Font size of the description and details. _(default: 0.875rem)_
   * - **--ss-card-poster-aspect-ratio** - Aspect ratio reserved for the poster. _(default: 16 / 9)_
   * - **--ss-card-poster-background** - Background behind a loading or missing poster. _(default: var(--ss-color-raised))_
   * - **--ss-badge-background** - Duration badge background. _(default: rgb(0 0 0 / 0.78))_
   * - **--ss-badge-color** - Duration and LIVE badge text colour. _(default: #fff)_
   * - **--ss-live-background** - LIVE badge background. _(default: var(--ss-color-live))_
   * - **--ss-tag-background** - Tag background. _(default: var(--ss-color-raised))_
   * - **--ss-tag-color** - Tag text colour. _(default: var(--ss-color-text))_
   * - **--ss-font-family** - System token: the font of every element. _(default: system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Noto Sans JP', sans-serif)_
   * - **--ss-color-text** - System token: text colour. Dark scheme: `#eceef2`. _(default: #1b1d22)_
   * - **--ss-color-muted** - System token: secondary text colour. Dark scheme: `#a4a9b4`. _(default: #5b606b)_
   * - **--ss-color-surface** - System token: background of cards and controls. Dark scheme: `#17191d`. _(default: #ffffff)_
   * - **--ss-color-raised** - System token: background of placeholders and tags. Dark scheme: `#24272d`. _(default: #f3f4f7)_
   * - **--ss-color-border** - System token: borders. Dark scheme: `#343842`. _(default: #d9dce3)_
   * - **--ss-color-accent** - System token: the current page and selected items. Dark scheme: `#7aa2ff`. _(default: #1a56db)_
   * - **--ss-color-accent-text** - System token: text on the accent colour. Dark scheme: `#0d1220`. _(default: #ffffff)_
   * - **--ss-color-danger** - System token: error messages. Dark scheme: `#ff8a80`. _(default: #b42318)_
   * - **--ss-color-live** - System token: the LIVE badge. _(default: #d92d20)_
   * - **--ss-color-skeleton** - System token: loading placeholders. Dark scheme: `#2a2e35`. _(default: #e6e8ee)_
   * - **--ss-focus-ring-color** - System token: the focus outline. Dark scheme: `#7aa2ff`. _(default: #1a56db)_
   * - **--ss-radius** - System token: corner radius. _(default: 10px)_
   *
   * ### **CSS Parts:**
   *  - **base** - The card's frame.
   * - **poster** - The poster image, or its placeholder.
   * - **title** - The name.
   * - **duration** - The duration badge (`m:ss` or `h:mm:ss`).
   * - **badge** - The LIVE badge of live media.
   * - **description** - The description, clamped to three lines.
   * - **tags** - The list of tags.
   * - **tag** - One tag.
   * - **subtitles** - The subtitle and caption languages.
   * - **error** - The error message.
   */
  "ss-media-card": Partial<SsMediaCardProps & BaseEvents> & BaseProps<SsMediaCard>;

  /**
   * The media groups (collections) of a SmartSTREAM catalog, paginated. With `controls`, choosing
   * a group filters the `<ss-media-list>` of that id, with no script on the page.
   *
   * With `layout="shelves"`, each group is a shelf instead: its name as a heading over a row of
   * its videos (`<ss-media-list layout="shelf">`) that loads when it comes into view.
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-media-group-select** - A person activated a group. Detail `{group}`. Cancelable: cancelling leaves the controlled list as it is.
   * - **ss-page-change** - A person changed the page. Detail `{page}`.
   * - **ss-error** - Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`).
   *
   * ### **Methods:**
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   * ### **CSS Properties:**
   *  - **--ss-group-list-min-column-width** - Narrowest column before the list drops a column. _(default: 200px)_
   * - **--ss-group-list-gap** - Gap between groups. _(default: 8px)_
   * - **--ss-group-min-height** - Height reserved for one group. _(default: 64px)_
   * - **--ss-group-background** - Group background. _(default: var(--ss-color-surface))_
   * - **--ss-group-border** - Group border. _(default: 1px solid var(--ss-color-border))_
   * - **--ss-group-radius** - Group corner radius. _(default: var(--ss-radius))_
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper of the list and its pagination.
   * - **list** - The list of groups.
   * - **item** - One group's button.
   * - **all** - The "All videos" button shown with `controls`, which clears the filter.
   * - **pagination** - The `<nav>` of page buttons.
   * - **page-button** - A previous, next or page-number button.
   * - **error** - The error message.
   * - **shelf** - With `layout="shelves"`: one group's section, its heading and its shelf.
   * - **shelf-heading** - With `layout="shelves"`: a group's name above its shelf.
   * - **shelf-list** - With `layout="shelves"`: a group's `<ss-media-list layout="shelf">` (its custom properties, such as `--ss-shelf-card-width`, inherit).
   */
  "ss-media-group-list": Partial<SsMediaGroupListProps & BaseEvents> & BaseProps<SsMediaGroupList>;

  /**
   * A page of a SmartSTREAM catalog as a responsive grid of `<ss-media-card>`s, fed by one list
   * request (no request per card), with pagination; or a scrolling shelf, or compact rows, that
   * append the next pages ("load more", infinite scroll).
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-media-select** - A person activated a card. Detail `{media}`.
   * - **ss-page-change** - A person changed the page, or a page was appended. Detail `{page}`.
   * - **ss-error** - Loading failed or the attributes are invalid. Detail `{error}` (a `CatalogError`).
   *
   * ### **Methods:**
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   *
   * ### **CSS Properties:**
   *  - **--ss-list-columns** - Number of columns, e.g. `3` (`limit="6"` then fills two rows); `auto-fill` fits as many as `--ss-list-min-column-width` allows. _(default: auto-fill)_
   * - **--ss-list-min-column-width** - Narrowest a grid column gets before the grid drops a column. _(default: 240px)_
   * - **--ss-list-gap** - Gap between cards. _(default: var(--ss-gap))_
   * - **--ss-shelf-card-width** - Width of each card of `layout="shelf"`. _(default: 240px)_
   * - **--ss-rows-poster-width** - Width of the poster of `layout="rows"`. _(default: 128px)_
   * - **--ss-gap** - System token: spacing. _(default: 16px)_
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper of the list and its pagination.
   * - **list** - The grid, the shelf's scrolling row, or the rows.
   * - **item** - One grid cell, holding an `<ss-media-card>`.
   * - **pagination** - The `<nav>` of page buttons.
   * - **page-button** - A previous, next or page-number button.
   * - **more-button** - The "Load more" button of `paging="more"` and `paging="infinite"`.
   * - **scroll-button** - A shelf's previous or next button, shown when there is more that way.
   * - **error** - The error message.
   * - **card-base** - Each card's frame (`<ss-media-card>`'s `base`). Every `card-` part is the cards' part of the same name.
   * - **card-poster** - Each card's poster image or placeholder.
   * - **card-title** - Each card's name.
   * - **card-duration** - Each card's duration badge.
   * - **card-badge** - Each card's LIVE badge.
   * - **card-description** - Each card's description.
   * - **card-tags** - Each card's list of tags.
   * - **card-tag** - One tag of a card.
   * - **card-subtitles** - Each card's subtitle and caption languages.
   * - **card-error** - A card's error message.
   */
  "ss-media-list": Partial<SsMediaListProps & BaseEvents> & BaseProps<SsMediaList>;
};
