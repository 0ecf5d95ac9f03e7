// `npm run screenshots [-- --engine chromium|firefox|webkit]`: PNGs of the demo pages (light,
// dark, Japanese, forced colors, CMS, embed builder) in screenshots/<engine>/, taken in the system's browsers
// (all three engines unless --engine names some), so a change can be looked at everywhere.
// Chromium through Playwright; Firefox through Puppeteer over WebDriver BiDi, its colour scheme
// and forced colours set by preferences at launch; WebKit's MiniBrowser through WebKitWebDriver
// on a private Xvfb display, dark through GTK's theme. WebKit has no forced-colours mode.
import {mkdirSync} from 'node:fs';
import {chromium} from 'playwright-core';
import {puppeteerCore} from '@web/test-runner-chrome';
import {remote} from 'webdriverio';
import {startDemo} from './demo-server.js';
import {
  chromiumArgs,
  chromiumPath,
  firefoxPath,
  parseEngineOption,
  startWebKitDriver,
  startXvfb,
  webkitCapabilities,
} from './engines.js';

const WIDTH = 1280;
const HEIGHT = 900;
/** WebKit's full-page shots are a window this tall at most, on a screen as tall. */
const MAX_HEIGHT = 6000;

const shots = [
  {name: 'gallery-light', path: '/demo/index.html', colorScheme: 'light'},
  {name: 'gallery-dark', path: '/demo/index.html', colorScheme: 'dark'},
  {name: 'gallery-ja', path: '/demo/index.html', colorScheme: 'light', lang: 'ja'},
  // What Windows High Contrast users see: author colours replaced by the system palette.
  {name: 'gallery-forced-colors', path: '/demo/index.html', colorScheme: 'dark', forced: true},
  {name: 'cms', path: '/demo/cms.html', colorScheme: 'light'},
  {name: 'builder', path: '/demo/builder.html', colorScheme: 'light'},
];

/** In the page: true once no element is still loading (and, with `images`, every poster is in). */
function pageReady(images) {
  const all = (root) => [
    ...root.querySelectorAll('*'),
    ...[...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? all(el.shadowRoot) : [])),
  ];
  const nodes = all(document);
  return (
    !nodes.some((el) => el.getAttribute('state') === 'loading' && !el.hasAttribute('skeleton')) &&
    (!images || nodes.filter((el) => el.tagName === 'IMG').every((img) => img.complete))
  );
}

/** In the page: what is still loading, for the error when the page never settles. */
function stillLoading() {
  const all = (root) => [
    ...root.querySelectorAll('*'),
    ...[...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? all(el.shadowRoot) : [])),
  ];
  const nodes = all(document);
  return nodes
    .filter(
      (el) =>
        (el.getAttribute('state') === 'loading' && !el.hasAttribute('skeleton')) ||
        (el.tagName === 'IMG' && !el.complete),
    )
    .map((el) => el.localName + (el.getAttribute('src') ?? el.getAttribute('media-id') ?? ''))
    .join(', ');
}

/** In the page: every poster loads now, even one a shelf keeps out of view sideways. */
function eagerImages() {
  const all = (root) => [
    ...root.querySelectorAll('img'),
    ...[...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? all(el.shadowRoot) : [])),
  ];
  for (const img of all(document)) img.loading = 'eager';
}

/** In the page: scrolls through it so lazy posters start loading, then back to the top. */
async function scrollThrough() {
  for (let y = 0; y < document.body.scrollHeight; y += 600) {
    window.scrollTo(0, y);
    await new Promise((done) => setTimeout(done, 100));
  }
  window.scrollTo(0, 0);
}

