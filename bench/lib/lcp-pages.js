// The pages of the LCP part, and the recommended head the docs print: one CMS-like article
// (header, heading, a gallery of 12, a featured card by reference id, text, footer) as
//   floor   hand-written static HTML with the same text and poster <img>s, no script;
//   pasted  the CMS snippet as pasted: the CDN script and the elements, nothing else;
//   head    the same snippet with the recommended head (hints and the size reservation);
//   server  the same elements rendered in Node (smartstream-widgets/ssr), their snapshot
//           inline and the hydrating CDN file: posters in the HTML, no catalog request.
import {CatalogReader} from '../../dist/client/index.js';

export const MERCHANT = 'nttsmc';
export const LIMIT = 12;
export const FEATURED_REF_ID = 'tokyo-night-walk';

/** The list's own first request: what `<ss-media-list limit="12">` asks for. */
export function listUrl(apiBase, limit = LIMIT) {
  const client = new CatalogReader({apiBase});
  const path = client.cacheKey('listMedia', MERCHANT, {
    limit,
    page: 1,
    sort: 'updated_at',
    order: 'desc',
  });
  return client.apiBase + path;
}

/**
 * What an author pastes before the elements so nothing moves while the script loads. The
 * card is its poster (16:9 of its width) plus 190.25 px of text and borders; the
 * list is rows of such cards 16 px apart, plus its pagination (16 px margin, 40 px). Columns
 * follow the list's `minmax(240px, 1fr)`: the widths below are the list's, so for a list as
 * wide as the viewport less the page's 16 px padding, one column up to 527 px of viewport,
 * two to 783 px, three to 1039 px, four beyond (at most 1100 px of list, as in the demo).
 * `--ss-list-reserve` is the author's: rows of the limit at that column count.
 */
export const RESERVE_CSS = `ss-media-card:not(:defined) {
  display: block;
  box-sizing: content-box;
  aspect-ratio: 16 / 9;
  padding-bottom: 190.25px;
}
ss-media-list:not(:defined) {
  display: block;
  --reserve-width: min(100vw - 32px, 1100px);
  --reserve-columns: 1;
  --reserve-rows: 12;
  min-height: calc(
    var(--reserve-rows) * ((var(--reserve-width) - (var(--reserve-columns) - 1) * 16px) / var(--reserve-columns) * 9 / 16 + 190.25px) +
      (var(--reserve-rows) - 1) * 16px + 56px
  );
}
@media (min-width: 528px) {
  ss-media-list:not(:defined) { --reserve-columns: 2; --reserve-rows: 6; }
}
@media (min-width: 784px) {
  ss-media-list:not(:defined) { --reserve-columns: 3; --reserve-rows: 4; }
}
@media (min-width: 1040px) {
  ss-media-list:not(:defined) { --reserve-columns: 4; --reserve-rows: 3; }
}`;

/** The card's own first request: what `<ss-media-card ref-id>` asks for. */
export function cardUrl(apiBase, refId = FEATURED_REF_ID) {
  const client = new CatalogReader({apiBase});
  return client.apiBase + client.cacheKey('getMedia', MERCHANT, {refId});
}

/**
 * The head the docs recommend: each element's first request preloaded (`crossorigin`: the
 * elements fetch in CORS mode without credentials, which a preload must match to be reused),
 * a connection opened to where the posters come from (no `crossorigin`: images are not CORS
 * requests), and the reservation above. The embed builder prints the same per element.
 */
export function recommendedHead({apiBase, posterOrigin, limit = LIMIT}) {
  const preload = (href) => `<link rel="preload" as="fetch" href="${href}" crossorigin />`;
  return [
    preload(listUrl(apiBase, limit)),
    preload(cardUrl(apiBase)),
    `<link rel="preconnect" href="${posterOrigin}" />`,
    `<style>\n${RESERVE_CSS}\n</style>`,
  ].join('\n');
}

