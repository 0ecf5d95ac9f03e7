import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, it} from 'node:test';
import {FIXTURE_IDS, type MockStats} from '../../src/mock/index.js';
import {json, startTestServer, type TestServer} from './helpers/mock-server.js';

const MEDIA = `/v1/merchants/nttsmc/medias/${FIXTURE_IDS.reference}`;
const LIST = '/v1/merchants/nttsmc/medias/';

function addFault(server: TestServer, rule: Record<string, unknown>) {
  return fetch(`${server.url}/__mock/faults`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(rule),
  });
}

describe('mock catalog: fault injection', () => {
  let server: TestServer;
  let token: string;
  const get = (path = MEDIA, init: RequestInit = {}) => server.api(path, {token, ...init});

  before(async () => {
    server = await startTestServer({faults: true});
  });
  beforeEach(() => {
    server.catalog.reset();
    token = server.catalog.issueToken().token;
  });
  after(() => server.close());

  it('status: answers once with the JSON error for that status, then normally', async () => {
    assert.equal((await addFault(server, {kind: 'status'})).status, 201);
    const failed = await get();
    assert.equal(failed.status, 500);
    assert.deepEqual(await failed.json(), {
      code: 'SERVER_ERROR',
      message: 'An unexpected error has occurred',
    });
    assert.equal((await get()).status, 200);
  });

  it('status: maps 429, 503, 401 and 404 to their codes, with Retry-After where it belongs', async () => {
    server.catalog.addFault({kind: 'status', status: 429, retryAfter: 7});
    server.catalog.addFault({kind: 'status', status: 503});
    server.catalog.addFault({kind: 'status', status: 401});
    server.catalog.addFault({kind: 'status', status: 404});
    const limited = await get();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal((await json(limited)).code, 'RATE_LIMITED');
    const unavailable = await get();
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.headers.get('retry-after'), '1');
    assert.equal((await json(unavailable)).code, 'SERVICE_UNAVAILABLE');
    const unauthorized = await get();
    assert.equal((await json(unauthorized)).code, 'UNAUTHORIZED');
    const missing = await get();
    assert.equal(missing.status, 404);
    assert.equal((await json(missing)).code, 'MEDIA_NOT_FOUND');
  });

  it('matches on route, method and path, and counts down times', async () => {
    server.catalog.addFault({kind: 'status', route: 'list-medias', times: 2});
    server.catalog.addFault({kind: 'status', status: 503, method: 'DELETE'});
    server.catalog.addFault({kind: 'status', status: 502, pathIncludes: 'sort=name'});
    assert.equal((await get()).status, 200, 'get-media is not list-medias');
    assert.equal((await get(LIST)).status, 500);
    assert.equal((await get(LIST)).status, 500);
    assert.equal((await get(LIST)).status, 200);
    assert.equal((await get(`${LIST}?sort=name`)).status, 502);
    assert.equal((await get(`${LIST}?sort=name`)).status, 200);
    assert.equal((await get(MEDIA, {method: 'DELETE'})).status, 503);
    assert.equal((await get(MEDIA)).status, 200, 'the DELETE fault kept the media');
  });

  it('times: null over HTTP (Infinity in code) faults every matching request until cleared', async () => {
    assert.equal((await addFault(server, {kind: 'status', status: 500, times: null})).status, 201);
    for (let i = 0; i < 5; i++) assert.equal((await get()).status, 500);
    const listed = await json<{faults: Array<{remaining: number | null}>}>(
      await fetch(`${server.url}/__mock/faults`),
    );
    assert.deepEqual(
      listed.faults.map((f) => f.remaining),
      [null],
    );
    assert.equal((await fetch(`${server.url}/__mock/faults`, {method: 'DELETE'})).status, 200);
    assert.equal((await get()).status, 200);
    server.catalog.addFault({kind: 'status', times: Infinity});
    assert.equal((await get()).status, 500);
    server.catalog.clearFaults();
    assert.equal((await get()).status, 200);
  });

  it('leaves assets alone unless the rule names the asset route', async () => {
    server.catalog.addFault({kind: 'status', times: Infinity});
    const asset = `${server.url}/uploads/nttsmc/sample_poster.gif`;
    assert.equal((await fetch(asset)).status, 200);
    server.catalog.clearFaults();
    server.catalog.addFault({kind: 'status', route: 'asset', status: 503});
    assert.equal((await fetch(asset)).status, 503);
    assert.equal((await fetch(asset)).status, 200);
  });

  it('hang: never answers; the client times out and the server stays healthy', async () => {
    server.catalog.addFault({kind: 'hang'});
    const started = Date.now();
    await assert.rejects(get(MEDIA, {signal: AbortSignal.timeout(200)}), (error: Error) => {
      assert.equal(error.name, 'TimeoutError');
      return true;
    });
    assert.ok(Date.now() - started >= 190);
    assert.equal((await get()).status, 200);
  });

  it('hang: the in-process handler settles when the request is aborted', async () => {
    server.catalog.addFault({kind: 'hang'});
    const controller = new AbortController();
    const pending = server.catalog(
      new Request(`http://mock.test${MEDIA}`, {signal: controller.signal}),
    );
    let settled = false;
    void pending.catch(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(settled, false);
    controller.abort();
    await assert.rejects(pending);
  });

  it('hang with delayMs: no answer for that long, then the connection drops', async () => {
    server.catalog.addFault({kind: 'hang', delayMs: 150});
    const started = Date.now();
    await assert.rejects(get(MEDIA, {signal: AbortSignal.timeout(5000)}), (error: Error) => {
      assert.notEqual(error.name, 'TimeoutError');
      return true;
    });
    const waited = Date.now() - started;
    assert.ok(waited >= 140 && waited < 2000, `waited ${waited} ms`);
    assert.equal((await get()).status, 200);
  });

  it('reset: the connection is closed without a response, so fetch rejects', async () => {
    server.catalog.addFault({kind: 'reset'});
    await assert.rejects(get(), TypeError);
    assert.equal((await get()).status, 200);
  });

  it('malformed-json: 200 with a JSON content type and a truncated body', async () => {
    server.catalog.addFault({kind: 'malformed-json'});
    const response = await get(LIST);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /application\/json/);
    const text = await response.text();
    assert.ok(text.length > 0);
    assert.throws(() => JSON.parse(text), SyntaxError);
  });

  it('html: a gateway error page, 502 by default or the given status', async () => {
    server.catalog.addFault({kind: 'html'});
    server.catalog.addFault({kind: 'html', status: 504});
    const response = await get();
    assert.equal(response.status, 502);
    assert.match(response.headers.get('content-type')!, /text\/html/);
    assert.match(await response.text(), /<h1>502 Bad Gateway<\/h1>/);
    const second = await get();
    assert.equal(second.status, 504);
    assert.match(await second.text(), /<html>/);
  });

  it('slow: answers normally after delayMs', async () => {
    server.catalog.addFault({kind: 'slow', delayMs: 300});
    const started = Date.now();
    const response = await get();
    assert.ok(Date.now() - started >= 290, 'delayed');
    assert.equal(response.status, 200);
    assert.equal((await json(response)).id, FIXTURE_IDS.reference);
    const quick = Date.now();
    await get();
    assert.ok(Date.now() - quick < 250, 'only once');
  });

  it('slow: a client that gives up first sees a timeout', async () => {
    server.catalog.addFault({kind: 'slow', delayMs: 5_000});
    await assert.rejects(get(MEDIA, {signal: AbortSignal.timeout(100)}), {name: 'TimeoutError'});
  });

  it('rejects invalid rules with 400', async () => {
    for (const rule of [
      {kind: 'explode'},
      {kind: 'status', status: 42},
      {kind: 'status', route: 'nowhere'},
      {kind: 'status', times: 0},
      {kind: 'slow', delayMs: -1},
      {kind: 'status', colour: 'red'},
    ]) {
      const response = await addFault(server, rule);
      assert.equal(response.status, 400, JSON.stringify(rule));
      assert.equal((await json(response)).code, 'BAD_REQUEST');
    }
    assert.throws(() => server.catalog.addFault({kind: 'nope' as 'status'}), TypeError);
  });

  it('reset() clears pending faults', async () => {
    server.catalog.addFault({kind: 'status', times: 3});
    assert.equal((await fetch(`${server.url}/__mock/reset`, {method: 'POST'})).status, 200);
    token = server.catalog.issueToken().token;
    assert.equal((await get()).status, 200);
  });
});

