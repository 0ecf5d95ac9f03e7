import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {MockAuth} from '../../src/mock/auth.js';
import {FIXTURE_IDS} from '../../src/mock/index.js';
import {CREDENTIALS, json, startTestServer, type TestServer} from './helpers/mock-server.js';

const MEDIA = `/v1/merchants/nttsmc/medias/${FIXTURE_IDS.reference}`;

async function expectError(response: Response, status: number, code: string) {
  assert.equal(response.status, status);
  const body = await json<{code: string; message: string}>(response);
  assert.equal(body.code, code);
  assert.ok(body.message.length > 0);
}

function postToken(
  server: TestServer,
  body: string,
  headers: Record<string, string> = {},
  path = 'auth-token/',
) {
  return server.api(`/v1/merchants/nttsmc/${path}`, {
    method: 'POST',
    headers: {'content-type': 'application/json', ...headers},
    body,
  });
}

describe('mock catalog: auth-token endpoint', () => {
  let server: TestServer;
  let clock = Date.parse('2025-03-01T00:00:00.000Z');

  before(async () => {
    server = await startTestServer({now: () => clock, tokenTtlMs: 60_000});
  });
  after(() => server.close());

  it('issues a token with an ISO expiration one TTL ahead, with or without the slash', async () => {
    for (const path of ['auth-token/', 'auth-token']) {
      const response = await postToken(server, JSON.stringify(CREDENTIALS), {}, path);
      assert.equal(response.status, 200);
      const body = await json<{token: string; expiration: string}>(response);
      assert.match(body.token, /^[0-9a-f]{48}$/);
      assert.equal(body.expiration, '2025-03-01T00:01:00.000Z');
    }
  });

  it('answers 401 for wrong credentials and 400 for a malformed body', async () => {
    await expectError(
      await postToken(server, JSON.stringify({...CREDENTIALS, password: 'x'})),
      401,
      'UNAUTHORIZED',
    );
    await expectError(
      await postToken(server, JSON.stringify({...CREDENTIALS, mail_address: 'a@b.c'})),
      401,
      'UNAUTHORIZED',
    );
    await expectError(await postToken(server, '{"mail_address":'), 400, 'BAD_REQUEST');
    await expectError(
      await postToken(server, JSON.stringify({mail_address: 'demo@example.com'})),
      400,
      'BAD_REQUEST',
    );
    await expectError(await postToken(server, '[]'), 400, 'BAD_REQUEST');
  });

  it('needs the API key', async () => {
    await expectError(
      await postToken(server, JSON.stringify(CREDENTIALS), {'x-streaks-api-key': 'wrong'}),
      401,
      'UNAUTHORIZED',
    );
  });

  it('guards every catalog route with the API key and a live token for that merchant', async () => {
    const token = await server.login();
    assert.equal((await server.api(MEDIA, {token})).status, 200);
    await expectError(await server.api(MEDIA), 401, 'UNAUTHORIZED');
    await expectError(await server.api(MEDIA, {token: 'not-a-token'}), 401, 'UNAUTHORIZED');
    await expectError(
      await server.api(MEDIA, {token, headers: {'x-streaks-api-key': 'wrong'}}),
      401,
      'UNAUTHORIZED',
    );
    await expectError(
      await server.api(MEDIA, {headers: {authorization: `Basic ${token}`}}),
      401,
      'UNAUTHORIZED',
    );
    for (const [method, path] of [
      ['GET', '/v1/merchants/nttsmc/medias/'],
      ['GET', '/v1/merchants/nttsmc/media_groups'],
      ['PUT', MEDIA],
      ['DELETE', MEDIA],
    ] as const) {
      await expectError(
        await server.api(path, {method, body: method === 'PUT' ? '{}' : undefined}),
        401,
        'UNAUTHORIZED',
      );
    }
    // The guarded DELETE above did nothing.
    assert.equal((await server.api(MEDIA, {token})).status, 200);
  });

  it('expires tokens after the TTL (fake clock)', async () => {
    const token = await server.login();
    clock += 59_999;
    assert.equal((await server.api(MEDIA, {token})).status, 200);
    clock += 1;
    const expired = await server.api(MEDIA, {token});
    assert.equal(expired.status, 401);
    assert.match((await json<{message: string}>(expired)).message, /expired/);
    const fresh = await server.login();
    assert.equal((await server.api(MEDIA, {token: fresh})).status, 200);
  });

  it('issueToken() gives tests a token without HTTP', async () => {
    const {token, expiration} = server.catalog.issueToken('acme');
    assert.equal(Date.parse(expiration), clock + 60_000);
    const acme = await server.api('/v1/merchants/acme/medias/?limit=1', {token});
    assert.equal(acme.status, 200);
    assert.equal((await server.api(MEDIA, {token})).status, 401);
  });

  it('forgets tokens on reset()', async () => {
    const token = await server.login();
    server.catalog.reset();
    assert.equal((await server.api(MEDIA, {token})).status, 401);
  });
});

