// The servers of the proxy part, in their own process so that the load generator (in the
// parent) and the server under test do not share an event loop.
//   node bench/lib/servers-child.js proxy   the mock (auth on, 50 requests/min) and the proxy
//   node bench/lib/servers-child.js bare    a bare Node http server; its response comes by IPC
//   node bench/lib/servers-child.js proxy-redis-l1      the proxy with a Redis store (its own
//                                                        redis-server), L1 on (1 s)
//   node bench/lib/servers-child.js proxy-redis-no-l1   the same, every read from Redis
// Each reports {url} to the parent, then answers {type: 'stats'} and {type: 'close'}.
import {spawn} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startMockServer} from '../../dist/mock/index.js';
import {startProxyServer} from '../../dist/proxy/index.js';
import {createRedisStore} from '../../dist/proxy/redis.js';

const quiet = {info() {}, warn() {}, error() {}};
const mode = process.argv[2];

/** A redis-server of its own on a free port (chosen by a probe), without persistence. */
async function startRedis() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = probe.address().port;
  await new Promise((resolve) => probe.close(resolve));
  const dir = await mkdtemp(join(tmpdir(), 'ss-bench-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  const child = spawn('redis-server', [...args, '--appendonly', 'no'], {stdio: 'pipe'});
  await new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('Ready to accept connections')) resolve();
    });
  });
  child.removeAllListeners('exit');
  return {
    url: `redis://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));
      await rm(dir, {recursive: true, force: true});
    },
  };
}

async function startProxy(store) {
  const redis = store ? await startRedis() : undefined;
  const shared = redis
    ? await createRedisStore({url: redis.url, budgetPerWindow: 50, l1TtlMs: store.l1TtlMs})
    : undefined;
  // The mock's defaults: the API key and credentials below, and the API's 50 requests/minute.
  const mock = await startMockServer({port: 0});
  const {url, proxy, close} = await startProxyServer({
    ...(shared ? {store: shared} : {}),
    apiBase: mock.url,
    apiKey: 'mock-api-key',
    credentials: {mail_address: 'demo@example.com', password: 'demo-password'},
    merchants: ['nttsmc'],
    allowedOrigins: '*',
    // autocannon is one address standing for many visitors, measured in a steady state:
    // neither its share of the budget nor the start-up ramp should shape these figures.
    clientBudgetPerMinute: 50,
    budgetRampMs: 0,
    log: quiet,
  });
  return {
    url,
    stats: () => ({mock: mock.catalog.stats(), proxy: proxy.stats()}),
    close: async () => {
      await Promise.all([close(), mock.close()]);
      await shared?.close();
      await redis?.close();
    },
  };
}

const STORES = {'proxy-redis-l1': {l1TtlMs: 1_000}, 'proxy-redis-no-l1': {l1TtlMs: 0}};

/** Answers every request with the status, headers and body it was given. */
async function startBare({status, headers, body}) {
  const bytes = Buffer.from(body, 'base64');
  const server = createServer((request, response) => {
    response.writeHead(status, headers).end(bytes);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats: () => ({}),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const response =
  mode === 'bare' ? await new Promise((resolve) => process.once('message', resolve)) : null;
const running = mode === 'bare' ? await startBare(response) : await startProxy(STORES[mode]);
process.send({type: 'ready', url: running.url});
process.on('message', async (message) => {
  if (message.type === 'stats') process.send({type: 'stats', stats: running.stats()});
  if (message.type === 'close') {
    await running.close();
    process.disconnect();
  }
});
