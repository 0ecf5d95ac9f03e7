// A card's link (src/components/shared/href.ts): the `href` template an author writes, expanded
// with the media's fields. Values come from the catalog and are never trusted: they can fill a
// path or a query, never choose a scheme or a host. Only relative and http(s) links come out.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Media} from '../../src/client/index.js';
import {expandHref} from '../../src/components/shared/href.js';

const PAGE = 'https://shop.example/catalog/index.html';

/** A media object with only the fields these tests read. */
function media(fields: Record<string, unknown> = {}): Media {
  return {id: 'abc123', ref_id: 'REF-1', duration: 65_000, name: 'A video', ...fields} as Media;
}

describe('expandHref: filling the template', () => {
  it('fills placeholders with the media fields: relative and absolute templates', () => {
    assert.equal(expandHref('/videos/{id}', media(), PAGE), '/videos/abc123');
    assert.equal(expandHref('/watch?ref={ref_id}', media(), PAGE), '/watch?ref=REF-1');
    assert.equal(expandHref('watch/{id}', media(), PAGE), 'watch/abc123');
    assert.equal(
      expandHref('https://video.example/{id}?t={duration}', media(), PAGE),
      'https://video.example/abc123?t=65000',
    );
    assert.equal(
      expandHref('http://video.example/{id}', media(), PAGE),
      'http://video.example/abc123',
    );
  });

  it('a template without placeholders is used as written', () => {
    assert.equal(expandHref('/videos', media(), PAGE), '/videos');
  });

  it('numbers are written out, including 0 and negative values', () => {
    assert.equal(expandHref('/v?d={duration}', media({duration: 0}), PAGE), '/v?d=0');
    assert.equal(expandHref('/v?d={duration}', media({duration: -5}), PAGE), '/v?d=-5');
  });

  it('values are URL-encoded: reserved characters and non-ASCII cannot change the URL', () => {
    assert.equal(
      expandHref('/watch?ref={ref_id}&x=1', media({ref_id: 'a&x=2#frag'}), PAGE),
      '/watch?ref=a%26x%3D2%23frag&x=1',
    );
    assert.equal(
      expandHref('/videos/{name}', media({name: '日本語 の/動画?'}), PAGE),
      '/videos/%E6%97%A5%E6%9C%AC%E8%AA%9E%20%E3%81%AE%2F%E5%8B%95%E7%94%BB%3F',
    );
    assert.equal(
      expandHref('/videos/{id}', media({id: '../../admin'}), PAGE),
      '/videos/..%2F..%2Fadmin',
    );
  });
});

describe('expandHref: links it refuses', () => {
  it('a hostile value cannot make a script link, or a link to another host', () => {
    // Encoded, "javascript:" is a harmless relative path on the page's own site.
    assert.equal(
      expandHref('{id}', media({id: 'javascript:alert(1)'}), PAGE),
      'javascript%3Aalert(1)',
    );
    assert.equal(
      expandHref('{id}', media({id: '//evil.example/x'}), PAGE),
      '%2F%2Fevil.example%2Fx',
    );
    assert.equal(
      expandHref('{id}', media({id: 'data:text/html,<script>'}), PAGE),
      'data%3Atext%2Fhtml%2C%3Cscript%3E',
    );
    for (const result of [
      expandHref('{id}', media({id: 'javascript:alert(1)'}), PAGE),
      expandHref('{id}', media({id: '//evil.example/x'}), PAGE),
    ]) {
      assert.equal(new URL(result!, PAGE).origin, 'https://shop.example');
    }
  });

  it('a template with a script, data or other non-http scheme gives no link', () => {
    for (const template of [
      'javascript:alert({id})',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://files.example/{id}',
      'mailto:someone@example.com',
      'blob:https://shop.example/1',
    ]) {
      assert.equal(expandHref(template, media(), PAGE), null, template);
    }
  });

  it("a protocol-relative template is the author's own http(s) link and is kept", () => {
    assert.equal(expandHref('//video.example/{id}', media(), PAGE), '//video.example/abc123');
  });
});

describe('expandHref: no value, no URL, no link', () => {
  it('a placeholder with no string or number value gives no link, not a half-filled one', () => {
    assert.equal(expandHref('/watch?ref={ref_id}', media({ref_id: null}), PAGE), null);
    assert.equal(expandHref('/videos/{nope}', media(), PAGE), null);
    assert.equal(expandHref('/videos/{poster}', media({poster: {url: 'x'}}), PAGE), null);
    assert.equal(
      expandHref('/videos/{offline_enabled}', media({offline_enabled: true}), PAGE),
      null,
    );
    // Names every object has are not media fields.
    assert.equal(expandHref('/{constructor}', media(), PAGE), null);
    assert.equal(expandHref('/{__proto__}', media(), PAGE), null);
  });

  it('a value that makes no URL gives no link', () => {
    assert.equal(expandHref('http://{id}/', media({id: 'a b'}), PAGE), null);
  });

  it('a relative template on a page with no usable base gives no link rather than throwing', () => {
    assert.equal(expandHref('/videos/{id}', media(), 'about:blank'), null);
    assert.equal(
      expandHref('https://video.example/{id}', media(), 'about:blank'),
      'https://video.example/abc123',
    );
  });
});
