// Part 3, render: from data in memory (the shared client's cache primed) to the frame that
// shows it, for <ss-media-list>/<ss-media-card> and for the vanilla gallery that writes the
// same markup. The clock starts at the top of an animation frame, where the work is started;
// it stops in the first task after a frame in which everything is rendered (style, layout
// and paint of that frame included), so frame alignment adds nothing.
import {getSharedClient, SsMediaCard, SsMediaList} from '/dist/smartstream-widgets.min.js';
import {collectGarbage, nextFrame, sleep, waitUntil} from './common.js';
import {vanillaCard, vanillaList} from './vanilla-gallery.js';

const MERCHANT = 'nttsmc';
const stage = document.getElementById('stage');
const sheetsOf = (elementClass) =>
  elementClass.elementStyles.map((s) => (s instanceof CSSStyleSheet ? s : s.styleSheet));
const cardSheets = sheetsOf(SsMediaCard);
const itemSheet = new CSSStyleSheet();
itemSheet.replaceSync('.item > vanilla-media-card { height: 100%; }');
const listSheets = [...sheetsOf(SsMediaList), itemSheet];

let apiBase;
let client;
const pages = new Map();

/** Query of the list's own request, so priming fills exactly the entry the element reads. */
const listQuery = (limit, page) => ({limit, page, sort: 'updated_at', order: 'desc'});

/** Primes the shared client with the pages the cases show; returns what it holds. */
async function setup(options) {
  apiBase = options.apiBase;
  client = getSharedClient(apiBase);
  for (const [limit, page] of [
    [30, 1],
    [30, 2],
    [100, 1],
    [100, 2],
    [100, 3],
  ]) {
    pages.set(`${limit}/${page}`, await client.listMedia(MERCHANT, listQuery(limit, page)));
  }
  return {medias: new Set([...pages.values()].flatMap((p) => p.medias.map((m) => m.id))).size};
}

/** The first `count` media, cycling through every media the mock has (about 240). */
function mediaItems(count) {
  const all = [1, 2, 3].flatMap((page) => pages.get(`100/${page}`).medias);
  return Array.from({length: count}, (_, i) => all[i % all.length]);
}

/** Time from `start()` at the top of a frame to the end of the first frame where `done()`. */
function timeToFrame(start, done) {
  return new Promise((resolve, reject) => {
    requestAnimationFrame(() => {
      const t0 = performance.now();
      let frames = 0;
      const check = () => {
        const t1 = performance.now();
        frames += 1;
        if (done()) resolve({ms: t1 - t0, frames});
        else if (frames > 300) reject(new Error('never finished rendering'));
        else requestAnimationFrame(afterThisFrame);
      };
      const afterThisFrame = () => {
        const channel = new MessageChannel();
        channel.port1.onmessage = check;
        channel.port2.postMessage(null);
      };
      start();
      afterThisFrame();
    });
  });
}

export const rendered = (card) =>
  card.shadowRoot?.querySelector('article') !== null && !card.isUpdatePending;

function listDone(list, expectedIds) {
  if (list.getAttribute('state') !== 'ready' || list.isUpdatePending) return false;
  const cards = [...list.shadowRoot.querySelectorAll('ss-media-card')];
  return (
    cards.length === expectedIds.length &&
    cards.every((card, i) => card.media?.id === expectedIds[i] && rendered(card)) &&
    list.shadowRoot.querySelector('nav') !== null
  );
}

function ourList(limit) {
  const list = document.createElement('ss-media-list');
  list.setAttribute('merchant', MERCHANT);
  list.setAttribute('api-base', apiBase);
  list.setAttribute('limit', String(limit));
  return list;
}

function newVanillaList(limit) {
  const gallery = vanillaList({
    listSheets,
    cardSheets,
    limit,
    onPage: (page) => gallery.render({...pages.get(`${limit}/${page}`), page}),
  });
  return gallery;
}

/** One measured run of a case for one implementation; the stage is emptied afterwards. */
const CASES = {
  list: {
    ours: async ({limit}) => {
      const ids = pages.get(`${limit}/1`).medias.map((m) => m.id);
      const list = ourList(limit);
      return timeToFrame(
        () => stage.append(list),
        () => listDone(list, ids),
      );
    },
    vanilla: async ({limit}) => {
      const gallery = newVanillaList(limit);
      // In the document first, as the list is when it renders: the first page's posters are
      // chosen by where the cards are (see vanillaList).
      return timeToFrame(
        () => {
          stage.append(gallery.host);
          gallery.render({...pages.get(`${limit}/1`), page: 1});
        },
        () => true,
      );
    },
  },
  cards: {
    ours: async ({count}) => {
      const items = mediaItems(count);
      const grid = document.createElement('ul');
      grid.className = 'grid';
      let cards;
      return timeToFrame(
        () => {
          cards = items.map((media) => {
            const card = document.createElement('ss-media-card');
            card.media = media;
            return card;
          });
          grid.append(...cards.map(wrap));
          stage.append(grid);
        },
        () => cards.every(rendered),
      );
    },
    vanilla: async ({count}) => {
      const items = mediaItems(count);
      const grid = document.createElement('ul');
      grid.className = 'grid';
      return timeToFrame(
        () => {
          grid.append(...items.map((media) => wrap(vanillaCard(media, {sheets: cardSheets}))));
          stage.append(grid);
        },
        () => true,
      );
    },
  },
  pageChange: {
    ours: async ({limit}) => {
      const list = ourList(limit);
      stage.append(list);
      const first = pages.get(`${limit}/1`).medias.map((m) => m.id);
      await waitUntil(() => listDone(list, first));
      await settle();
      const ids = pages.get(`${limit}/2`).medias.map((m) => m.id);
      const next = list.shadowRoot.querySelector('nav > button:last-of-type');
      return timeToFrame(
        () => next.click(),
        () => list.page === 2 && listDone(list, ids),
      );
    },
    vanilla: async ({limit}) => {
      const gallery = newVanillaList(limit);
      stage.append(gallery.host);
      gallery.render({...pages.get(`${limit}/1`), page: 1});
      await settle();
      const next = gallery.host.shadowRoot.querySelector('nav > button:last-of-type');
      return timeToFrame(
        () => next.click(),
        () => true,
      );
    },
  },
};

