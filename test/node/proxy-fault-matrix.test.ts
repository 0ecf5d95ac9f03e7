// Every upstream fault kind × cache state: the client-visible status, body code,
// Cache-Control, Retry-After and time to answer are what docs/proxy-hardening.md says (both
// come from fault-matrix.data.ts), and nothing that was not a success is cached as one.
import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import type {ServerResponse} from 'node:http';
import {after, describe, it} from 'node:test';
import {format} from 'prettier';
import {FIXTURE_IDS, type FaultRule} from '../../src/mock/index.js';
import {
  CACHE_STATES,
  expected,
  FAULT_KINDS,
  MATRIX_END,
  MATRIX_START,
  renderFaultMatrix,
  type CacheState,
  type FaultKind,
} from './fault-matrix.data.js';
import {sendJson, startStub, type Stub, type StubRequest} from './helpers/stub-upstream.js';
import {assertNoSecretsLeaked, M, startHarness, type Harness} from './helpers/proxy-harness.js';

const DOCS = new URL('../../docs/proxy-hardening.md', import.meta.url);
const TTL_S = 300;
const SWR_S = 600;
/** Short, so that the whole matrix stays bounded; the table speaks of them by name. */
const TIMEOUT_MS = 1_000;
const DEADLINE_MS = 400;
const KEYS: Record<CacheState, string> = {
  'cold key': FIXTURE_IDS.scheduledLive,
  fresh: FIXTURE_IDS.reference,
  'stale-while-revalidate': FIXTURE_IDS.live,
  'stale-if-error': FIXTURE_IDS.withRefId,
};
const path = (state: CacheState) => `/v1/merchants/${M}/medias/${KEYS[state]}`;

after(() => assertNoSecretsLeaked());

/** Faults the mock makes itself. */
const MOCK_FAULTS: Partial<Record<FaultKind, FaultRule>> = {
  '500': {kind: 'status', status: 500},
  '502 HTML': {kind: 'html', status: 502},
  'malformed JSON': {kind: 'malformed-json'},
  reset: {kind: 'reset'},
  hang: {kind: 'hang'},
  '429, Retry-After huge': {kind: 'status', status: 429, retryAfter: 1e9},
  '429, Retry-After 0': {kind: 'status', status: 429, retryAfter: 0},
  'token 4xx': {kind: 'status', status: 404, route: 'auth-token'},
  'token 5xx': {kind: 'status', status: 500, route: 'auth-token'},
};

/**
 * A stub in front of the mock that passes everything through, except media reads while a
 * fault the mock cannot make (a wrong shape, a redirect, a Retry-After date) is on.
 */
async function startFront(mockUrl: string, clock: {proxy: number}) {
  const state: {fault?: FaultKind} = {};
  const stub = await startStub(async (request: StubRequest, res: ServerResponse) => {
    if (state.fault && request.method === 'GET' && /\/medias\/[0-9a-f]{32}$/.test(request.url)) {
      if (state.fault === 'wrong shape') return sendJson(res, 200, {count: 3, medias: []});
      if (state.fault === '3xx redirect') {
        res.writeHead(302, {location: `http://127.0.0.1:9${request.url}`});
        return void res.end();
      }
      const date = new Date(clock.proxy + 30_000).toUTCString();
      return sendJson(res, 429, {code: 'RATE_LIMITED'}, {'retry-after': date});
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        ([name]) => !['host', 'connection', 'content-length'].includes(name),
      ),
    ) as Record<string, string>;
    try {
      const upstream = await fetch(mockUrl + request.url, {
        method: request.method,
        headers,
        body: request.method === 'GET' ? undefined : request.body,
      });
      const passed: Record<string, string> = {};
      for (const name of ['content-type', 'retry-after']) {
        const value = upstream.headers.get(name);
        if (value !== null) passed[name] = value;
      }
      const bytes = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, passed);
      res.end(bytes);
    } catch {
      // The mock reset or hung up: so does the front.
      res.destroy();
    }
  });
  return {stub, state};
}

interface Run {
  h: Harness;
  front: Stub;
  etags: Partial<Record<CacheState, string>>;
}

