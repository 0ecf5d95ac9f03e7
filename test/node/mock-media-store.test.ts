// The mock's media store, patch rules, upload store and list order alone, without HTTP.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {FIXTURE_IDS, FIXTURE_REF_ID, MAIN_MERCHANT, SECOND_MERCHANT} from '../../src/mock/index.js';
import {BadRequest} from '../../src/mock/http.js';
import {mediaPage, sortRecords} from '../../src/mock/listing.js';
import {MediaStore} from '../../src/mock/media-store.js';
import {applyPatch, type PatchContext} from '../../src/mock/patch.js';
import {safeFileName, sniffImageType, UploadStore} from '../../src/mock/uploads.js';
import type {MediaRecord} from '../../src/mock/types.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const NOW = Date.parse('2025-01-15T01:00:00.000Z');

function context(): PatchContext & {record(id: string): MediaRecord} {
  const store = new MediaStore();
  return {
    store,
    uploads: new UploadStore(),
    now: () => NOW,
    record: (id) => store.find(MAIN_MERCHANT, id)!,
  };
}

describe('mock media store', () => {
  it('finds a media by id or ref:, only among its own merchant', () => {
    const store = new MediaStore();
    assert.equal(store.find(MAIN_MERCHANT, FIXTURE_IDS.reference)?.media.id, FIXTURE_IDS.reference);
    assert.equal(
      store.find(MAIN_MERCHANT, `ref:${FIXTURE_REF_ID}`)?.media.id,
      FIXTURE_IDS.withRefId,
    );
    assert.equal(store.find(SECOND_MERCHANT, FIXTURE_IDS.reference), undefined);
    assert.equal(store.find(MAIN_MERCHANT, FIXTURE_REF_ID), undefined, 'a ref_id needs ref:');
    assert.equal(store.records(MAIN_MERCHANT).length, 240);
    assert.equal(store.records(SECOND_MERCHANT).length, 24);
  });

  it('removes a record, and reset() brings back the fixtures', () => {
    const store = new MediaStore();
    store.remove(store.find(MAIN_MERCHANT, FIXTURE_IDS.short)!);
    assert.equal(store.find(MAIN_MERCHANT, FIXTURE_IDS.short), undefined);
    assert.equal(store.records(MAIN_MERCHANT).length, 239);
    store.reset();
    assert.equal(store.find(MAIN_MERCHANT, FIXTURE_IDS.short)?.media.id, FIXTURE_IDS.short);
  });

  it('gives every store its own copy of the fixtures', () => {
    const a = new MediaStore();
    a.find(MAIN_MERCHANT, FIXTURE_IDS.reference)!.media.name = 'changed';
    assert.notEqual(
      new MediaStore().find(MAIN_MERCHANT, FIXTURE_IDS.reference)!.media.name,
      'changed',
    );
  });
});

describe('mock patch rules', () => {
  it('applies the sent fields and stamps updated_at from the clock', async () => {
    const ctx = context();
    const record = ctx.record(FIXTURE_IDS.reference);
    await applyPatch(ctx, record, {name: 'New', publish_status: 'draft', poster_image_url: null});
    assert.equal(record.media.name, 'New');
    assert.equal(record.media.description, '', 'fields not sent stay');
    assert.equal(record.publish_status, 'draft');
    assert.equal(record.media.poster, null);
    assert.equal(record.media.updated_at, '2025-01-15T10:00:00.000+09:00');
  });

  it('refuses a ref_id another media of the merchant holds, and changes nothing', async () => {
    const ctx = context();
    const record = ctx.record(FIXTURE_IDS.reference);
    const before = structuredClone(record);
    await assert.rejects(
      applyPatch(ctx, record, {name: 'New', ref_id: FIXTURE_REF_ID}),
      (error: unknown) =>
        error instanceof BadRequest && error.message.includes(FIXTURE_IDS.withRefId),
    );
    assert.deepEqual(record, before);
    // Its own ref_id is no conflict.
    await applyPatch(ctx, ctx.record(FIXTURE_IDS.withRefId), {ref_id: FIXTURE_REF_ID});
  });

  it('refuses a publish window that ends before it starts, counting the stored start', async () => {
    const ctx = context();
    const record = ctx.record(FIXTURE_IDS.reference);
    const before = structuredClone(record);
    // The reference media's stored publish_start_at is 2018-02-22.
    await assert.rejects(
      applyPatch(ctx, record, {name: 'x', publish_end_at: '2018-01-01T00:00:00+09:00'}),
      /publish_end_at must be after publish_start_at/,
    );
    assert.deepEqual(record, before);
  });

  it('stores an uploaded image under the media, typed by its bytes, not its declared type', async () => {
    const ctx = context();
    const record = ctx.record(FIXTURE_IDS.reference);
    const file = new File([PNG], '../My Poster!.jpg', {type: 'image/jpeg'});
    await applyPatch(ctx, record, {poster_image: file});
    const path = `/uploads/${MAIN_MERCHANT}/user/${FIXTURE_IDS.reference}-1-My_Poster_.jpg`;
    assert.deepEqual(record.media.poster, {src: path});
    assert.equal(ctx.uploads.get(path)?.contentType, 'image/png');
    assert.deepEqual(ctx.uploads.get(path)?.bytes, PNG);
  });

  it('refuses a file that is no image by bytes or by type, and changes nothing', async () => {
    const ctx = context();
    const record = ctx.record(FIXTURE_IDS.reference);
    const before = structuredClone(record);
    const text = new File(['plain text'], 'notes.txt');
    await assert.rejects(
      applyPatch(ctx, record, {name: 'x', thumbnail_image: text}),
      /thumbnail_image is not an image/,
    );
    assert.deepEqual(record, before);
  });
});

