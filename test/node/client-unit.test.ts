// Client behaviour that needs no server, or faults the mock cannot make: normalization of
// bodies the mock never sends, argument validation (which must not reach the network), the
// `{error: {...}}` error shape, wrong response shapes and the shared-client registry.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {CatalogClient, CatalogError, getSharedClient, resolveAssetUrl} from '../../src/client.js';
import type {CatalogClientOptions, Media} from '../../src/client.js';
import {REFERENCE_MEDIA} from './helpers/reference-media.js';

interface Canned {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A client whose `fetch` answers with canned responses and records every call. */
function cannedClient(
  answer: (url: string, init: RequestInit) => Canned,
  options: Partial<CatalogClientOptions> = {},
) {
  const calls: {url: string; init: RequestInit}[] = [];
  const client = new CatalogClient({
    apiBase: 'https://api.example/catalog',
    retry: false,
    ...options,
    fetch: async (input, init = {}) => {
      const url = String(input);
      calls.push({url, init});
      const canned = answer(url, init);
      const body = typeof canned.body === 'string' ? canned.body : JSON.stringify(canned.body);
      return new Response(body, {
        status: canned.status ?? 200,
        headers: {'content-type': 'application/json', ...canned.headers},
      });
    },
  });
  return {client, calls};
}

async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  status?: number,
  message?: RegExp,
) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CatalogError, `expected a CatalogError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (status !== undefined) assert.equal(error.status, status);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe('normalization', () => {
  it('normalizes the reference example: absolute images against the apiBase origin', async () => {
    const {client, calls} = cannedClient(() => ({body: REFERENCE_MEDIA}));
    const media = await client.getMedia('nttsmc', {id: REFERENCE_MEDIA.id});
    assert.equal(
      calls[0]!.url,
      `https://api.example/catalog/v1/merchants/nttsmc/medias/${REFERENCE_MEDIA.id}`,
    );
    assert.deepEqual(media.poster, {src: 'https://api.example/uploads/nttsmc/sample_poster.gif'});
    assert.deepEqual(media.thumbnail, {
      src: 'https://api.example/uploads/nttsmc/sample_thumbnail.jpg',
    });
    assert.deepEqual(media.publish_geo_rule, ['jp']);
    assert.deepEqual(media.custom_fields, {keywords: 'live, test', link: 'http://test_link'});
    assert.equal(media.duration, null);
    assert.equal(media.ref_id, null);
    assert.equal(media.text_tracks[0]!.lang, 'ja');
    assert.ok(
      Object.isFrozen(media) && Object.isFrozen(media.tags) && Object.isFrozen(media.poster),
    );
  });

  it('reads the `thumbnaill` typo, a string geo rule and missing collections', async () => {
    const raw = {
      id: 'm1',
      thumbnaill: {src: 'thumbs/t.jpg'},
      publish_geo_rule: 'JP, us',
      tags: null,
      custom_fields: 'nope',
      text_tracks: null,
      duration: '1500',
      poster: null,
    };
    const {client} = cannedClient(() => ({body: raw}), {assetBase: 'https://cdn.example/assets/'});
    const media = await client.getMedia('nttsmc', {id: 'm1'});
    assert.equal('thumbnaill' in media, false);
    assert.deepEqual(media.thumbnail, {src: 'https://cdn.example/assets/thumbs/t.jpg'});
    assert.equal(media.poster, null);
    assert.deepEqual(media.publish_geo_rule, ['jp', 'us']);
    assert.deepEqual(media.tags, []);
    assert.deepEqual(media.custom_fields, {});
    assert.deepEqual(media.text_tracks, []);
    assert.equal(media.duration, 1500);
    assert.equal(media.merchant_id, 'nttsmc', 'merchant_id falls back to the request');
    assert.equal(media.name, '');
  });

  it('keeps only http(s) image URLs and appends root paths to an assetBase prefix', () => {
    const base = 'https://cdn.example/assets';
    assert.equal(resolveAssetUrl('/u/a.jpg', base), 'https://cdn.example/assets/u/a.jpg');
    assert.equal(resolveAssetUrl('//img.example/a.jpg', base), 'https://img.example/a.jpg');
    assert.equal(resolveAssetUrl('http://img.example/a.jpg', base), 'http://img.example/a.jpg');
    assert.equal(resolveAssetUrl('javascript:alert(1)', base), null);
    assert.equal(resolveAssetUrl(' JaVaScRiPt:alert(1)', base), null);
    assert.equal(resolveAssetUrl('data:image/gif;base64,R0lGOD', base), null);
    assert.equal(resolveAssetUrl('', base), null);
    assert.equal(resolveAssetUrl(42, base), null);
  });

  it('drops an unsafe poster to null and keeps unknown fields', async () => {
    const raw = {
      ...REFERENCE_MEDIA,
      poster: {src: 'javascript:alert(1)'},
      publish_status: 'publish_on',
    };
    const {client} = cannedClient(() => ({body: raw}));
    const media = await client.getMedia('nttsmc', {id: 'x'});
    assert.equal(media.poster, null);
    assert.equal(media.publish_status, 'publish_on');
  });

  it('normalizes list and group list responses', async () => {
    const {client} = cannedClient((url) =>
      url.includes('/media_groups')
        ? {body: {count: '2', media_groups: [{id: 'g1', name: 'G'}, {id: 7}]}}
        : {body: {medias: [REFERENCE_MEDIA]}},
    );
    const groups = await client.listMediaGroups('nttsmc', {limit: 2});
    assert.equal(groups.count, 2);
    assert.deepEqual(
      groups.media_groups.map((g) => [g.id, g.name, g.ref_id]),
      [
        ['g1', 'G', null],
        ['7', '', null],
      ],
    );
    const list = await client.listMedia('nttsmc');
    assert.equal(list.count, 1, 'a missing count is the page size');
    assert.equal(
      list.medias[0]!.thumbnail!.src,
      'https://api.example/uploads/nttsmc/sample_thumbnail.jpg',
    );
  });
});

