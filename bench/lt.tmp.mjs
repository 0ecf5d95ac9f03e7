import {launchBrowser} from './lib/browser.js';
import {startStack, WIDTHS, measure} from './lib/lcp.js';
const stack = await startStack(process.argv[2] ?? process.cwd());
const browser = await launchBrowser();
for (const variant of (process.argv[3] ?? 'floor,head').split(',')) for (const w of ['phone','desktop']) for (let i = 0; i < 3; i++) {
  let tasks;
  const r = await measure(browser, `${stack.site.url}/${variant}.html`, WIDTHS[w], {onPage: async (page) => async () => { tasks = await page.evaluate(() => window.__lcp.longTasks.map(t => `${t.start.toFixed(0)}+${t.duration.toFixed(0)}`).join(' ')); }});
  console.log(variant, w, 'lcp', r.lcpMs.toFixed(0), 'tbt', r.tbtMs.toFixed(0), 'defined', r.definedMs?.toFixed(0), 'gallery', r.galleryReadyMs?.toFixed(0), 'featured', r.featuredReadyMs?.toFixed(0), '|', tasks);
}
await browser.close(); await stack.close();
