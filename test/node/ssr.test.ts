import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, it} from 'node:test';
import {html, LitElement} from 'lit';
import {CatalogReader} from '../../src/client/reader.js';
import {FIXTURE_IDS, MAIN_MERCHANT as M, startMockServer} from '../../src/mock/index.js';
import {renderTags} from '../../src/ssr/index.js';
import {HOSTILE_HREF_TEMPLATES, HOSTILE_NAME, HOSTILE_TEXT} from '../fixtures/hostile.js';

const PAGE = 'https://shop.example/videos/';
let server: Awaited<ReturnType<typeof startMockServer>>;

before(async () => {
  server = await startMockServer({port: 0, auth: false, rateLimit: 0, faults: true});
});
after(() => server.close());
beforeEach(() => server.catalog.reset());

function reader() {
  return new CatalogReader({apiBase: server.url, retry: false});
}

function render(markup: string, options: {timeoutMs?: number; lang?: string} = {}) {
  return renderTags(markup, {client: reader(), baseUrl: PAGE, lang: 'en', ...options});
}

/** The opening tag of the first `tag` in the light DOM of the output (its own attributes). */
function hostTag(html: string, tag: string): string {
  return html.match(new RegExp(`<${tag}\\b[^>]*>`))?.[0] ?? '';
}

/** Every JSON-LD script of the output, parsed. */
function jsonLd(html: string): Array<Record<string, unknown>> {
  return [...html.matchAll(/<script type="application\/ld\+json"[^>]*>([^<]*)<\/script>/g)].map(
    (match) => JSON.parse(match[1]!) as Record<string, unknown>,
  );
}

/** The snapshot's entries, by api-base. */
function snapshotOf(script: string): Record<string, Array<{key: string; storedAt: number}>> {
  const json = script.match(
    /^<script type="application\/json" id="ss-catalog-snapshot">(.*)<\/script>$/s,
  )?.[1];
  assert.ok(json, `not a snapshot script: ${script.slice(0, 80)}`);
  return JSON.parse(json) as Record<string, Array<{key: string; storedAt: number}>>;
}

async function rename(id: string, patch: Record<string, unknown>) {
  const response = await fetch(`${server.url}/v1/merchants/${M}/medias/${id}`, {
    method: 'PUT',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(patch),
  });
  assert.equal(response.status, 200, await response.text());
}

