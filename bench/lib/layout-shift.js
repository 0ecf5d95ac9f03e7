// Part 4, layout shift: Cumulative Layout Shift (Layout Instability API) while the demo
// gallery (demo/index.html) loads with every poster delayed by the mock's `slow` fault, and
// catalog answers delayed a little too, as a real API's are, so the skeletons get painted.
// Baseline: the same page with the posters' reserved size removed
// (`--ss-card-poster-aspect-ratio: auto`), i.e. images with no reserved size.
import {checkErrors, VIEWPORT} from './browser.js';
import {median, ratio} from './stats.js';

const POSTER_DELAY_MS = 1500;
const API_DELAY_MS = 300;
const RUNS = 5;
/** How long the page is watched after the last visible poster has loaded. */
const SETTLE_MS = 1000;

export const DEMO_PATH = '/demo/index.html';
const DEMO_API_BASE = 'http://127.0.0.1:8787';
const UNRESERVED = ':root { --ss-card-poster-aspect-ratio: auto; }';

/**
 * The static server's rewrite for the demo page: the mock this run started, the CDN file
 * (the page's bare `lit` imports need a dev server; the CDN file has the same code), and for
 * `?unreserved` the baseline's style.
 */
export function rewriteDemo(apiBase) {
  return (url, html) => {
    if (url.pathname !== DEMO_PATH) return html;
    let out = html
      .replaceAll(DEMO_API_BASE, apiBase)
      .replace('../dist/all.js', '../dist/smartstream-widgets.min.js');
    if (url.searchParams.has('unreserved')) {
      out = out.replace('</head>', `<style>${UNRESERVED}</style></head>`);
    }
    return out;
  };
}

/**
 * Runs in the page before its scripts: records layout shifts, and the time of the first
 * frame in which every catalog element had its data (`dataAt`), so that shifts after it can
 * be told apart: the posters arrive later still.
 */
function observeShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__shifts.push({value: entry.value, time: entry.startTime});
    }
  }).observe({type: 'layout-shift', buffered: true});
  const elements = (root, found = []) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.localName.startsWith('ss-') && element.localName !== 'ss-catalog') {
        found.push(element);
      }
      if (element.shadowRoot) elements(element.shadowRoot, found);
    }
    return found;
  };
  const watch = (time) => {
    const all = elements(document);
    // A lazy shelf out of the viewport waits to be scrolled to: it has nothing to load yet.
    const waiting = (e) => {
      if (!e.hasAttribute('lazy')) return false;
      const rect = e.getBoundingClientRect();
      return rect.top >= innerHeight || rect.bottom <= 0;
    };
    const done =
      all.length > 0 &&
      all.every(
        (e) =>
          e.hasAttribute('skeleton') ||
          waiting(e) ||
          /^(ready|empty|error)$/.test(e.getAttribute('state')),
      );
    if (done) window.__dataAt = time;
    else requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}

/** True once no element loads and every poster in the viewport has arrived. */
function loaded() {
  const images = [];
  let loading = false;
  const walk = (root) => {
    for (const element of root.querySelectorAll('*')) {
      const state = element.getAttribute('state');
      if (element.localName.startsWith('ss-') && element.localName !== 'ss-catalog') {
        const rect = element.getBoundingClientRect();
        // A lazy shelf out of the viewport waits to be scrolled to (observeShifts says why).
        const waiting =
          element.hasAttribute('lazy') && (rect.top >= innerHeight || rect.bottom <= 0);
        if (
          (state === null || state === 'loading') &&
          !element.hasAttribute('skeleton') &&
          !waiting
        ) {
          loading = true;
        }
      }
      if (element.localName === 'img') images.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(document);
  if (loading) return false;
  return images.every((image) => {
    const rect = image.getBoundingClientRect();
    const visible = rect.bottom > 0 && rect.top < innerHeight && rect.right > 0;
    return !visible || (image.complete && image.naturalWidth > 0);
  });
}

/** CLS as web-vitals defines it: the largest session window (gaps < 1 s, at most 5 s). */
export function cls(shifts) {
  let best = 0;
  let current = 0;
  let first = 0;
  let last = 0;
  for (const {value, time} of shifts) {
    if (current && time - last < 1000 && time - first < 5000) {
      current += value;
    } else {
      current = value;
      first = time;
    }
    last = time;
    best = Math.max(best, current);
  }
  return best;
}

async function measure(browser, url) {
  const context = await browser.newContext({viewport: VIEWPORT});
  try {
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error.message));
    await page.addInitScript(observeShifts);
    await page.goto(url);
    await page.waitForFunction(loaded, null, {timeout: 20_000, polling: 50});
    await page.waitForTimeout(SETTLE_MS);
    const {shifts, dataAt} = await page.evaluate(() => ({
      shifts: window.__shifts,
      dataAt: window.__dataAt,
    }));
    checkErrors(page, 'layout shift');
    const sum = (list) => list.reduce((total, s) => total + s.value, 0);
    return {
      cls: cls(shifts),
      total: sum(shifts),
      // Everything had its data by then: later shifts come from the posters arriving.
      afterData: sum(shifts.filter((s) => s.time > dataAt)),
      dataAtMs: dataAt,
      shifts: shifts.length,
    };
  } finally {
    await context.close();
  }
}

export async function runLayoutShift({browser, staticUrl, mock}) {
  const ours = [];
  const unreserved = [];
  for (let run = 0; run < RUNS; run++) {
    for (const [results, query] of [
      [ours, ''],
      [unreserved, '?unreserved'],
    ]) {
      mock.catalog.clearFaults();
      mock.catalog.addFault({
        kind: 'slow',
        route: 'asset',
        delayMs: POSTER_DELAY_MS,
        times: Infinity,
      });
      mock.catalog.addFault({kind: 'slow', delayMs: API_DELAY_MS, times: Infinity});
      results.push(await measure(browser, `${staticUrl}${DEMO_PATH}${query}`));
    }
  }
  mock.catalog.clearFaults();
  const summary = (runs) => ({
    cls: median(runs.map((r) => r.cls)),
    total: median(runs.map((r) => r.total)),
    afterData: median(runs.map((r) => r.afterData)),
    shifts: median(runs.map((r) => r.shifts)),
    runs: runs.map(({cls: value, afterData, dataAtMs}) => ({cls: value, afterData, dataAtMs})),
  });
  const a = summary(ours);
  const b = summary(unreserved);
  return {
    posterDelayMs: POSTER_DELAY_MS,
    apiDelayMs: API_DELAY_MS,
    viewport: VIEWPORT,
    runs: RUNS,
    ours: a,
    baseline: b,
    ratio: ratio(a.cls, b.cls),
  };
}
