// Browser tests run in one engine per run (SS_ENGINE=chromium|firefox|webkit, default chromium;
// `npm run test:browser [-- --engine x]` runs each in turn through scripts/test-browsers.js)
// against the mock Catalog API over real HTTP.
// Run through `node --import tsx` (see package.json) so this file can start the TypeScript mock.
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {defaultReporter} from '@web/test-runner';
import {chromeLauncher, puppeteerCore} from '@web/test-runner-chrome';
import {webdriverLauncher} from '@web/test-runner-webdriver';
import {
  chromiumArgs,
  chromiumPath,
  firefoxPath,
  ENGINES,
  startWebKitDriver,
  startXvfb,
  webkitCapabilities,
} from './scripts/engines.js';
import {createMockCatalog} from './src/mock/index.ts';
import {createCatalogProxy} from './src/proxy/index.ts';
import {serveFetch} from './src/server/node-http.ts';

const engine = process.env.SS_ENGINE || 'chromium';
if (!ENGINES.includes(engine)) throw new Error(`SS_ENGINE must be one of ${ENGINES.join(', ')}`);

/** Programs this config started for the engine, stopped with the dev server. */
const helpers = [];

/**
 * How a group's browser sees the system: as it is, in dark mode, or in forced colours (High
 * Contrast). Chromium emulates them over its DevTools protocol; Firefox, whose BiDi driver
 * cannot, takes them as preferences at launch; WebKit takes dark from GTK's theme and has no
 * forced-colours mode.
 */
const MEDIA = {
  dark: {
    cdp: {name: 'prefers-color-scheme', value: 'dark'},
    firefoxPrefs: {'ui.systemUsesDarkTheme': 1},
    webkitEnv: {GTK_THEME: 'Adwaita:dark'},
  },
  forced: {
    cdp: {name: 'forced-colors', value: 'active'},
    firefoxPrefs: {'browser.display.document_color_use': 2},
  },
};

/** A browser of this run's engine, its system as `mode` says (plain, dark or forced). */
async function launcher(mode = 'plain') {
  const media = MEDIA[mode];
  if (engine === 'firefox') {
    // Puppeteer drives Firefox over WebDriver BiDi: no driver binary, no downloaded build.
    return chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        browser: 'firefox',
        executablePath: firefoxPath(),
        headless: true,
        extraPrefsFirefox: media?.firefoxPrefs,
      },
    });
  }
  if (engine === 'webkit') {
    if (media && !media.webkitEnv) return undefined;
    // MiniBrowser has no headless mode: it draws on a private Xvfb display.
    if (!process.env.DISPLAY) {
      const xvfb = await startXvfb();
      helpers.push(xvfb);
      process.env.DISPLAY = xvfb.display;
    }
    const driver = await startWebKitDriver(media?.webkitEnv);
    helpers.push(driver);
    return webdriverLauncher({
      hostname: '127.0.0.1',
      port: driver.port,
      capabilities: webkitCapabilities(),
    });
  }
  return chromeLauncher({
    launchOptions: {executablePath: chromiumPath(), args: chromiumArgs},
    async createPage({context}) {
      const page = await context.newPage();
      if (media) {
        // The session stays open: Chromium drops a session's emulation when it detaches.
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setEmulatedMedia', {features: [media.cdp]});
      }
      return page;
    },
  });
}

// Faults on (tests inject them), auth and rate limit off: elements in a page talk to the
// mock the way they talk to the proxy in production.
const mock = createMockCatalog({auth: false, rateLimit: 0, faults: true});
const mockServer = await serveFetch(mock, {port: 0});
// A proxy that allows some other site only: what a page sees when its origin is not listed.
const foreignProxy = createCatalogProxy({
  apiBase: mockServer.url,
  apiKey: 'unused',
  credentials: {mail_address: 'unused@example.com', password: 'unused'},
  merchants: ['nttsmc'],
  allowedOrigins: ['https://shop.example'],
  log: {info() {}, warn() {}, error() {}},
});
const foreignProxyServer = await serveFetch(foreignProxy, {port: 0});
// A proxy open to every origin that serves nttsmc only: what a page sees for another merchant.
const openProxyServer = await serveFetch(
  createCatalogProxy({
    apiBase: mockServer.url,
    apiKey: 'unused',
    credentials: {mail_address: 'unused@example.com', password: 'unused'},
    merchants: ['nttsmc'],
    allowedOrigins: '*',
    log: {info() {}, warn() {}, error() {}},
  }),
  {port: 0},
);