describe('mock upload store', () => {
  it('gives every upload a new path, and starts over after clear()', () => {
    const uploads = new UploadStore();
    const file = new File([PNG], 'a.png', {type: 'image/png'});
    assert.equal(uploads.save('m', 'id', file, PNG.slice()), '/uploads/m/user/id-1-a.png');
    assert.equal(uploads.save('m', 'id', file, PNG.slice()), '/uploads/m/user/id-2-a.png');
    uploads.clear();
    assert.equal(uploads.get('/uploads/m/user/id-1-a.png'), undefined);
    assert.equal(uploads.save('m', 'id', file, PNG.slice()), '/uploads/m/user/id-1-a.png');
  });

  it('keeps the declared type, or octet-stream, for bytes it does not recognise', () => {
    const uploads = new UploadStore();
    const bytes = new Uint8Array([1, 2, 3]);
    const typed = uploads.save('m', 'id', new File([bytes], 'x.heic', {type: 'image/heic'}), bytes);
    const untyped = uploads.save('m', 'id', new File([bytes], 'x'), bytes);
    assert.equal(uploads.get(typed)?.contentType, 'image/heic');
    assert.equal(uploads.get(untyped)?.contentType, 'application/octet-stream');
  });

  it('recognises JPEG, PNG, GIF, WebP and SVG by their first bytes', () => {
    const bytes = (...b: number[]) => new Uint8Array(b);
    const utf8 = (s: string) => new TextEncoder().encode(s);
    assert.equal(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0)), 'image/jpeg');
    assert.equal(sniffImageType(PNG), 'image/png');
    assert.equal(sniffImageType(utf8('GIF89a')), 'image/gif');
    assert.equal(sniffImageType(utf8('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
    assert.equal(sniffImageType(utf8('RIFF\0\0\0\0WAVEfmt ')), undefined);
    assert.equal(
      sniffImageType(utf8('  <svg xmlns="http://www.w3.org/2000/svg"/>')),
      'image/svg+xml',
    );
    assert.equal(sniffImageType(utf8('<html>')), undefined);
  });

  it('makes file names safe for a path: no separators, no leading dots, at most 80 characters', () => {
    assert.equal(safeFileName('../../etc/passwd'), 'etc_passwd');
    assert.equal(safeFileName('.hidden.png'), 'hidden.png');
    assert.equal(safeFileName('写真.jpg'), 'jpg');
    assert.equal(safeFileName('...'), 'image');
    assert.equal(safeFileName(`${'a'.repeat(100)}.png`), `${'a'.repeat(76)}.png`);
  });
});

describe('mock list order', () => {
  const items = [
    {id: 'b', duration: 5},
    {id: 'c', duration: null},
    {id: 'a', duration: 5},
    {id: 'd', duration: 1},
  ];

  it('sorts null first ascending and last descending, ties by id, reversed whole', () => {
    assert.deepEqual(
      sortRecords(items, 'duration', 'asc').map((i) => i.id),
      ['c', 'd', 'a', 'b'],
    );
    assert.deepEqual(
      sortRecords(items, 'duration', 'desc').map((i) => i.id),
      ['b', 'a', 'd', 'c'],
    );
  });

  it('sorts dates by instant, not by text', () => {
    const dated = [
      {id: 'late', updated_at: '2024-01-01T09:30:00.000+09:00'},
      {id: 'early', updated_at: '2024-01-01T01:00:00.000Z'},
    ];
    // 01:00Z is 10:00 in Japan: later than 09:30+09:00, though it sorts first as text.
    assert.deepEqual(
      sortRecords(dated, 'updated_at', 'asc').map((i) => i.id),
      ['late', 'early'],
    );
  });

  it('filters before it pages, and counts every match', () => {
    const store = new MediaStore();
    const url = new URL(
      `http://mock.test/x?live_event_id=${FIXTURE_IDS.referenceLiveEventId}&limit=2&page=2&sort=id&order=asc`,
    );
    const page = mediaPage(store.records(MAIN_MERCHANT), url);
    assert.equal(page.count, 3);
    assert.equal(page.medias.length, 1);
    assert.equal(page.medias[0]!.id, FIXTURE_IDS.reference);
  });
});
