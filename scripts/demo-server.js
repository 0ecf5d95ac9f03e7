// The demo stack `npm start` and `npm run screenshots` run, from the built dist/:
// the mock Catalog API, then the demo pages served by @web/dev-server.
import {startDevServer} from '@web/dev-server';
import {startMockServer} from '../dist/mock/index.js';

/** The address the demo pages name the catalog by, so they also work as static files. */
export const DEFAULT_API_BASE = 'http://127.0.0.1:8787';

/**
 * Starts the stack. Ports of 0 pick free ones; the pages are rewritten to the real catalog
 * address when it differs from DEFAULT_API_BASE.
 */
export async function startDemo({
  host = '127.0.0.1',
  mockPort = 8787,
  demoPort = 8000,
  quiet = false,
} = {}) {
  const mock = await startMockServer({host, port: mockPort, auth: false, rateLimit: 0});
  const apiBase = mock.url;
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
          if (
            ctx.path.startsWith('/demo/') &&
            ctx.response.is('html') &&
            apiBase !== DEFAULT_API_BASE
          ) {
            const body = typeof ctx.body === 'string' ? ctx.body : await streamToString(ctx.body);
            ctx.body = body.replaceAll(DEFAULT_API_BASE, apiBase);
          }
        },
      ],
      ...(quiet ? {logger: undefined} : {}),
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const demoUrl = `http://${host}:${demo.server.address().port}`;
  return {
    apiBase,
    demoUrl,
    mock,
    async stop() {
      await Promise.allSettled([demo.stop(), mock.close()]);
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
