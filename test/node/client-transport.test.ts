// The transport alone (src/client/transport.ts): one request with retries, time-outs,
// Retry-After and the redirect and header rules, against the mock Catalog API over real HTTP.
import assert from 'node:assert/strict';
import {after, afterEach, before, beforeEach, describe, it} from 'node:test';
import {TokenAuth} from '../../src/client/auth.js';
import {CatalogError} from '../../src/client/errors.js';
import {readerConfig} from '../../src/client/options.js';
import {readResponse, Transport} from '../../src/client/transport.js';
import type {HttpRequest} from '../../src/client/transport.js';
import type {CatalogReaderOptions} from '../../src/client/types.js';
import {FIXTURE_IDS, startMockServer} from '../../src/mock/index.js';

const M = 'nttsmc';
type Server = Awaited<ReturnType<typeof startMockServer>>;
let server: Server;

before(async () => {
  server = await startMockServer({port: 0, auth: false, rateLimit: 0, faults: true});
});
after(() => server.close());
beforeEach(() => server.catalog.reset());
afterEach(() => server.catalog.clearFaults());

const getMedia: HttpRequest = {
  method: 'GET',
  merchant: M,
  path: `/v1/merchants/${M}/medias/${FIXTURE_IDS.reference}`,
  notFoundCode: 'MEDIA_NOT_FOUND',
};

/** A transport to the mock that records each fetch's init and each sleep. */
function transport(options: Partial<CatalogReaderOptions> = {}, auth?: TokenAuth) {
  const inits: RequestInit[] = [];
  const slept: number[] = [];
  const counter = {requests: 0};
  const config = readerConfig(
    {
      apiBase: server.url,
      fetch: (input, init) => {
        inits.push(init ?? {});
        return fetch(input, init);
      },
      sleep: async (ms) => {
        slept.push(ms);
      },
      ...options,
    },
    false,
  );
  return {transport: new Transport(config, counter, auth), inits, slept, counter};
}

async function rejection(promise: Promise<unknown>): Promise<CatalogError> {
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(CatalogError.is(error), `expected a CatalogError, got ${String(error)}`);
  return error;
}

describe('Transport', () => {
  it('retries a failing GET with backoff and counts every attempt', async () => {
    server.catalog.addFault({kind: 'status', status: 500, route: 'get-media', times: 2});
    const {transport: t, slept, counter} = transport({random: () => 0.5});
    const json = (await t._request(getMedia, {retry: true})) as {id: string};
    assert.equal(json.id, FIXTURE_IDS.reference);
    assert.equal(counter.requests, 3);
    assert.deepEqual(slept, [150, 300], 'half of 300 ms, then half of 600 ms');
  });

  it('tries a GET once when asked not to retry, and never retries a PUT', async () => {
    server.catalog.addFault({kind: 'status', status: 503, route: 'get-media', times: 1});
    const once = transport();
    assert.equal((await rejection(once.transport._request(getMedia, {retry: false}))).status, 503);
    assert.equal(once.counter.requests, 1);
    server.catalog.addFault({kind: 'status', status: 503, times: 1});
    const put = transport();
    const request: HttpRequest = {...getMedia, method: 'PUT', json: {name: 'x'}};
    assert.equal((await rejection(put.transport._request(request, {retry: true}))).status, 503);
    assert.equal(put.counter.requests, 1);
  });

  it('waits out a Retry-After within maxRetryAfterMs, and not one beyond it', async () => {
    server.catalog.addFault({kind: 'status', status: 503, retryAfter: 2, route: 'get-media'});
    const short = transport();
    await short.transport._request(getMedia, {retry: true});
    assert.deepEqual(short.slept, [2000]);
    server.catalog.addFault({kind: 'status', status: 429, retryAfter: 60, route: 'get-media'});
    const long = transport({retry: {maxRetryAfterMs: 5_000}});
    const error = await rejection(long.transport._request(getMedia, {retry: true}));
    assert.equal(error.code, 'RATE_LIMITED');
    assert.equal(error.retryAfterMs, 60_000);
    assert.deepEqual(long.slept, []);
  });

  it('ends an attempt at timeoutMs with TIMEOUT', async () => {
    const {transport: t} = transport({
      timeoutMs: 50,
      retry: false,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
        ),
    });
    const error = await rejection(t._request(getMedia, {retry: true}));
    assert.equal(error.code, 'TIMEOUT');
    assert.equal(error.status, 0);
  });

  it('sends no Accept header and no Content-Type on a GET, and never follows a redirect in Node', async () => {
    const {transport: t, inits} = transport();
    await t._request(getMedia, {retry: false});
    const headers = new Headers(inits[0]!.headers);
    assert.equal(headers.get('accept'), null);
    assert.equal(headers.get('content-type'), null);
    assert.equal(inits[0]!.redirect, 'manual');
  });

  it('hands each attempt to its authorizer, which adds its headers', async () => {
    const auth = new TokenAuth({apiKey: 'mock-api-key'}, Date.now);
    const {transport: t, inits} = transport({}, auth);
    await t._request(getMedia, {retry: false});
    const headers = new Headers(inits[0]!.headers);
    assert.equal(headers.get('accept'), 'application/json');
    assert.equal(headers.get('x-streaks-api-key'), 'mock-api-key');
    assert.equal(inits[0]!.redirect, 'manual');
  });
});

describe('readResponse', () => {
  const now = () => Date.parse('2026-01-01T00:00:00Z');

  it('refuses a redirect with REDIRECT and its status', () => {
    const response = new Response(null, {status: 302, headers: {location: '/elsewhere'}});
    assert.throws(
      () => readResponse(getMedia, response, '', now),
      (error) => CatalogError.is(error) && error.code === 'REDIRECT' && error.status === 302,
    );
  });

  it('names an HTML page where JSON was expected', () => {
    const response = new Response('', {status: 200, headers: {'content-type': 'text/html'}});
    assert.throws(
      () => readResponse(getMedia, response, '<!doctype html><p>hi', now),
      (error) =>
        CatalogError.is(error) &&
        error.code === 'INVALID_RESPONSE' &&
        /an HTML page/.test(error.message),
    );
  });

  it('uses the 404 code of the request when the body has none', () => {
    const response = new Response('', {status: 404});
    assert.throws(
      () => readResponse(getMedia, response, '{}', now),
      (error) => CatalogError.is(error) && error.code === 'MEDIA_NOT_FOUND',
    );
  });
});
