import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {mockCommand, MOCK_USAGE, parseMockArgs} from '../../src/mock/cli.js';

async function captureStdout<T>(run: () => Promise<T>): Promise<{result: T; output: string}> {
  const write = process.stdout.write;
  let output = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    output += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    return {result: await run(), output};
  } finally {
    process.stdout.write = write;
  }
}

describe('mock CLI', () => {
  it('defaults to port 8787 on 127.0.0.1 with auth on', () => {
    const options = parseMockArgs([], {});
    assert.equal(options.port, 8787);
    assert.equal(options.host, '127.0.0.1');
    assert.equal(options.auth, true);
    assert.equal(options.faults, false);
    assert.equal(options.help, false);
    assert.equal(options.rateLimit, undefined);
  });

  it('reads every flag', () => {
    const options = parseMockArgs(
      [
        '--port=0',
        '--host',
        '0.0.0.0',
        '--no-auth',
        '--rate-limit',
        '10',
        '--faults',
        '--api-key',
        'k',
        '--mail-address',
        'a@b.c',
        '--password',
        'p',
        '--token-ttl',
        '5',
        '--country',
        'us',
      ],
      {},
    );
    assert.deepEqual(options, {
      help: false,
      port: 0,
      host: '0.0.0.0',
      auth: false,
      rateLimit: 10,
      faults: true,
      apiKey: 'k',
      mailAddress: 'a@b.c',
      password: 'p',
      tokenTtlMs: 5000,
      country: 'us',
    });
  });

  it('reads environment variables, and flags win over them', () => {
    const env = {
      MOCK_API_KEY: 'env-key',
      MOCK_MAIL_ADDRESS: 'env@example.com',
      MOCK_PASSWORD: 'env-pw',
      MOCK_RATE_LIMIT: '0',
      MOCK_FAULTS: '1',
      MOCK_AUTH: 'false',
      MOCK_PORT: '9000',
      MOCK_TOKEN_TTL: '60',
      MOCK_COUNTRY: 'gb',
    };
    const fromEnv = parseMockArgs([], env);
    assert.equal(fromEnv.apiKey, 'env-key');
    assert.equal(fromEnv.mailAddress, 'env@example.com');
    assert.equal(fromEnv.password, 'env-pw');
    assert.equal(fromEnv.rateLimit, 0);
    assert.equal(fromEnv.faults, true);
    assert.equal(fromEnv.auth, false);
    assert.equal(fromEnv.port, 9000);
    assert.equal(fromEnv.tokenTtlMs, 60_000);
    assert.equal(fromEnv.country, 'gb');
    const flagged = parseMockArgs(['--api-key', 'flag-key', '--port', '1234'], env);
    assert.equal(flagged.apiKey, 'flag-key');
    assert.equal(flagged.port, 1234);
  });

  it('rejects bad numbers and unknown flags', () => {
    assert.throws(() => parseMockArgs(['--port', 'abc'], {}), /--port/);
    assert.throws(() => parseMockArgs(['--rate-limit', '-1'], {}), /--rate-limit/);
    assert.throws(() => parseMockArgs(['--token-ttl', '0'], {}), /--token-ttl/);
    assert.throws(() => parseMockArgs(['--wat'], {}), /wat/);
  });

  it('prints help', async () => {
    const {output} = await captureStdout(() => mockCommand(['--help']));
    assert.equal(output, MOCK_USAGE);
    assert.match(output, /--no-auth/);
  });

  it('starts a server that answers with the printed credentials', async () => {
    const {result: server, output} = await captureStdout(() =>
      mockCommand(['--port', '0', '--api-key', 'cli-key', '--password', 'cli-pw']),
    );
    try {
      assert.match(output, new RegExp(`Mock SmartSTREAM Catalog API on ${server.url}`));
      assert.match(output, /API key: +cli-key/);
      assert.match(output, /password: +cli-pw/);
      const response = await fetch(`${server.url}/v1/merchants/nttsmc/auth-token/`, {
        method: 'POST',
        headers: {'x-streaks-api-key': 'cli-key', 'content-type': 'application/json'},
        body: JSON.stringify({mail_address: 'demo@example.com', password: 'cli-pw'}),
      });
      assert.equal(response.status, 200);
    } finally {
      await server.close();
    }
  });
});
