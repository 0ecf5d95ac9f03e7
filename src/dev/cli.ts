import {parseArgs} from 'node:util';
import {MOCK_DEFAULTS} from '../mock/catalog.js';
import {FIXTURE_IDS, MAIN_MERCHANT} from '../mock/fixtures.js';
import {startMockServer} from '../mock/index.js';
import {loadProxyConfig} from '../proxy/config.js';
import {startProxyServer} from '../proxy/server.js';
import type {RunningServer} from '../server/node-http.js';

export const DEV_USAGE = `Usage: smartstream-widgets dev [--allow-origin URL ...] [--port 8788] [--host 127.0.0.1]

Starts a development backend for an app that uses the widgets: the mock Catalog API
(auth on, as the real API) and the caching proxy in front of it, holding the mock's
credentials. Set the elements' api-base to the address it prints.

Options:
  --allow-origin URL  origin of your app's pages, e.g. http://localhost:5173 (repeatable;
                      default: http://localhost:5173 and http://localhost:3000)
  --port N            port of the proxy, the api-base (default 8788; 0 picks a free one)
  --host HOST         interface to bind (default 127.0.0.1)
  --no-auth           start the mock without auth, for pointing elements at it directly
  -h, --help          show this help
`;

const DEFAULT_ORIGINS = ['http://localhost:5173', 'http://localhost:3000'];

export interface DevOptions {
  allowOrigins: string[];
  port: number;
  host: string;
  auth: boolean;
}

/** Reads the flags; exported so tests need not start a server. */
export function parseDevArgs(argv: string[]): {help: true} | ({help: false} & DevOptions) {
  const {values} = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      'allow-origin': {type: 'string', multiple: true},
      port: {type: 'string'},
      host: {type: 'string'},
      'no-auth': {type: 'boolean'},
      help: {type: 'boolean', short: 'h'},
    },
  });
  if (values.help) return {help: true};
  const port = Number(values.port ?? 8788);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number from 0 to 65535; got "${values.port}"`);
  }
  return {
    help: false,
    allowOrigins: values['allow-origin'] ?? DEFAULT_ORIGINS,
    port,
    host: values.host ?? '127.0.0.1',
    auth: !values['no-auth'],
  };
}

/**
 * Starts the mock on a free port and the proxy in front of it, wired with the mock's
 * credentials, through the same configuration checks as `smartstream-widgets proxy`.
 */
export async function startDevBackend(
  options: DevOptions,
  log: Pick<Console, 'info' | 'warn' | 'error'> = console,
): Promise<RunningServer & {mockUrl: string}> {
  const mock = await startMockServer({host: options.host, port: 0, auth: options.auth});
  try {
    const config = loadProxyConfig({
      SMARTSTREAM_API_BASE: mock.url,
      SMARTSTREAM_API_KEY: MOCK_DEFAULTS.apiKey,
      SMARTSTREAM_MAIL_ADDRESS: MOCK_DEFAULTS.mailAddress,
      SMARTSTREAM_PASSWORD: MOCK_DEFAULTS.password,
      SMARTSTREAM_MERCHANTS: `${MAIN_MERCHANT},acme`,
      SMARTSTREAM_ALLOWED_ORIGINS: options.allowOrigins.join(','),
      PORT: String(options.port),
      HOST: options.host,
      // A mock started just now has spent nothing, and the one developer is every client there is.
      SMARTSTREAM_BUDGET_RAMP_MS: '0',
      SMARTSTREAM_CLIENT_BUDGET_PER_MINUTE: '50',
    });
    const proxy = await startProxyServer({...config, log});
    return {
      url: proxy.url,
      port: proxy.port,
      mockUrl: mock.url,
      close: async () => {
        await Promise.allSettled([proxy.close(), mock.close()]);
      },
    };
  } catch (error) {
    await mock.close();
    throw error;
  }
}

/** `smartstream-widgets dev`: the backend, the api-base to use, and a snippet to paste. */
export async function devCommand(argv: string[]): Promise<RunningServer | undefined> {
  const parsed = parseDevArgs(argv);
  if (parsed.help) {
    process.stdout.write(DEV_USAGE);
    return undefined;
  }
  const backend = await startDevBackend(parsed);
  process.stdout.write(`SmartSTREAM development backend
  api-base:      ${backend.url}   (the caching proxy: use this in your elements)
  mock API:      ${backend.mockUrl}   (behind the proxy; auth ${parsed.auth ? 'on' : 'off'})
  allowed pages: ${parsed.allowOrigins.join(', ')}
  merchants:     ${MAIN_MERCHANT}, acme

Paste into a page of your app:

  <ss-media-list merchant="${MAIN_MERCHANT}" api-base="${backend.url}" limit="6"></ss-media-list>
  <ss-media-card merchant="${MAIN_MERCHANT}" api-base="${backend.url}" media-id="${FIXTURE_IDS.reference}"></ss-media-card>

Ctrl+C stops it.
`);
  const stop = () => {
    void backend.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    ...backend,
    close: async () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await backend.close();
    },
  };
}
