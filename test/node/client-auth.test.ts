// Server-side use: API key, bearer tokens obtained, refreshed and retried, against the mock
// with authentication on. The mock's clock and the client's are moved by hand.
import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, it} from 'node:test';
import {CatalogClient, CatalogError} from '../../src/client.js';
import type {CatalogClientOptions} from '../../src/client.js';
import {FIXTURE_IDS, SECOND_MERCHANT, startMockServer} from '../../src/mock/index.js';
import type {MockRoute} from '../../src/mock/index.js';

const M = 'nttsmc';
const API_KEY = 'mock-api-key';
const CREDENTIALS = {mail_address: 'demo@example.com', password: 'demo-password'};
const TOKEN_TTL_MS = 600_000;
type Server = Awaited<ReturnType<typeof startMockServer>>;

let server: Server;
let serverTime = 0;
let clientTime = 0;

before(async () => {
  server = await startMockServer({
    port: 0,
    rateLimit: 0,
    faults: true,
    tokenTtlMs: TOKEN_TTL_MS,
    now: () => serverTime,
  });
});
after(() => server.close());
beforeEach(() => {
  server.catalog.reset();
  serverTime = clientTime = Date.parse('2030-01-01T00:00:00Z');
});

function requests(route: MockRoute): number {
  return server.catalog.stats().byRoute[route];
}

function makeClient(options: Partial<CatalogClientOptions> = {}) {
  return new CatalogClient({
    apiBase: server.url,
    apiKey: API_KEY,
    credentials: CREDENTIALS,
    now: () => clientTime,
    retry: false,
    ...options,
  });
}

/** Ten media ids, so ten concurrent calls are ten requests, not one deduplicated one. */
async function tenIds(): Promise<string[]> {
  const list = await makeClient({cache: false}).listMedia(M, {limit: 30});
  server.catalog.resetStats();
  const visibleFromJapan = list.medias.filter(
    (m) => !m.publish_geo_rule.length || m.publish_geo_rule.includes('jp'),
  );
  return visibleFromJapan.slice(0, 10).map((m) => m.id);
}

