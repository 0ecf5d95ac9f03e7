// The HTTP pieces of the Catalog API's contract (`src/api/http.ts`): how long a `Retry-After`
// asks a caller to wait, and the reason phrase each status is sent with.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {parseRetryAfter, statusText, STATUS_TEXT} from '../../src/api/index.js';

const NOW = Date.parse('2026-01-02T03:04:05Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds, fractions and white space included', () => {
    assert.equal(parseRetryAfter('0', NOW), 0);
    assert.equal(parseRetryAfter('120', NOW), 120_000);
    assert.equal(parseRetryAfter('1.5', NOW), 1_500);
    assert.equal(parseRetryAfter(' 7 ', NOW), 7_000);
  });

  it('reads an HTTP date as the time left until it, never less than 0', () => {
    assert.equal(parseRetryAfter('Fri, 02 Jan 2026 03:04:35 GMT', NOW), 30_000);
    assert.equal(parseRetryAfter('Friday, 02-Jan-26 03:05:05 GMT', NOW), 60_000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:00 GMT', NOW), 0, 'a date gone by');
  });

  it('is undefined when absent, negative or garbage', () => {
    for (const value of [null, undefined, '', '   ', '-5', '-1.5', '5 apples', '1e3', 'soon']) {
      assert.equal(parseRetryAfter(value, NOW), undefined, JSON.stringify(value));
    }
  });
});

describe('statusText', () => {
  it('gives the reason phrase of every status the mock, the proxy and the API send', () => {
    const expected: Record<number, string> = {
      200: 'OK',
      204: 'No Content',
      304: 'Not Modified',
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      405: 'Method Not Allowed',
      414: 'URI Too Long',
      429: 'Too Many Requests',
      500: 'Internal Server Error',
      502: 'Bad Gateway',
      503: 'Service Unavailable',
      504: 'Gateway Timeout',
    };
    for (const [status, text] of Object.entries(expected)) {
      assert.equal(statusText(Number(status)), text);
      assert.equal(STATUS_TEXT[Number(status)], text);
    }
  });

  it('is empty for a status it does not know, so Node sends its own', () => {
    assert.equal(statusText(418), '');
    assert.equal(statusText(599), '');
  });
});
