import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, it} from 'node:test';
import {FIXTURE_IDS, FIXTURE_REF_ID, type Media, type MediaGroup} from '../../src/mock/index.js';
import {json, startTestServer, type TestServer} from './helpers/mock-server.js';
import {REFERENCE_MEDIA} from './helpers/reference-media.js';

const BASE = '/v1/merchants/nttsmc';

interface MediaList {
  count: number;
  medias: Media[];
}

interface GroupList {
  count: number;
  media_groups: MediaGroup[];
}

describe('mock catalog: media endpoints', () => {
  let server: TestServer;
  let token: string;
  let clock = Date.parse('2025-01-15T10:00:00Z');

  const get = (path: string, headers: Record<string, string> = {}) =>
    server.api(path, {token, headers});
  const put = (path: string, body: unknown) =>
    server.api(path, {
      method: 'PUT',
      token,
      headers: {'content-type': 'application/json'},
      body: JSON.stringify(body),
    });
  const expectError = async (
    response: Response,
    status: number,
    code: string,
    pattern?: RegExp,
  ) => {
    assert.equal(response.status, status);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const body = await json<{code: string; message: string}>(response);
    assert.equal(body.code, code);
    assert.equal(typeof body.message, 'string');
    if (pattern) assert.match(body.message, pattern);
  };

  before(async () => {
    server = await startTestServer({now: () => clock});
  });
  beforeEach(async () => {
    server.catalog.reset();
    token = await server.login();
  });
  after(() => server.close());

  describe('GET /medias/:id', () => {
    it('returns the reference example verbatim', async () => {
      const response = await get(`${BASE}/medias/${FIXTURE_IDS.reference}`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), REFERENCE_MEDIA);
    });

    it('finds a media by ref: and accepts a trailing slash', async () => {
      const byRef = await json<Media>(await get(`${BASE}/medias/ref:${FIXTURE_REF_ID}`));
      assert.equal(byRef.id, FIXTURE_IDS.withRefId);
      assert.equal(byRef.ref_id, FIXTURE_REF_ID);
      const slash = await get(`${BASE}/medias/${FIXTURE_IDS.withRefId}/`);
      assert.equal(slash.status, 200);
      assert.equal((await json<Media>(slash)).ref_id, FIXTURE_REF_ID);
    });

    it('rewrites absolute image URLs to the origin the request came to', async () => {
      const media = await json<Media>(await get(`${BASE}/medias/${FIXTURE_IDS.absoluteImages}`));
      assert.equal(
        media.poster?.src,
        `${server.url}/uploads/nttsmc/posters/${FIXTURE_IDS.absoluteImages}.svg`,
      );
      assert.ok(media.thumbnail?.src.startsWith(`${server.url}/uploads/nttsmc/thumbnails/`));
      const image = await fetch(media.poster!.src);
      assert.equal(image.status, 200);
    });

    it('answers 404 MEDIA_NOT_FOUND for unknown ids, ref ids and merchants', async () => {
      await expectError(await get(`${BASE}/medias/doesnotexist`), 404, 'MEDIA_NOT_FOUND');
      await expectError(await get(`${BASE}/medias/ref:nope`), 404, 'MEDIA_NOT_FOUND');
      const otherMerchantToken = await server.login('nobody');
      const response = await server.api(`/v1/merchants/nobody/medias/${FIXTURE_IDS.reference}`, {
        token: otherMerchantToken,
      });
      await expectError(response, 404, 'MEDIA_NOT_FOUND');
    });

    it('answers 403 GEO_RULE outside publish_geo_rule, per the X-Mock-Country header', async () => {
      const path = `${BASE}/medias/${FIXTURE_IDS.geoBlocked}`;
      await expectError(await get(path), 403, 'GEO_RULE');
      const fromUs = await get(path, {'X-Mock-Country': 'US'});
      assert.equal(fromUs.status, 200);
      assert.deepEqual((await json<Media>(fromUs)).publish_geo_rule, ['us']);
      // ["jp"] media are blocked for a caller from elsewhere; an empty rule blocks nobody.
      await expectError(
        await get(`${BASE}/medias/${FIXTURE_IDS.reference}`, {'X-Mock-Country': 'de'}),
        403,
        'GEO_RULE',
      );
      const open = await get(`${BASE}/medias/${FIXTURE_IDS.withRefId}`, {'X-Mock-Country': 'de'});
      assert.equal(open.status, 200);
    });

    it('takes the default country from the country option', async () => {
      const us = await startTestServer({auth: false, country: 'us'});
      try {
        assert.equal((await us.api(`${BASE}/medias/${FIXTURE_IDS.geoBlocked}`)).status, 200);
        const blocked = await us.api(`${BASE}/medias/${FIXTURE_IDS.reference}`);
        await expectError(blocked, 403, 'GEO_RULE');
      } finally {
        await us.close();
      }
    });
  });

  describe('GET /medias/', () => {
    it('lists with the documented defaults: 30 per page, updated_at desc', async () => {
      const list = await json<MediaList>(await get(`${BASE}/medias/`));
      assert.equal(list.count, 240);
      assert.equal(list.medias.length, 30);
      for (let i = 1; i < list.medias.length; i++) {
        const [a, b] = [list.medias[i - 1]!, list.medias[i]!];
        const [ta, tb] = [Date.parse(a.updated_at), Date.parse(b.updated_at)];
        assert.ok(ta > tb || (ta === tb && a.id > b.id), `${a.id} before ${b.id}`);
      }
      const noSlash = await json<MediaList>(await get(`${BASE}/medias?limit=2`));
      assert.equal(noSlash.medias.length, 2);
    });

    it('includes geo-blocked media in lists', async () => {
      const list = await json<MediaList>(await get(`${BASE}/medias/?limit=100&sort=id&page=1`));
      const all = [...list.medias];
      for (let page = 2; page <= 3; page++) {
        all.push(
          ...(await json<MediaList>(await get(`${BASE}/medias/?limit=100&sort=id&page=${page}`)))
            .medias,
        );
      }
      assert.equal(all.length, list.count);
      assert.ok(all.some((m) => m.id === FIXTURE_IDS.geoBlocked));
    });

    it('returns an empty page past the end with the same count', async () => {
      const list = await json<MediaList>(await get(`${BASE}/medias/?limit=100&page=4`));
      assert.deepEqual(list, {count: 240, medias: []});
    });

    it('filters by live_event_id, job_id and media_group_id', async () => {
      const byLive = await json<MediaList>(
        await get(
          `${BASE}/medias/?live_event_id=${FIXTURE_IDS.referenceLiveEventId}&sort=id&order=asc`,
        ),
      );
      assert.equal(byLive.count, 3);
      assert.ok(byLive.medias.every((m) => m.live_event_id === FIXTURE_IDS.referenceLiveEventId));
      assert.ok(byLive.medias.some((m) => m.id === FIXTURE_IDS.reference));

      const byJob = await json<MediaList>(
        await get(`${BASE}/medias/?job_id=${FIXTURE_IDS.job}&limit=100`),
      );
      assert.ok(byJob.count >= 3);
      const jobIds = byJob.medias.map((m) => m.id);
      for (const id of [FIXTURE_IDS.withRefId, FIXTURE_IDS.long, FIXTURE_IDS.short]) {
        assert.ok(jobIds.includes(id), `${id} in job`);
      }

      const byGroup = await json<MediaList>(
        await get(`${BASE}/medias/?media_group_id=${FIXTURE_IDS.group}&limit=100`),
      );
      assert.ok(byGroup.count >= 5);
      assert.ok(byGroup.medias.every((m) => m.duration === null || m.live_event_id !== null));

      const empty = await json<MediaList>(
        await get(`${BASE}/medias/?media_group_id=${FIXTURE_IDS.emptyGroup}`),
      );
      assert.deepEqual(empty, {count: 0, medias: []});
      const unknown = await json<MediaList>(await get(`${BASE}/medias/?media_group_id=nope`));
      assert.deepEqual(unknown, {count: 0, medias: []});
    });

    it('lists an unknown merchant as empty', async () => {
      const other = await server.login('nobody');
      const response = await server.api('/v1/merchants/nobody/medias/', {token: other});
      assert.deepEqual(await response.json(), {count: 0, medias: []});
    });

    it('keeps merchants apart', async () => {
      const acme = await server.login('acme');
      const list = await json<MediaList>(
        await server.api('/v1/merchants/acme/medias/?limit=100', {token: acme}),
      );
      assert.equal(list.count, 24);
      assert.ok(list.medias.every((m) => m.merchant_id === 'acme'));
      // A token is good for its own merchant only.
      const cross = await server.api('/v1/merchants/acme/medias/', {token});
      await expectError(cross, 401, 'UNAUTHORIZED');
    });

    const badQueries: Array<[string, RegExp]> = [
      ['limit=0', /limit/],
      ['limit=101', /limit/],
      ['limit=abc', /limit/],
      ['limit=1.5', /limit/],
      ['limit=-3', /limit/],
      ['limit=', /limit/],
      ['page=0', /page/],
      ['page=x', /page/],
      ['sort=title', /sort.*created_at, updated_at, name, duration, id/],
      ['order=up', /order/],
    ];
    for (const [query, pattern] of badQueries) {
      it(`answers 400 BAD_REQUEST for ${query}`, async () => {
        await expectError(await get(`${BASE}/medias/?${query}`), 400, 'BAD_REQUEST', pattern);
      });
    }

    it('accepts order in any case and limit at both ends of the range', async () => {
      const asc = await json<MediaList>(await get(`${BASE}/medias/?order=ASC&sort=id&limit=1`));
      const desc = await json<MediaList>(await get(`${BASE}/medias/?order=Desc&sort=id&limit=100`));
      assert.equal(asc.medias.length, 1);
      assert.equal(desc.medias.length, 100);
      assert.ok(asc.medias[0]!.id < desc.medias[0]!.id);
    });

    it('sorts live media (duration null) first ascending and last descending', async () => {
      const asc = await json<MediaList>(
        await get(`${BASE}/medias/?sort=duration&order=asc&limit=1`),
      );
      assert.equal(asc.medias[0]!.duration, null);
      const desc = await json<MediaList>(
        await get(`${BASE}/medias/?sort=duration&order=desc&limit=3`),
      );
      assert.ok(desc.medias.every((m) => typeof m.duration === 'number' && m.duration > 3_600_000));
    });
  });

  describe('GET /media_groups', () => {
    it('lists groups with defaults and the reference fields', async () => {
      const list = await json<GroupList>(await get(`${BASE}/media_groups`));
      assert.equal(list.count, 14);
      assert.equal(list.media_groups.length, 14);
      const group = list.media_groups.find((g) => g.id === FIXTURE_IDS.group)!;
      assert.deepEqual(Object.keys(group).sort(), [
        'created_at',
        'description',
        'id',
        'merchant_id',
        'name',
        'ref_id',
        'updated_at',
      ]);
      assert.equal(group.merchant_id, 'nttsmc');
    });

    it('pages and sorts groups', async () => {
      const page1 = await json<GroupList>(
        await get(`${BASE}/media_groups/?limit=5&page=1&sort=name&order=asc`),
      );
      const page3 = await json<GroupList>(
        await get(`${BASE}/media_groups/?limit=5&page=3&sort=name&order=asc`),
      );
      assert.equal(page1.media_groups.length, 5);
      assert.equal(page3.media_groups.length, 4);
      assert.equal(page3.count, 14);
      const names = page1.media_groups.map((g) => g.name);
      assert.deepEqual(names, [...names].sort());
      const past = await json<GroupList>(await get(`${BASE}/media_groups?limit=5&page=9`));
      assert.deepEqual(past, {count: 14, media_groups: []});
    });

    it('rejects bad group list parameters', async () => {
      await expectError(
        await get(`${BASE}/media_groups?sort=duration`),
        400,
        'BAD_REQUEST',
        /sort/,
      );
      await expectError(await get(`${BASE}/media_groups?limit=1000`), 400, 'BAD_REQUEST', /limit/);
    });
  });

  describe('PUT /medias/:id', () => {
    it('updates fields from JSON and stamps updated_at with the mock clock', async () => {
      clock = Date.parse('2025-01-15T10:00:00.000Z');
      const response = await put(`${BASE}/medias/${FIXTURE_IDS.withRefId}`, {
        name: '新しいタイトル',
        description: 'updated',
        publish_status: 'publish_off',
        publish_geo_rule: ['jp', 'au', 'de', 'us'],
        publish_start_at: '2025-01-01T00:00:00+09:00',
        publish_end_at: '2025-12-31T23:59:59+09:00',
        access_control_ips: {black_ips: ['12.34.56.78', '100.100.100.100', '2001:db8::1']},
        access_control_hosts: {black_hosts: ['https://sample.jp'], white_hosts: ['example.com']},
        thumbnail_image_url: 'https://sample.ne.jp/sample.jpg',
      });
      assert.equal(response.status, 200);
      const media = await json<Media>(response);
      assert.equal(media.name, '新しいタイトル');
      assert.equal(media.description, 'updated');
      assert.deepEqual(media.publish_geo_rule, ['jp', 'au', 'de', 'us']);
      assert.deepEqual(media.thumbnail, {src: 'https://sample.ne.jp/sample.jpg'});
      assert.equal(media.updated_at, '2025-01-15T19:00:00.000+09:00');
      const again = await json<Media>(await get(`${BASE}/medias/${FIXTURE_IDS.withRefId}`));
      assert.equal(again.name, '新しいタイトル');
    });

    it('updates by ref: and can move the ref_id', async () => {
      const response = await put(`${BASE}/medias/ref:${FIXTURE_REF_ID}`, {ref_id: 'renamed-ref'});
      assert.equal((await json<Media>(response)).ref_id, 'renamed-ref');
      assert.equal((await get(`${BASE}/medias/ref:renamed-ref`)).status, 200);
      assert.equal((await get(`${BASE}/medias/ref:${FIXTURE_REF_ID}`)).status, 404);
    });

    it('rejects a ref_id another media of the merchant already has', async () => {
      const response = await put(`${BASE}/medias/${FIXTURE_IDS.short}`, {ref_id: FIXTURE_REF_ID});
      await expectError(response, 400, 'BAD_REQUEST', /ref_id.*already used/);
      // Its own ref_id is not a conflict.
      const same = await put(`${BASE}/medias/${FIXTURE_IDS.withRefId}`, {ref_id: FIXTURE_REF_ID});
      assert.equal(same.status, 200);
    });

    const invalid: Array<[string, unknown, RegExp]> = [
      ['publish_status', {publish_status: 'published'}, /publish_status/],
      ['geo code', {publish_geo_rule: ['jp', 'xx']}, /publish_geo_rule/],
      ['geo rule as a string', {publish_geo_rule: 'jp'}, /publish_geo_rule/],
      ['upper-case geo code', {publish_geo_rule: ['JP']}, /publish_geo_rule/],
      ['date', {publish_start_at: '2025-13-01T00:00:00Z'}, /publish_start_at/],
      ['date without offset', {publish_end_at: '2025-01-01T00:00:00'}, /publish_end_at/],
      ['impossible day', {publish_start_at: '2025-02-30T00:00:00Z'}, /publish_start_at/],
      [
        'end before start',
        {publish_start_at: '2025-02-01T00:00:00Z', publish_end_at: '2025-01-01T00:00:00Z'},
        /publish_end_at must be after publish_start_at/,
      ],
      ['IP address', {access_control_ips: {black_ips: ['999.1.1.1']}}, /black_ips/],
      ['IPv6 prefix', {access_control_ips: {white_ips: ['2001:db8::/129']}}, /white_ips/],
      ['IP key', {access_control_ips: {gray_ips: ['1.1.1.1']}}, /access_control_ips/],
      ['IP list shape', {access_control_ips: ['1.1.1.1']}, /access_control_ips/],
      ['host', {access_control_hosts: {white_hosts: ['ftp://files.example.com']}}, /white_hosts/],
      ['host list', {access_control_hosts: {black_hosts: 'https://sample.jp'}}, /black_hosts/],
      ['image URL', {poster_image_url: 'javascript:alert(1)'}, /poster_image_url/],
      ['empty name', {name: '  '}, /name/],
      ['name type', {name: 42}, /name/],
      ['unknown field', {title: 'x'}, /Unknown field "title"/],
      ['array body', [1, 2], /JSON object/],
    ];
    for (const [what, body, pattern] of invalid) {
      it(`answers 400 BAD_REQUEST for an invalid ${what}`, async () => {
        const before = await json<Media>(await get(`${BASE}/medias/${FIXTURE_IDS.short}`));
        await expectError(
          await put(`${BASE}/medias/${FIXTURE_IDS.short}`, body),
          400,
          'BAD_REQUEST',
          pattern,
        );
        const afterwards = await json<Media>(await get(`${BASE}/medias/${FIXTURE_IDS.short}`));
        assert.deepEqual(afterwards, before, 'a rejected PUT changes nothing');
      });
    }

    it('answers 400 for a body that is not JSON, and 404 for an unknown media', async () => {
      const broken = await server.api(`${BASE}/medias/${FIXTURE_IDS.short}`, {
        method: 'PUT',
        token,
        headers: {'content-type': 'application/json'},
        body: '{"name": ',
      });
      await expectError(broken, 400, 'BAD_REQUEST', /JSON/);
      await expectError(await put(`${BASE}/medias/nope`, {name: 'x'}), 404, 'MEDIA_NOT_FOUND');
    });

    it('stores multipart image uploads and serves them back as poster and thumbnail', async () => {
      const png = Uint8Array.from(
        atob(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        ),
        (c) => c.charCodeAt(0),
      );
      const gif = Uint8Array.from(atob('R0lGODlhAQABAAAAACw='), (c) => c.charCodeAt(0));
      const form = new FormData();
      form.set('name', 'Uploaded poster');
      form.set('publish_geo_rule', '["jp","us"]');
      form.set('access_control_ips', JSON.stringify({white_ips: ['192.0.2.0/24']}));
      form.set('poster_image', new Blob([png], {type: 'image/png'}), 'my poster.png');
      form.set('thumbnail_image', new Blob([gif], {type: 'image/gif'}), 'thumb.gif');
      const response = await server.api(`${BASE}/medias/${FIXTURE_IDS.noImages}`, {
        method: 'PUT',
        token,
        body: form,
      });
      assert.equal(response.status, 200);
      const media = await json<Media>(response);
      assert.equal(media.name, 'Uploaded poster');
      assert.deepEqual(media.publish_geo_rule, ['jp', 'us']);
      assert.match(media.poster!.src, /^\/uploads\/nttsmc\/user\/.+my_poster\.png$/);
      assert.match(media.thumbnail!.src, /^\/uploads\/nttsmc\/user\/.+thumb\.gif$/);

      const poster = await fetch(server.url + media.poster!.src);
      assert.equal(poster.status, 200);
      assert.equal(poster.headers.get('content-type'), 'image/png');
      assert.equal(poster.headers.get('access-control-allow-origin'), '*');
      assert.deepEqual(new Uint8Array(await poster.arrayBuffer()), png);
      const thumb = await fetch(server.url + media.thumbnail!.src);
      assert.deepEqual(new Uint8Array(await thumb.arrayBuffer()), gif);

      // After a reset the upload is gone with the rest of the changes.
      server.catalog.reset();
      assert.equal((await fetch(server.url + media.poster!.src)).status, 404);
    });

    it('accepts form fields: repeated or comma-separated geo codes, JSON for objects', async () => {
      const path = `${BASE}/medias/${FIXTURE_IDS.short}`;
      const repeated = new URLSearchParams([
        ['publish_geo_rule', 'jp'],
        ['publish_geo_rule', 'tw'],
        ['publish_status', 'draft'],
      ]);
      const first = await server.api(path, {method: 'PUT', token, body: repeated});
      assert.equal(first.status, 200);
      assert.deepEqual((await json<Media>(first)).publish_geo_rule, ['jp', 'tw']);
      const form = new FormData();
      form.set('publish_geo_rule[]', 'us, gb');
      form.set('access_control_hosts', '{"white_hosts":["cdn.example.com"]}');
      const second = await server.api(path, {method: 'PUT', token, body: form});
      assert.equal(second.status, 200);
      assert.deepEqual((await json<Media>(second)).publish_geo_rule, ['us', 'gb']);
      const broken = new FormData();
      broken.set('access_control_ips', '{black_ips:');
      const third = await server.api(path, {method: 'PUT', token, body: broken});
      await expectError(third, 400, 'BAD_REQUEST', /access_control_ips/);
    });

    it('rejects a multipart file that is not an image', async () => {
      const form = new FormData();
      form.set('poster_image', new Blob(['hello'], {type: 'text/plain'}), 'notes.txt');
      const response = await server.api(`${BASE}/medias/${FIXTURE_IDS.short}`, {
        method: 'PUT',
        token,
        body: form,
      });
      await expectError(response, 400, 'BAD_REQUEST', /poster_image/);
    });

    it('clears a poster with poster_image_url null', async () => {
      const media = await json<Media>(
        await put(`${BASE}/medias/${FIXTURE_IDS.short}`, {poster_image_url: null}),
      );
      assert.equal(media.poster, null);
      assert.notEqual(media.thumbnail, null);
    });
  });

  describe('DELETE /medias/:id', () => {
    it('returns the deleted media, then GET answers 404', async () => {
      const response = await server.api(`${BASE}/medias/${FIXTURE_IDS.reference}`, {
        method: 'DELETE',
        token,
      });
      assert.equal(response.status, 200);
      const media = await json<Media>(response);
      assert.equal(media.id, FIXTURE_IDS.reference);
      assert.equal(media.name, 'live_event_6126a01db6744dca93aa2af575e9ba0c');
      await expectError(
        await get(`${BASE}/medias/${FIXTURE_IDS.reference}`),
        404,
        'MEDIA_NOT_FOUND',
      );
      const list = await json<MediaList>(await get(`${BASE}/medias/?limit=1`));
      assert.equal(list.count, 239);
      await expectError(
        await server.api(`${BASE}/medias/${FIXTURE_IDS.reference}`, {method: 'DELETE', token}),
        404,
        'MEDIA_NOT_FOUND',
      );
    });

    it('deletes by ref:', async () => {
      const response = await server.api(`${BASE}/medias/ref:${FIXTURE_REF_ID}`, {
        method: 'DELETE',
        token,
      });
      assert.equal((await json<Media>(response)).id, FIXTURE_IDS.withRefId);
      assert.equal((await get(`${BASE}/medias/${FIXTURE_IDS.withRefId}`)).status, 404);
    });
  });

  describe('other paths', () => {
    it('answers unknown paths with 404 NOT_FOUND and wrong methods with 405', async () => {
      await expectError(await get('/v1/merchants/nttsmc/videos'), 404, 'NOT_FOUND');
      const response = await server.api(`${BASE}/medias/`, {method: 'POST', token, body: '{}'});
      await expectError(response, 405, 'METHOD_NOT_ALLOWED');
      assert.equal(response.headers.get('allow'), 'GET, HEAD');
    });

    it('answers 500 SERVER_ERROR when the handler itself fails', async () => {
      // A request body that breaks mid-read is the one internal failure a client can cause.
      const stream = new ReadableStream({
        pull(controller) {
          controller.error(new Error('broken'));
        },
      });
      const response = await server.catalog(
        new Request(`http://mock.test${BASE}/medias/${FIXTURE_IDS.short}`, {
          method: 'PUT',
          headers: {
            'x-streaks-api-key': 'mock-api-key',
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body: stream,
          duplex: 'half',
        } as RequestInit),
      );
      await expectError(response, 500, 'SERVER_ERROR');
    });
  });
});

