// What the proxy refuses, what it never forwards, and who may read its answers (CORS).
import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, it} from 'node:test';
import {CatalogClient} from '../../src/client/index.js';
import {FIXTURE_IDS, FIXTURE_REF_ID} from '../../src/mock/index.js';
import {secretFreeLogger} from '../../src/proxy/log.js';
import {
  ALLOWED_ORIGIN,
  assertNoSecretsLeaked,
  M,
  SECRETS,
  startHarness,
  tokensSeen,
  type Harness,
} from './helpers/proxy-harness.js';

let h: Harness;

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
  assertNoSecretsLeaked();
});
beforeEach(() => {
  h.mock.catalog.resetStats();
  h.upstream.length = 0;
});

const media = `/v1/merchants/${M}/medias`;
const long = 'a'.repeat(2500);

/** [what, method, raw path, expected status, expected code] */
const REFUSED: Array<[string, string, string, number, string]> = [
  ['PUT on a media', 'PUT', `${media}/${FIXTURE_IDS.reference}`, 405, 'METHOD_NOT_ALLOWED'],
  ['DELETE on a media', 'DELETE', `${media}/${FIXTURE_IDS.reference}`, 405, 'METHOD_NOT_ALLOWED'],
  ['POST on the list', 'POST', `${media}/`, 405, 'METHOD_NOT_ALLOWED'],
  ['PATCH on groups', 'PATCH', `/v1/merchants/${M}/media_groups`, 405, 'METHOD_NOT_ALLOWED'],
  ['GET of auth-token', 'GET', `/v1/merchants/${M}/auth-token/`, 404, 'NOT_FOUND'],
  ['POST of auth-token', 'POST', `/v1/merchants/${M}/auth-token/`, 404, 'NOT_FOUND'],
  ['an unknown path', 'GET', '/v1/merchants/nttsmc/secrets', 404, 'NOT_FOUND'],
  ['the root', 'GET', '/', 404, 'NOT_FOUND'],
  ['the mock control API', 'GET', '/__mock/stats', 404, 'NOT_FOUND'],
  ['a merchant not configured', 'GET', '/v1/merchants/acme/medias/', 403, 'MERCHANT_NOT_ALLOWED'],
  ['a merchant with a space', 'GET', '/v1/merchants/ntt%20smc/medias/', 400, 'BAD_REQUEST'],
  ['encoded ../', 'GET', `${media}/..%2F..%2Fauth-token`, 400, 'BAD_REQUEST'],
  ['encoded dots and slash', 'GET', `${media}/%2e%2e%2fauth-token`, 400, 'BAD_REQUEST'],
  ['upper-case encoding', 'GET', `${media}/%2E%2E%2Fx`, 400, 'BAD_REQUEST'],
  ['encoded backslashes', 'GET', `${media}/..%5c..%5cx`, 400, 'BAD_REQUEST'],
  ['an encoded NUL', 'GET', `${media}/abc%00`, 400, 'BAD_REQUEST'],
  // The URL parser resolves these before the handler: they land on paths that are refused.
  ['%2e%2e segments', 'GET', `${media}/%2e%2e/%2e%2e/auth-token`, 404, 'NOT_FOUND'],
  [
    'plain ../ to another merchant',
    'GET',
    `${media}/../../acme/medias/`,
    403,
    'MERCHANT_NOT_ALLOWED',
  ],
  ['a doubled slash', 'GET', `/v1/merchants/${M}//medias/`, 400, 'BAD_REQUEST'],
  ['a trailing doubled slash', 'GET', `${media}//`, 400, 'BAD_REQUEST'],
  ['an overlong path', 'GET', `${media}/${long}`, 414, 'URI_TOO_LONG'],
  ['an overlong query', 'GET', `${media}/?limit=3&q=${long}${long}`, 414, 'URI_TOO_LONG'],
  ['a 65-character id', 'GET', `${media}/${'b'.repeat(65)}`, 400, 'BAD_REQUEST'],
  ['an id with $', 'GET', `${media}/abc$def`, 400, 'BAD_REQUEST'],
  ['an id with a quote', 'GET', `${media}/abc'or'1`, 400, 'BAD_REQUEST'],
  ['an empty ref id', 'GET', `${media}/ref:`, 400, 'BAD_REQUEST'],
  ['a ref id with a space', 'GET', `${media}/ref:a%20b`, 400, 'BAD_REQUEST'],
  ['a ref id with an ideographic space', 'GET', `${media}/ref:a%E3%80%80b`, 400, 'BAD_REQUEST'],
  ['a ref id with a control character', 'GET', `${media}/ref:a%01b`, 400, 'BAD_REQUEST'],
  ['a 256-character ref id', 'GET', `${media}/ref:${'r'.repeat(256)}`, 400, 'BAD_REQUEST'],
  ['CRLF in an id', 'GET', `${media}/x%0d%0aSet-Cookie:%20a=b`, 400, 'BAD_REQUEST'],
  ['CRLF in sort', 'GET', `${media}/?sort=name%0d%0aX-Injected:%201`, 400, 'BAD_REQUEST'],
  ['CRLF in a filter', 'GET', `${media}/?job_id=a%0d%0aX-Injected:%201`, 400, 'BAD_REQUEST'],
  ['limit=0', 'GET', `${media}/?limit=0`, 400, 'BAD_REQUEST'],
  ['limit=101', 'GET', `${media}/?limit=101`, 400, 'BAD_REQUEST'],
  ['limit=abc', 'GET', `${media}/?limit=abc`, 400, 'BAD_REQUEST'],
  ['limit=-1', 'GET', `${media}/?limit=-1`, 400, 'BAD_REQUEST'],
  ['limit=1e2', 'GET', `${media}/?limit=1e2`, 400, 'BAD_REQUEST'],
  ['page=0', 'GET', `${media}/?page=0`, 400, 'BAD_REQUEST'],
  ['page=1001', 'GET', `${media}/?page=1001`, 400, 'BAD_REQUEST'],
  ['a repeated limit', 'GET', `${media}/?limit=1&limit=2`, 400, 'BAD_REQUEST'],
  ['sort by a column the API lacks', 'GET', `${media}/?sort=password`, 400, 'BAD_REQUEST'],
  [
    'sort groups by duration',
    'GET',
    `/v1/merchants/${M}/media_groups?sort=duration`,
    400,
    'BAD_REQUEST',
  ],
  ['order=sideways', 'GET', `${media}/?order=sideways`, 400, 'BAD_REQUEST'],
  ['a filter with a slash', 'GET', `${media}/?media_group_id=a/b`, 400, 'BAD_REQUEST'],
  ['/healthz by POST', 'POST', '/healthz', 405, 'METHOD_NOT_ALLOWED'],
];

