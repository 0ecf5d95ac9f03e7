// The proxy has two doors: its fetch handler (Deno, Bun, edge workers) and the Node server,
// which skips fetch's Request and Response for speed. Both must give the same answers.
import assert from 'node:assert/strict';
import {request as httpRequest} from 'node:http';
import {connect} from 'node:net';
import {after, before, describe, it} from 'node:test';
import {FIXTURE_IDS} from '../../src/mock/index.js';
import {serveAnswers, type PlainAnswer, type RunningServer} from '../../src/server/node-http.js';
import {
  ALLOWED_ORIGIN,
  M,
  startHarness,
  type Harness,
  type Recorded,
} from './helpers/proxy-harness.js';

/** Headers the transport adds, which a fetch `Response` does not have. */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

async function viaFetchHandler(h: Harness, path: string, init: RequestInit = {}) {
  const response = await h.proxy.proxy(new Request(h.proxy.url + path, init));
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return {
    status: response.status,
    statusMessage: response.statusText,
    headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

function comparable(answer: Pick<Recorded, 'status' | 'statusMessage' | 'headers' | 'bytes'>) {
  const headers = Object.fromEntries(
    Object.entries(answer.headers).filter(([name]) => !TRANSPORT.has(name)),
  );
  return {
    status: answer.status,
    statusMessage: answer.statusMessage,
    headers,
    body: answer.bytes.toString('base64'),
  };
}

describe('the fetch handler and the Node server', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const media = `/v1/merchants/${M}/medias/${FIXTURE_IDS.reference}`;
  const list = `/v1/merchants/${M}/medias/?limit=30`;
  // What, path, request headers, method, and the status that shows the case hit its path.
  const cases: [string, string, Record<string, string>, string, number][] = [
    ['a cached media', media, {origin: ALLOWED_ORIGIN}, 'GET', 200],
    [
      'a cached list, gzipped',
      list,
      {origin: ALLOWED_ORIGIN, 'accept-encoding': 'gzip'},
      'GET',
      200,
    ],
    ['HEAD', media, {origin: ALLOWED_ORIGIN}, 'HEAD', 200],
    [
      'a preflight',
      media,
      {origin: ALLOWED_ORIGIN, 'access-control-request-method': 'GET'},
      'OPTIONS',
      204,
    ],
    ['a refused origin', media, {origin: 'https://elsewhere.example'}, 'GET', 403],
    // Node reads header values as latin1; the echo must go back as the same bytes.
    ['a refused non-ASCII origin', media, {origin: 'https://\u00e9vil.example'}, 'GET', 403],
    ['a write', media, {}, 'PUT', 405],
    [
      'an unknown merchant',
      `/v1/merchants/someone-else/medias/${FIXTURE_IDS.reference}`,
      {},
      'GET',
      403,
    ],
    ['a bad percent-encoding', `/v1/merchants/${M}/medias/%E0%A4%A`, {}, 'GET', 400],
    ['the health check', '/healthz', {}, 'GET', 200],
  ];

  for (const [what, path, headers, method, status] of cases) {
    it(`answer ${what} alike`, async () => {
      await h.get(path, {headers}); // Both doors then see the same cache state.
      const node = await h.get(path, {method, headers});
      const fetched = await viaFetchHandler(h, path, {method, headers});
      assert.equal(node.status, status);
      assert.deepEqual(comparable(fetched), comparable(node));
    });
  }

  it('answer a revalidation alike, with 304 and no body', async () => {
    const {headers} = await h.get(media);
    const ifNoneMatch = {'if-none-match': headers.etag!};
    const node = await h.get(media, {headers: ifNoneMatch});
    const fetched = await viaFetchHandler(h, media, {headers: ifNoneMatch});
    assert.equal(node.status, 304);
    assert.equal(node.bytes.length, 0);
    assert.deepEqual(comparable(fetched), comparable(node));
  });
});

describe('serveAnswers', () => {
  let server: RunningServer;
  let next: () => Promise<PlainAnswer>;
  const seen: {url: string; method: string; accept: string | null}[] = [];
  const failures: unknown[] = [];
  before(async () => {
    server = await serveAnswers(
      async (request) => {
        seen.push({
          url: request.url,
          method: request.method,
          accept: request.headers.get('Accept'),
        });
        return next();
      },
      {onError: (error) => failures.push(error)},
    );
  });
  after(() => server.close());

  const send = (headers: Record<string, string[]> = {}) =>
    new Promise<{status: number; statusMessage: string; body: string}>((resolve, reject) => {
      // An array value goes out as one header line per item.
      const req = httpRequest(`${server.url}/a?b=1`, {headers}, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          resolve({status: res.statusCode!, statusMessage: res.statusMessage!, body}),
        );
      });
      req.on('error', reject);
      req.end();
    });

  it('reads repeated headers as fetch does, joined by ", "', async () => {
    next = async () => ({status: 200, statusText: 'OK', headers: {}, body: 'ok'});
    const answer = await send({accept: ['text/plain', 'application/json']});
    assert.deepEqual(answer, {status: 200, statusMessage: 'OK', body: 'ok'});
    assert.deepEqual(seen.at(-1), {
      url: `${server.url}/a?b=1`,
      method: 'GET',
      accept: 'text/plain, application/json',
    });
  });

  it('answers 500 for a header Node will not write, reports it, and keeps serving', async () => {
    next = async () => ({
      status: 403,
      statusText: 'Forbidden',
      headers: {'x-bad': 'a\nb'},
      body: 'no',
    });
    const broken = await send();
    assert.equal(`${broken.status} ${broken.statusMessage}`, '500 Internal Server Error');
    assert.match(broken.body, /SERVER_ERROR/);
    assert.equal(failures.length, 1);
    next = async () => ({status: 204, statusText: 'No Content', headers: {}, body: null});
    assert.equal((await send()).status, 204);
  });

  it('closes after answering a request with a body instead of draining it', async () => {
    next = async () => ({status: 405, statusText: 'Method Not Allowed', headers: {}, body: 'no'});
    const socket = connect(server.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.write('PUT /a HTTP/1.1\r\nHost: a\r\nContent-Length: 100000000\r\n\r\n');
    // Keep sending, as a client with a huge body would, until the server hangs up.
    const feeder = setInterval(() => socket.writable && socket.write(Buffer.alloc(65536)), 5);
    const closed = await new Promise<boolean>((resolve) => {
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(true));
      setTimeout(() => resolve(false), 2000);
    });
    clearInterval(feeder);
    socket.destroy();
    assert.ok(closed, 'the server kept reading the body');
    assert.match(received, /^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    assert.match(received, /\r\nConnection: close\r\n/i);
  });
});
