// The demo stack `npm start` and `npm run screenshots` run, from the built dist/, in the
// production shape: the mock Catalog API (auth on, 50 requests a minute) behind the read-only
// caching proxy, which holds the credentials; the demo pages talk only to the proxy.
import {startDevServer} from '@web/dev-server';
import {startMockServer} from '../dist/mock/index.js';
import {startProxyServer} from '../dist/proxy/index.js';

// The mock's default credentials: the demo's "secrets" live only in this server process.
const CREDENTIALS = {
  apiKey: 'mock-api-key',
  mail_address: 'demo@example.com',
  password: 'demo-password',
};

/** The address the demo pages name the catalog by, so they also work as static files. */
export const DEFAULT_API_BASE = 'http://127.0.0.1:8787';

/**
 * Starts the stack. Ports of 0 pick free ones. `extraOrigins` are pages besides the demo's
 * that may use the proxy (an app of one's own on another port). The pages name the mock's default address (so
 * they also work as static files against `smartstream-widgets mock --no-auth`); here they are
 * rewritten to the proxy's.
 */
export async function startDemo({
  host = '127.0.0.1',
  mockPort = 8787,
  proxyPort = 8788,
  demoPort = 8000,
  extraOrigins = [],
  quiet = false,
} = {}) {
  const mock = await startMockServer({
    host,
    port: mockPort,
    apiKey: CREDENTIALS.apiKey,
    mailAddress: CREDENTIALS.mail_address,
    password: CREDENTIALS.password,
    rateLimit: 50,
  });
  let apiBase = '';
  const demo = await startDevServer({
    config: {
      rootDir: '.',
      hostname: host,
      port: demoPort,
      nodeResolve: true,
      clearTerminalOnReload: false,
      middleware: [
        async (ctx, next) => {
          if (ctx.path === '/') {
            ctx.redirect('/demo/index.html');
            return;
          }
          await next();
          if (ctx.path.startsWith('/demo/') && ctx.response.is('html')) {
            const body = typeof ctx.body === 'string' ? ctx.body : await streamToString(ctx.body);
            ctx.body = body.replaceAll(DEFAULT_API_BASE, apiBase);
          }
        },
      ],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const demoUrl = `http://${host}:${demo.server.address().port}`;
  const proxy = await startProxyServer({
    host,
    port: proxyPort,
    apiBase: mock.url,
    apiKey: CREDENTIALS.apiKey,
    credentials: {mail_address: CREDENTIALS.mail_address, password: CREDENTIALS.password},
    merchants: ['nttsmc', 'acme'],
    allowedOrigins: [demoUrl, demoUrl.replace('127.0.0.1', 'localhost'), ...extraOrigins],
    // The mock was started just now, so nothing spent its minute; and the one visitor of a demo
    // page is every client there is, so a per-client share would only refuse the demo itself.
    budgetRampMs: 0,
    clientBudgetPerMinute: 50,
    log: quiet ? {info() {}, warn() {}, error() {}} : console,
  });
  apiBase = proxy.url;
  return {
    apiBase,
    mockUrl: mock.url,
    demoUrl,
    mock,
    proxy,
    async stop() {
      await Promise.allSettled([demo.stop(), proxy.close(), mock.close()]);
    },
  };
}

async function streamToString(body) {
  if (!body) return '';
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  const chunks = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
