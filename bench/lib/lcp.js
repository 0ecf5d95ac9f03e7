// Part 7, LCP on a slow phone: the CMS-like article of lcp-pages.js loaded cold in Chromium
// with the network throttled like slow 4G (150 ms latency, 1.6 Mbps down, 750 kbps up) and
// the CPU slowed 4x, at a phone width (412 px) and a desktop width (1280 px). The elements
// talk to the caching proxy (warm, as in production) in front of the mock; the page, the CDN
// file and the posters come from three other origins, gzip-compressed as a CDN would send them.
// The server-rendered page is rendered once, at start, as a site would cache it; its HTML bytes
// (raw and gzip) are reported next to the other pages'.
import {createServer} from 'node:http';
import {readFile} from 'node:fs/promises';
import {gzipSync} from 'node:zlib';
import {startMockServer} from '../../dist/mock/index.js';
import {startProxyServer} from '../../dist/proxy/index.js';
import {CatalogReader} from '../../dist/client/index.js';
import {renderTags} from '../../dist/ssr/index.js';
import {
  elementsMarkup,
  FEATURED_REF_ID,
  lcpPages,
  listUrl,
  MERCHANT,
  SERVER_SPLIT,
} from './lcp-pages.js';
import {cls} from './layout-shift.js';
import {median, ratio} from './stats.js';

export const NETWORK = {latencyMs: 150, downloadKbps: 1600, uploadKbps: 750, cpuSlowdown: 4};
export const WIDTHS = {
  phone: {width: 412, height: 823},
  desktop: {width: 1280, height: 900},
};
export const VARIANTS = ['floor', 'pasted', 'head', 'server'];
/** The pages compared with the floor. */
const OURS = VARIANTS.slice(1);
const RUNS = Number(process.env.BENCH_LCP_RUNS ?? 5);
const SETTLE_MS = 1500;
const TIMEOUT_MS = 30_000;
const quiet = {info() {}, warn() {}, error() {}};

