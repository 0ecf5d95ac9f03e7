// Part "append": "load more" on one list up to 1,000 cards (bench/pages/append.html). What it
// shows: an append costs the new page, not the cards already shown (page 10 against page 2),
// page 1's cards stay the same nodes, scrolling 1,000 cards keeps frames, and the JS heap
// per card at 1,000 against the first 100.
import {checkErrors, openPage} from './browser.js';
import {median} from './stats.js';

async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

export async function runAppend({browser, pagesUrl, mock}) {
  const page = await openPage(browser, `${pagesUrl}/append.html`);
  try {
    const cdp = await page.context().newCDPSession(page);
    const {total} = await page.evaluate((o) => window.bench.setup(o), {apiBase: mock.url});
    const before = await heapAfterGc(cdp);
    await page.evaluate(() => window.bench.mountFirst());
    const first = await heapAfterGc(cdp);
    const appendMs = [];
    for (let shown = 100; shown < total; shown += 100) {
      appendMs.push(await page.evaluate(() => window.bench.appendPage()));
    }
    const all = await heapAfterGc(cdp);
    const scroll = await page.evaluate(() => window.bench.scrollThrough());
    checkErrors(page, 'append');
    if (scroll.cards !== total) throw new Error(`append: ${scroll.cards} cards, not ${total}`);
    const round = (value) => Math.round(value * 100) / 100;
    return {
      cards: total,
      appendMs: appendMs.map(round),
      page2Ms: round(appendMs[0]),
      page10Ms: round(appendMs.at(-1)),
      keyed: scroll.kept,
      scrollFrameMedianMs: round(median(scroll.frames)),
      scrollFrameMaxMs: round(Math.max(...scroll.frames)),
      heapPerCardFirst100: Math.round((first - before) / 100),
      heapPerCardAt1000: Math.round((all - before) / total),
    };
  } finally {
    await page.context().close();
  }
}
