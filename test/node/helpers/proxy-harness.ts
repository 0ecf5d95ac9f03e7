// The proxy in front of the mock, both on free ports, with clocks the tests move by hand.
// Every response and log line is recorded, so each suite can check that no secret leaked.
import assert from 'node:assert/strict';
import {request as httpRequest} from 'node:http';
import {gunzipSync} from 'node:zlib';
import {startMockServer, type MockServerOptions} from '../../../src/mock/index.js';
import {startProxyServer, type ProxyServerOptions} from '../../../src/proxy/index.js';

/** Distinctive values, so a leak anywhere is unmistakable. */
export const SECRETS = Object.freeze({
  apiKey: 'sk-live-PROXYTEST-9f3e1c7a5b',
  mail: 'vault.keeper+proxytest@secret-mail.example',
  password: 'Pr0xy-Test-Passw0rd-5e9d!',
});
export const M = 'nttsmc';
export const ALLOWED_ORIGIN = 'https://shop.example';
export const START = Date.parse('2030-01-01T00:00:00Z');

export interface Recorded {
  status: number;
  statusMessage: string;
  headers: Record<string, string>;
  /** The body as a client reads it: gunzipped when it came gzipped. */
  body: string;
  /** The body's bytes as they came over the wire. */
  bytes: Buffer;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
}

/** Everything seen during a suite: every response (head and body) and every log line. */
const transcript: string[] = [];
/** Tokens the mock issued to the proxy during the suite. */
const issuedTokens = new Set<string>();

/**
 * A request with exactly this path (no client-side URL normalization, unlike `fetch`), so
 * tests can send `..`, encoded slashes and doubled slashes as an attacker would.
 */
export function rawRequest(base: string, path: string, init: RequestInit = {}): Promise<Recorded> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: init.method ?? 'GET',
        headers: init.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const headers: Record<string, string> = {};
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i]!.toLowerCase();
            headers[name] = headers[name]
              ? `${headers[name]}, ${res.rawHeaders[i + 1]}`
              : res.rawHeaders[i + 1]!;
          }
          // Decoded, so the secret scan of the transcript reads what a client would.
          const gzipped = headers['content-encoding'] === 'gzip' && bytes.length > 0;
          const body = (gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
          transcript.push(
            `${res.statusCode} ${res.statusMessage}\n${res.rawHeaders.join('\n')}\n\n${body}`,
          );
          resolve({
            status: res.statusCode!,
            statusMessage: res.statusMessage ?? '',
            headers,
            body,
            bytes,
            json: <T>() => JSON.parse(body) as T,
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export interface HarnessOptions {
  proxy?: Partial<ProxyServerOptions>;
  mock?: MockServerOptions;
  /** Runs once the mock listens (e.g. to start a stub in front of it); may change options. */
  beforeProxy?: (
    mock: {url: string},
    clock: {proxy: number; mock: number},
  ) => Promise<Partial<ProxyServerOptions>>;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The mock every suite starts: the secrets above, auth on, faults allowed, no rate limit. */
export const MOCK_OPTIONS = Object.freeze({
  port: 0,
  apiKey: SECRETS.apiKey,
  mailAddress: SECRETS.mail,
  password: SECRETS.password,
  rateLimit: 0,
  faults: true,
});

/** Starts a mock (auth on, faults allowed, no rate limit unless asked) and a proxy before it. */
export async function startHarness(options: HarnessOptions = {}) {
  const clock = {proxy: START, mock: START};
  const logs: string[] = [];
  const upstream: {url: string; method: string; headers: Headers}[] = [];
  const mock = await startMockServer({
    ...MOCK_OPTIONS,
    now: () => clock.mock,
    ...options.mock,
  });
  const record =
    (level: string) =>
    (message: string): void => {
      logs.push(`${level} ${message}`);
      transcript.push(message);
    };
  const proxy = await startProxyServer({
    apiBase: mock.url,
    apiKey: SECRETS.apiKey,
    credentials: {mail_address: SECRETS.mail, password: SECRETS.password},
    merchants: [M],
    allowedOrigins: [ALLOWED_ORIGIN],
    now: () => clock.proxy,
    retry: {retries: 1, baseDelayMs: 1, maxDelayMs: 1},
    // The whole budget at once: suites that test the start-up ramp ask for it.
    budgetRampMs: 0,
    // Every test request comes from 127.0.0.1: suites that test the per-client share ask for it.
    clientBudgetPerMinute: 10_000,
    log: {info: record('info'), warn: record('warn'), error: record('error')},
    fetch: async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      upstream.push({url, method: init?.method ?? 'GET', headers: new Headers(init?.headers)});
      const response = await fetch(input, init);
      if (url.includes('/auth-token') && response.ok) {
        const body = (await response.clone().json()) as {token: string};
        issuedTokens.add(body.token);
      }
      return response;
    },
    ...options.proxy,
    ...(await options.beforeProxy?.(mock, clock)),
  });

  return {
    mock,
    proxy,
    clock,
    logs,
    /** Requests the proxy sent upstream, as it sent them. */
    upstream,
    /** Moves both clocks. */
    advance(ms: number) {
      clock.proxy += ms;
      clock.mock += ms;
    },
    get(path: string, init: RequestInit = {}) {
      return rawRequest(proxy.url, path, init);
    },
    /** Upstream requests the mock counted for a route (or in all). */
    count(route?: 'auth-token' | 'get-media' | 'list-medias' | 'list-media-groups'): number {
      const stats = mock.catalog.stats();
      return route ? stats.byRoute[route] : stats.total;
    },
    /** Waits until background work reaches the mock (a refresh the client did not wait for). */
    async until(condition: () => boolean, what: string, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close() {
      await proxy.close(1000);
      await mock.close();
    },
  };
}

/** Fails when any response or log line of the suite so far carries one of the four secrets. */
export function assertNoSecretsLeaked(): void {
  assert.ok(transcript.length > 0, 'the suite recorded responses');
  const secrets = [SECRETS.apiKey, SECRETS.mail, SECRETS.password, ...issuedTokens];
  for (const text of transcript) {
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `a secret leaked into: ${text.slice(0, 300)}`);
    }
  }
}

/** Records text produced outside a harness (CLI output, error messages) for the secret scan. */
export function recordForScan(text: string): void {
  transcript.push(text);
}

/** Tokens issued during the suite (non-empty once the proxy has authenticated). */
export function tokensSeen(): ReadonlySet<string> {
  return issuedTokens;
}

/** A harness for one test, closed at its end however the test ends. */
export async function withHarness(
  options: HarnessOptions,
  body: (h: Harness) => Promise<void>,
): Promise<void> {
  const h = await startHarness(options);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}
