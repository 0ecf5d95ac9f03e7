// Option parsing (src/client/options.ts) and the Catalog paths (src/client/paths.ts), alone.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {CatalogError} from '../../src/client/errors.js';
import {CLIENT_DEFAULTS, readerConfig} from '../../src/client/options.js';
import {
  authTokenPath,
  groupListPath,
  mediaListPath,
  mediaPath,
  queryString,
} from '../../src/client/paths.js';

const apiBase = 'https://api.example/catalog/';

function badRequest(message: RegExp) {
  return (error: unknown) =>
    CatalogError.is(error) && error.code === 'BAD_REQUEST' && message.test(error.message);
}

describe('readerConfig', () => {
  it('fills every default and normalizes the bases', () => {
    const config = readerConfig({apiBase}, true);
    assert.equal(config.apiBase, 'https://api.example/catalog');
    assert.equal(config.assetBase, 'https://api.example');
    assert.equal(config.timeoutMs, CLIENT_DEFAULTS.timeoutMs);
    assert.deepEqual(config.retry, {
      retries: CLIENT_DEFAULTS.retries,
      baseDelayMs: CLIENT_DEFAULTS.baseDelayMs,
      maxDelayMs: CLIENT_DEFAULTS.maxDelayMs,
      maxRetryAfterMs: CLIENT_DEFAULTS.maxRetryAfterMs,
    });
    assert.equal(config.cache?.ttlMs, CLIENT_DEFAULTS.ttlMs);
    assert.equal(config.cache?.maxEntries, CLIENT_DEFAULTS.maxEntries);
  });

  it('turns retry: false into no retries and cache: false into no cache', () => {
    const config = readerConfig({apiBase, retry: false, cache: false}, true);
    assert.equal(config.retry.retries, 0);
    assert.equal(config.retry.baseDelayMs, CLIENT_DEFAULTS.baseDelayMs);
    assert.equal(config.cache, undefined);
  });

  it('keeps at least one cache entry', () => {
    const config = readerConfig({apiBase, cache: {maxEntries: 0}}, true);
    assert.equal(config.cache?.maxEntries, 1);
  });

  it('names the option that is not a non-negative number', () => {
    assert.throws(() => readerConfig({apiBase, timeoutMs: -1}, true), badRequest(/^timeoutMs/));
    const retry = {apiBase, retry: {maxDelayMs: Number.NaN}};
    assert.throws(() => readerConfig(retry, true), badRequest(/^retry\.maxDelayMs/));
    const cache = {apiBase, cache: {staleMs: '1' as never}};
    assert.throws(() => readerConfig(cache, true), badRequest(/^cache\.staleMs/));
  });

  it('refuses secrets only for the read-only reader', () => {
    const options = {apiBase, apiKey: 'k'} as never;
    assert.throws(() => readerConfig(options, true), badRequest(/use CatalogClient/));
    assert.equal(readerConfig(options, false).apiBase, 'https://api.example/catalog');
    assert.equal('apiKey' in readerConfig(options, false), false, 'no secret in the config');
  });

  it('refuses a base that is not http(s)', () => {
    assert.throws(() => readerConfig({apiBase: 'ftp://x.example'}, true), badRequest(/http\(s\)/));
    assert.throws(() => readerConfig({apiBase: ' '}, true), badRequest(/non-empty URL/));
  });
});

describe('paths', () => {
  it('encodes each segment, so an id cannot leave its place', () => {
    assert.equal(
      mediaPath('m/1', {kind: 'id', value: '../x'}),
      '/v1/merchants/m%2F1/medias/..%2Fx',
    );
    assert.equal(mediaPath('m', {kind: 'refId', value: 'a b'}), '/v1/merchants/m/medias/ref:a%20b');
    assert.equal(mediaListPath('m'), '/v1/merchants/m/medias/');
    assert.equal(groupListPath('m'), '/v1/merchants/m/media_groups');
    assert.equal(authTokenPath('m'), '/v1/merchants/m/auth-token/');
  });

  it('spells a query one way whatever the key order', () => {
    assert.equal(queryString({page: '2', limit: '10'}), '?limit=10&page=2');
    assert.equal(queryString({limit: '10', page: '2'}), '?limit=10&page=2');
    assert.equal(queryString({sort: 'a&b'}), '?sort=a%26b');
    assert.equal(queryString({}), '');
    assert.equal(queryString(undefined), '');
  });
});
