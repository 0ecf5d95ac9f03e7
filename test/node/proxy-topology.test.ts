// Many proxies, one budget: the mock (auth, 50 requests a minute), three proxy processes (the
// built CLI, started from deploy/Procfile) sharing one real redis-server, and a real Varnish
// (deploy/varnish.vcl) in front as HTTP cache and round-robin director. About 3,000 requests
// over 200 keys go through the front and straight at the replicas while one replica is killed
// holding a miss lock and Redis is restarted. Needs `npm run build:lib` (npm test builds first).
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {FIXTURE_IDS, startMockServer} from '../../src/mock/index.js';
import {startRedisServer, type RedisServer} from './helpers/redis-server.js';
import {
  findVarnishd,
  freePort,
  procfile,
  RequestLog,
  ROOT,
  startLine,
  startVarnish,
  waitForHttp,
  type Proc,
} from './helpers/topology.js';
import {ALLOWED_ORIGIN, M, MOCK_OPTIONS, SECRETS} from './helpers/proxy-harness.js';

const LEASE_MS = 5_000;
const LOAD_MS = 40_000;
const LOAD_REQUESTS = 3_000;
const CONCURRENCY = 24;
const media = `/v1/merchants/${M}/medias`;
const groups = `/v1/merchants/${M}/media_groups`;

interface Answer {
  status: number;
  retryAfter: string | null;
  at: number;
  via: string;
}

let mock: Awaited<ReturnType<typeof startMockServer>>;
let redis: RedisServer;
let front: Awaited<ReturnType<typeof startVarnish>>;
const replicas: {proc: Proc; url: string; alive: boolean}[] = [];
let log: RequestLog;
const figures: Record<string, unknown> = {};

const upstreamCount = () => {
  const {byRoute} = mock.catalog.stats();
  return (
    byRoute['get-media'] +
    byRoute['list-medias'] +
    byRoute['list-media-groups'] +
    byRoute['auth-token']
  );
};

async function startReplicas(lines: Map<string, string>) {
  const ports = await Promise.all([1, 2, 3].map(() => freePort()));
  const env = {
    SMARTSTREAM_API_BASE: mock.url,
    SMARTSTREAM_API_KEY: SECRETS.apiKey,
    SMARTSTREAM_MAIL_ADDRESS: SECRETS.mail,
    SMARTSTREAM_PASSWORD: SECRETS.password,
    SMARTSTREAM_MERCHANTS: M,
    SMARTSTREAM_ALLOWED_ORIGINS: ALLOWED_ORIGIN,
    SMARTSTREAM_REDIS_URL: redis.url,
  };
  for (const [i, port] of ports.entries()) {
    const proc = startLine(lines.get(`proxy${i + 1}`)!, {
      ...env,
      [`PROXY${i + 1}_PORT`]: `${port}`,
    });
    replicas.push({proc, url: `http://127.0.0.1:${port}`, alive: true});
  }
  await Promise.all(replicas.map((r) => waitForHttp(`${r.url}/healthz`, 15_000, r.proc)));
  return ports;
}

before(async () => {
  const varnishd = findVarnishd();
  assert.ok(varnishd, 'varnishd is missing: run scripts/system-deps.sh');
  assert.ok(existsSync(join(ROOT, 'dist/cli.js')), 'dist/ is missing: run npm run build:lib');
  mock = await startMockServer({...MOCK_OPTIONS, rateLimit: 50});
  log = new RequestLog(upstreamCount);
  redis = await startRedisServer();
  const lines = await procfile();
  const ports = await startReplicas(lines);
  front = await startVarnish(lines.get('varnish')!, varnishd, ports);
  await waitForHttp(`${front.url}/healthz`, 15_000, front);
});

after(async () => {
  log?.stop();
  await Promise.all(replicas.map((r) => r.proc.stop()));
  await front?.stop();
  await redis?.close();
  await mock?.close();
  console.log(`topology figures: ${JSON.stringify(figures)}`);
});

async function get(base: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, {headers, signal: AbortSignal.timeout(20_000)});
  await response.arrayBuffer();
  return response;
}