describe('argument validation', () => {
  const cases: [string, (c: CatalogClient) => Promise<unknown>, RegExp][] = [
    ['empty merchant', (c) => c.getMedia('', {id: 'a'}), /merchant/],
    ['blank merchant', (c) => c.listMedia('  '), /merchant/],
    ['no selector', (c) => c.getMedia('m', {} as never), /id or refId/],
    [
      'both id and refId',
      (c) => c.getMedia('m', {id: 'a', refId: 'b'} as never),
      /id or refId|both/,
    ],
    ['limit 0', (c) => c.listMedia('m', {limit: 0}), /limit/],
    ['limit 101', (c) => c.listMedia('m', {limit: 101}), /limit/],
    ['fractional limit', (c) => c.listMediaGroups('m', {limit: 1.5}), /limit/],
    ['string limit', (c) => c.listMedia('m', {limit: '30' as never}), /limit/],
    ['page 0', (c) => c.listMedia('m', {page: 0}), /page/],
    ['bad order', (c) => c.listMedia('m', {order: 'up' as never}), /order/],
    ['bad sort', (c) => c.listMedia('m', {sort: 'name; drop'}), /sort/],
    [
      'unknown list parameter',
      (c) => c.listMedia('m', {media_group_id: 'x'} as never),
      /media_group_id/,
    ],
    [
      'unknown publish_status',
      (c) => c.updateMedia('m', {id: 'a'}, {publish_status: 'live' as never}),
      /publish_status/,
    ],
    [
      'unknown geo code',
      (c) => c.updateMedia('m', {id: 'a'}, {publish_geo_rule: ['jp', 'xx' as never]}),
      /publish_geo_rule.*"xx"/,
    ],
    ['empty patch', (c) => c.updateMedia('m', {id: 'a'}, {}), /patch/],
    [
      'unknown patch field',
      (c) => c.updateMedia('m', {id: 'a'}, {tags: ['x']} as never),
      /patch\.tags/,
    ],
    ['empty name', (c) => c.updateMedia('m', {id: 'a'}, {name: ' '}), /patch\.name/],
    [
      'date without offset',
      (c) => c.updateMedia('m', {id: 'a'}, {publish_start_at: '2024-01-01'}),
      /publish_start_at/,
    ],
    [
      'image that is not a Blob',
      (c) => c.updateMedia('m', {id: 'a'}, {poster_image: 'x.png' as never}),
      /poster_image/,
    ],
    [
      'javascript: image URL',
      (c) => c.updateMedia('m', {id: 'a'}, {poster_image_url: 'javascript:x'}),
      /poster_image_url/,
    ],
    ['ref_id with a slash', (c) => c.updateMedia('m', {id: 'a'}, {ref_id: 'a/b'}), /ref_id/],
    ['delete without selector', (c) => c.deleteMedia('m', null as never), /selector/],
    [
      'credentials without password',
      (c) => c.authenticate('m', {mail_address: 'a@b', password: ''}),
      /password/,
    ],
  ];
  for (const [name, call, message] of cases) {
    it(`rejects ${name} with BAD_REQUEST before any request`, async () => {
      const {client, calls} = cannedClient(() => ({body: REFERENCE_MEDIA}));
      await rejectsWith(call(client), 'BAD_REQUEST', 0, message);
      assert.equal(calls.length, 0);
    });
  }

  it('rejects an invalid apiBase and options at construction', () => {
    assert.throws(() => new CatalogClient({apiBase: 'ftp://x'}), {code: 'BAD_REQUEST'});
    assert.throws(() => new CatalogClient({apiBase: ''}), {code: 'BAD_REQUEST'});
    assert.throws(() => new CatalogClient({apiBase: 'http://x', timeoutMs: -1}), /timeoutMs/);
    assert.throws(
      () => new CatalogClient({apiBase: 'http://x', cache: {ttlMs: NaN}}),
      /cache\.ttlMs/,
    );
  });

  it('encodes ids and ref ids, sorts the query and sends empty filters as none', async () => {
    const {client, calls} = cannedClient(() => ({body: {count: 0, medias: []}}));
    await client.listMedia('mer chant', {order: 'DESC', limit: 5, mediaGroupId: '', jobId: 'j/1'});
    assert.equal(
      calls[0]!.url,
      'https://api.example/catalog/v1/merchants/mer%20chant/medias/?job_id=j%2F1&limit=5&order=desc',
    );
    const {client: c2, calls: calls2} = cannedClient(() => ({body: REFERENCE_MEDIA}));
    await c2.getMedia('nttsmc', {refId: 'a b/c'});
    assert.equal(
      calls2[0]!.url,
      'https://api.example/catalog/v1/merchants/nttsmc/medias/ref:a%20b%2Fc',
    );
  });
});

