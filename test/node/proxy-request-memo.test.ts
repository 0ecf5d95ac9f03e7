// The router's memo of request lines and origins (src/proxy/request-memo.ts): the answers of
// the functions it stands for, per method and per origin, bounded.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {corsFor} from '../../src/proxy/cors.js';
import {RequestMemo} from '../../src/proxy/request-memo.js';
import {checkPath, parseCatalogRequest} from '../../src/proxy/request.js';

const base = 'http://proxy.example/v1/merchants';
const merchants = new Set(['nttsmc']);

describe('RequestMemo', () => {
  it('answers as URL, checkPath and parseCatalogRequest do, per method', () => {
    const memo = new RequestMemo();
    const hrefs = [
      `${base}/nttsmc/medias/abc`,
      `${base}/nttsmc/medias/?limit=12&page=2&sort=name&order=ASC`,
      `${base}/nttsmc/media_groups?limit=500`,
      `${base}/other/medias/abc`,
      `${base}/nttsmc/medias/a%2fb`,
      'http://proxy.example/healthz',
    ];
    for (let round = 0; round < 2; round++) {
      for (const href of hrefs) {
        for (const method of ['GET', 'HEAD', 'POST']) {
          const url = new URL(href);
          const target = memo.target(href, method);
          assert.equal(target.url.href, url.href);
          assert.deepEqual(target.badPath, checkPath(url.pathname, url.search));
          const expected = parseCatalogRequest(url, method, merchants);
          assert.deepEqual(memo.parsed(target, method, merchants), expected, `${method} ${href}`);
        }
      }
    }
  });

  it('keeps one answer per value, forgets all past its bound, and throws for a bad URL', () => {
    const memo = new RequestMemo();
    const first = memo.target(`${base}/nttsmc/medias/abc`, 'GET');
    assert.equal(memo.target(`${base}/nttsmc/medias/abc`, 'GET'), first);
    assert.notEqual(memo.target(`${base}/nttsmc/medias/abc`, 'HEAD'), first);
    for (let i = 0; i < 1000; i++) memo.target(`${base}/nttsmc/medias/id${i}`, 'GET');
    const again = memo.target(`${base}/nttsmc/medias/abc`, 'GET');
    assert.notEqual(again, first, 'forgotten once the bound was reached');
    assert.equal(again.url.href, first.url.href);
    for (let i = 0; i < 2; i++) assert.throws(() => memo.target('not a url', 'GET'), TypeError);
  });

  it('tells no Origin from an empty one, and each origin from the others', () => {
    const memo = new RequestMemo();
    const allowed = new Set(['https://shop.example']);
    for (const origin of [null, '', 'https://shop.example', 'https://elsewhere.example', null]) {
      assert.deepEqual(memo.cors(allowed, origin), corsFor(allowed, origin), String(origin));
    }
    assert.equal(memo.cors(allowed, null).allowed, true);
    assert.equal(memo.cors(allowed, '').allowed, false);
  });
});
