// Part 3, render: bench/pages/render.html times <ss-media-list>/<ss-media-card> against the
// vanilla gallery (bench/pages/vanilla-gallery.js) from primed data to painted frame.
import {checkErrors, openPage} from './browser.js';
import {median, ratio} from './stats.js';

export const RENDER_CASES = [
  {key: 'list30', label: 'list of 30', name: 'list', params: {limit: 30}, warmup: 3, runs: 25},
  {key: 'list100', label: 'list of 100', name: 'list', params: {limit: 100}, warmup: 3, runs: 20},
  // <ss-media-list> takes at most 100 per page: 1,000 items are 1,000 cards fed by `media`.
  {
    key: 'cards1000',
    label: '1,000 cards',
    name: 'cards',
    params: {count: 1000},
    warmup: 2,
    runs: 12,
  },
  {
    key: 'pageChange',
    label: 'page change from cache (30)',
    name: 'pageChange',
    params: {limit: 30},
    warmup: 3,
    runs: 20,
  },
];

export async function runRender({browser, pagesUrl, mock}) {
  const page = await openPage(browser, `${pagesUrl}/render.html`);
  try {
    const primed = await page.evaluate((o) => window.bench.setup(o), {apiBase: mock.url});
    // The floor is only a floor if it writes what the elements write.
    const markupDifference = await page.evaluate(() => window.bench.compareMarkup());
    if (markupDifference) {
      console.warn(
        '\nrender: the vanilla gallery no longer writes the same markup:',
        markupDifference,
      );
    }
    const results = {};
    for (const {key, label, ...spec} of RENDER_CASES) {
      const {times, frames, requests} = await page.evaluate((s) => window.bench.runCase(s), spec);
      const ours = median(times.ours);
      const vanilla = median(times.vanilla);
      results[key] = {
        label,
        ...spec.params,
        runs: spec.runs,
        oursMs: ours,
        vanillaMs: vanilla,
        ratio: ratio(ours, vanilla),
        framesOurs: median(frames.ours),
        requestsDuringRuns: requests,
        samples: {ours: times.ours.map(round), vanilla: times.vanilla.map(round)},
      };
    }
    checkErrors(page, 'render');
    return {
      primedMedia: primed.medias,
      sameMarkup: !markupDifference,
      markupDifference,
      cases: results,
    };
  } finally {
    await page.context().close();
  }
}

const round = (ms) => Math.round(ms * 100) / 100;
