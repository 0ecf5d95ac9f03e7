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

async function launcher() {
  if (engine === 'firefox') {
    // Puppeteer drives Firefox over WebDriver BiDi: no driver binary, no downloaded build.
    return chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {browser: 'firefox', executablePath: firefoxPath(), headless: true},
    });
  }
  if (engine === 'webkit') {
    // MiniBrowser has no headless mode: it draws on a private Xvfb display.
    if (!process.env.DISPLAY) {
      const xvfb = await startXvfb();
      helpers.push(xvfb);
      process.env.DISPLAY = xvfb.display;
    }
    const driver = await startWebKitDriver();
    helpers.push(driver);
    return webdriverLauncher({
      hostname: '127.0.0.1',
      port: driver.port,
      capabilities: webkitCapabilities(),
    });
  }
  return chromeLauncher({launchOptions: {executablePath: chromiumPath(), args: chromiumArgs}});
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

/**
 * `executeServerCommand('emulate-forced-colors', {active})`: forced palettes such as Windows
 * High Contrast, which `emulateMedia` from @web/test-runner-commands cannot switch on.
 */
function forcedColorsPlugin() {
  // Puppeteer's emulateMediaFeatures refuses the feature name, so this goes through CDP. The
  // session stays open: Chromium drops a session's emulation when it detaches.
  const cdpSessions = new Map();
  return {
    name: 'emulate-forced-colors',
    async executeCommand({command, payload, session}) {
      if (command !== 'emulate-forced-colors') return undefined;
      let cdp = cdpSessions.get(session.id);
      if (!cdp) {
        cdp = await session.browser.getPage(session.id).createCDPSession();
        cdpSessions.set(session.id, cdp);
      }
      await cdp.send('Emulation.setEmulatedMedia', {
        features: [{name: 'forced-colors', value: payload?.active ? 'active' : 'none'}],
      });
      return true;
    },
  };
}

/**
 * What the tests may ask of this engine's driver. Chromium's DevTools protocol emulates the
 * system's colour scheme and forced colours; Firefox's WebDriver BiDi and WebKitWebDriver
 * cannot yet, so the tests that need those name the engine and the reason when they skip.
 */
const engineInfo = {
  name: engine,
  label: {chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit'}[engine],
  emulates: {colorScheme: engine === 'chromium', forcedColors: engine === 'chromium'},
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
  <head><meta charset="utf-8"><script>window.MOCK_BASE = ${JSON.stringify(mockServer.url)}; window.FOREIGN_PROXY_BASE = ${JSON.stringify(foreignProxyServer.url)}; window.ENGINE = ${JSON.stringify(engineInfo)};</script>${scripts}</head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`;
}

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 40_000,
  testFramework: {config: {timeout: 10_000}},
  plugins: [
    esbuildPlugin({ts: true, target: 'es2021', tsconfig: 'tsconfig.json'}),
    ...(engineInfo.emulates.forcedColors ? [forcedColorsPlugin()] : []),
  ],
  browsers: [await launcher()],
  reporters: [defaultReporter(), skippedReporter()],
  testRunnerHtml: (testFramework) => page(testFramework),
  // The element tests once more against the CDN file, the build CMS pages load: it registers
  // the elements first, so the tests' own imports of src/ find them defined and define nothing.
  // (The late-registration test registers elements one by one, which the CDN file cannot.)
  groups: [
    {
      name: 'cdn',
      files: ['test/browser/**/*.test.ts', '!test/browser/catalog-late.test.ts'],
      testRunnerHtml: (testFramework) =>
        page(
          testFramework,
          '<script type="module" src="/dist/smartstream-widgets.min.js"></script>',
        ),
    },
  ],
  async onServerStop() {
    await Promise.all([mockServer.close(), foreignProxyServer.close()]);
    // The driver first: it closes MiniBrowser, which needs the display until then.
    for (const helper of helpers.reverse()) await helper.stop();
  },
};