describe('error responses', () => {
  it('reads the {error: {code, message}} body shape', async () => {
    const {client} = cannedClient(() => ({
      status: 403,
      body: {error: {code: 'GEO_RULE', message: 'Not from here'}},
    }));
    const error = await client.getMedia('nttsmc', {id: 'x'}).catch((e: unknown) => e);
    assert.ok(error instanceof CatalogError);
    assert.equal(error.code, 'GEO_RULE');
    assert.equal(error.status, 403);
    assert.equal(error.message, 'Not from here');
  });

  it('falls back to the status: 404 on a media is MEDIA_NOT_FOUND, elsewhere NOT_FOUND', async () => {
    const {client} = cannedClient(() => ({status: 404, body: ''}));
    await rejectsWith(client.getMedia('nttsmc', {id: 'x'}), 'MEDIA_NOT_FOUND', 404);
    await rejectsWith(client.listMediaGroups('nttsmc'), 'NOT_FOUND', 404);
    const {client: teapot} = cannedClient(() => ({
      status: 418,
      body: {message: 'short and stout'},
    }));
    await rejectsWith(teapot.getMedia('nttsmc', {id: 'x'}), 'HTTP_ERROR', 418, /stout/);
  });

  it("maps delete's documented MEDIA_GROUP_NOT_FOUND to MEDIA_NOT_FOUND", async () => {
    const {client} = cannedClient(() => ({status: 404, body: {code: 'MEDIA_GROUP_NOT_FOUND'}}));
    await rejectsWith(client.deleteMedia('nttsmc', {id: 'x'}), 'MEDIA_NOT_FOUND', 404);
  });

  const wrongShapes: [string, unknown, string][] = [
    ['an array for a media', [REFERENCE_MEDIA], 'getMedia'],
    ['a media without id', {...REFERENCE_MEDIA, id: ''}, 'getMedia'],
    ['a JSON string', '"hello"', 'getMedia'],
    ['a list without medias', {count: 3, items: []}, 'listMedia'],
    ['a list with a non-object media', {count: 1, medias: ['x']}, 'listMedia'],
    ['a list with a negative count', {count: -1, medias: []}, 'listMedia'],
    ['a list with a count past 2^53', {count: 1e21, medias: []}, 'listMedia'],
    ['a group list without media_groups', {count: 0, medias: []}, 'listMediaGroups'],
    ['an empty body', '', 'getMedia'],
    ['an auth response without token', {expiration: '2030-01-01T00:00:00Z'}, 'authenticate'],
    ['an auth response without expiration', {token: 't'}, 'authenticate'],
  ];
  for (const [name, body, call] of wrongShapes) {
    it(`rejects ${name} with INVALID_RESPONSE`, async () => {
      const {client} = cannedClient(() => ({body}));
      const promise =
        call === 'getMedia'
          ? client.getMedia('nttsmc', {id: 'x'})
          : call === 'listMedia'
            ? client.listMedia('nttsmc')
            : call === 'listMediaGroups'
              ? client.listMediaGroups('nttsmc')
              : client.authenticate('nttsmc', {mail_address: 'a@b', password: 'p'});
      await rejectsWith(promise, 'INVALID_RESPONSE', 200);
    });
  }

  it('does not cache a wrong-shaped response', async () => {
    let n = 0;
    const {client, calls} = cannedClient(() => ({
      body: n++ === 0 ? {oops: true} : REFERENCE_MEDIA,
    }));
    await rejectsWith(client.getMedia('nttsmc', {id: 'x'}), 'INVALID_RESPONSE');
    const media = await client.getMedia('nttsmc', {id: 'x'});
    assert.equal(media.id, REFERENCE_MEDIA.id);
    assert.equal(calls.length, 2);
  });

  it('honours an HTTP-date Retry-After, measured on the injected clock', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const slept: number[] = [];
    let n = 0;
    const {client} = cannedClient(
      () =>
        n++ === 0
          ? {
              status: 503,
              body: {code: 'SERVER_ERROR'},
              headers: {'retry-after': 'Tue, 01 Jan 2030 00:00:07 GMT'},
            }
          : {body: REFERENCE_MEDIA},
      {
        retry: {retries: 2},
        now: () => now,
        sleep: async (ms) => {
          slept.push(ms);
        },
      },
    );
    await client.getMedia('nttsmc', {id: 'x'});
    assert.deepEqual(slept, [7000]);
  });
});

