// Server-renders the page the hydration browser test loads (test/browser/ssr-hydrate.test.ts)
// through `smartstream-widgets/ssr` as users run it, from the build in dist/ (`npm run build`
// first): hydration checks that the browser's template strings are the server's, and the test
// hydrates with dist/all-hydrate.js and the CDN hydrate file, both made from dist/. Against the
// mock over real HTTP. The test runner's mock has another port: the mock's address is written as
// MOCK_BASE_PLACEHOLDER, which the test replaces. Run by `npm run test:browser` before the runner.
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';

if (!existsSync('dist/ssr/index.js')) {
  console.error('dist/ is missing: run `npm run build` before `npm run test:browser`.');
  process.exit(1);
}
const {CatalogReader} = await import('../dist/client/reader.js');
const {MAIN_MERCHANT, FIXTURE_IDS, startMockServer} = await import('../dist/mock/index.js');
const {renderTags} = await import('../dist/ssr/index.js');

export const FIXTURE_FILE = 'test/browser/generated/ssr-page.json';
const PLACEHOLDER = 'MOCK_BASE_PLACEHOLDER';

const mock = await startMockServer({port: 0, auth: false, rateLimit: 0});
try {
  const markup = `<ss-media-list merchant="${MAIN_MERCHANT}" api-base="${mock.url}" limit="4" href="/watch/{id}"></ss-media-list>
<ss-media-card merchant="${MAIN_MERCHANT}" api-base="${mock.url}" media-id="${FIXTURE_IDS.withRefId}"></ss-media-card>`;
  const result = await renderTags(markup, {
    client: new CatalogReader({apiBase: mock.url, retry: false}),
    baseUrl: 'http://localhost/',
    lang: 'en',
    timeoutMs: 10_000,
    onFallback: (error) => {
      throw error;
    },
  });
  if (!result.rendered) throw new Error(`The fixture did not render (${result.reason}).`);
  const swap = (text) => text.replaceAll(mock.url, PLACEHOLDER);
  mkdirSync('test/browser/generated', {recursive: true});
  writeFileSync(
    FIXTURE_FILE,
    JSON.stringify({
      placeholder: PLACEHOLDER,
      html: swap(result.html),
      snapshot: swap(result.snapshot),
    }),
  );
  console.log(`${FIXTURE_FILE}: ${result.html.length} B of server-rendered HTML`);
} finally {
  await mock.close();
}
