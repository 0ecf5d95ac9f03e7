// The "What each part measures" section of docs/performance.md (bench/performance-doc.js).
export const PARTS_DOC = `- **Bytes.** The CDN file as built, and each \`dist/ss-*.js\` bundled alone with Lit the way
  \`rollup.config.mjs\` bundles the CDN file (node-resolve, terser; the build has minified our
  html/css templates in dist/ already); gzip -9 and brotli -11. Baselines are bundled the
  same way: a one-line Lit element (the floor Lit sets), \`@justinribeiro/lite-youtube\`,
  \`media-chrome\` and \`@mux/mux-player\`. Ratios use gzip. Most of each element's bytes
  beyond Lit are the shared client.
- **Requests.** A page with a group list, a list of 30, 30 cards of that list's media by id and
  3 cards by ref id (of media on that list), all mounted at once, counted by the mock (catalog
  routes only, not posters); with the page-wide shared client (median of 7 cold visits) and with
  a \`cache: false\` client injected into every element. "Cards mounted after the list" adds the
  cards once the list has loaded. The second visit, 2 s later (within the 60 s TTL), is either
  the same document re-mounting its elements (an in-app navigation) or a full reload, which
  starts a new document and so a new client.
- **Render.** From data in memory (the shared client's cache primed, no request made) to the
  end of the first frame that shows it, for \`<ss-media-list>\` with 30 and 100 items, 1,000
  \`<ss-media-card>\`s fed by \`media\` (the list takes at most 100 per page), and a click on "Next"
  answered from the cache. The baseline is a hand-written vanilla DOM gallery
  (\`bench/pages/vanilla-gallery.js\`) that writes the same markup, shadow roots and stylesheets;
  the run checks that the markup is identical. Medians after warm-up runs, the two
  implementations alternating. Expect ratios to move by about ±0.2 between runs.
- **Layout shift.** The Layout Instability API while \`demo/index.html\` loads at 1280×900, with
  catalog answers delayed 300 ms and every poster delayed 1.5 s by the mock's \`slow\` fault;
  median of 5 runs. CLS is the web-vitals figure (largest session window). "Shifts after the
  data" counts only shifts after every element has its data, i.e. those the posters cause.
  Baseline: the same page with \`--ss-card-poster-aspect-ratio: auto\`, so posters have no
  reserved size.
- **Memory.** V8 heap (DevTools protocol, after a forced full GC) while 1,000
  \`<ss-media-card media-id>\` are mounted and after they are removed, ten rounds. Growth per round
  is the trend of rounds 2–10; round 1 pays one-time costs. The vanilla cards are the baseline.
  DOM memory is not in the JS heap.
- **Proxy.** autocannon (20 connections, 8 s after 2 s of warm-up) against the proxy answering
  one media from its cache (\`startProxyServer\`, so through \`proxy.answer\`; the fetch handler
  that edge runtimes call is not measured), and against a bare Node \`http\` server replaying the same status,
  headers and body, both in a child process; the proxy sits in front of the mock with auth and
  the API's 50 requests a minute. Then a mixed run over 200 keys (media by id, media and group
  list pages) counts the requests that reach the mock.
- **Loading on a slow phone.** Above: the article as the static floor, as pasted and with the
  recommended head, cold, slow 4G and 4× CPU, at 412 px and 1280 px; medians of 5 loads each.
`;