describe('renderTags', () => {
  it('renders a list from the catalog, with no document, state and JSON-LD included', async () => {
    assert.equal(typeof (globalThis as {document?: unknown}).document, 'undefined');
    const started = Date.now();
    const {html, snapshot, rendered} = await render(
      `<ss-media-list merchant="${M}" api-base="${server.url}" limit="12" href="/watch/{id}"></ss-media-list>`,
    );
    assert.equal(rendered, true);
    assert.match(hostTag(html, 'ss-media-list'), /state="ready"/);
    assert.equal(html.match(/<ss-media-card\b/g)?.length, 12);
    assert.equal(html.match(/<ss-media-card\b[^>]*state="ready"/g)?.length, 12);
    assert.match(html, /<template shadowroot="open" shadowrootmode="open">/);
    assert.match(html, /<img[^>]*part="poster"[^>]*\ssrc="http:\/\/127\.0\.0\.1:\d+\/uploads\//);
    assert.match(html, /<time[^>]*part="duration"/);
    assert.match(html, /aria-busy="false"/);
    const [list] = jsonLd(html);
    assert.equal(list?.['@type'], 'ItemList');
    const items = list!.itemListElement as Array<{item: {url: string}}>;
    assert.equal(items.length, 12);
    assert.match(items[0]!.item.url, /^https:\/\/shop\.example\/watch\/[0-9a-f]{32}$/);
    const entries = snapshotOf(snapshot)[server.url]!;
    assert.ok(entries.some((entry) => entry.key.startsWith(`/v1/merchants/${M}/medias/?`)));
    for (const entry of entries) {
      assert.ok(entry.storedAt >= started && entry.storedAt <= Date.now(), 'fetch time');
    }
    assert.equal(server.catalog.stats().byRoute['list-medias'], 1);
  });

  it('renders the shelf and rows layouts and "Load more" paging too', async () => {
    for (const attributes of ['layout="shelf"', 'layout="rows" paging="more"']) {
      const {html, rendered} = await render(
        `<ss-media-list merchant="${M}" api-base="${server.url}" limit="4" ${attributes}></ss-media-list>`,
      );
      assert.equal(rendered, true, attributes);
      assert.equal(html.match(/<ss-media-card\b[^>]*state="ready"/g)?.length, 4, attributes);
    }
  });

  it('renders a card by id and by ref id, in the language given', async () => {
    const {html} = await render(
      `<ss-media-card merchant="${M}" api-base="${server.url}" media-id="${FIXTURE_IDS.withRefId}"></ss-media-card>
       <ss-media-card merchant="${M}" api-base="${server.url}" ref-id="tokyo-night-walk" lang="en"></ss-media-card>`,
      {lang: 'ja'},
    );
    assert.equal(html.match(/<ss-media-card\b[^>]*state="ready"/g)?.length, 2);
    assert.equal(
      html.match(/Tokyo Night Walk 東京夜散歩/g)?.length,
      4,
      'two titles, two JSON-LD names',
    );
    assert.match(html, /<article class="card activatable" part="base" lang="ja">/);
    assert.match(html, /<article class="card activatable" part="base" lang="en">/);
    assert.deepEqual(
      jsonLd(html).map((data) => data['@type']),
      ['VideoObject', 'VideoObject'],
    );
  });

  it('renders an <ss-catalog> with its children, which inherit its settings', async () => {
    const {html, snapshot, rendered} = await render(
      `<ss-catalog merchant="${M}" api-base="/catalog" lang="ja"><h2>Videos</h2>
        <ss-media-group-list limit="3" controls="gallery"></ss-media-group-list>
        <ss-media-list id="gallery" limit="4"></ss-media-list></ss-catalog>`,
      {},
    );
    assert.equal(rendered, true);
    assert.match(html, /<h2>Videos<\/h2>/);
    assert.match(hostTag(html, 'ss-media-group-list'), /state="ready"/);
    assert.match(hostTag(html, 'ss-media-list'), /state="ready"/);
    assert.equal(html.match(/class="group"\s+part="item"/g)?.length, 3);
    assert.match(html, /aria-label="動画"/, 'the catalog lang reaches the list');
    // The page's api-base, resolved against the page: the browser's shared client primes from it.
    assert.ok(snapshotOf(snapshot)['https://shop.example/catalog']);
  });

  it('leaves other Lit elements in an <ss-catalog> to Lit, unconnected', async () => {
    // A page's own element, written for browsers: its connectedCallback needs `window`.
    class PageBanner extends LitElement {
      override connectedCallback(): void {
        super.connectedCallback();
        void (globalThis as unknown as {window: {location: unknown}}).window.location;
      }
      override render() {
        return html`<b>Banner</b>`;
      }
    }
    if (!customElements.get('page-banner')) customElements.define('page-banner', PageBanner);
    const {html: output, rendered} = await render(
      `<ss-catalog merchant="${M}" api-base="${server.url}"><page-banner></page-banner>
        <ss-media-card media-id="${FIXTURE_IDS.withRefId}"></ss-media-card></ss-catalog>`,
    );
    assert.equal(rendered, true);
    assert.match(output, /<b>Banner<\/b>/);
    assert.match(hostTag(output, 'ss-media-card'), /state="ready"/);
  });

  it('keeps hostile catalog data inert in the HTML and the snapshot', async () => {
    await rename(FIXTURE_IDS.withRefId, {
      name: HOSTILE_NAME,
      description: HOSTILE_TEXT,
    });
    const cards = HOSTILE_HREF_TEMPLATES.map(
      (href) =>
        `<ss-media-card merchant="${M}" api-base="${server.url}" media-id="${FIXTURE_IDS.withRefId}" href="${href.replace(/"/g, '&quot;').replace(/</g, '&lt;')}"></ss-media-card>`,
    );
    const {html, snapshot, rendered} = await render(cards.join('\n'));
    assert.equal(rendered, true);
    for (const output of [html, snapshot]) {
      for (const markup of ['<script>', '<img src=x', '<svg onload']) {
        assert.ok(!output.includes(markup), `${JSON.stringify(markup)} came out raw`);
      }
    }
    // Inline JSON is escaped against the line separators that end a JavaScript string.
    const scriptBodies = [...html.matchAll(/<script\b[^>]*>([^]*?)<\/script>/g)].map((m) => m[1]);
    for (const json of [snapshot, ...scriptBodies]) assert.ok(!/[\u2028\u2029]/.test(json!));
    assert.match(snapshot, /\\u2028\\u2029/);
    // Every script element is one of ours, and each ends where it should.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    assert.equal(scripts.length, cards.length);
    for (const script of scripts) {
      assert.equal(script, '<script type="application/ld+json" data-ss-structured-data>');
    }
    assert.equal(html.match(/<\/script>/g)?.length, scripts.length);
    assert.equal(snapshot.match(/<\/script>/g)?.length, 1);
    for (const data of jsonLd(html)) assert.equal(data.name, HOSTILE_NAME);
    // No href but http(s) or relative; the hostile name goes into `{name}` URL-encoded.
    const links = [...html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)].map((m) => m[1]!);
    assert.ok(links.length >= 1);
    for (const href of links) {
      assert.match(new URL(href.replace(/&amp;/g, '&'), PAGE).protocol, /^https?:$/);
    }
    assert.match(
      html,
      /href="Evil%20%3C%2Fscript%3E%3Cscript%3Ewindow.__pwned%20%3D%201%3C%2Fscript%3E/,
    );
  });

  it('gives the tags back unchanged within the time-out when the catalog is slow', async () => {
    server.catalog.addFault({kind: 'slow', delayMs: 3000, times: Infinity});
    const markup = `<ss-media-list merchant="${M}" api-base="${server.url}" limit="4"></ss-media-list>`;
    const started = Date.now();
    const result = await render(markup, {timeoutMs: 300});
    const took = Date.now() - started;
    assert.deepEqual(result, {html: markup, snapshot: '', rendered: false, reason: 'timeout'});
    assert.ok(took >= 300 && took < 1000, `took ${took} ms`);
  });

  it('gives the tags back unchanged when the catalog fails', async () => {
    server.catalog.addFault({kind: 'status', status: 503, times: Infinity});
    const markup = `<ss-catalog merchant="${M}" api-base="${server.url}"><ss-media-card media-id="${FIXTURE_IDS.withRefId}"></ss-media-card></ss-catalog>`;
    const result = await render(markup);
    assert.deepEqual(result, {html: markup, snapshot: '', rendered: false, reason: 'error'});
  });

  it('gives the tags back unchanged when their attributes are invalid', async () => {
    const markup = `<ss-media-list merchant="${M}" api-base="${server.url}" limit="500"></ss-media-list>`;
    const result = await render(markup);
    assert.deepEqual(result, {html: markup, snapshot: '', rendered: false, reason: 'error'});
  });
});