describe('mock catalog: fault injection is refused unless enabled', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('answers POST /__mock/faults with 403 and throws from addFault()', async () => {
    const response = await addFault(server, {kind: 'status'});
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match((await json<{message: string}>(response)).message, /--faults/);
    assert.throws(() => server.catalog.addFault({kind: 'status'}), /faults/);
    const token = server.catalog.issueToken().token;
    assert.equal((await server.api(MEDIA, {token})).status, 200);
  });
});

describe('mock catalog: stats', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({faults: true});
  });
  after(() => server.close());

  it('counts catalog requests per route, including failed and faulted ones', async () => {
    const token = await server.login();
    await server.api(MEDIA, {token});
    await server.api(MEDIA, {token});
    await server.api(MEDIA);
    await server.api(`${LIST}?limit=5`, {token});
    await server.api('/v1/merchants/nttsmc/media_groups', {token});
    await server.api(MEDIA, {token, method: 'PUT', body: JSON.stringify({name: 'x'})});
    server.catalog.addFault({kind: 'status', route: 'delete-media'});
    await server.api(MEDIA, {token, method: 'DELETE'});
    await fetch(`${server.url}/uploads/nttsmc/sample_poster.gif`);
    await server.api('/v1/nothing-here');
    // Neither control calls nor preflights count.
    await fetch(`${server.url}/__mock/stats`);
    await fetch(server.url + MEDIA, {method: 'OPTIONS'});

    const expected: MockStats = {
      total: 10,
      byRoute: {
        'auth-token': 1,
        'get-media': 3,
        'list-medias': 1,
        'update-media': 1,
        'delete-media': 1,
        'list-media-groups': 1,
        asset: 1,
        other: 1,
      },
    };
    assert.deepEqual(server.catalog.stats(), expected);
    assert.deepEqual(await (await fetch(`${server.url}/__mock/stats`)).json(), expected);
  });

  it('resets over HTTP and through the API', async () => {
    const reset = await fetch(`${server.url}/__mock/stats/reset`, {method: 'POST'});
    assert.equal(reset.status, 200);
    assert.equal(server.catalog.stats().total, 0);
    await fetch(`${server.url}/uploads/nttsmc/sample_poster.gif`);
    assert.equal(server.catalog.stats().byRoute.asset, 1);
    server.catalog.resetStats();
    assert.equal(server.catalog.stats().total, 0);
  });

  it('returns a copy, not live state', () => {
    const stats = server.catalog.stats();
    stats.total = 99;
    assert.equal(server.catalog.stats().total, 0);
  });

  it('answers unknown control paths with 404', async () => {
    const response = await fetch(`${server.url}/__mock/nope`);
    assert.equal(response.status, 404);
    assert.equal((await json(response)).code, 'NOT_FOUND');
  });
});