/** Primes the three cached keys so that each is in its state when the fault begins. */
async function prime(h: Harness, front: Stub): Promise<Run> {
  const etags: Run['etags'] = {};
  const get = async (state: CacheState) => {
    const answer = await h.get(path(state));
    assert.equal(answer.status, 200, `priming ${state}`);
    etags[state] = answer.headers.etag;
  };
  await get('stale-if-error');
  h.advance((TTL_S + SWR_S + 100) * 1000);
  await get('stale-while-revalidate');
  h.advance((TTL_S + 100) * 1000);
  await get('fresh');
  // Past the token's refresh point (tokens live 120 s here): the fault meets a token request.
  h.advance(100_000);
  return {h, front, etags};
}

function checkCacheControl(value: string | undefined, kind: string, label: string) {
  const windows = `stale-while-revalidate=${SWR_S}, stale-if-error=86400`;
  if (kind === 'no-store') assert.equal(value, 'no-store', label);
  else if (kind === 'stale') assert.equal(value, `public, max-age=5, ${windows}`, label);
  else assert.match(value ?? '', new RegExp(`^public, max-age=\\d+, ${windows}$`), label);
}

function checkTime(ms: number, time: string, label: string) {
  const bounds: Record<string, [number, number]> = {
    'at once': [0, DEADLINE_MS],
    'stale deadline': [DEADLINE_MS - 50, TIMEOUT_MS],
    '2 × time-out': [2 * TIMEOUT_MS - 50, 4 * TIMEOUT_MS],
  };
  const [min, max] = bounds[time]!;
  assert.ok(ms >= min && ms < max, `${label}: ${Math.round(ms)} ms, expected ${time}`);
}

async function runKind(kind: FaultKind) {
  let front: Awaited<ReturnType<typeof startFront>> | undefined;
  const h = await startHarness({
    mock: {tokenTtlMs: 120_000},
    proxy: {
      upstreamTimeoutMs: TIMEOUT_MS,
      cache: {
        ttlMs: TTL_S * 1000,
        staleWhileRevalidateMs: SWR_S * 1000,
        staleDeadlineMs: DEADLINE_MS,
      },
    },
    beforeProxy: async (mock, harnessClock) => {
      front = await startFront(mock.url, harnessClock);
      return {apiBase: front.stub.url};
    },
  });
  try {
    const run = await prime(h, front!.stub);
    const rule = MOCK_FAULTS[kind];
    if (rule) h.mock.catalog.addFault({route: 'get-media', ...rule, times: Infinity});
    else front!.state.fault = kind;
    for (const state of CACHE_STATES) {
      const want = expected(kind, state);
      const label = `${kind} × ${state}`;
      const t0 = performance.now();
      const answer = await h.get(path(state));
      checkTime(performance.now() - t0, want.time, label);
      assert.equal(answer.status, want.status, label);
      assert.equal(answer.headers['x-cache'], want.xCache ?? 'MISS', label);
      checkCacheControl(answer.headers['cache-control'], want.cacheControl, label);
      if (want.code) assert.equal(answer.json().code, want.code, label);
      if (want.retryAfter) assert.equal(answer.headers['retry-after'], want.retryAfter, label);
      if (want.status === 200)
        assert.equal(answer.headers.etag, run.etags[state], `${label}: same copy`);
    }
    // Nothing cached as a success that was not one: the cold key has no answer, the others
    // still have the copy they were primed with.
    const health = h.proxy.proxy.health();
    assert.equal(health.caches.answers.entries, 3, `${kind}: only the primed answers`);
    for (const state of CACHE_STATES.slice(1)) {
      const again = await h.get(path(state));
      assert.equal(again.status, 200, `${kind} × ${state}, asked again`);
      assert.equal(again.headers.etag, run.etags[state], `${kind} × ${state}, asked again`);
    }
  } finally {
    await h.close();
    await front?.stub.close();
  }
}

describe('the fault matrix', () => {
  for (const kind of FAULT_KINDS) {
    it(`${kind}: each cache state answers as documented`, {timeout: 20_000}, () => runKind(kind));
  }

  it('the docs hold the same table', async () => {
    const table = (await format(renderFaultMatrix(), {parser: 'markdown'})).trim();
    const docs = await readFile(DOCS, 'utf8');
    if (process.env.UPDATE_DOCS) {
      const start = docs.indexOf(MATRIX_START);
      const end = docs.indexOf(MATRIX_END) + MATRIX_END.length;
      await writeFile(DOCS, docs.slice(0, start) + table + docs.slice(end));
      return;
    }
    assert.ok(docs.includes(table), 'docs/proxy-hardening.md: run with UPDATE_DOCS=1');
  });
});
