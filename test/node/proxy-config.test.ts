// Configuration from the environment, the CLI, and option checks: every problem is named,
// no secret is ever printed.
import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {main} from '../../src/cli.js';
import {startMockServer} from '../../src/mock/index.js';
import {parseProxyArgs, proxyCommand} from '../../src/proxy/cli.js';
import {
  createCatalogProxy,
  loadProxyConfig,
  ProxyConfigError,
  type ProxyEnv,
} from '../../src/proxy/index.js';
import {
  assertNoSecretsLeaked,
  rawRequest,
  recordForScan,
  SECRETS,
} from './helpers/proxy-harness.js';

const ENV: ProxyEnv = Object.freeze({
  SMARTSTREAM_API_BASE: 'https://ovp-s-api.smartstream.ne.jp',
  SMARTSTREAM_API_KEY: SECRETS.apiKey,
  SMARTSTREAM_MAIL_ADDRESS: SECRETS.mail,
  SMARTSTREAM_PASSWORD: SECRETS.password,
  SMARTSTREAM_MERCHANTS: 'nttsmc, acme',
  SMARTSTREAM_ALLOWED_ORIGINS: 'https://www.example.com,http://localhost:8000/',
});

after(() => assertNoSecretsLeaked());

/** The error `loadProxyConfig` throws for `env`, recorded for the secret scan. */
function configError(env: ProxyEnv): ProxyConfigError {
  try {
    loadProxyConfig(env);
  } catch (error) {
    assert.ok(error instanceof ProxyConfigError);
    recordForScan(error.message);
    return error;
  }
  assert.fail('expected a ProxyConfigError');
}

