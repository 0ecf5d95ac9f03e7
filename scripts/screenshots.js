// `npm run screenshots`: PNGs of the demo pages (light, dark, Japanese, forced colors, CMS,
// embed builder) in screenshots/, taken in the system Chromium, so a change can be looked at.
import {mkdirSync} from 'node:fs';
import {chromium} from 'playwright-core';
import {startDemo} from './demo-server.js';

const stack = await startDemo({mockPort: 0, proxyPort: 0, demoPort: 0, quiet: true});
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new', '--disable-background-networking', '--disable-gpu'],
});
mkdirSync('screenshots', {recursive: true});
const shots = [
  {name: 'gallery-light', path: '/demo/index.html', colorScheme: 'light'},
  {name: 'gallery-dark', path: '/demo/index.html', colorScheme: 'dark'},
  {name: 'gallery-ja', path: '/demo/index.html', colorScheme: 'light', locale: 'ja-JP', lang: 'ja'},
  // What Windows High Contrast users see: author colours replaced by the system palette.
  {
    name: 'gallery-forced-colors',
    path: '/demo/index.html',
    colorScheme: 'dark',
    forcedColors: 'active',
  },
  {name: 'cms', path: '/demo/cms.html', colorScheme: 'light'},
  {name: 'builder', path: '/demo/builder.html', colorScheme: 'light'},
];
try {
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: {width: 1280, height: 900},
      colorScheme: shot.colorScheme,
      forcedColors: shot.forcedColors ?? 'none',
      locale: shot.locale ?? 'en-US',
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    if (shot.lang) {
      // Before the module scripts run, so the elements render in that language from the start.
      await page.addInitScript((lang) => {
        document.addEventListener(
          'readystatechange',
          () => document.documentElement.setAttribute('lang', lang),
          {once: true},
        );
      }, shot.lang);
    }
    await page.goto(stack.demoUrl + shot.path, {waitUntil: 'networkidle'});
    // Wait until no element is still loading, then for the posters.
    await page.waitForFunction(
      () => {
        const loading = (root) =>
          [...root.querySelectorAll('[state]')].some(
            (el) => el.getAttribute('state') === 'loading' && !el.hasAttribute('skeleton'),
          ) ||
          [...root.querySelectorAll('*')].some((el) => el.shadowRoot && loading(el.shadowRoot));
        return !loading(document);
      },
      null,
      {timeout: 15_000},
    );
    // Scroll through the page so lazy posters load, then wait for them.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 600) {
        window.scrollTo(0, y);
        await new Promise((done) => setTimeout(done, 50));
      }
      window.scrollTo(0, 0);
    });
    await page.waitForLoadState('networkidle');
    const file = `screenshots/${shot.name}.png`;
    await page.screenshot({path: file, fullPage: true});
    console.log(`${file}${errors.length ? `  (page errors: ${errors.join('; ')})` : ''}`);
    await context.close();
  }
} finally {
  await browser.close();
  await stack.stop();
}