describe('refused requests', () => {
  for (const [what, method, path, status, code] of REFUSED) {
    it(`refuses ${what} with ${status} ${code}, without touching upstream`, async () => {
      const response = await h.get(path, {method});
      assert.equal(response.status, status, response.body);
      assert.match(response.headers['content-type']!, /^application\/json/);
      const body = response.json<{code: string; message: string}>();
      assert.equal(body.code, code);
      assert.equal(typeof body.message, 'string');
      assert.equal(response.headers['set-cookie'], undefined);
      assert.equal(response.headers['x-injected'], undefined);
      if (status === 405) assert.match(response.headers.allow!, /GET, HEAD/);
      assert.equal(h.count(), 0, 'no upstream request');
      assert.equal(h.upstream.length, 0);
    });
  }

  it('refuses refused errors for a few seconds of CDN caching at most', async () => {
    const response = await h.get(`${media}/?limit=0`);
    assert.equal(response.headers['cache-control'], 'public, max-age=5');
  });
});

describe('what goes upstream', () => {
  it("never forwards the client's Authorization, cookies or other headers", async () => {
    const response = await h.get(`${media}/${FIXTURE_IDS.reference}`, {
      headers: {
        authorization: 'Bearer client-supplied-token',
        cookie: 'session=client-cookie',
        'x-streaks-api-key': 'client-supplied-key',
        'x-forwarded-for': '203.0.113.9',
        'x-mock-country': 'us',
        'accept-language': 'ja',
      },
    });
    assert.equal(response.status, 200);
    const sent = h.upstream.filter((r) => r.url.includes('/medias/'));
    assert.equal(sent.length, 1);
    const headers = sent[0]!.headers;
    assert.equal(headers.get('x-streaks-api-key'), SECRETS.apiKey);
    const bearer = /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1];
    assert.ok(bearer && tokensSeen().has(bearer), "the proxy's own token");
    for (const name of ['cookie', 'x-forwarded-for', 'x-mock-country', 'accept-language']) {
      assert.equal(headers.get(name), null, name);
    }
    assert.equal(response.headers['set-cookie'], undefined);
  });

  it('drops unknown query parameters: they neither reach upstream nor split the cache', async () => {
    const first = await h.get(`${media}/?limit=3&utm_source=mail&api_key=x&callback=evil`);
    assert.equal(first.status, 200);
    assert.equal(first.headers['x-cache'], 'MISS');
    const sent = h.upstream.find((r) => r.url.includes('/medias/'))!;
    assert.equal(new URL(sent.url).search, '?limit=3');
    const second = await h.get(`${media}?limit=3`);
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(second.body, first.body);
    assert.equal(h.count('list-medias'), 1);
  });

  it('normalizes the cache key: parameter order, case of order, leading zeros', async () => {
    const first = await h.get(`${media}/?order=DESC&limit=04&sort=name&page=1`);
    assert.equal(first.status, 200);
    const second = await h.get(`${media}/?page=01&sort=name&limit=4&order=desc`);
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(h.count('list-medias'), 1);
  });

  it('serves a media by ref id, and an encoded colon is the same key', async () => {
    const first = await h.get(`${media}/ref:${FIXTURE_REF_ID}`);
    assert.equal(first.status, 200);
    assert.equal(first.json<{ref_id: string}>().ref_id, FIXTURE_REF_ID);
    const second = await h.get(`${media}/ref%3A${FIXTURE_REF_ID}`);
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(h.count('get-media'), 1);
  });

  it('serves any ref id Edit Media accepts: Japanese, dots, 255 characters', async () => {
    const editor = new CatalogClient({
      apiBase: h.mock.url,
      apiKey: SECRETS.apiKey,
      credentials: {mail_address: SECRETS.mail, password: SECRETS.password},
    });
    const refIds = ['東京夜散歩-01', '.hidden~v2', '動'.repeat(255)];
    try {
      for (const refId of refIds) {
        await editor.updateMedia(M, {id: FIXTURE_IDS.reference}, {ref_id: refId});
        h.mock.catalog.resetStats();
        const first = await h.get(`${media}/ref:${encodeURIComponent(refId)}`);
        assert.equal(first.status, 200, first.body);
        assert.equal(first.json<{ref_id: string}>().ref_id, refId);
        const second = await h.get(`${media}/ref%3A${encodeURIComponent(refId)}`);
        assert.equal(second.headers['x-cache'], 'HIT');
        assert.equal(h.count('get-media'), 1);
      }
    } finally {
      h.mock.catalog.reset();
    }
  });
});

