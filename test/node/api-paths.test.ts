// The Catalog API's paths and query strings (`src/api/paths.ts`): what goes on the wire and
// what the client and the proxy use as cache keys.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
  authTokenPath,
  groupListPath,
  mediaListPath,
  mediaPath,
  merchantPath,
  queryString,
} from '../../src/api/index.js';

describe('paths', () => {
  it('spells each endpoint as the reference does, trailing slashes included', () => {
    assert.equal(merchantPath('nttsmc'), '/v1/merchants/nttsmc');
    assert.equal(mediaListPath('nttsmc'), '/v1/merchants/nttsmc/medias/');
    assert.equal(groupListPath('nttsmc'), '/v1/merchants/nttsmc/media_groups');
    assert.equal(authTokenPath('nttsmc'), '/v1/merchants/nttsmc/auth-token/');
    assert.equal(mediaPath('nttsmc', {kind: 'id', value: '42'}), '/v1/merchants/nttsmc/medias/42');
    assert.equal(
      mediaPath('nttsmc', {kind: 'refId', value: 'video1'}),
      '/v1/merchants/nttsmc/medias/ref:video1',
    );
  });

  it('encodes every value, so none can add a segment or a query', () => {
    assert.equal(merchantPath('a/../b'), '/v1/merchants/a%2F..%2Fb');
    assert.equal(
      mediaPath('m', {kind: 'refId', value: '動画 1/?#'}),
      '/v1/merchants/m/medias/ref:%E5%8B%95%E7%94%BB%201%2F%3F%23',
    );
    assert.equal(mediaPath('m', {kind: 'id', value: 'ref:x'}), '/v1/merchants/m/medias/ref%3Ax');
  });
});

describe('queryString', () => {
  it('sorts names, so that spellings of one request make one key', () => {
    assert.equal(queryString({page: 2, limit: 10, order: 'asc'}), '?limit=10&order=asc&page=2');
    assert.equal(queryString({order: 'asc', page: 2, limit: 10}), '?limit=10&order=asc&page=2');
  });

  it('leaves out unset values, and is empty when none is set', () => {
    assert.equal(queryString({limit: undefined, sort: 'name'}), '?sort=name');
    assert.equal(queryString({limit: undefined}), '');
    assert.equal(queryString({}), '');
    assert.equal(queryString(undefined), '');
  });

  it('encodes names and values', () => {
    assert.equal(queryString({job_id: 'a&b=c', 'x y': '1'}), '?job_id=a%26b%3Dc&x%20y=1');
  });
});