function wrap(node) {
  const item = document.createElement('li');
  item.append(node);
  return item;
}

/** Resolves once every poster under the stage has loaded (or failed), at most after 5 s. */
async function imagesLoaded() {
  const images = [];
  const walk = (node) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.localName === 'img') images.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(stage);
  const deadline = performance.now() + 5000;
  const pending = () =>
    images.filter((image) => {
      if (image.complete) return false;
      const rect = image.getBoundingClientRect();
      return rect.top < innerHeight && rect.bottom > 0;
    });
  while (pending().length && performance.now() < deadline) await sleep(20);
  await Promise.all(images.filter((i) => i.complete).map((i) => i.decode().catch(() => {})));
}

/** Lets pending work and the next frame pass, then collects garbage, so runs start clean. */
async function settle() {
  await nextFrame();
  await sleep(0);
  collectGarbage();
  await nextFrame();
}

/**
 * Runs one case: `warmup` unmeasured rounds, then `runs` measured ones, the two
 * implementations alternating which goes first. Returns the milliseconds of every run.
 */
async function runCase({name, params, warmup, runs}) {
  const times = {ours: [], vanilla: []};
  const frames = {ours: [], vanilla: []};
  const requestsBefore = client.stats().requests;
  for (let round = 0; round < warmup + runs; round++) {
    const order = round % 2 ? ['vanilla', 'ours'] : ['ours', 'vanilla'];
    for (const impl of order) {
      stage.replaceChildren();
      await settle();
      const result = await CASES[name][impl](params);
      // Posters load and decode after the measured frame: let that finish before the next run.
      await imagesLoaded();
      if (round >= warmup) {
        times[impl].push(result.ms);
        frames[impl].push(result.frames);
      }
    }
  }
  stage.replaceChildren();
  return {times, frames, requests: client.stats().requests - requestsBefore};
}

window.bench = {setup, runCase};

/** Markup of a shadow root with Lit's comment markers and inter-tag whitespace removed. */
function markup(root) {
  return root.innerHTML
    .replace(/<!--[^]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A list's markup with its cards' hosts reduced to `<card>`, and each card's own markup:
 * the cards' shadow roots hold their posters' loading and priority.
 */
function listMarkup(host, cardTag) {
  const root = host.shadowRoot;
  return {
    list: markup(root)
      .replace(/<(ss|vanilla)-media-card[^>]*>/g, '<card>')
      .replace(/<\/(ss|vanilla)-media-card>/g, '</card>'),
    cards: [...root.querySelectorAll(cardTag)].map((card) => markup(card.shadowRoot)),
  };
}

/**
 * Checks that the vanilla gallery writes what the elements write: the card markup for every
 * media the cases show, and the list's markup with its cards', each list alone at the top of
 * the stage (where the cases put it) since the first screen's posters load at once. Returns
 * the first difference, or null.
 */
async function compareMarkup() {
  const medias = mediaItems(new Set([1, 2, 3].flatMap((p) => pages.get(`100/${p}`).medias)).size);
  const ourCards = medias.map((media) =>
    Object.assign(document.createElement('ss-media-card'), {media}),
  );
  stage.append(...ourCards);
  await waitUntil(() => ourCards.every(rendered));
  for (const [i, media] of medias.entries()) {
    const a = markup(ourCards[i].shadowRoot);
    const b = markup(vanillaCard(media, {sheets: cardSheets}).shadowRoot);
    if (a !== b) {
      stage.replaceChildren();
      return {media: media.id, ours: a, vanilla: b};
    }
  }
  stage.replaceChildren();

  const list = ourList(30);
  stage.append(list);
  const ids = pages.get('30/1').medias.map((m) => m.id);
  await waitUntil(() => listDone(list, ids));
  // The list may settle its posters' priority again once its page's load completes.
  await settle();
  const ours = listMarkup(list, 'ss-media-card');
  stage.replaceChildren();
  const gallery = newVanillaList(30);
  stage.append(gallery.host);
  gallery.render({...pages.get('30/1'), page: 1});
  const vanilla = listMarkup(gallery.host, 'vanilla-media-card');
  stage.replaceChildren();
  if (ours.list !== vanilla.list) return {list: true, ours: ours.list, vanilla: vanilla.list};
  const card = ours.cards.findIndex((a, i) => a !== vanilla.cards[i]);
  // Equal list markup means as many cards.
  if (card === -1) return null;
  return {list: true, card, media: ids[card], ours: ours.cards[card], vanilla: vanilla.cards[card]};
}

window.bench.compareMarkup = compareMarkup;
