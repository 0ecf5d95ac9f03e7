// The Node adapter's hot path (serveAnswers): an answer the handler has at once is written at
// once, a handler that throws gets a 500, and each request target is resolved against its own
// Host however often the same target comes back.
import assert from 'node:assert/strict';
import {connect} from 'node:net';
import {after, before, describe, it} from 'node:test';
import {serveAnswers, type PlainAnswer, type RunningServer} from '../../src/server/node-http.js';

/**
 * One raw HTTP/1.1 exchange on its own connection: the text of the whole response. Asks the
 * server to close unless `body` is given (then the server must close by itself).
 */
function exchange(port: number, head: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => socket.destroy(new Error('no answer in 2 s')), 2000);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => (clearTimeout(timer), resolve(received)));
    socket.write(
      body === undefined ? `${head}\r\nConnection: close\r\n\r\n` : `${head}\r\n\r\n${body}`,
    );
  });
}

let server: RunningServer;
let next: () => PlainAnswer | Promise<PlainAnswer>;
const urls: string[] = [];
const failures: unknown[] = [];
before(async () => {
  server = await serveAnswers(
    (request) => {
      urls.push(request.url);
      return next();
    },
    {onError: (error) => failures.push(error)},
  );
});
after(() => server.close());

describe('serveAnswers: answers at once', () => {
  it('writes an answer the handler returns at once, and a 500 when the handler throws', async () => {
    next = () => ({
      status: 200,
      statusText: 'OK',
      headers: {'x-at-once': 'yes', 'content-length': '3'},
      body: 'now',
    });
    const atOnce = await exchange(server.port, 'GET /a HTTP/1.1\r\nHost: a.example');
    assert.match(atOnce, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(atOnce, /\r\nx-at-once: yes\r\n/);
    assert.match(atOnce, /\r\n\r\nnow$/);
    next = () => {
      throw new Error('handler bug');
    };
    const thrown = await exchange(server.port, 'GET /a HTTP/1.1\r\nHost: a.example');
    assert.match(thrown, /^HTTP\/1\.1 500 Internal Server Error\r\n/);
    assert.match(thrown, /SERVER_ERROR/);
    assert.equal(failures.length, 1);
    next = async () => ({status: 204, statusText: 'No Content', headers: {}, body: null});
    assert.match(await exchange(server.port, 'GET /a HTTP/1.1\r\nHost: a'), /^HTTP\/1\.1 204 /);
  });
});

describe('serveAnswers: request URLs and bodies', () => {
  it('resolves each target against its own Host, and refuses a malformed one every time', async () => {
    next = () => ({status: 200, statusText: 'OK', headers: {}, body: 'ok'});
    urls.length = 0;
    for (const host of ['one.example', 'two.example:8080', 'one.example']) {
      await exchange(server.port, `GET /p/../q?x=1 HTTP/1.1\r\nhOsT: ${host}`);
    }
    assert.deepEqual(urls, [
      'http://one.example/q?x=1',
      'http://two.example:8080/q?x=1',
      'http://one.example/q?x=1',
    ]);
    for (let i = 0; i < 2; i++) {
      const bad = await exchange(server.port, 'GET /q HTTP/1.1\r\nHost: bad host');
      assert.match(bad, /^HTTP\/1\.1 400 Bad Request\r\n/);
      assert.match(bad, /BAD_REQUEST/);
    }
    assert.equal(urls.length, 3, 'a malformed Host never reaches the handler');
  });

  it('closes after answering a chunked request instead of reading its body', async () => {
    next = () => ({status: 405, statusText: 'Method Not Allowed', headers: {}, body: 'no'});
    const answer = await exchange(
      server.port,
      'POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked',
      '5\r\nhello\r\n0\r\n\r\n',
    );
    assert.match(answer, /^HTTP\/1\.1 405 /);
    assert.match(answer, /\r\nConnection: close\r\n/i);
  });
});