describe('mock catalog: custom credentials and auth off', () => {
  it('uses the configured API key, mail address and password', async () => {
    const server = await startTestServer({
      apiKey: 'k2',
      mailAddress: 'me@example.org',
      password: 'pw',
    });
    try {
      const body = JSON.stringify({mail_address: 'me@example.org', password: 'pw'});
      await expectError(await postToken(server, body), 401, 'UNAUTHORIZED');
      const ok = await postToken(server, body, {'x-streaks-api-key': 'k2'});
      assert.equal(ok.status, 200);
      await expectError(
        await postToken(server, JSON.stringify(CREDENTIALS), {'x-streaks-api-key': 'k2'}),
        401,
        'UNAUTHORIZED',
      );
    } finally {
      await server.close();
    }
  });

  it('with auth off, serves catalog calls without any credentials', async () => {
    const server = await startTestServer({auth: false});
    try {
      const response = await fetch(server.url + MEDIA);
      assert.equal(response.status, 200);
      assert.equal((await json<{id: string}>(response)).id, FIXTURE_IDS.reference);
      // The token endpoint still checks the mail address and password.
      const bad = await fetch(`${server.url}/v1/merchants/nttsmc/auth-token/`, {
        method: 'POST',
        body: JSON.stringify({...CREDENTIALS, password: 'nope'}),
      });
      await expectError(bad, 401, 'UNAUTHORIZED');
    } finally {
      await server.close();
    }
  });
});

describe('mock catalog: rate limit', () => {
  let server: TestServer;
  let clock = 1_000_000;
  let token: string;

  before(async () => {
    server = await startTestServer({rateLimit: 3, now: () => clock});
  });
  after(() => server.close());

  it('allows N requests a minute per API key, then 429 with Retry-After', async () => {
    token = server.catalog.issueToken().token;
    for (let i = 0; i < 3; i++) {
      clock += 1000;
      assert.equal((await server.api(MEDIA, {token})).status, 200);
    }
    clock += 1000;
    const limited = await server.api(MEDIA, {token});
    assert.equal(limited.status, 429);
    // The first of the three was at +1 s, now is +4 s: it leaves the window in 57 s.
    assert.equal(limited.headers.get('retry-after'), '57');
    assert.equal(limited.headers.get('access-control-allow-origin'), '*');
    await expectError(limited, 429, 'RATE_LIMITED');
  });

  it('counts each API key on its own, assets not at all', async () => {
    const other = await server.api(MEDIA, {token, headers: {'x-streaks-api-key': 'someone-else'}});
    assert.equal(other.status, 401, 'another key has budget left, and fails auth instead');
    const asset = await fetch(`${server.url}/uploads/nttsmc/sample_thumbnail.jpg`);
    assert.equal(asset.status, 200);
  });

  it('lets requests through again once the window slides', async () => {
    clock += 57_000;
    assert.equal((await server.api(MEDIA, {token})).status, 200);
    assert.equal((await server.api(MEDIA, {token})).status, 429);
  });

  it('is off with rateLimit 0, and per client when auth is off', async () => {
    const unlimited = await startTestServer({rateLimit: 0, auth: false});
    const perClient = await startTestServer({rateLimit: 1, auth: false});
    try {
      for (let i = 0; i < 60; i++) assert.equal((await fetch(unlimited.url + MEDIA)).status, 200);
      const a = {headers: {'x-forwarded-for': '198.51.100.1'}};
      const b = {headers: {'x-forwarded-for': '198.51.100.2'}};
      assert.equal((await fetch(perClient.url + MEDIA, a)).status, 200);
      assert.equal((await fetch(perClient.url + MEDIA, a)).status, 429);
      assert.equal((await fetch(perClient.url + MEDIA, b)).status, 200);
    } finally {
      await unlimited.close();
      await perClient.close();
    }
  });

  it('defaults to 50 a minute', async () => {
    const defaults = await startTestServer({rateLimit: undefined, auth: false});
    try {
      const statuses = [];
      for (let i = 0; i < 51; i++) statuses.push((await fetch(defaults.url + MEDIA)).status);
      assert.deepEqual(statuses.slice(0, 50), Array(50).fill(200));
      assert.equal(statuses[50], 429);
    } finally {
      await defaults.close();
    }
  });
});

