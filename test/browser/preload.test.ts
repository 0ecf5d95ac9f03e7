// The loading chain of a page: the head's preload of the list's first request is what the
// list then reads (one request at the mock, not two), and the first row's posters load first.
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import type {TemplateResult} from 'lit';
import '../../src/all.js';
import {getSharedClient} from '../../src/client/index.js';
import type {SsMediaCard, SsMediaList} from '../../src/index.js';
import {addFault, IDS, MERCHANT, mockBase, mockStats, resetAll, settled} from './helpers/common.js';

/** The URL `<ss-media-list limit>` asks for first, as the docs tell authors to preload it. */
function firstPageUrl(limit: number): string {
  const client = getSharedClient(mockBase);
  const path = client.cacheKey('listMedia', MERCHANT, {
    limit,
    page: 1,
    sort: 'updated_at',
    order: 'desc',
  });
  return client.apiBase + path;
}

/** Adds `<link rel="preload" as="fetch">` to the head and waits until its response is in. */
async function preload(href: string, crossorigin: boolean): Promise<HTMLLinkElement> {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.href = href;
  if (crossorigin) link.crossOrigin = 'anonymous';
  const loaded = new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, {once: true});
    link.addEventListener('error', () => reject(new Error(`preload of ${href} failed`)), {
      once: true,
    });
  });
  document.head.append(link);
  await loaded;
  return link;
}

async function listRequestsFor(limit: number, crossorigin: boolean): Promise<number> {
  const link = await preload(firstPageUrl(limit), crossorigin);
  try {
    const list = await fixture<SsMediaList>(
      html`<ss-media-list
        merchant=${MERCHANT}
        api-base=${mockBase}
        limit=${limit}
      ></ss-media-list>`,
    );
    await settled(list, 'ready');
    expect(list.shadowRoot!.querySelectorAll('ss-media-card')).to.have.length(limit);
    return (await mockStats()).byRoute['list-medias'] ?? 0;
  } finally {
    link.remove();
  }
}

/**
 * A list of `query` placed by `place`, loaded twice: over skeletons from the catalog,
 * then straight from the cache (no skeletons to measure). Each load's posters, once ready.
 */
async function postersOfEachLoad(
  query: {limit: number; sort: string; order: string; layout?: string},
  place: (list: TemplateResult) => TemplateResult,
): Promise<Array<{from: string; posters: Array<HTMLImageElement | null>; boxes: DOMRect[]}>> {
  const list = html`<ss-media-list
    layout=${query.layout ?? 'grid'}
    merchant=${MERCHANT}
    api-base=${mockBase}
    limit=${query.limit}
    sort=${query.sort}
    order=${query.order}
  ></ss-media-list>`;
  const loads = [];
  for (const from of ['the catalog', 'the cache']) {
    const wrapper = await fixture<HTMLElement>(place(list));
    const el = await settled(wrapper.querySelector<SsMediaList>('ss-media-list')!, 'ready');
    const cards = [...el.shadowRoot!.querySelectorAll<SsMediaCard>('ss-media-card')];
    const posters = cards.map((card) => card.shadowRoot!.querySelector('img'));
    loads.push({from, posters, boxes: cards.map((card) => card.getBoundingClientRect())});
    wrapper.remove();
  }
  return loads;
}

