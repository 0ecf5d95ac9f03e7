// The read-only CatalogReader the elements use: no secret goes in or out, and reads behave
// as CatalogClient's do, against the mock with authentication off (as behind the proxy).
import assert from 'node:assert/strict';
import {after, afterEach, before, beforeEach, describe, it} from 'node:test';
import {CatalogClient, CatalogError, CatalogReader, getSharedClient} from '../../src/client.js';
import {FIXTURE_IDS, startMockServer} from '../../src/mock/index.js';

const M = 'nttsmc';
type Server = Awaited<ReturnType<typeof startMockServer>>;
let server: Server;

before(async () => {
  server = await startMockServer({port: 0, rateLimit: 0, auth: false, faults: true});
});
after(() => server.close());
beforeEach(() => server.catalog.reset());
afterEach(() => server.catalog.clearFaults());

function badRequest(message: RegExp) {
  return (error: unknown) =>
    CatalogError.is(error) && error.code === 'BAD_REQUEST' && message.test(error.message);
}

describe('CatalogReader', () => {
  it('refuses an API key or credentials, pointing at CatalogClient', () => {
    const secret = {apiBase: server.url, apiKey: 'mock-api-key'} as never;
    assert.throws(() => new CatalogReader(secret), badRequest(/use CatalogClient/));
    const credentials = {
      apiBase: server.url,
      credentials: {mail_address: 'a@example.com', password: 'p'},
    } as never;
    assert.throws(() => new CatalogReader(credentials), badRequest(/use CatalogClient/));
  });

  it('has no mutation or authentication methods', () => {
    const reader = new CatalogReader({apiBase: server.url}) as unknown as Record<string, unknown>;
    assert.equal(reader.updateMedia, undefined);
    assert.equal(reader.deleteMedia, undefined);
    assert.equal(reader.authenticate, undefined);
  });

  it('reads a list, then its media from the cache, with one request', async () => {
    const reader = new CatalogReader({apiBase: server.url});
    const list = await reader.listMedia(M, {limit: 5});
    assert.equal(list.medias.length, 5);
    const media = await reader.getMedia(M, {id: list.medias[2]!.id});
    assert.equal(media.id, list.medias[2]!.id);
    assert.equal(server.catalog.stats().byRoute['list-medias'], 1);
    assert.equal(server.catalog.stats().byRoute['get-media'] ?? 0, 0);
    assert.equal(reader.stats().requests, 1);
  });

  it('sends no Authorization or API key header', async () => {
    const seen: Headers[] = [];
    const reader = new CatalogReader({
      apiBase: server.url,
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    });
    await reader.getMedia(M, {id: FIXTURE_IDS.reference});
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.get('authorization'), null);
    assert.equal(seen[0]!.get('x-streaks-api-key'), null);
  });

  it('is what the page-wide shared client is; a CatalogClient is a reader too', () => {
    assert.ok(getSharedClient(server.url) instanceof CatalogReader);
    assert.ok(!(getSharedClient(server.url) instanceof CatalogClient));
    assert.ok(new CatalogClient({apiBase: server.url}) instanceof CatalogReader);
  });

  it('as the shared client, reports a long Retry-After at once rather than waiting it out', async () => {
    server.catalog.addFault({kind: 'status', status: 429, route: 'get-media', retryAfter: 10});
    const started = Date.now();
    await assert.rejects(
      getSharedClient(server.url).getMedia(M, {id: FIXTURE_IDS.reference}),
      (error: unknown) =>
        CatalogError.is(error) && error.code === 'RATE_LIMITED' && error.retryAfterMs === 10_000,
    );
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.equal(server.catalog.stats().byRoute['get-media'], 1);
  });
});
