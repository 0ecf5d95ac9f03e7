import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/all.js';
import {CatalogClient, CatalogReader} from '../../src/client/index.js';
import type {
  CatalogErrorEvent,
  MediaSelectEvent,
  PageChangeEvent,
  SsMediaCard,
  SsMediaList,
} from '../../src/index.js';
import {
  addFault,
  catalogRequests,
  clearFaults,
  deepActiveElement,
  IDS,
  makeMedia,
  MERCHANT,
  mockBase,
  mockJson,
  mockStats,
  pageIds,
  partText,
  parts,
  resetAll,
  settled,
  useEditingClient,
} from './helpers/common.js';

/** The cards a person sees (not skeletons). */
function cards(el: SsMediaList): SsMediaCard[] {
  return [...el.shadowRoot!.querySelectorAll('ss-media-card')].filter((card) => !card.skeleton);
}

function shownIds(el: SsMediaList): string[] {
  return cards(el).map((card) => card.media!.id);
}

/** What the pagination shows between previous and next: page numbers and ellipses. */
function pageItems(el: Element): string[] {
  return [...el.shadowRoot!.querySelectorAll('nav li')].map((li) => li.textContent!.trim());
}

function currentPage(el: Element): string | undefined {
  return el.shadowRoot!.querySelector('nav [aria-current="page"]')?.textContent!.trim();
}

function navButton(el: Element, which: 'previous' | 'next'): HTMLButtonElement {
  const buttons = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav > button');
  return buttons[which === 'previous' ? 0 : buttons.length - 1]!;
}

function pageButton(el: Element, page: number): HTMLButtonElement {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav li button')].find(
    (button) => button.textContent!.trim() === String(page),
  )!;
}

let errors: CatalogErrorEvent[] = [];
const recordError = (event: CatalogErrorEvent) => errors.push(event);

interface ListOptions {
  limit?: number | string;
  page?: number | string;
  order?: string;
  sort?: string;
  lang?: string;
  mediaGroupId?: string;
  jobId?: string;
  href?: string;
  merchant?: string;
  client?: CatalogReader;
}