describe('tokens', () => {
  it('accepts the STREAKS `expired_at` spelling and uses the token afterwards', async () => {
    const {client, calls} = cannedClient(
      (url) =>
        url.endsWith('/auth-token/')
          ? {body: {token: 'tok-1', expired_at: '2030-01-01T00:00:00.000Z'}}
          : {body: REFERENCE_MEDIA},
      {apiKey: 'key-1'},
    );
    const token = await client.authenticate('nttsmc', {mail_address: 'a@b', password: 'p'});
    assert.deepEqual(token, {token: 'tok-1', expiration: '2030-01-01T00:00:00.000Z'});
    const authInit = calls[0]!.init;
    assert.equal(authInit.method, 'POST');
    assert.deepEqual(JSON.parse(String(authInit.body)), {mail_address: 'a@b', password: 'p'});
    await client.getMedia('nttsmc', {id: 'x'});
    const headers = calls[1]!.init.headers as Record<string, string>;
    assert.equal(headers.Authorization, 'Bearer tok-1');
    assert.equal(headers['X-Streaks-Api-Key'], 'key-1');
    assert.equal(headers['Content-Type'], undefined, 'no Content-Type on a GET: no CORS preflight');
  });
});

describe('getSharedClient', () => {
  it('returns one client per normalized apiBase', () => {
    const a = getSharedClient('https://Shared.example/catalog/');
    assert.equal(getSharedClient('https://shared.example/catalog'), a);
    assert.equal(getSharedClient('https://shared.example:443/catalog//'), a);
    assert.notEqual(getSharedClient('https://shared.example/other'), a);
    assert.equal(a.apiBase, 'https://shared.example/catalog');
  });

  it('shares the registry between two copies of the module', async () => {
    const copy = (await import(`../../src/client/shared.js?copy=${Date.now()}`)) as {
      getSharedClient: typeof getSharedClient;
    };
    assert.notEqual(copy.getSharedClient, getSharedClient, 'the import really is a second copy');
    assert.equal(
      copy.getSharedClient('https://two.example'),
      getSharedClient('https://two.example/'),
    );
  });

  it('keeps media objects frozen so no caller can corrupt the shared cache', async () => {
    const {client} = cannedClient(() => ({body: REFERENCE_MEDIA}));
    const media: Media = await client.getMedia('nttsmc', {id: 'x'});
    assert.throws(() => {
      (media as {name: string}).name = 'changed';
    }, TypeError);
  });
});
