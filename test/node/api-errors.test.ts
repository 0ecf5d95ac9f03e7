// Error codes of the Catalog API's contract (`src/api/errors.ts`): the code a caller reads
// from a status when an answer names none, the code a server answers a status with, and the
// reference's messages.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {answerCodeForStatus, codeForStatus, ERRORS, errorMessage} from '../../src/api/index.js';

describe('codeForStatus', () => {
  it('maps each status to the code a reader of the API gives it', () => {
    const table: [number, string][] = [
      [400, 'BAD_REQUEST'],
      [422, 'BAD_REQUEST'],
      [401, 'UNAUTHORIZED'],
      [403, 'FORBIDDEN'],
      [404, 'NOT_FOUND'],
      [408, 'REQUEST_TIMEOUT'],
      [429, 'RATE_LIMITED'],
      [500, 'SERVER_ERROR'],
      [502, 'SERVER_ERROR'],
      [503, 'SERVER_ERROR'],
      [599, 'SERVER_ERROR'],
      [405, 'HTTP_ERROR'],
      [418, 'HTTP_ERROR'],
      [302, 'HTTP_ERROR'],
    ];
    for (const [status, code] of table) assert.equal(codeForStatus(status), code, `${status}`);
  });

  it('names a 404 after what was asked for', () => {
    assert.equal(codeForStatus(404, 'MEDIA_NOT_FOUND'), 'MEDIA_NOT_FOUND');
    assert.equal(codeForStatus(404, 'MEDIA_GROUP_NOT_FOUND'), 'MEDIA_GROUP_NOT_FOUND');
    assert.equal(codeForStatus(400, 'MEDIA_NOT_FOUND'), 'BAD_REQUEST', 'only a 404');
  });
});

describe('answerCodeForStatus', () => {
  it("answers with the API's own codes, a gateway's for 502-504, else by class", () => {
    const table: [number, string][] = [
      [400, 'BAD_REQUEST'],
      [401, 'UNAUTHORIZED'],
      [403, 'GEO_RULE'],
      [404, 'MEDIA_NOT_FOUND'],
      [405, 'METHOD_NOT_ALLOWED'],
      [408, 'REQUEST_TIMEOUT'],
      [429, 'RATE_LIMITED'],
      [500, 'SERVER_ERROR'],
      [502, 'BAD_GATEWAY'],
      [503, 'SERVICE_UNAVAILABLE'],
      [504, 'GATEWAY_TIMEOUT'],
      [507, 'SERVER_ERROR'],
      [418, 'BAD_REQUEST'],
    ];
    for (const [status, code] of table) {
      assert.equal(answerCodeForStatus(status), code, `${status}`);
    }
  });
});

describe('ERRORS', () => {
  it("carries the reference's status and message for each of its codes", () => {
    const reference: [string, number, string][] = [
      ['BAD_REQUEST', 400, 'Invalid request parameters'],
      ['UNAUTHORIZED', 401, 'Authentication failed'],
      ['GEO_RULE', 403, 'Access from this IP address is not permitted'],
      ['MEDIA_NOT_FOUND', 404, 'The specified media does not exist'],
      ['MEDIA_GROUP_NOT_FOUND', 404, 'The specified media group does not exist'],
      ['SERVER_ERROR', 500, 'An unexpected error has occurred'],
    ];
    for (const [code, status, message] of reference) {
      assert.deepEqual(ERRORS[code as keyof typeof ERRORS], {status, message}, code);
      assert.equal(errorMessage(code), message);
    }
  });

  it('has no message for a code it does not know, inherited names included', () => {
    assert.equal(errorMessage('TEAPOT'), undefined);
    assert.equal(errorMessage('toString'), undefined);
    assert.equal(errorMessage('constructor'), undefined);
  });
});
