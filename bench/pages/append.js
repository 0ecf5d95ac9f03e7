// Part "append": one <ss-media-list paging="more"> grown to 1,000 cards, 100 a page, through a
// client whose pages are the mock's 240 media repeated under new ids (the mock has 240), so
// every page is real catalog data. Node reads the heap between steps (bench/lib/append.js).
import {CatalogReader} from '/dist/smartstream-widgets.min.js';
import {nextFrame, waitUntil} from './common.js';

const MERCHANT = 'nttsmc';
const TOTAL = 1000;
const stage = document.getElementById('stage');
let list;
let firstCards = [];

/** The mock's media, fetched once; pages are cut from them with ids made unique. */
async function catalogReader(apiBase) {
  const medias = [];
  for (const page of [1, 2, 3]) {
    const response = await fetch(
      `${apiBase}/v1/merchants/${MERCHANT}/medias/?limit=100&page=${page}`,
    );
    medias.push(...(await response.json()).medias);
  }
  const fakeFetch = async (input) => {
    const url = new URL(String(input));
    const limit = Number(url.searchParams.get('limit'));
    const page = Number(url.searchParams.get('page'));
    const start = (page - 1) * limit;
    const items = [];
    for (let i = start; i < Math.min(start + limit, TOTAL); i++) {
      const media = medias[i % medias.length];
      items.push({...media, id: media.id.slice(0, 28) + i.toString(16).padStart(4, '0')});
    }
    return new Response(JSON.stringify({count: TOTAL, medias: items}), {
      headers: {'content-type': 'application/json'},
    });
  };
  return new CatalogReader({apiBase, fetch: fakeFetch});
}

const cards = () => [...list.shadowRoot.querySelectorAll('ss-media-card:not([skeleton])')];
const rendered = (card) =>
  card.getAttribute('state') === 'ready' && card.shadowRoot?.querySelector('article') !== null;

async function shown(count) {
  await waitUntil(() => {
    const all = cards();
    return all.length === count && all.every(rendered) && !list.isUpdatePending;
  });
  await nextFrame();
  await nextFrame();
}

async function setup({apiBase}) {
  const client = await catalogReader(apiBase);
  list = document.createElement('ss-media-list');
  list.client = client;
  for (const [name, value] of Object.entries({
    merchant: MERCHANT,
    'api-base': apiBase,
    limit: 100,
    paging: 'more',
  }))
    list.setAttribute(name, String(value));
  return {total: TOTAL};
}

/** Mounts the list with its first page. */
async function mountFirst() {
  stage.append(list);
  await shown(100);
  firstCards = cards().slice(0, 100);
}

/** Presses "Load more" and times it to the painted frame with every new card rendered. */
async function appendPage() {
  const before = cards().length;
  const t0 = performance.now();
  list.shadowRoot.querySelector('[part~="more-button"]').click();
  await shown(Math.min(before + 100, TOTAL));
  return performance.now() - t0;
}

/** Whether page 1's cards are still the same nodes, and the frame times of a scroll to the end. */
async function scrollThrough() {
  const kept = cards()
    .slice(0, 100)
    .every((card, i) => card === firstCards[i]);
  window.scrollTo(0, 0);
  await nextFrame();
  const frames = [];
  const step = (document.documentElement.scrollHeight - innerHeight) / 60;
  let last = performance.now();
  for (let i = 0; i < 60; i++) {
    window.scrollBy(0, step);
    await nextFrame();
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  return {kept, frames, cards: cards().length};
}

window.bench = {setup, mountFirst, appendPage, scrollThrough};