describe('mock catalog: HEAD', () => {
  let server: TestServer;
  let token: string;

  before(async () => {
    server = await startTestServer();
    token = await server.login();
  });
  after(() => server.close());

  it('answers HEAD of a GET route as GET does, without the body', async () => {
    for (const path of [
      `${BASE}/medias/${FIXTURE_IDS.reference}`,
      `${BASE}/medias/ref:${FIXTURE_REF_ID}`,
      `${BASE}/medias/?limit=3`,
      `${BASE}/media_groups`,
    ]) {
      const get = await server.api(path, {token});
      const head = await server.api(path, {token, method: 'HEAD'});
      assert.equal(head.status, get.status, path);
      assert.equal(head.headers.get('content-type'), get.headers.get('content-type'), path);
      assert.equal(await head.text(), '', path);
    }
    const missing = await server.api(`${BASE}/medias/0000000000000000000000000000beef`, {
      token,
      method: 'HEAD',
    });
    assert.equal(missing.status, 404);
  });

  it('names HEAD among the methods a GET route allows', async () => {
    const response = await server.api(`${BASE}/medias/`, {token, method: 'DELETE'});
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
    const media = await server.api(`${BASE}/medias/${FIXTURE_IDS.reference}`, {
      token,
      method: 'POST',
    });
    assert.equal(media.headers.get('allow'), 'GET, HEAD, PUT, DELETE');
  });
});