describe('CORS', () => {
  const path = `${media}/?limit=2`;

  it('lets an allowed origin read answers', async () => {
    const response = await h.get(path, {headers: {origin: ALLOWED_ORIGIN}});
    assert.equal(response.status, 200);
    assert.equal(response.statusMessage, 'OK');
    assert.equal(response.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.match(response.headers['access-control-expose-headers']!, /ETag/);
    assert.match(response.headers.vary!, /Origin/);
    assert.equal(response.headers['access-control-allow-credentials'], undefined);
  });

  it('answers the preflight of an allowed origin for GET, never allowing Authorization', async () => {
    const response = await h.get(path, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match, authorization, cookie',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.equal(response.headers['access-control-allow-methods'], 'GET, HEAD');
    assert.equal(response.headers['access-control-allow-headers'], 'if-none-match');
    assert.equal(h.count(), 0);
  });

  it('refuses the preflight of a write', async () => {
    const response = await h.get(`${media}/${FIXTURE_IDS.reference}`, {
      method: 'OPTIONS',
      headers: {origin: ALLOWED_ORIGIN, 'access-control-request-method': 'PUT'},
    });
    assert.equal(response.status, 405);
    assert.equal(response.json<{code: string}>().code, 'METHOD_NOT_ALLOWED');
  });

  it('refuses another origin with a readable 403 and no catalog data, before any upstream work', async () => {
    for (const origin of ['https://evil.example', 'https://shop.example.evil.example', 'null']) {
      const response = await h.get(path, {headers: {origin}});
      assert.equal(response.status, 403, origin);
      const body = response.json<Record<string, unknown>>();
      assert.deepEqual(Object.keys(body).sort(), ['code', 'message']);
      assert.equal(body.code, 'ORIGIN_NOT_ALLOWED');
      // Only the refusal is readable there: the page learns why, not what the catalog holds.
      assert.equal(response.headers['access-control-allow-origin'], origin);
      assert.equal(response.headers['access-control-allow-credentials'], undefined);
      assert.equal(response.headers['access-control-expose-headers'], undefined);
      assert.equal(response.headers['vary'], 'Origin');
      assert.equal(response.headers['cache-control'], 'no-store');
      const preflight = await h.get(path, {
        method: 'OPTIONS',
        headers: {origin, 'access-control-request-method': 'GET'},
      });
      assert.equal(preflight.status, 403);
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    }
    assert.equal(h.count(), 0);
  });

  it('serves requests without an Origin (same-origin pages, servers) without a grant', async () => {
    const response = await h.get(path);
    assert.equal(response.status, 200);
    assert.equal(response.headers['access-control-allow-origin'], undefined);
    assert.match(response.headers.vary!, /Origin/);
  });

  it("grants every origin with allowedOrigins '*'", async () => {
    const open = await startHarness({proxy: {allowedOrigins: '*'}});
    try {
      const response = await open.get(path, {headers: {origin: 'https://anywhere.example'}});
      assert.equal(response.status, 200);
      assert.equal(response.headers['access-control-allow-origin'], '*');
    } finally {
      await open.close();
    }
  });
});

describe('upstream refusals', () => {
  it('passes 404 MEDIA_NOT_FOUND through and remembers it, so a flood costs one request', async () => {
    const path = `${media}/0000000000000000000000000000dead`;
    const answers = await Promise.all(Array.from({length: 20}, () => h.get(path)));
    for (let i = 0; i < 20; i++) answers.push(await h.get(path));
    for (const answer of answers) {
      assert.equal(answer.status, 404);
      assert.deepEqual(answer.json(), {
        code: 'MEDIA_NOT_FOUND',
        message: 'The specified media does not exist.',
      });
      assert.equal(answer.headers['cache-control'], 'public, max-age=5');
    }
    assert.equal(h.count('get-media'), 1);
    h.advance(31_000);
    assert.equal((await h.get(path)).status, 404);
    assert.equal(h.count('get-media'), 2, 'asked again once the negative entry expired');
  });

  it('passes 403 GEO_RULE through with its code', async () => {
    const path = `${media}/${FIXTURE_IDS.geoBlocked}`;
    const first = await h.get(path);
    assert.equal(first.status, 403);
    assert.equal(first.json<{code: string}>().code, 'GEO_RULE');
    assert.equal((await h.get(path)).status, 403);
    assert.equal(h.count('get-media'), 1);
  });
});

describe('an upstream that echoes secrets in its errors', () => {
  // The mock never does this, so a wrapped fetch plays the careless upstream.
  const echoes: Record<string, [number, Record<string, string>]> = {
    e500: [500, {code: 'SERVER_ERROR', message: `db down for key ${SECRETS.apiKey}`}],
    e404: [404, {code: 'MEDIA_NOT_FOUND', message: `no media for ${SECRETS.mail}`}],
    e400: [400, {code: `BAD ${SECRETS.password}`, message: SECRETS.password}],
    e403: [403, {code: 'FORBIDDEN', message: `account ${SECRETS.mail} may not`}],
  };

  it('answers with its own words and logs none of them', async () => {
    const careless = await startHarness({
      proxy: {
        fetch: async (input, init) => {
          const url = String(input);
          const echo = Object.entries(echoes).find(([id]) => url.endsWith(`/medias/${id}`));
          if (!echo) return fetch(input, init);
          const [status, body] = echo[1];
          return new Response(JSON.stringify(body), {status});
        },
      },
    });
    try {
      const expected: Record<string, [number, string]> = {
        e500: [502, 'SERVER_ERROR'],
        e404: [404, 'MEDIA_NOT_FOUND'],
        e400: [400, 'BAD_REQUEST'],
        e403: [502, 'SERVER_ERROR'],
      };
      for (const [id, [status, code]] of Object.entries(expected)) {
        const response = await careless.get(`${media}/${id}`, {headers: {origin: ALLOWED_ORIGIN}});
        assert.equal(response.status, status, id);
        assert.equal(response.json<{code: string}>().code, code, id);
        // Errors are readable by the page that asked, so a widget can show the right message.
        assert.equal(response.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
      }
      assert.ok(careless.logs.some((line) => line.includes('refused the proxy')));
    } finally {
      await careless.close();
    }
    // The after() hook scans every response and log line of this suite for the secrets.
  });
});

describe('the logger', () => {
  it('cuts out secrets and line breaks, whatever reaches it', () => {
    const lines: string[] = [];
    const push = (line: string) => lines.push(line);
    const log = secretFreeLogger({info: push, warn: push, error: push}, () => [
      SECRETS.apiKey,
      SECRETS.password,
      'tok',
    ]);
    log.error(`failed with ${SECRETS.apiKey} and ${SECRETS.password}${SECRETS.password}`);
    log.warn('forged\nsmartstream proxy: all good\r\nreally');
    log.info('a token: tok is too short to be a secret');
    assert.deepEqual(lines, [
      'smartstream proxy: failed with [redacted] and [redacted][redacted]',
      'smartstream proxy: forged smartstream proxy: all good really',
      'smartstream proxy: a token: tok is too short to be a secret',
    ]);
  });
});

describe('service endpoints', () => {
  it('GET /healthz answers without going upstream', async () => {
    const response = await h.get('/healthz');
    assert.equal(response.status, 200);
    assert.equal(response.json<{status: string}>().status, 'ok');
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(h.count(), 0);
  });

  it('GET /metrics is Prometheus text with the counters', async () => {
    await h.get(`${media}/?limit=5`);
    await h.get(`${media}/?limit=5`);
    const response = await h.get('/metrics');
    assert.equal(response.status, 200);
    assert.match(response.headers['content-type']!, /^text\/plain; version=0\.0\.4/);
    for (const name of [
      'cache_hits_total',
      'cache_misses_total',
      'stale_served_total',
      'upstream_requests_total',
      'budget_remaining',
      'token_refreshes_total',
    ]) {
      assert.match(
        response.body,
        new RegExp(`^# TYPE smartstream_proxy_${name} (counter|gauge)$`, 'm'),
      );
      assert.match(response.body, new RegExp(`^smartstream_proxy_${name} \\d+$`, 'm'));
    }
    const value = (name: string) =>
      Number(new RegExp(`^smartstream_proxy_${name} (\\d+)$`, 'm').exec(response.body)![1]);
    assert.ok(value('cache_hits_total') >= 1);
    assert.equal(value('upstream_requests_total'), h.proxy.proxy.stats().upstreamRequests);
    assert.equal(value('budget_remaining'), h.proxy.proxy.budgetRemaining());
  });
});
