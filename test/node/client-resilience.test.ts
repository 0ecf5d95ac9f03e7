// Errors, retries, time-outs and aborts over real HTTP, with faults injected into the mock.
import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, it} from 'node:test';
import {CatalogClient, CatalogError} from '../../src/client.js';
import type {CatalogClientOptions} from '../../src/client.js';
import {FIXTURE_IDS, startMockServer} from '../../src/mock/index.js';
import type {MockRoute} from '../../src/mock/index.js';

const M = 'nttsmc';
const ID = FIXTURE_IDS.reference;
type Server = Awaited<ReturnType<typeof startMockServer>>;

let server: Server;

before(async () => {
  server = await startMockServer({port: 0, auth: false, rateLimit: 0, faults: true});
});
after(() => server.close());
beforeEach(() => server.catalog.reset());

function requests(route: MockRoute = 'get-media'): number {
  return server.catalog.stats().byRoute[route];
}

/** A client whose backoff sleeps are recorded and skipped, so retry tests run in no time. */
function makeClient(options: Partial<CatalogClientOptions> = {}) {
  const slept: number[] = [];
  const client = new CatalogClient({
    apiBase: server.url,
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...options,
  });
  return {client, slept};
}

async function errorOf(promise: Promise<unknown>): Promise<CatalogError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CatalogError, `expected a CatalogError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

const elapsed = (start: number) => performance.now() - start;

describe('retries', () => {
  it('retries a GET on 5xx with full-jitter exponential backoff, then succeeds', async () => {
    server.catalog.addFault({kind: 'status', status: 500, route: 'get-media', times: 2});
    const {client, slept} = makeClient({random: () => 0.999});
    const media = await client.getMedia(M, {id: ID});
    assert.equal(media.id, ID);
    assert.equal(requests(), 3);
    assert.deepEqual(slept, [299, 599], 'random * min(cap, 300 * 2^attempt)');
  });

  it('draws each delay from 0 up to the ceiling (full jitter)', async () => {
    server.catalog.addFault({
      kind: 'status',
      status: 503,
      retryAfter: undefined,
      route: 'get-media',
    });
    server.catalog.clearFaults();
    server.catalog.addFault({kind: 'status', status: 500, route: 'get-media', times: 2});
    const {client, slept} = makeClient({random: () => 0});
    await client.getMedia(M, {id: ID});
    assert.deepEqual(slept, [0, 0]);
  });

  it('caps the delay at maxDelayMs and gives up after `retries`', async () => {
    server.catalog.addFault({kind: 'status', status: 502, route: 'get-media', times: Infinity});
    const {client, slept} = makeClient({
      random: () => 0.999999,
      retry: {retries: 5, baseDelayMs: 1000, maxDelayMs: 2500},
    });
    const error = await errorOf(client.getMedia(M, {id: ID}));
    assert.equal(error.status, 502);
    assert.equal(error.code, 'BAD_GATEWAY', "the body's code wins");
    assert.equal(requests(), 6);
    assert.deepEqual(slept, [999, 1999, 2499, 2499, 2499]);
  });

  it('honours Retry-After in seconds on 503 and 429', async () => {
    server.catalog.addFault({kind: 'status', status: 503, retryAfter: 2, route: 'get-media'});
    server.catalog.addFault({kind: 'status', status: 429, retryAfter: 1, route: 'get-media'});
    const {client, slept} = makeClient();
    await client.getMedia(M, {id: ID});
    assert.deepEqual(slept, [2000, 1000]);
    assert.equal(requests(), 3);
  });

  it('does not wait out a Retry-After beyond the cap: RATE_LIMITED at once', async () => {
    server.catalog.addFault({kind: 'status', status: 429, retryAfter: 120, route: 'get-media'});
    const {client, slept} = makeClient();
    const error = await errorOf(client.getMedia(M, {id: ID}));
    assert.equal(error.code, 'RATE_LIMITED');
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, 120_000);
    assert.deepEqual(slept, []);
    assert.equal(requests(), 1);
  });

  it('retries 408 and network errors', async () => {
    server.catalog.addFault({kind: 'status', status: 408, route: 'list-medias'});
    server.catalog.addFault({kind: 'reset', route: 'list-medias'});
    const {client, slept} = makeClient();
    const list = await client.listMedia(M, {limit: 2});
    assert.equal(list.medias.length, 2);
    assert.equal(requests('list-medias'), 3);
    assert.equal(slept.length, 2);
  });

  for (const [status, route, call] of [
    [400, 'get-media', 'get'],
    [401, 'get-media', 'get'],
    [403, 'get-media', 'get'],
    [404, 'list-medias', 'list'],
  ] as const) {
    it(`never retries a ${status}`, async () => {
      server.catalog.addFault({kind: 'status', status, route, times: Infinity});
      const {client, slept} = makeClient();
      const error = await errorOf(
        call === 'get' ? client.getMedia(M, {id: ID}) : client.listMedia(M),
      );
      assert.equal(error.status, status);
      assert.equal(requests(route), 1);
      assert.deepEqual(slept, []);
    });
  }

  it('never retries a mutation', async () => {
    server.catalog.addFault({kind: 'status', status: 503, route: 'update-media', times: Infinity});
    server.catalog.addFault({kind: 'reset', route: 'delete-media'});
    const {client} = makeClient();
    assert.equal((await errorOf(client.updateMedia(M, {id: ID}, {name: 'x'}))).status, 503);
    assert.equal((await errorOf(client.deleteMedia(M, {id: ID}))).code, 'NETWORK_ERROR');
    assert.equal(requests('update-media'), 1);
    assert.equal(requests('delete-media'), 1);
  });

  for (const cache of [undefined, false] as const) {
    it(`stops waiting between retries at once when the caller aborts (cache: ${cache})`, async () => {
      server.catalog.addFault({kind: 'status', status: 500, route: 'get-media', times: Infinity});
      // The real sleep: a 400 ms backoff that only the abort can cut short.
      const client = new CatalogClient({
        apiBase: server.url,
        cache,
        random: () => 0.999,
        retry: {retries: 3, baseDelayMs: 400, maxDelayMs: 400},
      });
      const controller = new AbortController();
      const pending = client.getMedia(M, {id: ID}, {signal: controller.signal});
      while (requests() < 1) await new Promise((resolve) => setTimeout(resolve, 2));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const start = performance.now();
      controller.abort();
      const error = await errorOf(pending);
      assert.equal(error.code, 'ABORTED');
      assert.equal(error.status, 0);
      assert.ok(elapsed(start) < 100, `rejected after ${elapsed(start)} ms`);
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(requests(), 1, 'no retry after the abort');
    });
  }

  it('stops a shared retry when every waiter has left; the next caller starts afresh', async () => {
    server.catalog.addFault({kind: 'status', status: 500, route: 'get-media', times: 1});
    const client = new CatalogClient({
      apiBase: server.url,
      random: () => 0.999,
      retry: {retries: 3, baseDelayMs: 10_000, maxDelayMs: 10_000},
    });
    const a = new AbortController();
    const b = new AbortController();
    const first = client.getMedia(M, {id: ID}, {signal: a.signal});
    const second = client.getMedia(M, {id: ID}, {signal: b.signal});
    while (requests() < 1) await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    a.abort();
    b.abort();
    // In the same tick: must not join the request that is giving up.
    const start = performance.now();
    const third = client.getMedia(M, {id: ID});
    assert.equal((await errorOf(first)).code, 'ABORTED');
    assert.equal((await errorOf(second)).code, 'ABORTED');
    assert.equal((await third).id, ID);
    assert.ok(elapsed(start) < 1000, 'did not wait out the abandoned 10 s backoff');
    assert.equal(requests(), 2);
  });
});

describe('time-outs and aborts', () => {
  it('times out a hanging request with TIMEOUT, status 0', async () => {
    server.catalog.addFault({kind: 'hang', route: 'get-media', times: Infinity});
    const {client} = makeClient({timeoutMs: 100, retry: false});
    const start = performance.now();
    const error = await errorOf(client.getMedia(M, {id: ID}));
    assert.equal(error.code, 'TIMEOUT');
    assert.equal(error.status, 0);
    assert.ok(elapsed(start) >= 90 && elapsed(start) < 1000, `took ${elapsed(start)} ms`);
  });

  it('retries after a time-out, each attempt with its own time-out', async () => {
    server.catalog.addFault({kind: 'hang', route: 'get-media'});
    const {client} = makeClient({timeoutMs: 100});
    assert.equal((await client.getMedia(M, {id: ID})).id, ID);
    assert.equal(requests(), 2);
  });

  it('lets a slow response within the time-out through', async () => {
    server.catalog.addFault({kind: 'slow', delayMs: 100, route: 'get-media'});
    const {client} = makeClient({timeoutMs: 2000});
    assert.equal((await client.getMedia(M, {id: ID})).id, ID);
  });

  it('aborts a lone request at once with ABORTED', async () => {
    server.catalog.addFault({kind: 'hang', route: 'get-media'});
    const {client} = makeClient();
    const controller = new AbortController();
    const start = performance.now();
    const pending = client.getMedia(M, {id: ID}, {signal: controller.signal});
    setTimeout(() => controller.abort(), 30);
    const error = await errorOf(pending);
    assert.equal(error.code, 'ABORTED');
    assert.ok(elapsed(start) < 500);
    assert.equal(requests(), 1);
  });

  it('rejects an already aborted call without a request', async () => {
    const {client} = makeClient({cache: false});
    const error = await errorOf(client.getMedia(M, {id: ID}, {signal: AbortSignal.abort()}));
    assert.equal(error.code, 'ABORTED');
    assert.equal(requests(), 0);
  });

  it("aborting one deduplicated caller leaves the others' request running", async () => {
    server.catalog.addFault({kind: 'slow', delayMs: 150, route: 'get-media'});
    const {client} = makeClient();
    const controller = new AbortController();
    const aborted = client.getMedia(M, {id: ID}, {signal: controller.signal});
    const kept = client.getMedia(M, {id: ID});
    const alsoKept = client.getMedia(M, {id: ID}, {signal: new AbortController().signal});
    setTimeout(() => controller.abort(), 20);
    const start = performance.now();
    assert.equal((await errorOf(aborted)).code, 'ABORTED');
    assert.ok(elapsed(start) < 100, 'the aborted caller did not wait for the response');
    assert.equal((await kept).id, ID);
    assert.equal((await alsoKept).id, ID);
    assert.equal(requests(), 1);
    assert.equal(client.peekMedia(M, {id: ID})!.id, ID, 'the shared response was cached');
  });

  it('aborts a mutation on the wire', async () => {
    server.catalog.addFault({kind: 'hang', route: 'update-media'});
    const {client} = makeClient();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await errorOf(
      client.updateMedia(M, {id: ID}, {name: 'x'}, {signal: controller.signal}),
    );
    assert.equal(error.code, 'ABORTED');
  });
});

describe('bad responses', () => {
  it('malformed JSON is INVALID_RESPONSE and not retried', async () => {
    server.catalog.addFault({kind: 'malformed-json', route: 'list-medias'});
    const {client} = makeClient();
    const error = await errorOf(client.listMedia(M));
    assert.equal(error.code, 'INVALID_RESPONSE');
    assert.equal(error.status, 200);
    assert.match(error.message, /not JSON/);
    assert.equal(requests('list-medias'), 1);
  });

  it("a gateway's HTML error page is INVALID_RESPONSE with the real status", async () => {
    server.catalog.addFault({kind: 'html', route: 'get-media'});
    const {client} = makeClient({retry: false});
    const error = await errorOf(client.getMedia(M, {id: ID}));
    assert.equal(error.code, 'INVALID_RESPONSE');
    assert.equal(error.status, 502);
    assert.match(error.message, /HTML/);
  });

  it('retries a 502 HTML page like any 5xx', async () => {
    server.catalog.addFault({kind: 'html', route: 'get-media'});
    const {client} = makeClient();
    assert.equal((await client.getMedia(M, {id: ID})).id, ID);
    assert.equal(requests(), 2);
  });

  it('an HTML page with status 200 is INVALID_RESPONSE', async () => {
    server.catalog.addFault({kind: 'html', status: 200, route: 'get-media'});
    const {client} = makeClient();
    const error = await errorOf(client.getMedia(M, {id: ID}));
    assert.equal(error.code, 'INVALID_RESPONSE');
    assert.equal(error.status, 200);
    assert.equal(requests(), 1);
  });

  it('a connection reset is NETWORK_ERROR, status 0', async () => {
    server.catalog.addFault({kind: 'reset', route: 'get-media', times: Infinity});
    const {client} = makeClient();
    const error = await errorOf(client.getMedia(M, {id: ID}));
    assert.equal(error.code, 'NETWORK_ERROR');
    assert.equal(error.status, 0);
    assert.ok(error.cause, 'keeps the underlying error');
    assert.equal(requests(), 3);
  });

  it('a refused connection is NETWORK_ERROR', async () => {
    const closed = await startMockServer({port: 0});
    await closed.close();
    const {client} = makeClient({apiBase: closed.url, retry: false});
    const error = await errorOf(client.getMedia(M, {id: ID}));
    assert.equal(error.code, 'NETWORK_ERROR');
    assert.equal(error.status, 0);
  });
});

describe('every error code', () => {
  let guarded: Server;
  before(async () => {
    guarded = await startMockServer({port: 0, auth: true, rateLimit: 2});
  });
  after(() => guarded.close());

  it('maps each failure to its documented code and status', async () => {
    const {client} = makeClient({retry: false, timeoutMs: 100});
    const seen = new Map<string, number>();
    const record = async (promise: Promise<unknown>) => {
      const error = await errorOf(promise);
      seen.set(error.code, error.status);
    };
    await record(client.getMedia(M, {id: 'does-not-exist'}));
    await record(client.getMedia(M, {id: FIXTURE_IDS.geoBlocked}));
    await record(client.listMedia(M, {sort: 'no_such_column'}));
    await record(client.listMedia(''));
    server.catalog.addFault({kind: 'status', status: 500, route: 'get-media'});
    await record(client.getMedia(M, {id: ID}));
    server.catalog.addFault({kind: 'reset', route: 'get-media'});
    await record(client.getMedia(M, {id: ID}));
    server.catalog.addFault({kind: 'hang', route: 'get-media'});
    await record(client.getMedia(M, {id: ID}));
    server.catalog.addFault({kind: 'malformed-json', route: 'get-media'});
    await record(client.getMedia(M, {id: ID}));
    await record(client.getMedia(M, {id: ID}, {signal: AbortSignal.abort()}));

    const outsider = new CatalogClient({apiBase: guarded.url, retry: false});
    await record(outsider.getMedia(M, {id: ID}));
    const keyed = new CatalogClient({apiBase: guarded.url, retry: false, apiKey: 'mock-api-key'});
    // The mock allows this API key two requests a minute; the third is rate limited.
    for (let i = 0; i < 3; i++) {
      await record(keyed.authenticate(M, {mail_address: 'demo@example.com', password: 'wrong'}));
    }

    assert.deepEqual(Object.fromEntries([...seen].sort()), {
      ABORTED: 0,
      BAD_REQUEST: 0,
      GEO_RULE: 403,
      INVALID_RESPONSE: 200,
      MEDIA_NOT_FOUND: 404,
      NETWORK_ERROR: 0,
      RATE_LIMITED: 429,
      SERVER_ERROR: 500,
      TIMEOUT: 0,
      UNAUTHORIZED: 401,
    });
  });

  it('a server-side 400 is BAD_REQUEST with the status and the server message', async () => {
    const {client} = makeClient();
    const error = await errorOf(client.listMedia(M, {sort: 'no_such_column'}));
    assert.equal(error.code, 'BAD_REQUEST');
    assert.equal(error.status, 400);
    assert.match(error.message, /sort/);
    assert.equal(requests('list-medias'), 1);
  });
});
