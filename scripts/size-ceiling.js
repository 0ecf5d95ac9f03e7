// The CDN file's gzip ceiling, enforced by scripts/check-package.js and written into
// docs/performance.md by bench/performance-doc.js. A raise is a new row saying what the bytes bought;
// a saving that brings the file back under an earlier ceiling is a row lowering it to that one.

/** Every ceiling in force so far: `[bytes, date, what the bytes bought]`; the last one holds. */
export const CEILING_RAISES = [
  [
    26_624,
    '2026-11',
    'keyboard and screen-reader fixes: labels, heading levels, focus after Retry and paging',
  ],
  [
    28_160,
    '2026-11-29',
    'errors classified by cause with ja/en hints, one console warning per problem, card parts re-exported by lists (issue 19; 26,418 → 27,820 B)',
  ],
  [
    28_672,
    '2026-11-29',
    "the first-row posters' loading priority (issue 18), no redirect followed (issue 13) and WebKit's no-image placeholder pinned to its box (issue 14): 27,820 → 28,162 B",
  ],
  [
    29_184,
    '2026-11-29',
    "server rendering (issue 20, docs/ssr.md): html templates left unminified so server output hydrates, lists read from the cache, the shared client primed from a server render's snapshot (+670 B)",
  ],
  [
    31_744,
    '2026-11-29',
    'the shelf and rows layouts, "Load more" and infinite paging, and lazy group shelves (issue 17, docs/layouts.md): 28,828 → 31,632 B',
  ],
  [
    32_256,
    '2026-11-29',
    'the redesign (issue 15): element behaviour in one reactive controller per concern, the client composed from transport, store, paths and options; minified 96,903 → 94,590 B but gzip 31,702 → 31,859 B (+157 B: code split across more classes repeats less); issue 15 stays open until both builds minify their html templates (measured −331 B)',
  ],
  [
    31_744,
    '2026-11-29',
    'html, svg and css templates minified once in dist/ after tsc (scripts/minify-templates.js), so the npm build, both CDN files and server renders carry the same strings and hydration still matches (issue 15): 31,859 → 31,553 B',
  ],
  [
    32_256,
    '2026-11-29',
    "a list's cards render in 30 ms slices of the main thread while each item keeps its skeleton's height, and a card's read goes out beside a list's rather than after the page's first task (issue 18): total blocking time of the 12-video gallery on the slow phone, measured side by side on a loaded machine, 559 → 347 ms at 412 px and 1,024 → 410 ms at 1280 px, CLS still 0: 31,553 → 32,031 B",
  ],
  [
    32_768,
    '2026-11-29',
    "cards at 1,946 B of JS heap each with 1,000 mounted (5,596 B before): a ready card keeps its DOM but not Lit's parts for it, tags are plain list items, one listener on the shadow root, the error report, focus keeping and online listener made at first need (issue 18, docs/architecture-elements.md): 32,031 → 32,590 B",
  ],
  [
    33_280,
    '2026-11-29',
    "a slow phone's first screen sooner (issue 18): the first page's posters start loading before it renders, chosen from where its skeletons were (a page from the cache gives priority to its first row only, where it had given it to every card); ICU's locale data loads in a task of its own and page numbers are grouped without it; a card whose own media comes renders after the list cards waiting before it; V8's compile hint at the top of the file; a card counts as in the first screen when a quarter of it shows. Total blocking time at 412 px, side by side with the session's start: 234 → 140 ms (floor 170), first-row posters painted 1,222 → 1,107 ms: 32,692 → 33,115 B",
  ],
  [
    33_792,
    '2026-11-29',
    'cards that name the 22 commonest subtitle languages (and `und`, which ICU calls `root`) and write their lists without ICU, as Intl.DisplayNames and Intl.ListFormat would (a test holds them to it), so a page whose cards have those languages loads no ICU data at all: the task of 35 to 65 ms at 4x that loaded it before the first cards is gone (issue 18). Side by side, 9 slow-phone loads each: LCP with the head 1,140 → 1,096 ms at 1280 px and 976 → 944 ms at 412 px, the featured card ready 951 → 729 ms: 33,108 → 33,628 B',
  ],
];

export const CDN_GZIP_CEILING = CEILING_RAISES.at(-1)[0];

/** What the hydrating variant (`smartstream-widgets.hydrate.min.js`) may add: Lit's hydration support, measured at 1,510 B. */
export const HYDRATE_EXTRA_GZIP_BYTES = 1_560;