describe('the loading chain', () => {
  beforeEach(resetAll);

  // Limits no other test uses, and other ones in the CDN group, which runs this file again in the
  // same browser: no earlier request of these URLs can be in the HTTP cache (WebKit keeps it).
  const cdnGroup = Boolean(document.querySelector('script[src*="smartstream-widgets.min.js"]'));

  it('reads the preloaded first page: the mock serves the list once, not twice', async () => {
    expect(await listRequestsFor(cdnGroup ? 17 : 7, true)).to.equal(1);
  });

  it('cannot reuse a preload without crossorigin (credentials differ): the mock serves it twice', async () => {
    // Why the recommended head says `crossorigin`: the elements fetch without credentials.
    expect(await listRequestsFor(cdnGroup ? 19 : 9, false)).to.equal(2);
  });

  it('loads the posters of the first row and of the first screen at once, at high priority, the others lazily', async () => {
    // 760 px: three columns of at least 240 px with 16 px gaps; four rows, the last one far
    // below any test window's first screen.
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 760px">
        <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="12"></ss-media-list>
      </div>`,
    );
    const list = await settled(wrapper.querySelector<SsMediaList>('ss-media-list')!, 'ready');
    const cards = [...list.shadowRoot!.querySelectorAll<SsMediaCard>('ss-media-card')];
    const posters = cards.map((card) => card.shadowRoot!.querySelector('img'));
    const loading = posters.map((img) => img && `${img.loading} ${img.fetchPriority}`);
    const eager = 'eager high';
    const lazy = 'lazy auto';
    // Media without any image show a placeholder (null); the mock's first twelve all have one.
    // At least a quarter of the card in the first screen: a few pixels of a row do not count.
    const inFirstScreen = cards.map((card) => {
      const {top, height} = card.getBoundingClientRect();
      return top + height / 4 < innerHeight;
    });
    expect(inFirstScreen.slice(0, 3)).to.deep.equal([true, true, true]);
    expect(inFirstScreen.slice(9)).to.deep.equal([false, false, false]);
    expect(loading).to.deep.equal(inFirstScreen.map((seen) => (seen ? eager : lazy)));
    expect(posters.every((img) => img?.decoding === 'async')).to.equal(true);
  });

  it('gives no poster priority in a list loaded while hidden (a closed tab or dialog), and fetches none', async () => {
    const query = {limit: 7, sort: 'created_at', order: 'asc'};
    const loads = await postersOfEachLoad(
      query,
      (list) => html`<div hidden style="width: 760px">${list}</div>`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const {from, posters} of loads) {
      expect(
        posters.map((img) => img?.loading),
        from,
      ).to.deep.equal(Array(7).fill('lazy'));
    }
    // Asked of the mock: a browser may show an image it holds in its memory cache (WebKit's is
    // shared by the pages of a run) and list it in resource timing without fetching it.
    expect((await mockStats()).byRoute.asset ?? 0, 'posters fetched').to.equal(0);
  });

  it('gives no poster priority in a list below the first screen: the page above it loads first', async () => {
    const query = {limit: 5, sort: 'name', order: 'asc'};
    const below = `width: 760px; padding-top: ${innerHeight + 10}px`;
    const loads = await postersOfEachLoad(query, (list) => html`<div style=${below}>${list}</div>`);
    for (const {from, posters, boxes} of loads) {
      expect(boxes[0]!.top, from).to.be.greaterThan(innerHeight);
      expect(
        posters.map((img) => img?.loading),
        from,
      ).to.deep.equal(Array(5).fill('lazy'));
    }
  });

  it('gives priority to the cards a shelf shows, not to those past its end that the window would', async () => {
    // 500 px of shelf in a wider window: cards of 200 px, the third one cut by the shelf's end.
    const query = {limit: 6, sort: 'name', order: 'desc', layout: 'shelf'};
    const shelf = (list: TemplateResult) =>
      html`<div style="width: 500px; --ss-shelf-card-width: 200px">${list}</div>`;
    for (const {from, posters, boxes} of await postersOfEachLoad(query, shelf)) {
      expect(boxes[3]!.left, 'the fourth card starts inside the window').to.be.below(innerWidth);
      const loading = posters.map((img) => img?.loading);
      expect(loading, from).to.deep.equal(['eager', 'eager', 'eager', 'lazy', 'lazy', 'lazy']);
    }
  });

  it('leaves a first row lazy when only a sliver of it is in the first screen, and a list scrolled past', async () => {
    // Each list is moved while its skeletons show (the page is slow to come), to where its
    // first row's top is `firstRowAt`, then loads over them.
    await addFault({kind: 'slow', route: 'list-medias', delayMs: 400, times: 2});
    // Queries no other test of this file asks (a page from the cache has no skeletons).
    const placed = async (firstRowAt: (rowHeight: number) => number, sort: string) => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="position: absolute; top: 0; left: 0; width: 760px">
          <ss-media-list
            merchant=${MERCHANT}
            api-base=${mockBase}
            limit="3"
            sort=${sort}
            order="desc"
          ></ss-media-list>
        </div>`,
      );
      const list = wrapper.querySelector<SsMediaList>('ss-media-list')!;
      expect(list.getAttribute('state'), sort).to.equal('loading');
      const skeleton = list
        .shadowRoot!.querySelector('[part~="list"] > *')!
        .getBoundingClientRect();
      wrapper.style.top = `${firstRowAt(skeleton.height) - skeleton.top}px`;
      await settled(list, 'ready');
      const cards = [...list.shadowRoot!.querySelectorAll<SsMediaCard>('ss-media-card')];
      return cards.map((card) => card.shadowRoot!.querySelector('img')?.loading);
    };
    // A fifth of the first row's height shows at the bottom of the first screen.
    const sliver = await placed((height) => innerHeight - height / 5, 'name');
    expect(sliver, 'a sliver at the bottom').to.deep.equal(['lazy', 'lazy', 'lazy']);
    // The whole list is above the first screen (the page was scrolled past it).
    const past = await placed((height) => -height - 50, 'created_at');
    expect(past, 'scrolled past').to.deep.equal(['lazy', 'lazy', 'lazy']);
  });

  it('leaves a row lazy when only a sliver of it is in the first screen', async () => {
    // Where a 760 px list puts its cards, from another list of the same width.
    const probe = await fixture<HTMLDivElement>(
      html`<div style="width: 760px">
        <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="4"></ss-media-list>
      </div>`,
    );
    const probeList = await settled(probe.querySelector<SsMediaList>('ss-media-list')!, 'ready');
    const probeCards = [...probeList.shadowRoot!.querySelectorAll('ss-media-card')];
    const offset =
      probeCards[0]!.getBoundingClientRect().top - probeList.getBoundingClientRect().top;
    const pitch =
      probeCards[3]!.getBoundingClientRect().top - probeCards[0]!.getBoundingClientRect().top;
    probe.remove();
    // Another query (so it loads over skeletons) whose second row starts 20 px above the fold.
    const top = innerHeight - 20 - offset - pitch;
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="position: absolute; top: ${top}px; left: 0; width: 760px">
        <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="5"></ss-media-list>
      </div>`,
    );
    const list = await settled(wrapper.querySelector<SsMediaList>('ss-media-list')!, 'ready');
    const cards = [...list.shadowRoot!.querySelectorAll<SsMediaCard>('ss-media-card')];
    expect(cards[3]!.getBoundingClientRect().top).to.be.closeTo(innerHeight - 20, 1);
    const loading = cards.map((card) => card.shadowRoot!.querySelector('img')?.loading);
    expect(loading).to.deep.equal(['eager', 'eager', 'eager', 'lazy', 'lazy']);
  });

  it("starts each first-screen poster before the list renders its cards, and loads it once: the cards' images take over", async () => {
    // The oldest medias: posters no other test of this file has loaded into this page.
    performance.clearResourceTimings();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 760px"></div>`);
    const list = document.createElement('ss-media-list');
    Object.assign(list, {merchant: MERCHANT, apiBase: mockBase, limit: 6, order: 'asc'});
    // When the page's cards first come into the list's shadow root (the skeletons' have no media).
    let cardsAt = Infinity;
    const hook = list as unknown as {updated(changed: unknown): void};
    const updated = hook.updated.bind(list);
    hook.updated = (changed) => {
      const cards = list.shadowRoot!.querySelectorAll<SsMediaCard>('ss-media-card');
      if (cardsAt === Infinity && [...cards].some((card) => card.media))
        cardsAt = performance.now();
      updated(changed);
    };
    wrapper.append(list);
    await settled(list, 'ready');
    const cards = [...list.shadowRoot!.querySelectorAll<SsMediaCard>('ss-media-card')];
    const posters = cards.map((card) => card.shadowRoot!.querySelector('img')!);
    const eager = posters.filter((img) => img.loading === 'eager');
    expect(eager.length, 'two rows of three in the first screen').to.equal(6);
    await Promise.all(eager.map((img) => img.decode().catch(() => {})));
    // One entry per fetch. None when the browser's image cache had it from another test file
    // (Firefox shares it between pages); two when the card's image did not take over the load.
    const entries = eager.map((img) => performance.getEntriesByName(img.currentSrc));
    expect(Math.max(...entries.map((e) => e.length)), 'no poster fetched twice').to.be.at.most(1);
    // An image set loading in the list's update would start only after the whole render.
    const late = entries.flat().filter((entry) => entry.startTime > cardsAt);
    expect(
      late.map((entry) => entry.name),
      'started after the cards were rendered',
    ).to.deep.equal([]);
  });

  it('a page shown straight from the cache gives its first row priority, and no card it cannot place', async () => {
    // Another list's page fills the cache; this one then renders its cards with no skeletons
    // before them, so where they will be is not known yet when priority is decided.
    const query = html`<ss-media-list
      merchant=${MERCHANT}
      api-base=${mockBase}
      limit="11"
    ></ss-media-list>`;
    const first = await fixture<HTMLDivElement>(html`<div>${query}</div>`);
    await settled(first.firstElementChild as SsMediaList, 'ready');
    first.remove();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 760px">${query}</div>`);
    const list = await settled(wrapper.querySelector<SsMediaList>('ss-media-list')!, 'ready');
    const cards = [...list.shadowRoot!.querySelectorAll<SsMediaCard>('ss-media-card')];
    const loading = cards.map((card) => card.shadowRoot!.querySelector('img')?.loading);
    expect(loading).to.deep.equal(['eager', 'eager', 'eager', ...Array(8).fill('lazy')]);
  });

  it('shows a card next to a slow list without waiting for the list (a few cards ask at once)', async () => {
    await addFault({kind: 'slow', route: 'list-medias', delayMs: 2000});
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <ss-media-card
          merchant=${MERCHANT}
          api-base=${mockBase}
          ref-id=${IDS.refId}
        ></ss-media-card>
        <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="5"></ss-media-list>
      </div>`,
    );
    const card = wrapper.querySelector<SsMediaCard>('ss-media-card')!;
    const list = wrapper.querySelector<SsMediaList>('ss-media-list')!;
    await waitUntil(() => card.getAttribute('state') === 'ready', 'the card waited', {
      timeout: 1500,
    });
    expect(list.getAttribute('state')).to.equal('loading');
    await settled(list, 'ready', 5000);
    const {byRoute} = await mockStats();
    expect([byRoute['get-media'], byRoute['list-medias']]).to.deep.equal([1, 1]);
  });
});
