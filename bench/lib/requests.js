// Part 2, requests: what the mock receives for one catalog page (bench/pages/requests.html),
// with the shared client and with caching off, and on a second visit.
import {checkErrors, openPage} from './browser.js';
import {median} from './stats.js';

const MERCHANT = 'nttsmc';
/** The second visit comes this long after the first: well within the client's 60 s TTL. */
const SECOND_VISIT_DELAY_MS = 2_000;
const COLD_VISITS = 7;

/** Catalog API requests the mock counted (posters and other assets left out). */
function apiRequests(catalog) {
  const {total, byRoute} = catalog.stats();
  return total - byRoute.asset;
}

/** The page's media: the first page of 30, and 3 ref ids among them. */
async function pageMedia(apiBase) {
  const response = await fetch(`${apiBase}/v1/merchants/${MERCHANT}/medias/?limit=30`);
  const {medias} = await response.json();
  const ids = medias.map((m) => m.id);
  const refIds = medias
    .map((m) => m.ref_id)
    .filter(Boolean)
    .slice(0, 3);
  if (refIds.length < 3) throw new Error('the first page of the mock has fewer than 3 ref ids');
  return {ids, refIds};
}

export async function runRequests({browser, pagesUrl, mock}) {
  const {ids, refIds} = await pageMedia(mock.url);
  const config = {apiBase: mock.url, ids, refIds};

  /** Catalog requests while `mountPage` runs (it resolves once no element is loading). */
  async function mount(page, options) {
    mock.catalog.resetStats();
    const states = await page.evaluate((o) => window.bench.mountPage(o), {...config, ...options});
    return {requests: apiRequests(mock.catalog), states};
  }

  /**
   * A first visit, then a second one within the TTL: the same document navigates away and
   * back (elements removed and mounted again), and, with `reload`, a full reload (a new
   * document, so a new page-wide client).
   */
  async function visit(options, {secondVisit = true, reload = false} = {}) {
    const page = await openPage(browser, `${pagesUrl}/requests.html`);
    try {
      const first = await mount(page, options);
      const result = {requests: first.requests, states: first.states};
      if (secondVisit) {
        await page.waitForTimeout(SECOND_VISIT_DELAY_MS);
        await page.evaluate(() => window.bench.unmountPage());
        result.remount = (await mount(page, options)).requests;
      }
      if (reload) {
        await page.reload();
        await page.waitForFunction(() => window.bench);
        result.reload = (await mount(page, options)).requests;
      }
      checkErrors(page, 'requests');
      return result;
    } finally {
      await page.context().close();
    }
  }

  // Cards and lists race for the shared cache, so the cold figure varies: several visits.
  const shared = await visit({mode: 'shared'}, {reload: true});
  const coldRuns = [shared.requests];
  while (coldRuns.length < COLD_VISITS) {
    coldRuns.push((await visit({mode: 'shared'}, {secondVisit: false})).requests);
  }
  const sharedCardsLater = await visit({mode: 'shared', cardsLater: true}, {secondVisit: false});
  const noCache = await visit({mode: 'no-cache'});
  return {
    page: {groupLists: 1, listLimit: 30, cardsById: ids.length, cardsByRefId: refIds.length},
    secondVisitDelayMs: SECOND_VISIT_DELAY_MS,
    shared: {...shared, requests: median(coldRuns), runs: coldRuns},
    sharedCardsAfterList: sharedCardsLater,
    noCache,
  };
}
