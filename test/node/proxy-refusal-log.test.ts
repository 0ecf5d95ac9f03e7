// A site that embeds the widgets from an origin, or for a merchant, the proxy does not serve
// should find the reason in the proxy's log: once a minute per value, never a flood.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {ALLOWED_ORIGIN, M, startHarness, type Harness} from './helpers/proxy-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const refusals = (what: string) => h.logs.filter((line) => line.includes(`refused ${what}`));

describe('the proxy logs what it refuses', () => {
  it('logs a refused origin once a minute, with the setting to change', async () => {
    const origin = 'https://blog.example';
    for (let i = 0; i < 5; i++) {
      const answer = await h.get(`/v1/merchants/${M}/medias?limit=3`, {headers: {origin}});
      assert.equal(answer.status, 403);
    }
    assert.equal(refusals('origin').length, 1);
    assert.match(
      refusals('origin')[0]!,
      /^warn .*"https:\/\/blog\.example".*SMARTSTREAM_ALLOWED_ORIGINS/,
    );

    await h.get(`/v1/merchants/${M}/medias?limit=3`, {headers: {origin: 'https://other.example'}});
    assert.equal(refusals('origin').length, 2, 'another origin is logged at once');

    h.advance(61_000);
    await h.get(`/v1/merchants/${M}/medias?limit=3`, {headers: {origin}});
    assert.equal(refusals('origin').length, 3, 'the same origin again after a minute');
  });

  it('logs a merchant it does not serve once a minute, and not an allowed request', async () => {
    const headers = {origin: ALLOWED_ORIGIN};
    for (let i = 0; i < 3; i++) {
      const answer = await h.get('/v1/merchants/nttsmx/medias?limit=3', {headers});
      assert.equal(answer.status, 403);
      assert.equal(answer.json().code, 'MERCHANT_NOT_ALLOWED');
    }
    assert.equal(refusals('merchant').length, 1);
    assert.match(refusals('merchant')[0]!, /"nttsmx".*SMARTSTREAM_MERCHANTS/);
    assert.equal((await h.get(`/v1/merchants/${M}/medias?limit=3`, {headers})).status, 200);
    assert.equal(refusals('merchant').length, 1);
  });

  it('keeps a long forged Origin to one short line: at most 200 characters of it', async () => {
    const forged = `https://x.example\r\nwarn forged line ${'a'.repeat(500)}`;
    const before = h.logs.length;
    await h.get(`/v1/merchants/${M}/medias?limit=3`, {
      headers: {origin: forged.replace(/\r\n/, '')},
    });
    const lines = h.logs.slice(before);
    assert.equal(lines.length, 1);
    assert.ok(lines[0]!.length < 400, `line of ${lines[0]!.length} characters`);
  });
});
