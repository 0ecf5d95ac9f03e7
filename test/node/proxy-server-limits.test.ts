// The proxy's Node server under hostile sockets and shutdown (issue 13, items 9 and 10):
// a drain on close and SIGTERM, explicit time-outs and a connection cap.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {connect, type Socket} from 'node:net';
import {after, describe, it} from 'node:test';
import {FIXTURE_IDS, startMockServer} from '../../src/mock/index.js';
import {
  assertNoSecretsLeaked,
  M,
  MOCK_OPTIONS,
  rawRequest,
  SECRETS,
  startHarness,
} from './helpers/proxy-harness.js';

const reference = `/v1/merchants/${M}/medias/${FIXTURE_IDS.reference}`;

after(() => assertNoSecretsLeaked());

function open(url: string): Promise<Socket> {
  const {hostname, port} = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Milliseconds until the server closes the socket, or `limitMs` if it does not. */
function closedWithin(socket: Socket, limitMs: number): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(limitMs), limitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(performance.now() - t0);
    });
    socket.on('error', () => {});
    socket.resume();
  });
}

describe('9. a drain on shutdown', () => {
  it('finishes a request in flight, then refuses new connections', async () => {
    const h = await startHarness();
    try {
      await h.get(`/v1/merchants/${M}/medias/?limit=1`); // the token
      h.mock.catalog.addFault({kind: 'slow', delayMs: 600, route: 'get-media'});
      const inFlight = h.get(reference);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const closed = h.proxy.close(5_000);
      const answer = await inFlight;
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.connection, 'close');
      await closed;
      await assert.rejects(h.get('/healthz'), /ECONNREFUSED/);
    } finally {
      await h.mock.close();
    }
  });

  it('on SIGTERM the CLI drains and exits 0', {timeout: 30_000}, async () => {
    const mock = await startMockServer(MOCK_OPTIONS);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "import('./src/cli.ts').then((m) => m.main(['proxy', '--port', '0']))",
      ],
      {
        env: {
          ...process.env,
          SMARTSTREAM_API_BASE: mock.url,
          SMARTSTREAM_API_KEY: SECRETS.apiKey,
          SMARTSTREAM_MAIL_ADDRESS: SECRETS.mail,
          SMARTSTREAM_PASSWORD: SECRETS.password,
          SMARTSTREAM_MERCHANTS: M,
          SMARTSTREAM_ALLOWED_ORIGINS: '*',
          SMARTSTREAM_BUDGET_RAMP_MS: '0',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /catalog proxy on (http:\/\/\S+)/.exec(out);
          if (found) resolve(found[1]!);
        });
        child.once('exit', (code) => reject(new Error(`proxy exited (${code}): ${out}`)));
      });
      mock.catalog.addFault({kind: 'slow', delayMs: 800, route: 'get-media'});
      const inFlight = rawRequest(url, reference);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const answer = await inFlight;
      assert.equal(answer.status, 200, 'the request in flight was answered');
      assert.equal(await exited, 0);
      assert.match(out, /draining/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await mock.close();
    }
  });
});

describe('10. explicit server limits', () => {
  it('closes a socket that never completes its headers after headersTimeoutMs', async () => {
    const h = await startHarness({proxy: {headersTimeoutMs: 300, requestTimeoutMs: 1_000}});
    try {
      const silent = await open(h.proxy.url);
      const partial = await open(h.proxy.url);
      partial.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      const [a, b] = await Promise.all([closedWithin(silent, 3_000), closedWithin(partial, 3_000)]);
      assert.ok(a < 3_000, `a silent socket was closed after ${Math.round(a)} ms`);
      assert.ok(b < 3_000, `a slow-headers socket was closed after ${Math.round(b)} ms`);
      assert.equal((await h.get('/healthz')).status, 200);
    } finally {
      await h.close();
    }
  });

  it('caps open sockets at maxConnections; once idle ones are reaped, /healthz answers', async () => {
    const h = await startHarness({proxy: {maxConnections: 5, headersTimeoutMs: 400}});
    try {
      const sockets = await Promise.all(Array.from({length: 5}, () => open(h.proxy.url)));
      const extra = await open(h.proxy.url);
      const dropped = await closedWithin(extra, 200);
      assert.ok(dropped < 200, 'the sixth socket was closed at once');
      await Promise.all(sockets.map((s) => closedWithin(s, 3_000)));
      assert.equal((await h.get('/healthz')).status, 200);
    } finally {
      await h.close();
    }
  });
});
