// Browser tests run in the system Chromium against the mock Catalog API over real HTTP.
// Run through `node --import tsx` (see package.json) so this file can start the TypeScript mock.
import {existsSync} from 'node:fs';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {createMockCatalog} from './src/mock/index.ts';
import {serveFetch} from './src/server/node-http.ts';

const executablePath =
  process.env.CHROME_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

// Faults on (tests inject them), auth and rate limit off: elements in a page talk to the
// mock the way they talk to the proxy in production.
const mock = createMockCatalog({auth: false, rateLimit: 0, faults: true});
const mockServer = await serveFetch(mock, {port: 0});

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
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><script>window.MOCK_BASE = ${JSON.stringify(mockServer.url)};</script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
  async onServerStop() {
    await mockServer.close();
  },
};
