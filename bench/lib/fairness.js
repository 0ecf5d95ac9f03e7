// Part 7, fairness: one client sprays random media ids at 20 requests/s while 50 others
// browse a gallery normally (its list pages and the cards on them), all through one proxy
// in front of the mock (auth on, 50 requests/min). The figure is the share of the normal
// visitors' requests answered 200: with the per-client budget shares (the default) against
// the same run with shares off, as the proxy was before them. Clients are told apart by
// X-Forwarded-For (trustProxy), as behind a CDN.
import {startMockServer} from '../../dist/mock/index.js';
import {startProxyServer} from '../../dist/proxy/index.js';

const MERCHANT = 'nttsmc';
const VISITORS = 50;
const SPRAY_PER_S = 20;
const DURATION_S = 20;
const quiet = {info() {}, warn() {}, error() {}};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function scenario(sharesOn) {
  const mock = await startMockServer({port: 0});
  const server = await startProxyServer({
    apiBase: mock.url,
    apiKey: 'mock-api-key',
    credentials: {mail_address: 'demo@example.com', password: 'demo-password'},
    merchants: [MERCHANT],
    allowedOrigins: '*',
    trustProxy: true,
    // Steady state: the start-up ramp is measured by the tests, not here.
    budgetRampMs: 0,
    ...(sharesOn ? {} : {clientBudgetPerMinute: 1_000_000}),
    log: quiet,
  });
  const base = `${server.url}/v1/merchants/${MERCHANT}`;
  const get = (path, client) =>
    fetch(base + path, {headers: {'x-forwarded-for': client}})
      .then(async (r) => (await r.arrayBuffer(), r.status))
      .catch(() => 0);
  // The gallery the visitors browse, read once through the proxy (as the page would).
  const gallery = await (await fetch(`${base}/medias/?limit=36&page=1`)).json();
  const ids = gallery.medias.map((m) => m.id);
  const end = Date.now() + DURATION_S * 1000;
  const normal = {total: 0, ok: 0};
  const spray = {total: 0, ok: 0};
  let seq = 0;
  const sprayer = (async () => {
    while (Date.now() < end) {
      const id = (seq++).toString(16).padStart(32, 'a');
      void get(`/medias/${id}`, '203.0.113.66').then((status) => {
        spray.total++;
        if (status === 200) spray.ok++;
      });
      await sleep(1000 / SPRAY_PER_S);
    }
  })();
  const visitor = async (n) => {
    const client = `198.51.100.${n}`;
    while (Date.now() < end) {
      await sleep(1000 + Math.random() * 2000);
      const page = 1 + Math.floor(Math.random() * 3);
      const path =
        Math.random() < 0.3
          ? `/medias/?limit=12&page=${page}`
          : `/medias/${ids[Math.floor(Math.random() * ids.length)]}`;
      const status = await get(path, client);
      normal.total++;
      if (status === 200) normal.ok++;
    }
  };
  await Promise.all([sprayer, ...Array.from({length: VISITORS}, (_, i) => visitor(i))]);
  const upstream = mock.catalog.stats().total;
  await server.close(1000);
  await mock.close();
  return {
    normalRequests: normal.total,
    normalOkShare: normal.total ? normal.ok / normal.total : 0,
    sprayRequests: spray.total,
    sprayOk: spray.ok,
    upstreamRequests: upstream,
  };
}

export async function runFairness() {
  const shares = await scenario(true);
  const noShares = await scenario(false);
  return {visitors: VISITORS, sprayPerS: SPRAY_PER_S, durationS: DURATION_S, shares, noShares};
}
