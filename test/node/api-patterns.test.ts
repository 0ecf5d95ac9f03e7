// What the Catalog API's contract accepts (`src/api/patterns.ts`, `values.ts`, `limits.ts`):
// ids, reference ids, sort columns and orders, date-times, image URLs, geo codes and statuses.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
  GEO_CODES,
  ID_PATTERN,
  isGeoCode,
  isImageUrl,
  isPublishStatus,
  parseIsoDateTime,
  REF_ID_FORBIDDEN,
  REF_ID_PATTERN,
  SORT_COLUMN_PATTERN,
  sortOrder,
} from '../../src/api/index.js';

function accepts(pattern: RegExp, values: string[]) {
  for (const value of values) assert.ok(pattern.test(value), `accepts ${JSON.stringify(value)}`);
}
function refuses(pattern: RegExp, values: string[]) {
  for (const value of values) assert.ok(!pattern.test(value), `refuses ${JSON.stringify(value)}`);
}

describe('ID_PATTERN', () => {
  it('accepts merchant, media and filter ids of 1 to 64 letters, digits, _ and -', () => {
    accepts(ID_PATTERN, ['nttsmc', 'a', 'A-z_09', 'x'.repeat(64)]);
  });
  it('refuses empty, long, spaced, dotted, slashed and non-ASCII ids', () => {
    refuses(ID_PATTERN, ['', 'x'.repeat(65), 'a b', 'a.b', 'a/b', '..', 'ｍ', 'a%2f']);
  });
});

describe('REF_ID_PATTERN', () => {
  it('accepts up to 255 printable characters, Japanese included', () => {
    accepts(REF_ID_PATTERN, ['video1', '動画-1', 'a:b@c', 'x'.repeat(255)]);
  });
  it('refuses empty, long, slash, backslash, white space and control characters', () => {
    refuses(REF_ID_PATTERN, [
      '',
      'x'.repeat(256),
      'a/b',
      'a\\b',
      'a b',
      'a\tb',
      'a\u0000',
      '\u007f',
    ]);
  });
  it('agrees with what Edit Media refuses to store', () => {
    assert.ok(REF_ID_FORBIDDEN.test('a/b') && REF_ID_FORBIDDEN.test('a b'));
    assert.ok(!REF_ID_FORBIDDEN.test('動画-1'));
  });
});

describe('sort', () => {
  it('accepts column-shaped names and refuses the rest', () => {
    accepts(SORT_COLUMN_PATTERN, ['updated_at', 'name', '_x', 'custom_fields.rank']);
    refuses(SORT_COLUMN_PATTERN, ['', '1st', 'name desc', 'name;drop', '-name']);
  });
  it('reads an order in any case, and nothing else', () => {
    assert.equal(sortOrder('asc'), 'asc');
    assert.equal(sortOrder('DESC'), 'desc');
    for (const value of ['', 'up', 'ascending', undefined, 1]) {
      assert.equal(sortOrder(value), undefined, String(value));
    }
  });
});

describe('parseIsoDateTime', () => {
  it('reads date-times with an explicit offset', () => {
    assert.equal(
      parseIsoDateTime('2018-02-22T12:03:36.427+09:00'),
      Date.parse('2018-02-22T03:03:36.427Z'),
    );
    assert.equal(parseIsoDateTime('2024-04-01T09:00Z'), Date.parse('2024-04-01T09:00:00Z'));
    assert.equal(parseIsoDateTime('2024-04-01T09:00:00+0900'), Date.parse('2024-04-01T00:00Z'));
  });
  it('refuses dates without an offset, impossible dates and other text', () => {
    for (const value of [
      '2024-04-01T09:00:00',
      '2024-04-01',
      '2024-02-30T00:00:00Z',
      '2024-04-01T24:00:00Z',
      'April 1, 2024',
      '',
    ]) {
      assert.equal(parseIsoDateTime(value), undefined, value);
    }
  });
});

describe('isImageUrl', () => {
  it('accepts http(s) URLs and paths from /', () => {
    for (const value of ['https://cdn.example/a.jpg', 'http://x.example/', '/uploads/a.jpg']) {
      assert.ok(isImageUrl(value), value);
    }
  });
  it('refuses protocol-relative, relative, other schemes and non-strings', () => {
    for (const value of ['//evil.example/a.jpg', 'a.jpg', 'javascript:alert(1)', 'data:,x', '']) {
      assert.ok(!isImageUrl(value), value);
    }
    assert.ok(!isImageUrl(null));
  });
});

describe('values', () => {
  it('knows the fifteen geo codes of the reference, in lower case only', () => {
    assert.equal(GEO_CODES.length, 15);
    assert.ok(isGeoCode('jp') && isGeoCode('id'));
    assert.ok(!isGeoCode('JP') && !isGeoCode('xx') && !isGeoCode(undefined));
  });
  it('knows the four publish statuses of Edit Media', () => {
    for (const status of ['publish_on', 'publish_off', 'before_review', 'draft']) {
      assert.ok(isPublishStatus(status), status);
    }
    assert.ok(!isPublishStatus('published') && !isPublishStatus(''));
  });
});