async function untilReady(evaluate, images) {
  const deadline = Date.now() + 15_000;
  while (!(await evaluate(pageReady, images))) {
    if (Date.now() > deadline) {
      const waiting = await evaluate(stillLoading);
      throw new Error(`the demo page never finished loading: ${waiting}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** A Playwright or Puppeteer page loaded from `url`, as a shot to take; page errors printed. */
async function pageShot(page, engine, shot, close, url) {
  page.on('pageerror', (error) => console.error(`${engine} ${shot.name}: ${error.message}`));
  await page.goto(url, {waitUntil: 'load'});
  return {
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    // The whole page in the viewport first: cards far below it skip rendering their text
    // (content-visibility: auto) until they come near the viewport, as a person scrolls.
    screenshot: async (path) => {
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const size = {width: WIDTH, height: Math.min(height, MAX_HEIGHT)};
      await (page.setViewportSize ? page.setViewportSize(size) : page.setViewport(size));
      await new Promise((done) => setTimeout(done, 500));
      return page.screenshot({path, fullPage: true});
    },
    close,
  };
}

/** Each engine opens a shot's page ready to look at: {evaluate, screenshot, close}. */
const engines = {
  async chromium() {
    const browser = await chromium.launch({executablePath: chromiumPath(), args: chromiumArgs});
    return {
      async open(shot, url) {
        const context = await browser.newContext({
          viewport: {width: WIDTH, height: HEIGHT},
          colorScheme: shot.colorScheme,
          forcedColors: shot.forced ? 'active' : 'none',
          locale: shot.lang === 'ja' ? 'ja-JP' : 'en-US',
        });
        const page = await context.newPage();
        if (shot.lang) await page.addInitScript(setLangEarly, shot.lang);
        return pageShot(page, 'chromium', shot, () => context.close(), url);
      },
      close: () => browser.close(),
    };
  },

  async firefox() {
    // Firefox's BiDi driver cannot emulate media features: one browser per shot, its system
    // colour scheme and forced colours (document colours replaced) set by preferences.
    return {
      async open(shot, url) {
        const browser = await puppeteerCore.launch({
          browser: 'firefox',
          executablePath: firefoxPath(),
          headless: true,
          extraPrefsFirefox: {
            'ui.systemUsesDarkTheme': shot.colorScheme === 'dark' ? 1 : 0,
            'browser.display.document_color_use': shot.forced ? 2 : 0,
            'intl.accept_languages': shot.lang === 'ja' ? 'ja-JP, ja' : 'en-US, en',
          },
        });
        const page = await browser.newPage();
        await page.setViewport({width: WIDTH, height: HEIGHT});
        if (shot.lang) await page.evaluateOnNewDocument(setLangEarly, shot.lang);
        return pageShot(page, 'firefox', shot, () => browser.close(), url);
      },
      close: async () => {},
    };
  },

  async webkit() {
    const xvfb = await startXvfb({width: WIDTH, height: MAX_HEIGHT});
    return {
      async open(shot, url) {
        if (shot.forced) return undefined;
        // MiniBrowser takes dark from GTK's theme, and its language from the environment.
        const driver = await startWebKitDriver({
          DISPLAY: xvfb.display,
          GTK_THEME: shot.colorScheme === 'dark' ? 'Adwaita:dark' : 'Adwaita',
          LANGUAGE: shot.lang ?? 'en',
        });
        const browser = await remote({
          hostname: '127.0.0.1',
          port: driver.port,
          logLevel: 'error',
          capabilities: webkitCapabilities(),
        });
        await browser.setWindowSize(WIDTH, HEIGHT);
        await browser.url(url);
        if (shot.lang) await browser.execute(setLangAfterLoad, shot.lang);
        const evaluate = (fn, arg) => browser.execute(fn, arg);
        // WebDriver's screenshot is the viewport's: a window as tall as the page, which also
        // brings every lazy poster into view.
        const fitPage = async () => {
          const height = await browser.execute(() => document.documentElement.scrollHeight);
          await browser.setWindowSize(WIDTH, Math.min(height + 100, MAX_HEIGHT));
        };
        await untilReady(evaluate, false);
        await fitPage();
        return {
          evaluate,
          async screenshot(path) {
            // Once more now the page is complete. The resized window paints a moment later:
            // two frames, then a beat.
            await fitPage();
            await browser.executeAsync((done) =>
              requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 1000))),
            );
            await browser.saveScreenshot(path);
          },
          async close() {
            await browser.deleteSession();
            await driver.stop();
          },
        };
      },
      close: () => xvfb.stop(),
    };
  },
};

/** Before the page's scripts: the elements render in `lang` from the start. */
function setLangEarly(lang) {
  document.addEventListener(
    'readystatechange',
    () => document.documentElement.setAttribute('lang', lang),
    {once: true},
  );
}

/** Without an init script (WebDriver classic): the page's elements made again under `lang`. */
function setLangAfterLoad(lang) {
  document.documentElement.setAttribute('lang', lang);
  const ours = (el) => el.localName.startsWith('ss-');
  const outermost = [...document.body.querySelectorAll('*')].filter((el) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (ours(up)) return false;
    return ours(el);
  });
  for (const el of outermost) el.replaceWith(el.cloneNode(true));
}

const {engines: chosen, rest} = parseEngineOption(process.argv.slice(2));
if (rest.length) throw new Error(`unknown options: ${rest.join(' ')}`);
const stack = await startDemo({mockPort: 0, proxyPort: 0, demoPort: 0, quiet: true});
try {
  for (const name of chosen) {
    const engine = await engines[name]();
    mkdirSync(`screenshots/${name}`, {recursive: true});
    try {
      for (const shot of shots) {
        const page = await engine.open(shot, stack.demoUrl + shot.path);
        if (!page) {
          console.log(`${name}: no ${shot.name} (the engine has no forced-colours mode)`);
          continue;
        }
        try {
          // Lazy lists and posters start only near the viewport: scroll to them first.
          await page.evaluate(scrollThrough);
          await untilReady(page.evaluate, false);
          await page.evaluate(eagerImages);
          await page.evaluate(scrollThrough);
          await untilReady(page.evaluate, true);
          const file = `screenshots/${name}/${shot.name}.png`;
          await page.screenshot(file);
          console.log(file);
        } finally {
          await page.close();
        }
      }
    } finally {
      await engine.close();
    }
  }
} finally {
  await stack.stop();
}
