// Part 2, requests: a catalog page with a group list, a list of 30, 30 cards of that list's
// media by id and 3 cards by ref id, mounted with the shared client or with a `cache: false`
// client injected into every element.
import {CatalogReader} from '/dist/smartstream-widgets.min.js';
import {settled, sleep, waitUntil} from './common.js';

const MERCHANT = 'nttsmc';

function element(tag, attributes) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

/**
 * Mounts the page into <body> and resolves when no element is loading.
 * `mode`: `shared` (the page-wide client) or `no-cache` (one `cache: false` client per element).
 * `cardsLater`: mount the cards only once the list has loaded.
 */
async function mountPage({apiBase, ids, refIds, mode, cardsLater = false}) {
  const catalog = element('ss-catalog', {merchant: MERCHANT, 'api-base': apiBase});
  const inject = (el) => {
    if (mode === 'no-cache') el.client = new CatalogReader({apiBase, cache: false});
    return el;
  };
  const list = inject(element('ss-media-list', {id: 'videos', limit: '30'}));
  catalog.append(inject(element('ss-media-group-list', {controls: 'videos'})), list);
  const cards = [
    ...ids.map((id) => inject(element('ss-media-card', {'media-id': id}))),
    ...refIds.map((refId) => inject(element('ss-media-card', {'ref-id': refId}))),
  ];
  if (!cardsLater) catalog.append(...cards);
  document.body.append(catalog);
  if (cardsLater) {
    await waitUntil(() => ['ready', 'empty', 'error'].includes(list.getAttribute('state')));
    catalog.append(...cards);
  }
  await waitUntil(() => settled());
  const states = {};
  for (const el of [list, ...cards]) {
    const state = el.getAttribute('state');
    states[state] = (states[state] ?? 0) + 1;
  }
  return states;
}

/** Removes the page's elements (an in-app navigation away). */
async function unmountPage() {
  document.querySelector('ss-catalog')?.remove();
  await sleep(0);
}

window.bench = {mountPage, unmountPage};
