// Browser tests run in the system Chromium against the mock Catalog API over real HTTP.
// Run through `node --import tsx` (see package.json) so this file can start the TypeScript mock.
import {existsSync} from 'node:fs';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {createMockCatalog} from './src/mock/index.ts';
import {createCatalogProxy} from './src/proxy/index.ts';
import {serveFetch} from './src/server/node-http.ts';

const executablePath =
  process.env.CHROME_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

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

/** The test page: the mock's address for the tests, then any scripts, then the tests. */
function page(testFramework, scripts = '') {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><script>window.MOCK_BASE = ${JSON.stringify(mockServer.url)}; window.FOREIGN_PROXY_BASE = ${JSON.stringify(foreignProxyServer.url)}; window.OPEN_PROXY_BASE = ${JSON.stringify(openProxyServer.url)};</script>${scripts}</head>
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
    forcedColorsPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-background-networking',
          '--disable-gpu',
        ],
      },
    }),
  ],
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
    await Promise.all([mockServer.close(), foreignProxyServer.close(), openProxyServer.close()]);
  },
};