/** The engine, for the tests' page: WebKit has no forced-colours mode to test. */
const engineInfo = {
  name: engine,
  label: {chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit'}[engine],
  forcedColors: engine !== 'webkit',
};

/** After the run, every skipped test by name: a skip's title says its engine and reason. */
function skippedReporter() {
  return {
    onTestRunFinished({sessions}) {
      const skipped = new Set();
      const walk = (suite, path) => {
        for (const test of suite.tests)
          if (test.skipped) skipped.add([...path, test.name].join(' > '));
        for (const child of suite.suites) walk(child, [...path, child.name]);
      };
      for (const session of sessions) if (session.testResults) walk(session.testResults, []);
      if (!skipped.size) return;
      console.log(`\nSkipped in ${engineInfo.label} (${skipped.size} distinct):`);
      for (const name of skipped) console.log(`  - ${name}`);
    },
  };
}

/** The test page: the mock's address and the engine for the tests, then scripts, then the tests. */
function page(testFramework, scripts = '') {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><script>window.MOCK_BASE = ${JSON.stringify(mockServer.url)}; window.FOREIGN_PROXY_BASE = ${JSON.stringify(foreignProxyServer.url)}; window.OPEN_PROXY_BASE = ${JSON.stringify(openProxyServer.url)}; window.ENGINE = ${JSON.stringify(engineInfo)};</script>${scripts}</head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`;
}

/** Test files run only in a group of their own, in a browser whose system is dark or forced. */
const SYSTEM_DARK = 'test/browser/system-dark.test.ts';
const FORCED_COLORS = 'test/browser/forced-colors.test.ts';
/** Registers the elements one by one, which a page that loaded the CDN file cannot. */
const LATE_REGISTRATION = 'test/browser/catalog-element.test.ts';
const suite = ['test/browser/**/*.test.ts', `!${SYSTEM_DARK}`, `!${FORCED_COLORS}`];
const browser = await launcher();
const darkBrowser = await launcher('dark');
const forcedBrowser = (await launcher('forced')) ?? browser;
const cdnPage = (testFramework) =>
  page(testFramework, '<script type="module" src="/dist/smartstream-widgets.min.js"></script>');

export default {
  files: suite,
  nodeResolve: true,
  concurrency: 1,
  // One browser at a time: every group's tests share the mock's faults and counters.
  concurrentBrowsers: 1,
  testsFinishTimeout: 40_000,
  testFramework: {config: {timeout: 10_000}},
  plugins: [esbuildPlugin({ts: true, target: 'es2021', tsconfig: 'tsconfig.json'})],
  browsers: [browser],
  reporters: [defaultReporter(), skippedReporter()],
  testRunnerHtml: (testFramework) => page(testFramework),
  // The tests once more against the CDN file, the build CMS pages load (the `-cdn` groups): it
  // registers the elements first, so the tests' own imports of src/ find them defined and define
  // nothing. (The late-registration test registers elements one by one, which it cannot.)
  // The dark-system and forced-colours files run only in a browser started that way; in WebKit,
  // which has no forced colours, in the plain one, where the test skips and says why.
  groups: [
    {name: 'cdn', files: [...suite, `!${LATE_REGISTRATION}`], testRunnerHtml: cdnPage},
    {name: 'system-dark', files: [SYSTEM_DARK], browsers: [darkBrowser]},
    {
      name: 'system-dark-cdn',
      files: [SYSTEM_DARK],
      browsers: [darkBrowser],
      testRunnerHtml: cdnPage,
    },
    {name: 'forced-colors', files: [FORCED_COLORS], browsers: [forcedBrowser]},
    {
      name: 'forced-colors-cdn',
      files: [FORCED_COLORS],
      browsers: [forcedBrowser],
      testRunnerHtml: cdnPage,
    },
  ],
  async onServerStop() {
    await Promise.all([mockServer.close(), foreignProxyServer.close(), openProxyServer.close()]);
    // The driver first: it closes MiniBrowser, which needs the display until then.
    for (const helper of helpers.reverse()) await helper.stop();
  },
};
