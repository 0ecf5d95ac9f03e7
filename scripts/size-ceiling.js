// The CDN file's gzip ceiling, enforced by scripts/check-package.js and written into
// docs/performance.md by bench/performance-doc.js. A raise is a new row saying what the bytes bought.

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
];

export const CDN_GZIP_CEILING = CEILING_RAISES.at(-1)[0];
