// Part 5, memory: JS heap after mounting and removing 1,000 cards ten times, with a forced
// full GC (CDP HeapProfiler.collectGarbage) before every reading.
import {checkErrors, openPage} from './browser.js';
import {slope} from './stats.js';

const ROUNDS = 10;
const CARDS = 1000;

async function heapAfterGc(cdp) {
  // Twice: the first pass can leave garbage that finalizers free for the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const {usedSize} = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

async function rounds(browser, pagesUrl, apiBase, impl) {
  const page = await openPage(browser, `${pagesUrl}/memory.html`);
  try {
    const cdp = await page.context().newCDPSession(page);
    await page.evaluate((o) => window.bench.setup(o), {apiBase});
    const before = await heapAfterGc(cdp);
    const mounted = [];
    const after = [];
    for (let round = 0; round < ROUNDS; round++) {
      await page.evaluate(([i, n]) => window.bench.mount(i, n), [impl, CARDS]);
      mounted.push(await heapAfterGc(cdp));
      await page.evaluate(() => window.bench.unmount());
      after.push(await heapAfterGc(cdp));
    }
    checkErrors(page, 'memory');
    return {
      before,
      mounted,
      after,
      // Round 1 pays for one-time costs (compiled code, template and Intl caches); the growth
      // that would add up over a long session is the trend of the later rounds.
      firstRound: after[0] - before,
      growthPerRound: slope(after.slice(1)),
      mountedCost: Math.max(...mounted) - before,
    };
  } finally {
    await page.context().close();
  }
}

export async function runMemory({browser, pagesUrl, mock}) {
  const ours = await rounds(browser, pagesUrl, mock.url, 'ours');
  const vanilla = await rounds(browser, pagesUrl, mock.url, 'vanilla');
  return {rounds: ROUNDS, cards: CARDS, ours, vanilla};
}