describe('mock catalog: CORS', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({faults: true});
  });
  after(() => server.close());

  it('answers preflights with 204 and the allowed headers and methods', async () => {
    for (const path of [
      MEDIA,
      '/v1/merchants/nttsmc/auth-token/',
      '/__mock/faults',
      '/__mock/stats',
    ]) {
      const response = await fetch(server.url + path, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:8000',
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'x-streaks-api-key, authorization, content-type',
        },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      const allowed = response.headers.get('access-control-allow-headers')!.toLowerCase();
      for (const header of ['x-streaks-api-key', 'authorization', 'content-type']) {
        assert.ok(allowed.includes(header), header);
      }
      const methods = response.headers.get('access-control-allow-methods')!;
      for (const method of ['GET', 'PUT', 'DELETE', 'POST', 'OPTIONS'])
        assert.ok(methods.includes(method));
    }
    assert.equal(server.catalog.stats().total, 0, 'preflights are not counted');
  });

  it('puts CORS headers on data, errors, assets and control responses', async () => {
    const token = await server.login();
    const responses = [
      await server.api(MEDIA, {token}),
      await server.api(MEDIA),
      await fetch(`${server.url}/uploads/nttsmc/sample_poster.gif`),
      await fetch(`${server.url}/__mock/stats`),
    ];
    for (const response of responses) {
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.match(response.headers.get('access-control-expose-headers') ?? '', /Retry-After/i);
    }
  });
});

describe('mock catalog: API key header is checked for the token endpoint', () => {
  it('rejects a missing API key with 401', async () => {
    const server = await startTestServer();
    try {
      const response = await fetch(`${server.url}/v1/merchants/nttsmc/auth-token/`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify(CREDENTIALS),
      });
      await expectError(response, 401, 'UNAUTHORIZED');
    } finally {
      await server.close();
    }
  });
});

describe('mock auth alone (MockAuth)', () => {
  const settings = {
    enabled: true,
    apiKey: 'key',
    mailAddress: 'a@example.com',
    password: 'pw',
    tokenTtlMs: 1000,
  };
  const setup = () => {
    const clock = {now: Date.parse('2025-03-01T00:00:00.000Z')};
    return {clock, auth: new MockAuth({...settings, now: () => clock.now})};
  };
  const request = (headers: Record<string, string>, body?: string) =>
    new Request('http://mock.test/', {method: body ? 'POST' : 'GET', headers, body});
  const message = async (response: Response | undefined) =>
    response && ((await response.json()) as {message: string}).message;

  it('lets the token route in on the API key alone, every other route with a token too', async () => {
    const {auth} = setup();
    assert.equal(
      auth.authenticate(request({'x-streaks-api-key': 'key'}), 'auth-token', 'm'),
      undefined,
    );
    assert.match(
      (await message(
        auth.authenticate(request({'x-streaks-api-key': 'key'}), 'list-medias', 'm'),
      ))!,
      /missing Bearer token/,
    );
    assert.match(
      (await message(auth.authenticate(request({}), 'auth-token', 'm')))!,
      /X-Streaks-Api-Key/,
    );
  });

  it('accepts a token for its merchant until the instant it expires, then forgets it', async () => {
    const {clock, auth} = setup();
    const {token, expiration} = auth.issueToken('m');
    assert.equal(expiration, '2025-03-01T00:00:01.000Z');
    const bearer = request({'x-streaks-api-key': 'key', authorization: `Bearer ${token}`});
    assert.equal(auth.authenticate(bearer, 'get-media', 'm'), undefined);
    assert.match(
      (await message(auth.authenticate(bearer, 'get-media', 'other')))!,
      /unknown token/,
    );
    clock.now += 1000;
    assert.match((await message(auth.authenticate(bearer, 'get-media', 'm')))!, /has expired/);
    assert.match((await message(auth.authenticate(bearer, 'get-media', 'm')))!, /unknown token/);
  });

  it('drops dead tokens whenever it issues a new one', async () => {
    const {clock, auth} = setup();
    const {token} = auth.issueToken('m');
    clock.now += 5000;
    auth.issueToken('m');
    const bearer = request({'x-streaks-api-key': 'key', authorization: `Bearer ${token}`});
    assert.match((await message(auth.authenticate(bearer, 'get-media', 'm')))!, /unknown token/);
  });

  it('logs in with the configured mail address and password only', async () => {
    const {auth} = setup();
    const login = (body: unknown) => auth.login(request({}, JSON.stringify(body)), 'm');
    assert.equal((await login({mail_address: 'a@example.com', password: 'x'})).status, 401);
    assert.equal((await login({mail_address: 'a@example.com', password: 1})).status, 400);
    const ok = await login({mail_address: 'a@example.com', password: 'pw'});
    assert.equal(ok.status, 200);
    const {token} = (await ok.json()) as {token: string};
    const bearer = request({'x-streaks-api-key': 'key', authorization: `bearer ${token} `});
    assert.equal(auth.authenticate(bearer, 'list-medias', 'm'), undefined);
  });

  it('lets everything in when it is off', () => {
    const auth = new MockAuth({...settings, enabled: false, now: () => 0});
    assert.equal(auth.authenticate(request({}), 'delete-media', 'm'), undefined);
  });
});
