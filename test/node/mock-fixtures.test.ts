import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  BASE_DATE_MS,
  createMockCatalog,
  FIXTURE_IDS,
  GEO_CODES,
  type Media,
  type MediaGroup,
} from '../../src/mock/index.js';
import {formatDuration} from '../../src/components/shared/format.js';
import {posterSvg} from '../../src/mock/assets.js';
import {createFixtures} from '../../src/mock/fixtures.js';
import {startTestServer, type TestServer} from './helpers/mock-server.js';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const DATE_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+09:00$/;

describe('mock catalog: fixtures', () => {
  let server: TestServer;
  let medias: Media[];
  let acme: Media[];
  let groups: MediaGroup[];

  const getJson = async <T>(path: string): Promise<T> => {
    const response = await server.api(path);
    assert.equal(response.status, 200, path);
    return (await response.json()) as T;
  };
  const allMedia = async (merchant: string) => {
    const out: Media[] = [];
    for (let page = 1; page < 10; page++) {
      const body = await getJson<{medias: Media[]}>(
        `/v1/merchants/${merchant}/medias/?limit=100&sort=id&order=asc&page=${page}`,
      );
      if (!body.medias.length) break;
      out.push(...body.medias);
    }
    return out;
  };

  before(async () => {
    server = await startTestServer({auth: false});
    medias = await allMedia('nttsmc');
    acme = await allMedia('acme');
    groups = (
      await getJson<{media_groups: MediaGroup[]}>('/v1/merchants/nttsmc/media_groups?limit=100')
    ).media_groups;
  });
  after(() => server.close());

  it('has 240 media for nttsmc and 24 for acme, each id 32 hex digits and unique', () => {
    assert.equal(medias.length, 240);
    assert.equal(acme.length, 24);
    const ids = [...medias, ...acme].map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of [...ids, ...Object.values(FIXTURE_IDS)]) assert.match(id, /^[0-9a-f]{32}$/);
    assert.ok(acme.every((m) => m.merchant_id === 'acme'));
  });

  it('is deterministic: two catalogs answer byte for byte the same', async () => {
    const request = () => new Request('http://mock.test/v1/merchants/nttsmc/medias/?limit=100');
    const a = createMockCatalog({auth: false});
    const b = createMockCatalog({auth: false});
    assert.equal(await (await a(request())).text(), await (await b(request())).text());
    const groupsA = await (
      await a(new Request('http://mock.test/v1/merchants/nttsmc/media_groups'))
    ).text();
    const groupsB = await (
      await b(new Request('http://mock.test/v1/merchants/nttsmc/media_groups'))
    ).text();
    assert.equal(groupsA, groupsB);
  });

  it('is the same in every process: pinned values from the seeded generator', async () => {
    assert.deepEqual(createFixtures(), createFixtures());
    const first = await getJson<{medias: Media[]}>('/v1/merchants/nttsmc/medias/?limit=3');
    assert.deepEqual(
      first.medias.map((m) => `${m.id} ${m.updated_at}`),
      [
        'e67a801614eb8ab53601b2dbde1c85c5 2024-04-01T11:59:59.000+09:00',
        'dea27ca8731a7d03978283d07babbd46 2024-04-01T11:59:59.000+09:00',
        'b47bfd17871773e4220bb0823f1c8379 2024-04-01T11:59:59.000+09:00',
      ],
    );
  });

  it('dates everything from the fixed base date, in the reference format', () => {
    for (const media of [...medias, ...acme]) {
      assert.match(media.created_at, DATE_FORMAT);
      assert.match(media.updated_at, DATE_FORMAT);
      assert.ok(Date.parse(media.updated_at) <= BASE_DATE_MS, media.id);
      assert.ok(Date.parse(media.created_at) <= Date.parse(media.updated_at), media.id);
    }
    for (const group of groups) assert.ok(Date.parse(group.updated_at) <= BASE_DATE_MS);
  });

  it('mixes file media from seconds to over an hour with live and scheduled live media', () => {
    const files = medias.filter((m) => m.encode_type === 'file');
    assert.ok(files.length > 150);
    assert.ok(files.every((m) => typeof m.duration === 'number' && m.duration > 0));
    assert.ok(
      files.some((m) => m.duration! <= 10_000),
      'a clip of a few seconds',
    );
    assert.ok(files.filter((m) => m.duration! > 3_600_000).length >= 3, 'over an hour');
    for (const type of ['live', 'scheduled_live'] as const) {
      const live = medias.filter((m) => m.encode_type === type);
      assert.ok(live.length >= 3, type);
      assert.ok(
        live.every((m) => m.duration === null && m.live_event_id !== null),
        type,
      );
    }
    const live = medias.find((m) => m.id === FIXTURE_IDS.live)!;
    assert.equal(live.encode_type, 'live');
    assert.equal(live.duration, null);
  });

  it('has Japanese and English names and descriptions', () => {
    assert.ok(medias.filter((m) => JAPANESE.test(m.name)).length >= 60);
    assert.ok(medias.filter((m) => /^[\x20-\x7e]+$/.test(m.name)).length >= 40);
    assert.ok(medias.some((m) => JAPANESE.test(m.description)));
    assert.ok(medias.some((m) => /^[\x20-\x7e\n]+$/.test(m.description)));
    assert.ok(medias.some((m) => m.description === ''));
  });

  it('has 0 to 8 tags, text tracks in ja, en, ko and zh, and custom fields', () => {
    const tagCounts = new Set(medias.map((m) => m.tags.length));
    assert.ok(tagCounts.has(0) && tagCounts.has(8));
    assert.ok(medias.every((m) => m.tags.length <= 8 && new Set(m.tags).size === m.tags.length));
    const langs = new Set(medias.flatMap((m) => m.text_tracks.map((t) => t.lang)));
    for (const lang of ['ja', 'en', 'ko', 'zh']) assert.ok(langs.has(lang), lang);
    assert.ok(medias.some((m) => m.text_tracks.length === 0));
    assert.ok(medias.some((m) => m.text_tracks.some((t) => t.kind === 'captions')));
    assert.ok(medias.filter((m) => Object.keys(m.custom_fields).length > 0).length >= 50);
    assert.ok(medias.filter((m) => Object.keys(m.custom_fields).length === 0).length >= 50);
  });

  it('has ref_ids on many media (unique) and null on others', () => {
    const refIds = medias.map((m) => m.ref_id).filter((r): r is string => r !== null);
    assert.ok(refIds.length >= 100);
    assert.ok(medias.length - refIds.length >= 50);
    assert.equal(new Set(refIds).size, refIds.length);
  });

  it('has varied publish_geo_rule values, all from the 15 codes', () => {
    const rules = medias.map((m) => m.publish_geo_rule);
    assert.ok(
      rules.every((r) => r.every((code) => (GEO_CODES as readonly string[]).includes(code))),
    );
    assert.ok(
      rules.some((r) => r.length === 0),
      'unrestricted',
    );
    assert.ok(
      rules.some((r) => r.length === 1 && r[0] === 'jp'),
      'Japan only',
    );
    assert.ok(
      rules.some((r) => r.length > 2),
      'several countries',
    );
    assert.ok(rules.filter((r) => r.length && !r.includes('jp')).length >= 3, 'blocked in Japan');
  });

  it('mixes posters and thumbnails: both, none, thumbnail only, relative and absolute', () => {
    const posterless = medias.filter((m) => m.poster === null);
    assert.ok(
      posterless.some((m) => m.thumbnail === null),
      'no images at all',
    );
    assert.ok(
      posterless.some((m) => m.thumbnail !== null),
      'thumbnail only',
    );
    assert.ok(
      medias.some((m) => m.poster !== null && m.thumbnail === null),
      'poster only',
    );
    const srcs = medias.flatMap((m) => [m.poster?.src, m.thumbnail?.src]).filter(Boolean);
    assert.ok(srcs.filter((s) => s!.startsWith('/uploads/nttsmc/')).length >= 100);
    assert.ok(srcs.filter((s) => s!.startsWith(`${server.url}/uploads/nttsmc/`)).length >= 40);
    const noImages = medias.find((m) => m.id === FIXTURE_IDS.noImages)!;
    assert.deepEqual([noImages.poster, noImages.thumbnail], [null, null]);
    const thumbOnly = medias.find((m) => m.id === FIXTURE_IDS.thumbnailOnly)!;
    assert.equal(thumbOnly.poster, null);
    assert.ok(thumbOnly.thumbnail);
  });

  it('serves a distinct generated image at every poster and thumbnail URL', async () => {
    const srcs = medias
      .slice(0, 60)
      .flatMap((m) => [m.poster?.src, m.thumbnail?.src])
      .filter((s): s is string => Boolean(s));
    const bodies = new Map<string, string>();
    for (const src of srcs) {
      const response = await fetch(new URL(src, server.url));
      assert.equal(response.status, 200, src);
      const type = response.headers.get('content-type')!;
      assert.match(type, /^image\//, src);
      const body = Buffer.from(await response.arrayBuffer()).toString('base64');
      if (type.startsWith('image/svg+xml')) {
        assert.match(
          Buffer.from(body, 'base64').toString(),
          /^<svg[^>]+viewBox="0 0 (640 360|320 180)"/,
        );
      }
      bodies.set(src, body);
    }
    const generated = [...bodies].filter(([src]) => src.endsWith('.svg'));
    assert.ok(generated.length >= 60);
    assert.equal(new Set(generated.map(([, body]) => body)).size, generated.length);
  });

  it('puts the media title on its poster, escaped', async () => {
    const media = medias.find((m) => m.id === FIXTURE_IDS.withRefId)!;
    const svg = await (await fetch(new URL(media.poster!.src, server.url))).text();
    assert.match(svg, /Tokyo Night Walk/);
    const svg2 = posterSvg('<b>Tom & "Jerry"</b>', 'x', 42, false);
    assert.ok(!svg2.includes('<b>') && !svg2.includes('& '));
    assert.match(svg2, /&#60;b&#62;Tom &#38; &#34;Jerry&#34;/);
  });

  it('prints on each poster the duration the card badge shows beside it', async () => {
    const timed = medias.filter((m) => m.duration !== null && m.poster?.src.endsWith('.svg'));
    // Durations a whole second off from a half would pass under either rounding.
    const halfway = timed.filter((m) => m.duration! % 1000 >= 500);
    assert.ok(halfway.length >= 10, `${halfway.length} media with >= .5 s`);
    for (const media of halfway.slice(0, 20)) {
      const svg = await (await fetch(new URL(media.poster!.src, server.url))).text();
      assert.ok(
        svg.includes(` · ${formatDuration(media.duration)}<`),
        `${media.id}: ${media.duration} ms, poster: ${/· [^<]*/.exec(svg)?.[0]}`,
      );
    }
  });

  it('serves the reference sample images as a real GIF and JPEG', async () => {
    const gif = await fetch(`${server.url}/uploads/nttsmc/sample_poster.gif`);
    assert.equal(gif.headers.get('content-type'), 'image/gif');
    const gifBytes = new Uint8Array(await gif.arrayBuffer());
    assert.equal(new TextDecoder().decode(gifBytes.subarray(0, 6)), 'GIF89a');
    assert.equal(gifBytes[gifBytes.length - 1], 0x3b, 'GIF trailer');
    const jpeg = await fetch(`${server.url}/uploads/nttsmc/sample_thumbnail.jpg`);
    assert.equal(jpeg.headers.get('content-type'), 'image/jpeg');
    const jpegBytes = new Uint8Array(await jpeg.arrayBuffer());
    assert.deepEqual([...jpegBytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
    assert.deepEqual([...jpegBytes.subarray(-2)], [0xff, 0xd9]);
    assert.equal((await fetch(`${server.url}/uploads/nttsmc/nothing.png`)).status, 404);
  });

  it('serves WebVTT files for the generated text tracks', async () => {
    const media = medias.find((m) => m.id === FIXTURE_IDS.scheduledLive)!;
    assert.deepEqual(
      media.text_tracks.map((t) => t.lang),
      ['ja', 'en', 'ko', 'zh'],
    );
    for (const track of media.text_tracks) {
      assert.equal(track.mime_type, 'text/vtt');
      const response = await fetch(new URL(track.src, server.url));
      assert.match(response.headers.get('content-type')!, /^text\/vtt/);
      assert.match(await response.text(), /^WEBVTT\n/);
    }
  });

  it('has at least 12 media groups with members, plus an empty one', async () => {
    assert.equal(groups.length, 14);
    const memberCounts = new Map<string, number>();
    for (const group of groups) {
      const body = await getJson<{count: number}>(
        `/v1/merchants/nttsmc/medias/?media_group_id=${group.id}&limit=1`,
      );
      memberCounts.set(group.id, body.count);
    }
    assert.ok([...memberCounts.values()].filter((n) => n >= 5).length >= 12);
    assert.equal(memberCounts.get(FIXTURE_IDS.emptyGroup), 0);
    assert.ok(groups.some((g) => JAPANESE.test(g.name)));
    assert.ok(groups.some((g) => g.ref_id === null) && groups.some((g) => g.ref_id !== null));
  });

  it('lists the fixture summary for demos at /__mock/fixtures', async () => {
    const summary = (await (await fetch(`${server.url}/__mock/fixtures`)).json()) as {
      ids: Record<string, string>;
      merchants: Record<string, {medias: number; mediaGroups: Array<{members: number}>}>;
    };
    assert.equal(summary.ids.reference, FIXTURE_IDS.reference);
    assert.equal(summary.merchants.nttsmc!.medias, 240);
    assert.equal(summary.merchants.acme!.medias, 24);
    assert.equal(summary.merchants.nttsmc!.mediaGroups.length, 14);
  });
});