describe('loadProxyConfig', () => {
  it('reads a complete environment, with defaults for the rest', () => {
    const config = loadProxyConfig(ENV);
    assert.equal(config.apiBase, 'https://ovp-s-api.smartstream.ne.jp');
    assert.equal(config.apiKey, SECRETS.apiKey);
    assert.deepEqual(config.credentials, {mail_address: SECRETS.mail, password: SECRETS.password});
    assert.deepEqual(config.merchants, ['nttsmc', 'acme']);
    assert.deepEqual(config.allowedOrigins, ['https://www.example.com', 'http://localhost:8000']);
    assert.deepEqual(config.cache, {
      ttlMs: 60_000,
      staleWhileRevalidateMs: 600_000,
      staleIfErrorMs: 86_400_000,
      negativeTtlMs: 30_000,
      maxEntries: 1000,
      maxBytes: 64 * 2 ** 20,
      staleDeadlineMs: 1000,
    });
    assert.equal(config.budgetPerMinute, 50);
    assert.equal(config.clientBudgetPerMinute, undefined, 'a fifth of the budget');
    assert.equal(config.trustProxy, false);
    assert.equal(config.budgetRampMs, 60_000);
    assert.equal(config.maxUpstreamPauseMs, 60_000);
    assert.equal(config.headersTimeoutMs, 10_000);
    assert.equal(config.requestTimeoutMs, 30_000);
    assert.equal(config.keepAliveTimeoutMs, 5_000);
    assert.equal(config.maxConnections, 1000);
    assert.equal(config.shutdownGraceMs, 10_000);
    assert.equal(config.upstreamTimeoutMs, 8000);
    assert.equal(config.port, 8788);
    assert.equal(config.host, '127.0.0.1');
  });

  it('reads the optional settings', () => {
    const config = loadProxyConfig({
      ...ENV,
      SMARTSTREAM_ALLOWED_ORIGINS: '*',
      SMARTSTREAM_CACHE_TTL: '30',
      SMARTSTREAM_CACHE_STALE: '120',
      SMARTSTREAM_CACHE_STALE_IF_ERROR: '3600',
      SMARTSTREAM_CACHE_NEGATIVE_TTL: '10',
      SMARTSTREAM_CACHE_MAX_ENTRIES: '5000',
      SMARTSTREAM_BUDGET_PER_MINUTE: '40',
      SMARTSTREAM_UPSTREAM_TIMEOUT_MS: '3000',
      SMARTSTREAM_CACHE_MAX_MB: '16',
      SMARTSTREAM_STALE_DEADLINE_MS: '500',
      SMARTSTREAM_CLIENT_BUDGET_PER_MINUTE: '4',
      SMARTSTREAM_TRUST_PROXY: '1',
      SMARTSTREAM_BUDGET_RAMP_MS: '0',
      SMARTSTREAM_MAX_UPSTREAM_PAUSE_MS: '120000',
      SMARTSTREAM_HEADERS_TIMEOUT_MS: '2000',
      SMARTSTREAM_REQUEST_TIMEOUT_MS: '4000',
      SMARTSTREAM_KEEP_ALIVE_TIMEOUT_MS: '1000',
      SMARTSTREAM_MAX_CONNECTIONS: '250',
      SMARTSTREAM_SHUTDOWN_GRACE_MS: '3000',
      PORT: '0',
      HOST: '0.0.0.0',
    });
    assert.equal(config.allowedOrigins, '*');
    assert.deepEqual(config.cache, {
      ttlMs: 30_000,
      staleWhileRevalidateMs: 120_000,
      staleIfErrorMs: 3_600_000,
      negativeTtlMs: 10_000,
      maxEntries: 5000,
      maxBytes: 16 * 2 ** 20,
      staleDeadlineMs: 500,
    });
    assert.equal(config.budgetPerMinute, 40);
    assert.equal(config.clientBudgetPerMinute, 4);
    assert.equal(config.trustProxy, true);
    assert.equal(config.budgetRampMs, 0);
    assert.equal(config.maxUpstreamPauseMs, 120_000);
    assert.equal(config.headersTimeoutMs, 2000);
    assert.equal(config.requestTimeoutMs, 4000);
    assert.equal(config.keepAliveTimeoutMs, 1000);
    assert.equal(config.maxConnections, 250);
    assert.equal(config.shutdownGraceMs, 3000);
    assert.equal(config.upstreamTimeoutMs, 3000);
    assert.equal(config.port, 0);
    assert.equal(config.host, '0.0.0.0');
  });

  it('names every missing variable at once', () => {
    const error = configError({});
    for (const name of Object.keys(ENV))
      assert.match(error.message, new RegExp(`${name} is missing`));
    assert.equal(error.problems.length, 6);
  });

  it('treats a blank value as missing', () => {
    const error = configError({...ENV, SMARTSTREAM_PASSWORD: '  '});
    assert.deepEqual(error.problems, ['SMARTSTREAM_PASSWORD is missing.']);
  });

  const MALFORMED: Array<[string, string, RegExp]> = [
    ['SMARTSTREAM_API_BASE', 'not a url', /is not an absolute URL/],
    ['SMARTSTREAM_API_BASE', 'ftp://files.example', /http\(s\)/],
    [
      'SMARTSTREAM_API_BASE',
      `https://user:${SECRETS.password}@api.example`,
      /user name or password/,
    ],
    ['SMARTSTREAM_API_BASE', 'https://api.example/?key=1', /query/],
    ['SMARTSTREAM_API_BASE', 'http://api.example.com', /must use https/],
    ['SMARTSTREAM_API_KEY', `${SECRETS.apiKey} x`, /printable ASCII/],
    ['SMARTSTREAM_API_KEY', 'short', /too short/],
    ['SMARTSTREAM_MAIL_ADDRESS', 'vault.keeper.secret-mail.example', /not a mail address/],
    ['SMARTSTREAM_PASSWORD', 'pw1', /too short/],
    ['SMARTSTREAM_MERCHANTS', 'nttsmc,bad id', /"bad id"/],
    ['SMARTSTREAM_MERCHANTS', ',', /lists no merchant/],
    ['SMARTSTREAM_ALLOWED_ORIGINS', 'https://www.example.com/shop', /scheme, host and port only/],
    ['SMARTSTREAM_ALLOWED_ORIGINS', 'www.example.com', /scheme, host and port only/],
    ['SMARTSTREAM_CACHE_TTL', '-1', /integer from 0/],
    ['SMARTSTREAM_CACHE_STALE', 'ten', /integer from 0/],
    ['SMARTSTREAM_CACHE_STALE_IF_ERROR', '1.5', /integer from 0/],
    ['SMARTSTREAM_CACHE_NEGATIVE_TTL', '9999999', /integer from 0/],
    ['SMARTSTREAM_CACHE_MAX_ENTRIES', '0', /integer from 1/],
    ['SMARTSTREAM_BUDGET_PER_MINUTE', '0', /integer from 1/],
    ['SMARTSTREAM_UPSTREAM_TIMEOUT_MS', '10', /integer from 100/],
    ['PORT', '70000', /integer from 0 to 65535/],
  ];
  for (const [name, value, expected] of MALFORMED) {
    // The value stays out of the test's name: the name is output, and some values are secrets.
    it(`refuses a malformed ${name} (${expected.source}), naming it`, () => {
      const error = configError({...ENV, [name]: value});
      assert.equal(error.problems.length, 1, error.message);
      assert.ok(error.problems[0]!.startsWith(name), error.problems[0]);
      assert.match(error.problems[0]!, expected);
    });
  }

  it('never prints a secret, even a malformed one', () => {
    const secretValues = ['sk live with spaces 123', 'not-a-mail-but-secret', 'pw!'];
    const error = configError({
      ...ENV,
      SMARTSTREAM_API_KEY: secretValues[0],
      SMARTSTREAM_MAIL_ADDRESS: secretValues[1],
      SMARTSTREAM_PASSWORD: secretValues[2],
      SMARTSTREAM_API_BASE: `https://${SECRETS.mail}:${SECRETS.password}@api.example`,
    });
    assert.equal(error.problems.length, 4);
    for (const secret of [...secretValues, SECRETS.mail, SECRETS.password]) {
      assert.ok(!error.message.includes(secret), `message shows ${secret}`);
    }
  });

  it('accepts plain http for a non-local API base only when told to', () => {
    const config = loadProxyConfig({
      ...ENV,
      SMARTSTREAM_API_BASE: 'http://mock:8787',
      SMARTSTREAM_ALLOW_HTTP_UPSTREAM: '1',
    });
    assert.equal(config.apiBase, 'http://mock:8787');
    assert.equal(
      loadProxyConfig({...ENV, SMARTSTREAM_API_BASE: 'http://127.0.0.1:8787'}).port,
      8788,
    );
  });
});