describe('tokens', () => {
  it('obtains a token once and sends it with the API key', async () => {
    const client = makeClient();
    await client.getMedia(M, {id: FIXTURE_IDS.reference});
    await client.listMedia(M, {limit: 3});
    assert.equal(requests('auth-token'), 1);
    assert.equal(requests('get-media'), 1);
    assert.equal(requests('list-medias'), 1);
  });

  it('makes 10 concurrent first requests share 1 token request', async () => {
    const ids = await tenIds();
    const client = makeClient();
    await Promise.all(ids.map((id) => client.getMedia(M, {id})));
    assert.equal(requests('auth-token'), 1);
    assert.equal(requests('get-media'), 10);
  });

  it('refreshes the token before its expiration, so no request meets a 401', async () => {
    const client = makeClient();
    await client.getMedia(M, {id: FIXTURE_IDS.reference});
    // Within a minute of expiry on both clocks: the client refreshes first.
    serverTime += TOKEN_TTL_MS - 30_000;
    clientTime += TOKEN_TTL_MS - 30_000;
    await client.getMedia(M, {id: FIXTURE_IDS.short});
    assert.equal(requests('auth-token'), 2);
    assert.equal(requests('get-media'), 2, 'no 401 and retry');
    // The new token is good for another TTL.
    serverTime += TOKEN_TTL_MS / 2;
    clientTime += TOKEN_TTL_MS / 2;
    await client.getMedia(M, {id: FIXTURE_IDS.live});
    assert.equal(requests('auth-token'), 2);
  });

  it('makes 10 concurrent requests that meet a 401 refresh the token exactly once', async () => {
    const ids = await tenIds();
    const client = makeClient();
    await client.listMedia(M, {limit: 1});
    server.catalog.resetStats();
    // Only the server's clock moves: the client believes its token good, the server does not.
    serverTime += TOKEN_TTL_MS + 1;
    const medias = await Promise.all(ids.map((id) => client.getMedia(M, {id})));
    assert.deepEqual(
      medias.map((m) => m.id),
      ids,
    );
    assert.equal(requests('auth-token'), 1);
    assert.equal(requests('get-media'), 20, 'each request: one 401, one retry');
  });

  it('a 401 that arrives after the refresh uses the new token, with no second refresh', async () => {
    const ids = await tenIds();
    let refreshed!: () => void;
    const refreshDone = new Promise<void>((resolve) => (refreshed = resolve));
    // Holds half of the 401s until the refresh triggered by the others has completed.
    const late = new Set(ids.slice(5));
    let tokensIssued = 0;
    const fetchImpl: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = String(input);
      // The first token comes from authenticate() below; the second is the refresh.
      if (url.endsWith('/auth-token/') && ++tokensIssued === 2) {
        setTimeout(refreshed, 10);
      } else if (response.status === 401 && late.has(url.split('/').pop()!)) {
        late.delete(url.split('/').pop()!);
        const body = await response.arrayBuffer();
        await refreshDone;
        return new Response(body, {status: 401, headers: response.headers});
      }
      return response;
    };
    const client = makeClient({fetch: fetchImpl});
    await client.authenticate(M, CREDENTIALS);
    refreshDone.then(
      () => {},
      () => {},
    );
    server.catalog.resetStats();
    serverTime += TOKEN_TTL_MS + 1;
    const medias = await Promise.all(ids.map((id) => client.getMedia(M, {id})));
    assert.equal(medias.length, 10);
    assert.equal(requests('auth-token'), 1);
    assert.equal(requests('get-media'), 20);
  });

  it('retries a 401 once only: a second 401 is UNAUTHORIZED', async () => {
    const client = makeClient();
    server.catalog.addFault({kind: 'status', status: 401, route: 'get-media', times: Infinity});
    await assert.rejects(client.getMedia(M, {id: FIXTURE_IDS.reference}), {
      code: 'UNAUTHORIZED',
      status: 401,
    });
    assert.equal(requests('get-media'), 2);
    assert.equal(requests('auth-token'), 2, 'the first token, then one refresh');
  });

  it('wrong credentials fail with UNAUTHORIZED and no retry loop', async () => {
    const client = makeClient({credentials: {...CREDENTIALS, password: 'nope'}});
    await assert.rejects(client.getMedia(M, {id: FIXTURE_IDS.reference}), {code: 'UNAUTHORIZED'});
    assert.equal(requests('auth-token'), 1);
    assert.equal(requests('get-media'), 0);
  });

  it('keeps one token per merchant', async () => {
    const client = makeClient();
    await client.listMedia(M, {limit: 1});
    await client.listMedia(SECOND_MERCHANT, {limit: 1});
    await client.listMedia(M, {limit: 2});
    await client.listMedia(SECOND_MERCHANT, {limit: 2});
    assert.equal(requests('auth-token'), 2);
    assert.equal(requests('list-medias'), 4);
  });

  it('without credentials, a catalog call is UNAUTHORIZED', async () => {
    const client = makeClient({credentials: undefined});
    const error = await client.getMedia(M, {id: FIXTURE_IDS.reference}).catch((e: unknown) => e);
    assert.ok(CatalogError.is(error));
    assert.equal(error.code, 'UNAUTHORIZED');
    assert.equal(requests('auth-token'), 0);
  });

  it('authenticate() returns {token, expiration} and the client uses that token', async () => {
    const client = makeClient({credentials: undefined});
    const token = await client.authenticate(M, CREDENTIALS);
    assert.match(token.token, /^[0-9a-f]{16,}$/);
    assert.equal(Date.parse(token.expiration), serverTime + TOKEN_TTL_MS);
    const media = await client.getMedia(M, {id: FIXTURE_IDS.reference});
    assert.equal(media.id, FIXTURE_IDS.reference);
    assert.equal(requests('auth-token'), 1);
  });
});
