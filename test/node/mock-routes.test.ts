// The mock's route table alone: which route a method and path reach, and what a 405 allows.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {BadRequest} from '../../src/mock/http.js';
import {decodeSegment, matchRoute} from '../../src/mock/routes.js';

const M = '/v1/merchants/nttsmc';

describe('mock routes', () => {
  it('matches every catalog route, with or without the trailing slash', () => {
    const cases: Array<[string, string, object]> = [
      ['POST', `${M}/auth-token`, {route: 'auth-token', merchant: 'nttsmc'}],
      ['GET', `${M}/medias/`, {route: 'list-medias', merchant: 'nttsmc'}],
      ['GET', `${M}/medias/ref%3Aa`, {route: 'get-media', merchant: 'nttsmc', mediaKey: 'ref%3Aa'}],
      ['PUT', `${M}/medias/abc/`, {route: 'update-media', merchant: 'nttsmc', mediaKey: 'abc'}],
      ['DELETE', `${M}/medias/abc`, {route: 'delete-media', merchant: 'nttsmc', mediaKey: 'abc'}],
      ['GET', `${M}/media_groups`, {route: 'list-media-groups', merchant: 'nttsmc'}],
      ['GET', '/uploads/nttsmc/posters/a.svg', {route: 'asset'}],
      ['HEAD', '/uploads/nttsmc/posters/a.svg', {route: 'asset'}],
    ];
    for (const [method, path, expected] of cases) {
      const {route, merchant, mediaKey} = matchRoute(method, path);
      const got = Object.fromEntries(
        Object.entries({route, merchant, mediaKey}).filter(([, v]) => v !== undefined),
      );
      assert.deepEqual(got, expected, `${method} ${path}`);
    }
  });

  it('answers HEAD with the GET route, but not where there is no GET', () => {
    assert.equal(matchRoute('HEAD', `${M}/medias/abc`).route, 'get-media');
    assert.equal(matchRoute('HEAD', `${M}/media_groups/`).route, 'list-media-groups');
    assert.deepEqual(matchRoute('HEAD', `${M}/auth-token/`), {route: 'other', allow: 'POST'});
  });

  it('names the allowed methods, HEAD beside GET, for a wrong method on a known path', () => {
    assert.deepEqual(matchRoute('POST', `${M}/medias`), {route: 'other', allow: 'GET, HEAD'});
    assert.deepEqual(matchRoute('PATCH', `${M}/medias/abc`), {
      route: 'other',
      allow: 'GET, HEAD, PUT, DELETE',
    });
    assert.deepEqual(matchRoute('PUT', '/uploads/x.png'), {route: 'other', allow: 'GET, HEAD'});
  });

  it('leaves unknown paths without an allow list (a 404, not a 405)', () => {
    for (const path of ['/', '/v1/merchants', `${M}/medias/a/b`, '/v2/merchants/x/medias']) {
      assert.deepEqual(matchRoute('GET', path), {route: 'other'}, path);
    }
  });

  it('decodes a path segment, or throws a BadRequest that names the parameter', () => {
    assert.equal(decodeSegment('ref%3Atokyo%20night', 'media_id'), 'ref:tokyo night');
    assert.throws(
      () => decodeSegment('%E0%A4%A', 'merchant_id'),
      (error: unknown) =>
        error instanceof BadRequest &&
        error.message === 'merchant_id is not valid percent-encoding',
    );
  });
});