describe('createCatalogProxy options', () => {
  const base = {
    apiBase: 'https://api.example',
    apiKey: SECRETS.apiKey,
    credentials: {mail_address: SECRETS.mail, password: SECRETS.password},
    merchants: ['nttsmc'],
    allowedOrigins: '*' as const,
  };

  it('names a bad option without quoting a secret', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{apiBase: `https://u:${SECRETS.password}@api.example`}, /apiBase/],
      [{apiKey: `${SECRETS.apiKey}\n`}, /apiKey/],
      [{credentials: {mail_address: SECRETS.mail}}, /credentials/],
      [{merchants: []}, /merchants/],
      [{merchants: ['a/b']}, /merchants/],
      [{allowedOrigins: 'https://x.example'}, /allowedOrigins/],
      [{budgetPerMinute: 0}, /budgetPerMinute/],
      [{cache: {ttlMs: -1}}, /cache\.ttlMs/],
    ];
    for (const [patch, expected] of cases) {
      assert.throws(
        () => createCatalogProxy({...base, ...patch} as Parameters<typeof createCatalogProxy>[0]),
        (error: Error) => {
          recordForScan(error.message);
          assert.match(error.message, expected);
          return true;
        },
      );
    }
  });
});

describe('smartstream-widgets proxy', () => {
  /** Runs `body` with stdout captured; returns what was written. */
  async function captureStdout(body: () => Promise<void>): Promise<string> {
    const write = process.stdout.write.bind(process.stdout);
    let text = '';
    // Text is ours (usage, banner, console logs); bytes are the test runner's own protocol.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      if (typeof chunk !== 'string') return write(chunk, ...rest);
      text += chunk;
      return true;
    }) as typeof process.stdout.write;
    try {
      await body();
    } finally {
      process.stdout.write = write;
    }
    recordForScan(text);
    return text;
  }

  it('lets --port and --host win over PORT and HOST', () => {
    const parsed = parseProxyArgs(['--port', '9999', '--host', '::1'], {
      ...ENV,
      PORT: '1234',
      HOST: 'x',
    });
    assert.equal(parsed.help, false);
    if (!parsed.help) {
      assert.equal(parsed.config.port, 9999);
      assert.equal(parsed.config.host, '::1');
    }
    const trusting = parseProxyArgs(['--trust-proxy'], ENV);
    assert.equal(!trusting.help && trusting.config.trustProxy, true);
    const plain = parseProxyArgs([], ENV);
    assert.equal(!plain.help && plain.config.trustProxy, false);
    assert.throws(() => parseProxyArgs(['--bogus'], ENV), /bogus/);
    assert.throws(() => parseProxyArgs(['--port', 'x'], ENV), /PORT must be an integer/);
  });

  it('prints its usage for --help, through the bin dispatcher too', async () => {
    const text = await captureStdout(() => main(['proxy', '--help']));
    assert.match(text, /smartstream-widgets proxy \[--port 8788\] \[--host 127\.0\.0\.1\]/);
    assert.match(text, /SMARTSTREAM_ALLOWED_ORIGINS/);
    assert.match(await captureStdout(() => main(['--help'])), /proxy/);
  });

  it('stops with the named problem when the environment is incomplete', async () => {
    const env = {...ENV, SMARTSTREAM_API_KEY: undefined};
    await assert.rejects(proxyCommand([], env), (error: Error) => {
      recordForScan(error.message);
      assert.match(error.message, /SMARTSTREAM_API_KEY is missing/);
      return true;
    });
  });

  it('starts in front of the mock and says where, without a secret', async () => {
    const mock = await startMockServer({
      port: 0,
      apiKey: SECRETS.apiKey,
      mailAddress: SECRETS.mail,
      password: SECRETS.password,
    });
    let server: Awaited<ReturnType<typeof proxyCommand>>;
    try {
      // Captured throughout: the proxy logs to the console by default, and that is scanned too.
      const text = await captureStdout(async () => {
        server = await proxyCommand(['--port', '0'], {
          ...ENV,
          SMARTSTREAM_API_BASE: mock.url,
          SMARTSTREAM_MERCHANTS: 'nttsmc',
        });
        const response = await rawRequest(server!.url, '/v1/merchants/nttsmc/medias/?limit=1');
        assert.equal(response.status, 200);
        assert.equal(response.json<{medias: unknown[]}>().medias.length, 1);
      });
      assert.match(text, /SmartSTREAM catalog proxy on http:\/\/127\.0\.0\.1:\d+/);
      assert.match(text, /merchants: +nttsmc/);
      assert.match(text, /requesting an upstream token/);
    } finally {
      await server?.close();
      await mock.close();
    }
  });
});