const live = () => replicas.filter((r) => r.alive);
const visitor = (i: number) => ({'x-forwarded-for': `198.51.100.${i % 200}`});

/** Runs `count` requests spread over `ms`, at most `CONCURRENCY` at once. */
async function drive(
  count: number,
  ms: number,
  pick: (i: number) => {base: string; via: string; path: string},
): Promise<Answer[]> {
  const answers: Answer[] = [];
  const start = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const wait = start + (i * ms) / count - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const {base, via, path} = pick(i);
      try {
        const response = await get(base, path, visitor(i));
        const retryAfter = response.headers.get('retry-after');
        answers.push({status: response.status, retryAfter, at: Date.now(), via});
      } catch (error) {
        // Straight at a replica that was killed meanwhile: no balancer to try another one.
        const killed = replicas.some((r) => !r.alive && r.url === base);
        answers.push({status: 0, retryAfter: null, at: Date.now(), via: killed ? 'killed' : via});
        if (!killed) throw error;
      }
    }
  };
  await Promise.all(Array.from({length: CONCURRENCY}, worker));
  return answers;
}

describe('three replicas, one Redis, Varnish in front', {timeout: 150_000}, () => {
  it('collapses 100 concurrent misses over the three replicas into one request and one login', async () => {
    const key = `${media}/${FIXTURE_IDS.reference}`;
    const answers = await Promise.all(
      Array.from({length: 100}, (_, i) => get(replicas[i % 3]!.url, key, visitor(i))),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    const {byRoute} = mock.catalog.stats();
    figures['collapse'] = {getMedia: byRoute['get-media'], tokens: byRoute['auth-token']};
    assert.equal(byRoute['get-media'], 1, '100 misses, one upstream request');
    assert.equal(byRoute['auth-token'], 1, 'one login between the three');
  });

  it('keeps the account within its budget under load, a replica killed and Redis restarted', async () => {
    const keys = await loadKeys();
    assert.equal(keys.length, 200);
    let turn = 0;
    const pick = (i: number) => {
      // The first seconds ask only for list pages (cheap chunks), so the budget (still warming
      // up: Redis is new) is there for the miss that the replica about to be killed holds.
      const path = i < 900 ? keys[i % 120]! : keys[(i * 7) % keys.length]!;
      if (i % 2) return {base: front.url, via: 'front', path};
      const target = live()[turn++ % live().length]!;
      return {base: target.url, via: 'replica', path};
    };
    const load = drive(LOAD_REQUESTS, LOAD_MS, pick);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const kill = await killHoldingLock();
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const restart = await restartRedis();
    const answers = await load;
    await backToOk();

    const statuses: Record<string, number> = {};
    for (const a of answers)
      statuses[`${a.via} ${a.status}`] = (statuses[`${a.via} ${a.status}`] ?? 0) + 1;
    const duringOutage = answers.filter((a) => a.at >= restart.from && a.at <= restart.to);
    Object.assign(figures, {
      statuses,
      answers: answers.length,
      upstreamMaxPer60s: log.maxInWindow(60_000),
      upstreamPerMinute: Math.round(log.perMinute()),
      tokens: mock.catalog.stats().byRoute['auth-token'],
      kill,
      redisRestart: {
        answered: duringOutage.filter((a) => a.status === 200).length,
        of: duringOutage.length,
      },
    });
    for (const a of answers.filter((a) => a.via !== 'killed')) {
      assert.ok([200, 304, 503].includes(a.status), `${a.via} answered ${a.status}`);
      if (a.status === 503) assert.ok(Number(a.retryAfter) >= 1, 'a 503 says when to retry');
    }
    assert.ok(log.maxInWindow(60_000) <= 50, `upstream saw ${log.maxInWindow(60_000)} in 60 s`);
    assert.equal(mock.catalog.stats().byRoute['auth-token'], 1, 'still one login');
    for (const r of replicas) assert.doesNotMatch(r.proc.output(), /upstream answered 429/);
    assert.ok(
      duringOutage.some((a) => a.status === 200),
      'answers kept coming without Redis',
    );
  });

  it('Varnish honours Cache-Control, ETag and Vary', async () => {
    const path = `${media}/?limit=3&page=1`;
    const origin = {origin: ALLOWED_ORIGIN};
    const first = await get(front.url, path, origin);
    const second = await get(front.url, path, origin);
    assert.equal(second.status, 200);
    assert.equal(second.headers.get('x-front-cache'), 'HIT');
    assert.equal(second.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    const etag = first.headers.get('etag')!;
    const revalidated = await get(front.url, path, {...origin, 'if-none-match': etag});
    assert.equal(revalidated.status, 304, 'a 304 from the front');
    // Vary: Origin: another origin never gets the copy cached for the allowed one.
    const other = await get(front.url, path, {origin: 'https://elsewhere.example'});
    assert.equal(other.status, 403);
    // Varnish's workers add their counts to the shared counters in batches: wait for them.
    let hits = await front.hits();
    for (const deadline = Date.now() + 5_000; hits === 0 && Date.now() < deadline;) {
      await new Promise((done) => setTimeout(done, 200));
      hits = await front.hits();
    }
    figures['varnishHits'] = hits;
    assert.ok(hits > 0, `varnishstat counts ${hits} hits`);
  });
});

/** 120 list pages, 20 group-list pages and 60 media ids taken from the first list chunk. */
async function loadKeys(): Promise<string[]> {
  const pages: string[] = [];
  for (let limit = 1; pages.length < 120; limit++) {
    for (let page = 1; page <= 4 && pages.length < 120; page++) {
      pages.push(`${media}/?limit=${limit}&page=${page}`);
    }
  }
  const lists = Array.from({length: 20}, (_, i) => `${groups}/?limit=${i + 1}&page=1`);
  const chunk = await fetch(`${replicas[0]!.url}${media}/?limit=100&page=1`);
  assert.equal(chunk.status, 200);
  const body = (await chunk.json()) as {
    medias: {id: string; publish_geo_rule?: string[] | null}[];
  };
  const ids = body.medias
    .filter(
      (m) =>
        !([FIXTURE_IDS.reference, FIXTURE_IDS.live, FIXTURE_IDS.geoBlocked] as string[]).includes(
          m.id,
        ),
    )
    .filter((m) => !m.publish_geo_rule?.length || m.publish_geo_rule.includes('jp'))
    .map((m) => `${media}/${m.id}`);
  return [...pages, ...lists, ...ids.slice(0, 60)];
}

/** SIGKILL the third replica while it holds the lock of a miss upstream is slow to answer. */
async function killHoldingLock() {
  const path = `${media}/${FIXTURE_IDS.live}`;
  mock.catalog.addFault({kind: 'slow', pathIncludes: FIXTURE_IDS.live, delayMs: 4_000, times: 1});
  const victim = replicas[2]!;
  const before = mock.catalog.stats().byRoute['get-media'];
  void get(victim.url, path).catch(() => undefined);
  const deadline = Date.now() + 5_000;
  while (mock.catalog.stats().byRoute['get-media'] === before && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  victim.alive = false;
  victim.proc.child.kill('SIGKILL');
  const t0 = Date.now();
  const answers = await Promise.all(
    Array.from({length: 10}, (_, i) => get(replicas[i % 2]!.url, path, visitor(i))),
  );
  const ms = Date.now() - t0;
  assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
  assert.ok(ms < LEASE_MS + 1_500, `the others answered after ${ms} ms`);
  return {othersAnsweredAfterMs: ms};
}

async function restartRedis() {
  const from = Date.now();
  await redis.stop();
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  const health = await fetch(`${live()[0]!.url}/healthz`);
  assert.equal(health.status, 200, 'still 200: a balancer must not drain every replica');
  assert.equal(((await health.json()) as {status: string}).status, 'degraded');
  await redis.start();
  return {from, to: Date.now()};
}

async function backToOk() {
  const deadline = Date.now() + 10_000;
  for (const r of live()) {
    let status = '';
    while (status !== 'ok' && Date.now() < deadline) {
      status = ((await (await fetch(`${r.url}/healthz`)).json()) as {status: string}).status;
      if (status !== 'ok') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(status, 'ok', `${r.url} back to ok after Redis returned`);
  }
}
