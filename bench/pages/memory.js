// Part 5, memory: 1,000 <ss-media-card media-id> (answered by the primed shared client)
// mounted and removed, round after round; the vanilla cards of the render part likewise.
// Node forces GC and reads the heap between steps (bench/lib/memory.js).
import {getSharedClient, SsMediaCard} from '/dist/smartstream-widgets.min.js';
import {nextFrame, sleep, waitUntil} from './common.js';
import {vanillaCard} from './vanilla-gallery.js';

const MERCHANT = 'nttsmc';
const stage = document.getElementById('stage');
const cardSheets = SsMediaCard.elementStyles.map((s) =>
  s instanceof CSSStyleSheet ? s : s.styleSheet,
);
let apiBase;
const medias = [];

async function setup(options) {
  apiBase = options.apiBase;
  const client = getSharedClient(apiBase);
  for (const page of [1, 2, 3]) {
    const list = await client.listMedia(MERCHANT, {limit: 100, page});
    medias.push(...list.medias);
  }
  return {medias: medias.length};
}

const rendered = (card) =>
  card.getAttribute('state') === 'ready' &&
  card.shadowRoot?.querySelector('article') !== null &&
  !card.isUpdatePending;

/** Mounts `count` cards and resolves once they are all rendered and a frame has passed. */
async function mount(impl, count) {
  const grid = document.createElement('ul');
  grid.className = 'grid';
  const cards = Array.from({length: count}, (_, i) => {
    const media = medias[i % medias.length];
    if (impl === 'vanilla') return vanillaCard(media, {sheets: cardSheets});
    const card = document.createElement('ss-media-card');
    card.setAttribute('merchant', MERCHANT);
    card.setAttribute('api-base', apiBase);
    card.setAttribute('media-id', media.id);
    return card;
  });
  grid.append(
    ...cards.map((card) => {
      const item = document.createElement('li');
      item.append(card);
      return item;
    }),
  );
  stage.append(grid);
  if (impl === 'ours') await waitUntil(() => cards.every(rendered));
  await nextFrame();
  await nextFrame();
}

async function unmount() {
  stage.replaceChildren();
  await nextFrame();
  await nextFrame();
  await sleep(0);
}

window.bench = {setup, mount, unmount};
