import {parseArgs} from 'node:util';
import type {RunningServer} from '../server/node-http.js';
import {MOCK_DEFAULTS} from './catalog.js';
import {FIXTURE_IDS, MAIN_MERCHANT} from './fixtures.js';
import {startMockServer, type MockServerOptions} from './index.js';

export const MOCK_USAGE = `Usage: smartstream-widgets mock [options]

Serves the mock SmartSTREAM Catalog API.

Options:
  --port N            port to listen on (default 8787; 0 picks a free one)   env MOCK_PORT
  --host HOST         interface to bind (default 127.0.0.1)                  env MOCK_HOST
  --no-auth           accept every catalog call without API key or token    env MOCK_AUTH=0
  --rate-limit N      requests per minute per API key, 0 = unlimited (default 50)
                                                                             env MOCK_RATE_LIMIT
  --faults            allow fault injection through POST /__mock/faults      env MOCK_FAULTS=1
  --api-key KEY       expected X-Streaks-Api-Key (default mock-api-key)      env MOCK_API_KEY
  --mail-address A    accepted mail_address (default demo@example.com)       env MOCK_MAIL_ADDRESS
  --password P        accepted password (default demo-password)              env MOCK_PASSWORD
  --token-ttl S       token lifetime in seconds (default 3600)               env MOCK_TOKEN_TTL
  --country CC        caller's country for GEO_RULE (default jp)             env MOCK_COUNTRY
  -h, --help          show this help

Flags win over environment variables.
`;

function integer(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}; got "${raw}"`);
  }
  return value;
}

function flag(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
}

/** Parses flags and env into server options; exported so tests need not start a server. */
export function parseMockArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): MockServerOptions & {help: boolean} {
  const {values} = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: {type: 'string'},
      host: {type: 'string'},
      'no-auth': {type: 'boolean'},
      'rate-limit': {type: 'string'},
      faults: {type: 'boolean'},
      'api-key': {type: 'string'},
      'mail-address': {type: 'string'},
      password: {type: 'string'},
      'token-ttl': {type: 'string'},
      country: {type: 'string'},
      help: {type: 'boolean', short: 'h'},
    },
  });
  const ttl = integer('--token-ttl', values['token-ttl'] ?? env.MOCK_TOKEN_TTL, 1);
  return {
    help: values.help ?? false,
    port: integer('--port', values.port ?? env.MOCK_PORT, 0) ?? 8787,
    host: values.host ?? (env.MOCK_HOST || '127.0.0.1'),
    auth: values['no-auth'] ? false : (flag(env.MOCK_AUTH) ?? true),
    rateLimit: integer('--rate-limit', values['rate-limit'] ?? env.MOCK_RATE_LIMIT, 0),
    faults: values.faults ?? flag(env.MOCK_FAULTS) ?? false,
    apiKey: values['api-key'] ?? (env.MOCK_API_KEY || undefined),
    mailAddress: values['mail-address'] ?? (env.MOCK_MAIL_ADDRESS || undefined),
    password: values.password ?? (env.MOCK_PASSWORD || undefined),
    tokenTtlMs: ttl === undefined ? undefined : ttl * 1000,
    country: values.country ?? (env.MOCK_COUNTRY || undefined),
  };
}

/** `smartstream-widgets mock`: starts the server and prints where it is and how to call it. */
export async function mockCommand(argv: string[]): Promise<RunningServer> {
  const {help, ...options} = parseMockArgs(argv);
  if (help) {
    process.stdout.write(MOCK_USAGE);
    return {url: '', port: 0, close: async () => {}};
  }
  const server = await startMockServer(options);
  const apiKey = options.apiKey ?? MOCK_DEFAULTS.apiKey;
  const base = `${server.url}/v1/merchants/${MAIN_MERCHANT}`;
  const lines = [
    `Mock SmartSTREAM Catalog API on ${server.url}`,
    options.auth === false
      ? '  auth:         off (no API key or token needed)'
      : [
          `  API key:      ${apiKey}`,
          `  mail_address: ${options.mailAddress ?? MOCK_DEFAULTS.mailAddress}`,
          `  password:     ${options.password ?? MOCK_DEFAULTS.password}`,
          `  token TTL:    ${(options.tokenTtlMs ?? MOCK_DEFAULTS.tokenTtlMs) / 1000} s`,
        ].join('\n'),
    `  rate limit:   ${options.rateLimit === 0 ? 'off' : `${options.rateLimit ?? MOCK_DEFAULTS.rateLimit}/min`}`,
    `  faults:       ${options.faults ? 'on (POST /__mock/faults)' : 'off'}`,
    `  country:      ${options.country ?? MOCK_DEFAULTS.country}`,
    `  merchants:    ${MAIN_MERCHANT}, acme`,
    `  try:          curl ${base}/medias/?limit=3${options.auth === false ? '' : ` -H 'X-Streaks-Api-Key: ${apiKey}' -H 'Authorization: Bearer <token>'`}`,
    `  example id:   ${FIXTURE_IDS.reference}`,
    `  stats:        ${server.url}/__mock/stats`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    url: server.url,
    port: server.port,
    close: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      return server.close();
    },
  };
}