const escape = (text) =>
  String(text ?? '').replace(
    /[&<>"]/g,
    (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c],
  );

function article({title, head = '', style = '', gallery, featured}) {
  return `<!doctype html>
<html lang="ja">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    ${head}
    <style>
      body { max-width: 1100px; margin: 0 auto; padding: 16px; font-family: system-ui, sans-serif; }
      ${style}
    </style>
  </head>
  <body>
    <header><p><strong>サンプルマガジン</strong></p></header>
    <main>
      <article>
        <h1>今週の動画</h1>
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading">新着動画</h2>
          ${gallery}
        </section>
        <section aria-labelledby="featured-heading">
          <h2 id="featured-heading">注目の動画</h2>
          <div style="max-width: 360px">${featured}</div>
        </section>
        <p>今週も新しい動画を追加しました。気になる動画をクリックして再生してください。</p>
      </article>
    </main>
    <footer><p><small>© サンプルマガジン</small></p></footer>
  </body>
</html>
`;
}

/** The elements' card, written by hand: the same text, the poster eager as any plain <img>. */
function staticCard(media) {
  const src = media.poster?.src ?? media.thumbnail?.src;
  const tags = media.tags.map((tag) => `<li class="tag">${escape(tag)}</li>`).join('');
  return `<article class="card">
  <div class="media">${src ? `<img class="poster" src="${escape(src)}" alt="" />` : ''}</div>
  <div class="body">
    <h3 class="title"><a href="/videos/${escape(media.id)}">${escape(media.name)}</a></h3>
    <p class="description">${escape(media.description)}</p>
    <ul class="tags">${tags}</ul>
    <p class="subtitles"></p>
  </div>
</article>`;
}

/** The card's own layout rules, so the floor lays out (and reserves) as the elements do. */
const FLOOR_CSS = `
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 240px), 1fr));
  gap: 16px; margin: 0; padding: 0; list-style: none; }
.card { display: flex; flex-direction: column; height: 100%; overflow: clip;
  border: 1px solid #d9dce3; border-radius: 10px; background: #fff; }
.media { aspect-ratio: 16 / 9; background: #f3f4f7; overflow: clip; }
.poster { display: block; width: 100%; height: 100%; object-fit: cover; }
.body { display: flex; flex-direction: column; gap: 6px; padding: 12px; font-size: 0.875rem; line-height: 1.4; }
.title { margin: 0; font-size: 1rem; height: 2.8em; overflow: clip; }
.title a { color: inherit; text-decoration: none; }
.description { margin: 0; color: #5b606b; height: 4.2em; overflow: clip; }
.tags { display: flex; gap: 4px; margin: 0; padding: 0; list-style: none; height: 1.6rem; overflow: clip; }
.tag { flex: none; padding: 1px 8px; border-radius: 999px; font-size: 0.75rem; line-height: 1.4rem; background: #f3f4f7; }
.subtitles { margin: 0; height: 1.4em; }
.pagination { display: flex; justify-content: center; gap: 6px; margin-top: 16px; min-height: 40px; }
`;

/** Between the two elements in one render, so the page can put each in its place. */
export const SERVER_SPLIT = '<!--ss-bench-split-->';

/**
 * The elements' markup, for the client-rendered pages and for `renderTags` (which renders the
 * gallery and the card in one pass: one snapshot for both).
 */
export function elementsMarkup(apiBase) {
  const attributes = `merchant="${MERCHANT}" api-base="${apiBase}"`;
  return {
    gallery: `<ss-media-list id="gallery" ${attributes} limit="${LIMIT}" label="新着動画"></ss-media-list>`,
    featured: `<ss-media-card id="featured" ${attributes} ref-id="${FEATURED_REF_ID}"
            ><a href="/videos/${FEATURED_REF_ID}">Tokyo Night Walk 東京夜散歩</a></ss-media-card
          >`,
  };
}

/**
 * The pages, keyed by variant. `medias` are the gallery's, `featured` the card's; `server` is
 * what `renderTags` made of `elementsMarkup` (html split at SERVER_SPLIT, and the snapshot).
 */
export function lcpPages({apiBase, cdnUrl, hydrateUrl, posterOrigin, medias, featured, server}) {
  const script = `<script type="module" src="${cdnUrl}"></script>`;
  const markup = elementsMarkup(apiBase);
  const elements = {gallery: `${script}\n          ${markup.gallery}`, featured: markup.featured};
  const [serverGallery, serverFeatured] = server.html.split(SERVER_SPLIT);
  const items = medias.map((media) => `<li>${staticCard(media)}</li>`).join('\n');
  return {
    floor: article({
      title: 'floor',
      style: FLOOR_CSS,
      gallery: `<ul id="gallery" class="gallery">${items}</ul>
          <nav class="pagination"><button type="button">1</button><button type="button">2</button></nav>`,
      featured: `<div id="featured">${staticCard(featured)}</div>`,
    }),
    pasted: article({title: 'pasted', ...elements}),
    head: article({
      title: 'head',
      head: recommendedHead({apiBase, posterOrigin}),
      ...elements,
    }),
    // The snapshot before the script; no preload (nothing to fetch) and no reservation (the
    // HTML is the rendered size), but the posters' connection is still worth opening.
    server: article({
      title: 'server',
      head: `${server.snapshot}
    <script type="module" src="${hydrateUrl}"></script>
    <link rel="preconnect" href="${posterOrigin}" />`,
      gallery: serverGallery,
      featured: serverFeatured,
    }),
  };
}