/** A list in an 800px-wide box (three columns), listened to for ss-error from the start. */
async function listFixture(options: ListOptions = {}): Promise<SsMediaList> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: 800px" @ss-error=${recordError}>
      <ss-media-list
        merchant=${options.merchant ?? MERCHANT}
        api-base=${mockBase}
        limit=${options.limit ?? 6}
        page=${options.page ?? 1}
        sort=${options.sort ?? 'updated_at'}
        order=${options.order ?? 'desc'}
        lang=${options.lang ?? ''}
        media-group-id=${options.mediaGroupId ?? ''}
        job-id=${options.jobId ?? ''}
        href=${options.href ?? ''}
        .client=${options.client}
      ></ss-media-list>
    </div>`,
  );
  return wrapper.querySelector('ss-media-list')!;
}

async function loadList(options: ListOptions = {}, state = 'ready') {
  return settled(await listFixture(options), state);
}

/** A client whose list responses say `count` = the items on the page, as some APIs do. */
function pageSizeCountClient(): CatalogClient {
  return new CatalogClient({
    apiBase: mockBase,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes('/medias/?')) return response;
      const body = (await response.json()) as {count: number; medias: unknown[]};
      body.count = body.medias.length;
      return new Response(JSON.stringify(body), {
        status: response.status,
        headers: {'content-type': 'application/json'},
      });
    },
  });
}

describe('<ss-media-list>', () => {
  beforeEach(async () => {
    errors = [];
    await resetAll();
  });

  describe('states', () => {
    it('shows busy skeleton cards, as many as the limit, while loading', async () => {
      await addFault({kind: 'slow', route: 'list-medias', delayMs: 1500});
      const el = await loadList({limit: 3, sort: 'created_at'}, 'loading');
      expect(parts(el, 'base')[0]!.getAttribute('aria-busy')).to.equal('true');
      const skeletons = el.shadowRoot!.querySelectorAll('ss-media-card[skeleton]');
      expect(skeletons).to.have.length(3);
      expect(cards(el)).to.have.length(0);
      // Said once for the list, not once per placeholder card.
      expect(parts(el, 'list')[0]!.getAttribute('aria-hidden')).to.equal('true');
      const said = el.shadowRoot!.querySelector('[part~="base"] > p.visually-hidden');
      expect(said!.textContent!.trim()).to.equal('Loading');
      await expect(el).to.be.accessible();
    });

    it('keeps its height from the skeleton to the loaded page, pagination included', async () => {
      // This list's request only: one left over from the test before must not take the delay.
      await addFault({
        kind: 'slow',
        route: 'list-medias',
        pathIncludes: 'sort=created_at',
        delayMs: 400,
      });
      const el = await loadList({limit: 4, sort: 'created_at'}, 'loading');
      const loading = el.getBoundingClientRect().height;
      await settled(el, 'ready');
      await Promise.all(cards(el).map((card) => settled(card, 'ready')));
      expect(parts(el, 'pagination')).to.have.length(1);
      expect(el.getBoundingClientRect().height).to.be.closeTo(loading, 1);
    });

    it('shows a grid of cards fed from the list', async () => {
      const expected = await pageIds('limit=6&page=1&sort=updated_at&order=desc');
      const el = await loadList();
      expect(shownIds(el)).to.deep.equal(expected);
      expect(parts(el, 'base')[0]!.getAttribute('aria-busy')).to.equal('false');
      expect(parts(el, 'item')).to.have.length(6);
      expect(parts(el, 'list')[0]!.getAttribute('aria-label')).to.equal('Videos');
      for (const card of cards(el)) await settled(card, 'ready');
      expect(partText(cards(el)[0]!, 'title')).to.equal(cards(el)[0]!.media!.name);
      await expect(el).to.be.accessible();
    });

    it('keeps its own text styles inside a theme that centres, indents and capitalises', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div
          style="width: 800px; text-align: center; text-indent: 3em; text-transform: uppercase;
            letter-spacing: 0.2em; word-spacing: 1em; font-style: italic; white-space: pre;"
        >
          <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="2"></ss-media-list>
        </div>`,
      );
      const el = await settled(wrapper.querySelector('ss-media-list')!, 'ready');
      const card = cards(el)[0]!;
      await settled(card, 'ready');
      for (const part of ['title', 'description']) {
        const style = getComputedStyle(card.shadowRoot!.querySelector(`[part~="${part}"]`)!);
        expect(
          [
            style.textAlign,
            style.textIndent,
            style.textTransform,
            style.letterSpacing,
            style.wordSpacing,
            style.fontStyle,
            style.whiteSpace,
          ],
          part,
        ).to.deep.equal(['start', '0px', 'none', 'normal', '0px', 'normal', 'normal']);
      }
      const pageButton = el.shadowRoot!.querySelector('[part~="page-button"]')!;
      expect(getComputedStyle(pageButton).textTransform).to.equal('none');
    });

    it('lays the cards out in columns that fit the width', async () => {
      const el = await loadList();
      const tops = cards(el).map((card) => Math.round(card.getBoundingClientRect().top));
      expect(tops.filter((top) => top === tops[0])).to.have.length(3);
    });

    it('says so when the list is empty, without pagination', async () => {
      const el = await loadList({mediaGroupId: IDS.emptyGroup}, 'empty');
      const message = el.shadowRoot!.querySelector('[role="status"]')!;
      expect(message.textContent!.trim()).to.equal('No videos to show.');
      expect(parts(el, 'pagination')).to.have.length(0);
      expect(el.querySelector('script')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('says a page past the end is empty, with a way back', async () => {
      const el = await loadList({limit: 10, page: 99}, 'empty');
      expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal(
        'There are no videos on this page.',
      );
      expect(navButton(el, 'previous').disabled).to.equal(false);
      expect(pageButton(el, 1)).to.not.equal(undefined);
      await expect(el).to.be.accessible();
      // Previous leads back to the last page that has videos, not to the empty page 98.
      navButton(el, 'previous').click();
      await settled(el, 'ready');
      expect(el.page).to.equal(24);
      expect(cards(el).length).to.be.greaterThan(0);
    });

    it('offers Retry after a server error, and Retry recovers', async () => {
      await addFault({kind: 'status', status: 500, route: 'list-medias', times: 3, retryAfter: 0});
      const el = await loadList({}, 'error');
      expect(errors[0]!.detail.error.status).to.equal(500);
      expect(partText(el, 'error')).to.contain('The video catalog is temporarily unavailable.');
      // Failing on load is content, not an interruption; the page may hold many such lists.
      expect(parts(el, 'error')[0]!.hasAttribute('role')).to.equal(false);
      expect(parts(el, 'pagination')).to.have.length(0);
      await expect(el).to.be.accessible();
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] button')!.click();
      await settled(el, 'ready');
      expect(cards(el)).to.have.length(6);
    });

    it('alerts once for a failed Retry, not again when it reloads by itself', async () => {
      await addFault({kind: 'status', status: 503, route: 'list-medias', times: 12, retryAfter: 1});
      const el = await loadList({}, 'error');
      const role = () => parts(el, 'error')[0]?.getAttribute('role') ?? null;
      expect(role()).to.equal(null);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] button')!.click();
      await waitUntil(() => errors.length === 2, 'no second ss-error', {timeout: 5000});
      await settled(el, 'error');
      expect(role()).to.equal('alert');
      // Retry-After passed: the list loads again by itself, fails again, and stays quiet.
      await waitUntil(() => errors.length === 3, 'no reload after Retry-After', {timeout: 5000});
      await settled(el, 'error');
      expect(role()).to.equal(null);
    });

    it('announces a failed Retry and keeps focus on Retry, then on the first card', async () => {
      await addFault({kind: 'status', status: 500, route: 'list-medias', times: 6, retryAfter: 0});
      const el = await loadList({}, 'error');
      const retry = () =>
        el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] button')!;
      retry().focus();
      await sendKeys({press: 'Enter'});
      await waitUntil(() => errors.length === 2, 'no second ss-error', {timeout: 5000});
      await settled(el, 'error');
      await waitUntil(() => deepActiveElement() === retry(), 'focus back on Retry');
      expect(parts(el, 'error')[0]!.getAttribute('role')).to.equal('alert');
      await sendKeys({press: 'Enter'});
      await settled(el, 'ready');
      const first = cards(el)[0]!.shadowRoot!.querySelector('.activator');
      await waitUntil(() => deepActiveElement() === first, 'focus on the first card');
    });

    it('loads again by itself when the browser comes back online after a network failure', async () => {
      // Browsers retry a GET whose connection resets by themselves (Chromium and WebKit once,
      // Firefox many times): every request fails until the test has seen the error.
      await addFault({kind: 'reset', route: 'list-medias', times: null});
      const el = await loadList({}, 'error');
      expect(errors[0]!.detail.error.code).to.equal('NETWORK_ERROR');
      await clearFaults();
      window.dispatchEvent(new Event('online'));
      await settled(el, 'ready');
      expect(cards(el)).to.have.length(6);
    });

    it('stays in its error state on online when the error was not the network', async () => {
      await addFault({kind: 'status', status: 500, route: 'list-medias', times: 3, retryAfter: 0});
      const el = await loadList({}, 'error');
      const before = (await mockStats()).byRoute['list-medias'];
      window.dispatchEvent(new Event('online'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(el.getAttribute('state')).to.equal('error');
      expect((await mockStats()).byRoute['list-medias']).to.equal(before);
    });

    it('says the catalog is busy, then loads again by itself once Retry-After has passed', async () => {
      // A client that does not wait Retry-After out (the shared one waits up to 5 s) hands the
      // element the error at once.
      await addFault({kind: 'status', status: 429, route: 'list-medias', times: 1, retryAfter: 1});
      const client = new CatalogReader({apiBase: mockBase, retry: {maxRetryAfterMs: 0}});
      const el = await loadList({client}, 'error');
      expect(partText(el, 'error')).to.contain('The video catalog is busy right now.');
      expect(errors[0]!.detail.error.retryAfterMs).to.equal(1000);
      await settled(el, 'ready', 4000);
      expect(cards(el)).to.have.length(6);
      expect(errors).to.have.length(1);
    });

    it('says the catalog is busy when rate limited', async () => {
      await addFault({kind: 'status', status: 429, route: 'list-medias', times: 3, retryAfter: 0});
      const el = await loadList({}, 'error');
      expect(errors[0]!.detail.error.code).to.equal('RATE_LIMITED');
      expect(partText(el, 'error')).to.contain('The video catalog is busy right now.');
    });

    it("says a gateway's error page means the catalog is unavailable", async () => {
      await addFault({kind: 'html', status: 502, route: 'list-medias', times: 3});
      const el = await loadList({}, 'error');
      expect(partText(el, 'error')).to.contain('temporarily unavailable');
    });

    it('shows every card of a page that lists a media twice, also when it is refreshed', async () => {
      // An API fault the mock cannot make: the same media twice in one page.
      const [a, b, c] = ['a', 'b', 'c'].map((x) =>
        makeMedia({id: x.repeat(32), name: `Video ${x.toUpperCase()}`}),
      );
      const versions = [
        [a, a, b, a],
        [b, a, a, c],
      ];
      let listCalls = 0;
      const client = new CatalogClient({
        apiBase: mockBase,
        fetch: async (input, init) => {
          if (!String(input).includes('/medias/?')) return fetch(input, init);
          const medias = versions[Math.min(listCalls++, 1)];
          return new Response(JSON.stringify({count: 12, medias}), {
            headers: {'content-type': 'application/json'},
          });
        },
      });
      const el = await loadList({limit: 4, client});
      const titles = () => cards(el).map((card) => partText(card, 'title'));
      expect(titles()).to.deep.equal(['Video A', 'Video A', 'Video B', 'Video A']);
      // An edit invalidates the list: it loads the page again and gets the second version.
      await client.updateMedia(MERCHANT, {id: IDS.long}, {name: 'Edited'});
      await waitUntil(() => listCalls === 2, 'the list never loaded again');
      await waitUntil(
        () => titles().join() === 'Video B,Video A,Video A,Video C',
        `the refreshed page shows ${JSON.stringify(titles())}`,
      );
      expect(el.getAttribute('state')).to.equal('ready');
    });

    it('says an unreadable answer could not be read', async () => {
      await addFault({kind: 'malformed-json', route: 'list-medias', times: 3});
      const el = await loadList({}, 'error');
      expect(errors[0]!.detail.error.code).to.equal('INVALID_RESPONSE');
      expect(partText(el, 'error')).to.contain(
        'The video catalog sent an answer that could not be read.',
      );
    });

    for (const [attribute, value, expected] of [
      ['limit', '0', 'The "limit" attribute is invalid: expected a whole number from 1 to 100.'],
      ['limit', '101', '"limit" attribute is invalid'],
      ['limit', 'ten', '"limit" attribute is invalid'],
      ['page', '0', 'The "page" attribute is invalid: expected a whole number from 1.'],
      ['page', '1.5', '"page" attribute is invalid'],
      ['order', 'up', 'The "order" attribute is invalid: expected one of asc, desc.'],
      ['sort', 'name; drop', '"sort" attribute is invalid'],
      ['media-group-id', 'a b', '"media-group-id" attribute is invalid'],
    ] as const) {
      it(`names a bad ${attribute}="${value}" and makes no request`, async () => {
        const options: ListOptions = {};
        if (attribute === 'limit') options.limit = value;
        if (attribute === 'page') options.page = value;
        if (attribute === 'order') options.order = value;
        if (attribute === 'sort') options.sort = value;
        if (attribute === 'media-group-id') options.mediaGroupId = value;
        const el = await loadList(options, 'error');
        expect(partText(el, 'error')).to.contain(expected);
        expect(partText(el, 'error')).to.match(/^Configuration error: /);
        await waitUntil(() => errors.length > 0);
        expect(errors[0]!.detail.error.code).to.equal('BAD_REQUEST');
        expect(el.shadowRoot!.querySelector('[part~="error"] button')).to.equal(null);
        expect(catalogRequests(await mockStats())).to.equal(0);
        await expect(el).to.be.accessible();
      });
    }

    it('names a missing merchant in Japanese', async () => {
      const el = await loadList({merchant: '', lang: 'ja'}, 'error');
      expect(partText(el, 'error')).to.equal('設定エラー：「merchant」属性は必須です。');
      expect(catalogRequests(await mockStats())).to.equal(0);
    });

    it('loads again when an invalid attribute is corrected', async () => {
      const el = await loadList({limit: 0}, 'error');
      el.limit = 4;
      await settled(el, 'ready');
      expect(cards(el)).to.have.length(4);
    });
  });

  describe('requests', () => {
    it('costs one request for a list plus 30 cards of media on that page', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="30"></ss-media-list>
        </div>`,
      );
      const list = await settled(wrapper.querySelector('ss-media-list')!, 'ready');
      const ids = shownIds(list);
      expect(ids).to.have.length(30);
      for (const id of ids) {
        const card = document.createElement('ss-media-card');
        card.setAttribute('merchant', MERCHANT);
        card.setAttribute('api-base', mockBase);
        card.setAttribute('media-id', id);
        wrapper.append(card);
      }
      const standalone = [...wrapper.querySelectorAll('ss-media-card')];
      await Promise.all(standalone.map((card) => settled(card, 'ready')));
      expect(standalone.map((card) => partText(card, 'title'))).to.deep.equal(
        cards(list).map((card) => card.media!.name),
      );
      const stats = await mockStats();
      expect(stats.byRoute['list-medias']).to.equal(1);
      expect(stats.byRoute['get-media']).to.equal(0);
      expect(catalogRequests(stats)).to.equal(1);
    });

    it('costs one request when 30 cards come before the list in the page, all at once', async () => {
      const ids = await pageIds('limit=30&page=1&sort=updated_at&order=desc');
      const before = await mockStats();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          ${ids.map(
            (id) =>
              html`<ss-media-card
                merchant=${MERCHANT}
                api-base=${mockBase}
                media-id=${id}
              ></ss-media-card>`,
          )}
          <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="30"></ss-media-list>
        </div>`,
      );
      const standalone = [...wrapper.querySelectorAll('ss-media-card')];
      await Promise.all(standalone.map((card) => settled(card, 'ready')));
      await settled(wrapper.querySelector('ss-media-list')!, 'ready');
      expect(standalone.map((card) => card.getAttribute('media-id'))).to.deep.equal(ids);
      const after = await mockStats();
      expect(after.byRoute['get-media']! - before.byRoute['get-media']!).to.equal(0);
      expect(after.byRoute['list-medias']! - before.byRoute['list-medias']!).to.equal(1);
    });

    it('shows a card beside a slow list before the list: a few cards ask at once', async () => {
      await addFault({kind: 'slow', delayMs: 600, route: 'list-medias'});
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="5"></ss-media-list>
          <ss-media-card
            merchant=${MERCHANT}
            api-base=${mockBase}
            media-id=${IDS.long}
          ></ss-media-card>
        </div>`,
      );
      const list = wrapper.querySelector('ss-media-list')!;
      await settled(wrapper.querySelector('ss-media-card')!, 'ready');
      expect(list.getAttribute('state'), 'the card did not wait for the list').to.equal('loading');
      await settled(list, 'ready');
    });

    it('costs one request for two lists showing the same page', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="4"></ss-media-list>
          <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="4"></ss-media-list>
        </div>`,
      );
      const [a, b] = [...wrapper.querySelectorAll('ss-media-list')];
      await settled(a!, 'ready');
      await settled(b!, 'ready');
      expect(shownIds(a!)).to.deep.equal(shownIds(b!));
      expect(catalogRequests(await mockStats())).to.equal(1);
    });
  });

  describe('cache updates', () => {
    it('shows an edited media without a reload, with one more list request', async () => {
      const editor = useEditingClient();
      const el = await loadList({sort: 'created_at', order: 'asc'});
      const first = cards(el)[0]!.media!;
      const before = await mockStats();
      await editor.updateMedia(MERCHANT, {id: first.id}, {name: 'Renamed on the server'});
      await waitUntil(
        () => cards(el)[0]?.media?.name === 'Renamed on the server',
        'the list never showed the new name',
      );
      await settled(cards(el)[0]!, 'ready');
      expect(partText(cards(el)[0]!, 'title')).to.equal('Renamed on the server');
      const after = await mockStats();
      expect(after.byRoute['list-medias']! - before.byRoute['list-medias']!).to.equal(1);
    });

    it('keeps the page, its cards and focus while the newer version loads', async () => {
      const editor = useEditingClient();
      const el = await loadList({sort: 'created_at', order: 'asc'});
      const [first, , third] = cards(el);
      third!.focus();
      const focused = deepActiveElement();
      expect(third!.shadowRoot!.contains(focused)).to.equal(true);
      const seen: string[] = [];
      const observer = new MutationObserver(() =>
        seen.push(
          `${el.getAttribute('state')} ${el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy')}`,
        ),
      );
      observer.observe(el, {attributes: true, subtree: true});
      observer.observe(el.shadowRoot!, {attributes: true, subtree: true});
      await editor.updateMedia(MERCHANT, {id: first!.media!.id}, {name: 'Renamed'});
      await waitUntil(
        () => cards(el)[0] && partText(cards(el)[0]!, 'title') === 'Renamed',
        'never renamed',
      );
      observer.disconnect();
      // No skeleton, no busy state, the same card elements, and focus where it was.
      expect(seen.filter((entry) => entry !== 'ready false')).to.deep.equal([]);
      expect(cards(el)[2]).to.equal(third);
      expect(deepActiveElement()).to.equal(focused);
    });

    it('still follows the cache after being moved in the page', async () => {
      const editor = useEditingClient();
      const el = await loadList({sort: 'created_at', order: 'asc'});
      const first = cards(el)[0]!.media!;
      const elsewhere = document.createElement('div');
      el.parentElement!.after(elsewhere);
      elsewhere.append(el);
      await editor.updateMedia(MERCHANT, {id: first.id}, {name: 'Moved and renamed'});
      await waitUntil(
        () => cards(el)[0]?.media?.name === 'Moved and renamed',
        'the moved list never showed the new name',
      );
      elsewhere.remove();
    });
  });

  describe('attribute changes', () => {
    it('renders only the latest page when page changes 1→2→3→2 within a few ms', async () => {
      const page2 = await pageIds('limit=5&order=desc&page=2&sort=updated_at');
      const page3 = await pageIds('limit=5&order=desc&page=3&sort=updated_at');
      const el = await loadList({limit: 5});
      const page1 = shownIds(el);
      // Page 2 answers last, so a list that rendered whichever answer came in last would be right
      // by luck only if it ignored page 3's answer.
      await addFault({kind: 'slow', route: 'list-medias', pathIncludes: 'page=2', delayMs: 300});
      // Page 3 must not answer before the move back to page 2, a few ms later: on a fast run
      // it did, and then showed rightly while page was 3.
      await addFault({kind: 'slow', route: 'list-medias', pathIncludes: 'page=3', delayMs: 60});
      const seen: string[][] = [];
      const observer = new MutationObserver(() => seen.push(shownIds(el)));
      observer.observe(el.shadowRoot!, {subtree: true, childList: true, attributes: true});
      const states: string[] = [];
      const pause = () => new Promise((resolve) => setTimeout(resolve, 2));
      for (const page of [2, 3, 2]) {
        el.page = page;
        await el.updateComplete;
        states.push(el.getAttribute('state')!);
        seen.push(shownIds(el));
        await pause();
      }
      await waitUntil(() => el.getAttribute('state') === 'ready' && shownIds(el).length === 5);
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 400));
      observer.disconnect();
      expect(states).to.deep.equal(['loading', 'loading', 'loading']);
      expect(shownIds(el)).to.deep.equal(page2);
      expect(el.getAttribute('page')).to.equal('2');
      expect(currentPage(el)).to.equal('2');
      const shown = seen.filter((ids) => ids.length > 0);
      expect(shown.length).to.be.greaterThan(0);
      for (const ids of shown) {
        expect(ids, 'a stale page flashed in').to.deep.equal(page2);
        expect(ids).to.not.deep.equal(page1);
        expect(ids).to.not.deep.equal(page3);
      }
    });

    it('says loading while a person moves to another page, keeping the pagination and focus', async () => {
      const el = await loadList({limit: 4});
      await addFault({kind: 'slow', route: 'list-medias', pathIncludes: 'page=2', delayMs: 500});
      const next = navButton(el, 'next');
      next.focus();
      await sendKeys({press: 'Enter'});
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('loading');
      expect(parts(el, 'base')[0]!.getAttribute('aria-busy')).to.equal('true');
      expect(next.isConnected).to.equal(true);
      expect(deepActiveElement()).to.equal(next);
      expect(currentPage(el)).to.equal('2');
      await settled(el, 'ready');
      expect(deepActiveElement()).to.equal(navButton(el, 'next'));
    });

    it('filters by job', async () => {
      const expected = await pageIds(`limit=30&job_id=${IDS.job}`);
      const el = await loadList({jobId: IDS.job, limit: 30});
      expect(shownIds(el)).to.deep.equal(expected);
      expect(shownIds(el)).to.include.members([IDS.withRefId, IDS.short, IDS.long]);
    });
  });

  describe('pagination', () => {
    it('shows no pagination for a single page', async () => {
      const el = await loadList({jobId: IDS.job, limit: 30});
      expect(cards(el).length).to.be.greaterThan(1);
      expect(parts(el, 'pagination')).to.have.length(0);
    });

    it('shows page numbers with an ellipsis for many pages', async () => {
      const el = await loadList({limit: 10});
      const nav = parts(el, 'pagination')[0]!;
      expect(nav.tagName).to.equal('NAV');
      expect(nav.getAttribute('aria-label')).to.equal('Video pages');
      expect(pageItems(el)).to.deep.equal(['1', '2', '3', '4', '…', '24']);
      expect(currentPage(el)).to.equal('1');
      expect(pageButton(el, 1).getAttribute('aria-label')).to.equal('Page 1');
      expect(navButton(el, 'previous').disabled).to.equal(true);
      expect(navButton(el, 'next').disabled).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('puts ellipses on both sides of a middle page', async () => {
      const el = await loadList({limit: 10, page: 12});
      expect(pageItems(el)).to.deep.equal(['1', '…', '11', '12', '13', '…', '24']);
      expect(currentPage(el)).to.equal('12');
      const current = el.shadowRoot!.querySelectorAll('nav [aria-current="page"]');
      expect(current).to.have.length(1);
    });

    it('disables next on the last page', async () => {
      const el = await loadList({limit: 10, page: 24});
      expect(pageItems(el)).to.deep.equal(['1', '…', '21', '22', '23', '24']);
      expect(navButton(el, 'next').disabled).to.equal(true);
      expect(navButton(el, 'previous').disabled).to.equal(false);
    });

    it('fires ss-page-change when a person picks a page, and loads it', async () => {
      const expected = await pageIds('limit=10&order=desc&page=3&sort=updated_at');
      const el = await loadList({limit: 10});
      const changed = oneEvent(el, 'ss-page-change') as Promise<PageChangeEvent>;
      pageButton(el, 3).click();
      expect((await changed).detail.page).to.equal(3);
      expect(el.getAttribute('page')).to.equal('3');
      await settled(el, 'ready');
      expect(shownIds(el)).to.deep.equal(expected);
      expect(currentPage(el)).to.equal('3');
    });

    it('keeps focus on the page number a person pressed', async () => {
      const el = await loadList({limit: 10, page: 4});
      pageButton(el, 5).focus();
      await sendKeys({press: 'Enter'});
      await settled(el, 'ready');
      expect(currentPage(el)).to.equal('5');
      expect(deepActiveElement() === pageButton(el, 5)).to.equal(true);
      expect(pageButton(el, 5).getAttribute('aria-current')).to.equal('page');
    });

    it('alerts and moves focus to Retry when a page change fails', async () => {
      const el = await loadList({limit: 10});
      await addFault({
        kind: 'status',
        status: 500,
        route: 'list-medias',
        pathIncludes: 'page=2',
        times: 3,
      });
      navButton(el, 'next').focus();
      await sendKeys({press: 'Enter'});
      await settled(el, 'error');
      const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] button')!;
      expect(parts(el, 'error')[0]!.getAttribute('role')).to.equal('alert');
      await waitUntil(() => deepActiveElement() === retry, 'focus on Retry');
    });

    it('moves focus to the current page when the pressed button goes away', async () => {
      const el = await loadList({limit: 10, page: 23});
      navButton(el, 'next').focus();
      await sendKeys({press: 'Enter'});
      // Next is disabled on the last page: focus goes to "24", not to the top of the document.
      expect(navButton(el, 'next').disabled).to.equal(true);
      const focused = (page: number) => deepActiveElement() === pageButton(el, page);
      await waitUntil(() => focused(24), 'focus on page 24 while it loads');
      await settled(el, 'ready');
      expect(focused(24)).to.equal(true);
      el.page = 2;
      await waitUntil(() => currentPage(el) === '2' && el.state === 'ready');
      navButton(el, 'previous').focus();
      await sendKeys({press: 'Enter'});
      await settled(el, 'ready');
      await waitUntil(() => focused(1), 'focus on page 1 after Previous');
    });

    it('tells screen readers which page came, after a person changed it', async () => {
      const el = await loadList({limit: 10});
      const status = () =>
        el.shadowRoot!.querySelector('[part~="base"] > [role="status"]')!.textContent!.trim();
      expect(status()).to.equal('');
      pageButton(el, 3).click();
      await waitUntil(() => status() === 'Page 3 of 24', `status says "${status()}"`);
      expect(el.getAttribute('state')).to.equal('ready');
      await expect(el).to.be.accessible();
      // A script's change is the script's to announce, and leaves no stale text behind.
      el.page = 4;
      await el.updateComplete;
      expect(status()).to.equal('');
    });

    it('says how many videos a new filter found, as a group list changes it', async () => {
      const {count} = await mockJson<{count: number}>(
        `medias/?limit=1&media_group_id=${IDS.group}`,
      );
      const el = await loadList({limit: 10});
      const status = () =>
        el.shadowRoot!.querySelector('[part~="base"] > [role="status"]')!.textContent!.trim();
      // The first load is not news: the page came with it.
      expect(status()).to.equal('');
      el.mediaGroupId = IDS.group;
      await waitUntil(() => status() === `${count} videos`, `status says "${status()}"`);
      expect(el.getAttribute('state')).to.equal('ready');
    });

    it('fires ss-page-change for previous and next', async () => {
      const el = await loadList({limit: 10, page: 5});
      const pages: number[] = [];
      el.addEventListener('ss-page-change', (event) => pages.push(event.detail.page));
      navButton(el, 'next').click();
      await settled(el, 'ready');
      navButton(el, 'previous').click();
      await settled(el, 'ready');
      expect(pages).to.deep.equal([6, 5]);
    });

    it('fires no ss-page-change when a script sets page', async () => {
      const el = await loadList({limit: 10});
      const pages: number[] = [];
      el.addEventListener('ss-page-change', (event) => pages.push(event.detail.page));
      const ready = (page: string) =>
        waitUntil(() => el.getAttribute('state') === 'ready' && currentPage(el) === page);
      el.page = 4;
      await ready('4');
      el.setAttribute('page', '2');
      await ready('2');
      expect(pages).to.deep.equal([]);
    });

    it('works with previous and next only when count is not larger than the page', async () => {
      const el = await loadList({limit: 10, client: pageSizeCountClient()});
      expect(el.shadowRoot!.querySelectorAll('nav li')).to.have.length(0);
      expect(navButton(el, 'previous').disabled).to.equal(true);
      expect(navButton(el, 'next').disabled).to.equal(false);
      expect(partText(el, 'pagination')).to.contain('Page 1');
      await expect(el).to.be.accessible();
      const changed = oneEvent(el, 'ss-page-change') as Promise<PageChangeEvent>;
      navButton(el, 'next').click();
      expect((await changed).detail.page).to.equal(2);
      await settled(el, 'ready');
      expect(navButton(el, 'previous').disabled).to.equal(false);
    });

    it('disables next after a short page when count is not larger than the page', async () => {
      const el = await loadList({limit: 100, page: 3, client: pageSizeCountClient()});
      expect(cards(el).length).to.be.lessThan(100);
      expect(navButton(el, 'next').disabled).to.equal(true);
      expect(navButton(el, 'previous').disabled).to.equal(false);
    });
  });

  describe('keyboard', () => {
    async function keyboardFixture() {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 800px">
          <button>before</button>
          <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="7"></ss-media-list>
        </div>`,
      );
      const list = await settled(wrapper.querySelector('ss-media-list')!, 'ready');
      await Promise.all(cards(list).map((card) => settled(card, 'ready')));
      wrapper.querySelector('button')!.focus();
      return list;
    }

    const focusedCard = (list: SsMediaList) =>
      cards(list).findIndex((card) => card.shadowRoot!.activeElement !== null);

    it('makes the grid one tab stop', async () => {
      const list = await keyboardFixture();
      await sendKeys({press: 'Tab'});
      expect(focusedCard(list)).to.equal(0);
      const activators = cards(list).map((card) => card.shadowRoot!.querySelector('.activator')!);
      expect(activators.map((a) => a.getAttribute('tabindex'))).to.deep.equal([
        '0',
        '-1',
        '-1',
        '-1',
        '-1',
        '-1',
        '-1',
      ]);
      await sendKeys({press: 'Tab'});
      expect(focusedCard(list)).to.equal(-1);
      expect(deepActiveElement()!.getAttribute('part')).to.equal('page-button');
    });

    it('moves focus the way the grid reads on a right-to-left page', async () => {
      const list = await keyboardFixture();
      list.parentElement!.dir = 'rtl';
      await sendKeys({press: 'Tab'});
      const [first, second] = cards(list);
      // The second card sits to the left of the first.
      expect(second!.getBoundingClientRect().right).to.be.at.most(
        first!.getBoundingClientRect().left,
      );
      await sendKeys({press: 'ArrowLeft'});
      await list.updateComplete;
      expect(focusedCard(list)).to.equal(1);
      await sendKeys({press: 'ArrowRight'});
      await list.updateComplete;
      expect(focusedCard(list)).to.equal(0);
    });

    it('moves focus with the arrow keys, Home and End, and remembers it', async () => {
      const list = await keyboardFixture();
      await sendKeys({press: 'Tab'});
      await sendKeys({press: 'ArrowRight'});
      await list.updateComplete;
      expect(focusedCard(list)).to.equal(1);
      await sendKeys({press: 'ArrowDown'});
      await list.updateComplete;
      expect(focusedCard(list)).to.equal(4);
      await sendKeys({press: 'ArrowLeft'});
      await list.updateComplete;
      expect(focusedCard(list)).to.equal(3);
      await sendKeys({press: 'ArrowUp'});
      await list.updateComplete;
      expect(focusedCard(list)).to.equal(0);
      await sendKeys({press: 'End'});
      await list.updateComplete;
      expect(focusedCard(list)).to.equal(6);
      await sendKeys({press: 'ArrowRight'});
      await list.updateComplete;
      expect(focusedCard(list)).to.equal(6);
      await sendKeys({press: 'Home'});
      await list.updateComplete;
      expect(focusedCard(list)).to.equal(0);
      await sendKeys({press: 'ArrowRight'});
      await sendKeys({press: 'ArrowRight'});
      await list.updateComplete;
      // Out and back in: the grid's tab stop is the card last focused. (Back in from the button
      // before it with Tab: the WebDriver launcher cannot hold Shift down for Shift+Tab.)
      await sendKeys({press: 'Tab'});
      expect(focusedCard(list)).to.equal(-1);
      list.parentElement!.querySelector('button')!.focus();
      await sendKeys({press: 'Tab'});
      expect(focusedCard(list)).to.equal(2);
    });

    it('fires ss-media-select with the card media on Enter', async () => {
      const list = await keyboardFixture();
      await sendKeys({press: 'Tab'});
      await sendKeys({press: 'ArrowRight'});
      await list.updateComplete;
      const selected = oneEvent(list, 'ss-media-select') as Promise<MediaSelectEvent>;
      await sendKeys({press: 'Enter'});
      expect((await selected).detail.media.id).to.equal(shownIds(list)[1]);
    });
  });

  describe('href and structured data', () => {
    it('makes every card a link from the href template', async () => {
      const el = await loadList({href: '/videos/{id}', limit: 3});
      await Promise.all(cards(el).map((card) => settled(card, 'ready')));
      const hrefs = cards(el).map((card) =>
        card.shadowRoot!.querySelector('a.activator')!.getAttribute('href'),
      );
      expect(hrefs).to.deep.equal(shownIds(el).map((id) => `/videos/${id}`));
    });

    it('never links to a script URL', async () => {
      const el = await loadList({href: 'javascript:alert({id})', limit: 3});
      await Promise.all(cards(el).map((card) => settled(card, 'ready')));
      for (const card of cards(el)) expect(card.shadowRoot!.querySelector('a')).to.equal(null);
    });

    it('adds an ItemList of the page videos to the light DOM', async () => {
      const el = await loadList({limit: 4, page: 2, href: '/videos/{id}'});
      const script = el.querySelector(':scope > script[type="application/ld+json"]')!;
      const data = JSON.parse(script.textContent!) as {
        '@type': string;
        itemListElement: Array<{position: number; item: {name: string; url: string}}>;
      };
      expect(data['@type']).to.equal('ItemList');
      expect(data.itemListElement.map((entry) => entry.position)).to.deep.equal([5, 6, 7, 8]);
      expect(data.itemListElement.map((entry) => entry.item.name)).to.deep.equal(
        cards(el).map((card) => card.media!.name),
      );
      expect(data.itemListElement[0]!.item.url).to.equal(
        new URL(`/videos/${shownIds(el)[0]}`, document.baseURI).href,
      );
      // The cards inside leave theirs out: one script for the whole list.
      expect(document.querySelectorAll('script[type="application/ld+json"]')).to.have.length(1);
    });
  });

  describe('names and headings', () => {
    it('names the list and its pagination after its label, for pages with several lists', async () => {
      const el = await listFixture({limit: 10});
      el.label = 'Dark theme videos';
      await settled(el, 'ready');
      expect(parts(el, 'list')[0]!.getAttribute('aria-label')).to.equal('Dark theme videos');
      expect(parts(el, 'pagination')[0]!.getAttribute('aria-label')).to.equal(
        'Dark theme videos: pages',
      );
      el.lang = 'ja';
      el.label = '日本語の動画';
      await el.updateComplete;
      expect(parts(el, 'pagination')[0]!.getAttribute('aria-label')).to.equal(
        '日本語の動画のページ',
      );
    });

    it('gives the cards the heading level the page outline needs', async () => {
      const el = await listFixture({limit: 4});
      el.setAttribute('heading-level', '2');
      await settled(el, 'ready');
      for (const card of cards(el)) {
        await card.updateComplete;
        expect(parts(card, 'title')[0]!.tagName).to.equal('H2');
      }
      await expect(el).to.be.accessible();
    });

    it('names a bad heading-level', async () => {
      const el = await listFixture({limit: 4});
      el.setAttribute('heading-level', '7');
      await settled(el, 'error');
      expect(partText(el, 'error')).to.contain(
        'The "heading-level" attribute is invalid: expected a whole number from 1 to 6.',
      );
    });
  });

  describe('languages', () => {
    it('speaks Japanese with lang="ja"', async () => {
      const el = await loadList({lang: 'ja', limit: 10});
      expect(parts(el, 'pagination')[0]!.getAttribute('aria-label')).to.equal('動画のページ');
      expect(navButton(el, 'previous').textContent!.trim()).to.equal('前へ');
      expect(navButton(el, 'next').textContent!.trim()).to.equal('次へ');
      expect(pageButton(el, 2).getAttribute('aria-label')).to.equal('2ページ');
      expect(cards(el).every((card) => card.getAttribute('lang') === 'ja')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('takes the nearest lang of the document', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="ja-JP">
          <ss-media-list
            merchant=${MERCHANT}
            api-base=${mockBase}
            media-group-id=${IDS.emptyGroup}
          ></ss-media-list>
        </div>`,
      );
      const el = await settled(wrapper.querySelector('ss-media-list')!, 'empty');
      expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal(
        '表示できる動画はありません。',
      );
      expect(el.hasAttribute('lang')).to.equal(false);
    });
  });
});
