// Server-renders the page the hydration browser test loads (test/browser/ssr-hydrate.test.ts),
// from the sources through `smartstream-widgets/ssr`, against the mock over real HTTP. The test
// runner's mock has another port: the mock's address is written as MOCK_BASE_PLACEHOLDER, which
// the test replaces. Run by `npm run test:browser` before the test runner, under tsx.
import {mkdirSync, writeFileSync} from 'node:fs';
import {CatalogReader} from '../src/client/reader.ts';
import {MAIN_MERCHANT, FIXTURE_IDS, startMockServer} from '../src/mock/index.ts';
import {renderTags} from '../src/ssr/index.ts';

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