/** Serves `files` ({path: {type, body}}) gzip-compressed, on a free port of 127.0.0.1. */
async function serveFiles(files) {
  const server = createServer((request, response) => {
    const file = files[new URL(request.url, 'http://x').pathname];
    if (!file) return void response.writeHead(404).end();
    response
      .writeHead(200, {
        'content-type': file.type,
        'content-encoding': 'gzip',
        'cache-control': 'public, max-age=3600',
        'access-control-allow-origin': '*',
      })
      .end(file.gzip);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const file = (type, body) => ({type, gzip: gzipSync(body, {level: 9})});

/**
 * Runs in the page before anything else: LCP candidates, layout shifts, long tasks, and per
 * frame whether every first-row poster of the gallery has loaded (and the featured card).
 */
function observe() {
  const m = (window.__lcp = {lcp: 0, lcpWhat: '', shifts: [], longTasks: []});
  const on = (type, each) =>
    new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({
      type,
      buffered: true,
    });
  on('largest-contentful-paint', (e) => {
    m.lcp = e.startTime;
    m.lcpWhat = e.url ? e.url.replace(/^.*\//, '') : (e.element?.localName ?? '');
    m.lcpSize = e.size;
  });
  on('layout-shift', (e) => {
    if (!e.hadRecentInput) m.shifts.push({value: e.value, time: e.startTime});
  });
  customElements.whenDefined('ss-media-list').then(() => (m.definedAt = performance.now()));
  on('longtask', (e) => m.longTasks.push({start: e.startTime, duration: e.duration}));
  const images = (root, found = []) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.localName === 'img') found.push(element);
      if (element.shadowRoot) images(element.shadowRoot, found);
    }
    return found;
  };
  const tick = (now) => {
    const gallery = document.getElementById('gallery');
    const posters = gallery ? images(gallery.shadowRoot ?? gallery) : [];
    if (!m.firstRowAt && posters.length) {
      const top = Math.min(...posters.map((p) => p.getBoundingClientRect().top));
      const row = posters.filter((p) => p.getBoundingClientRect().top - top < 1);
      if (row.every((p) => p.complete && p.naturalWidth > 0)) {
        m.firstRowAt = now;
        m.firstRow = row.length;
      }
    }
    const featured = document.getElementById('featured');
    if (!m.featuredAt && featured && !/^ss-/.test(featured.localName)) m.featuredAt = 0;
    if (!m.featuredAt && featured?.getAttribute('state') === 'ready') m.featuredAt = now;
    if (!m.galleryAt && gallery && !/^ss-/.test(gallery.localName)) m.galleryAt = 0;
    if (!m.galleryAt && gallery?.getAttribute('state') === 'ready') m.galleryAt = now;
    if (!m.firstRowAt || m.featuredAt === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export async function measure(browser, url, viewport, {onPage} = {}) {
  const context = await browser.newContext({viewport});
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: NETWORK.latencyMs,
      downloadThroughput: (NETWORK.downloadKbps * 1000) / 8,
      uploadThroughput: (NETWORK.uploadKbps * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', {rate: NETWORK.cpuSlowdown});
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      requests++;
    });
    await page.addInitScript(observe);
    const finish = await onPage?.(page);
    await page.goto(url, {waitUntil: 'commit'});
    await page.waitForFunction(
      () => window.__lcp?.firstRowAt && window.__lcp.featuredAt !== undefined,
      null,
      {timeout: TIMEOUT_MS, polling: 100},
    );
    await page.waitForTimeout(SETTLE_MS);
    await finish?.();
    const m = await page.evaluate(() => {
      const list = performance
        .getEntriesByType('resource')
        .find((e) => e.name.includes('/medias/?'));
      return {...window.__lcp, listRequestAt: list?.startTime ?? null};
    });
    if (errors.length) throw new Error(`lcp: page errors: ${errors.join('; ')}`);
    const blocking = m.longTasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
    return {
      lcpMs: m.lcp,
      lcpElement: m.lcpWhat,
      lcpSize: m.lcpSize,
      definedMs: m.definedAt ?? null,
      firstRowMs: m.firstRowAt,
      firstRowPosters: m.firstRow,
      galleryReadyMs: m.galleryAt,
      featuredReadyMs: m.featuredAt,
      listRequestMs: m.listRequestAt,
      tbtMs: blocking,
      longTasks: m.longTasks.length,
      cls: cls(m.shifts),
      bytes,
      requests,
    };
  } finally {
    await context.close();
  }
}

const FIGURES = [
  'lcpMs',
  'firstRowMs',
  'tbtMs',
  'bytes',
  'cls',
  'featuredReadyMs',
  'galleryReadyMs',
  'listRequestMs',
  'definedMs',
];

function summarize(runs) {
  const summary = {};
  for (const key of FIGURES) summary[key] = median(runs.map((r) => r[key] ?? 0));
  summary.longTasks = median(runs.map((r) => r.longTasks));
  summary.requests = median(runs.map((r) => r.requests));
  summary.runs = runs;
  return summary;
}

/** The proxy (warm) in front of an authenticating mock, the page and CDN servers, the pages. */
export async function startStack(root) {
  const mock = await startMockServer({port: 0, rateLimit: 0});
  const running = await startProxyServer({
    apiBase: mock.url,
    apiKey: 'mock-api-key',
    credentials: {mail_address: 'demo@example.com', password: 'demo-password'},
    merchants: [MERCHANT],
    allowedOrigins: '*',
    log: quiet,
  });
  const apiBase = running.url;
  const list = await (await fetch(listUrl(apiBase))).json();
  const featured = await (
    await fetch(`${apiBase}/v1/merchants/${MERCHANT}/medias/ref:${FEATURED_REF_ID}`)
  ).json();
  const cdnFiles = {};
  for (const name of ['smartstream-widgets.min.js', 'smartstream-widgets.hydrate.min.js']) {
    cdnFiles[`/${name}`] = file('text/javascript', await readFile(`${root}/dist/${name}`));
  }
  const cdn = await serveFiles(cdnFiles);
  const make = async () =>
    lcpPages({
      apiBase,
      cdnUrl: `${cdn.url}/smartstream-widgets.min.js`,
      hydrateUrl: `${cdn.url}/smartstream-widgets.hydrate.min.js`,
      posterOrigin: mock.url,
      medias: list.medias,
      featured,
      server: await serverRender(apiBase),
    });
  const pages = await make();
  const files = Object.fromEntries(
    Object.entries(pages).map(([k, html]) => [`/${k}.html`, file('text/html', html)]),
  );
  const site = await serveFiles(files);
  const html = Object.fromEntries(
    Object.entries(pages).map(([k, text]) => [
      k,
      {raw: Buffer.byteLength(text), gzip: files[`/${k}.html`].gzip.length},
    ]),
  );
  return {
    site,
    pages,
    html,
    /**
     * Renders the server page again, as a site that renders per request (or keeps the
     * rendering no longer than the client's 60 s TTL) would serve it: its snapshot is fresh.
     */
    async rerender() {
      files['/server.html'] = file('text/html', (await make()).server);
    },
    featuredInList: list.medias.some((m) => m.ref_id === FEATURED_REF_ID),
    close: () => Promise.all([site.close(), cdn.close(), running.close(), mock.close()]),
  };
}

/** The gallery and the card rendered in Node, in one pass: one snapshot for both. */
async function serverRender(apiBase) {
  const {gallery, featured} = elementsMarkup(apiBase);
  const result = await renderTags(`${gallery}${SERVER_SPLIT}${featured}`, {
    client: new CatalogReader({apiBase}),
    baseUrl: 'https://magazine.example/videos/',
    lang: 'ja',
  });
  if (!result.rendered) throw new Error(`lcp: the server render fell back (${result.reason})`);
  return result;
}

export async function runLcp({browser, root}) {
  const stack = await startStack(root);
  try {
    const samples = {};
    for (const [width, viewport] of Object.entries(WIDTHS)) {
      samples[width] = Object.fromEntries(VARIANTS.map((v) => [v, []]));
      for (let run = 0; run < RUNS; run++) {
        for (const variant of VARIANTS) {
          if (variant === 'server') await stack.rerender();
          const url = `${stack.site.url}/${variant}.html`;
          samples[width][variant].push(await measure(browser, url, viewport));
        }
      }
    }
    const result = {
      network: NETWORK,
      widths: WIDTHS,
      runs: RUNS,
      featuredInList: stack.featuredInList,
      html: stack.html,
    };
    for (const [width, byVariant] of Object.entries(samples)) {
      const s = Object.fromEntries(VARIANTS.map((v) => [v, summarize(byVariant[v])]));
      for (const v of OURS) {
        s[v].ratio = {
          lcp: ratio(s[v].lcpMs, s.floor.lcpMs),
          firstRow: ratio(s[v].firstRowMs, s.floor.firstRowMs),
          bytes: ratio(s[v].bytes, s.floor.bytes),
        };
      }
      result[width] = s;
    }
    return result;
  } finally {
    await stack.close();
  }
}
