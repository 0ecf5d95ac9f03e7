// `npm start`, after `npm run build`: the mock Catalog API, then the demo pages on localhost.
// Ports: MOCK_PORT (8787) and DEMO_PORT (8000).
import {startDevServer} from '@web/dev-server';
import {startMockServer} from '../dist/mock/index.js';

const host = process.env.HOST ?? '127.0.0.1';
const mockPort = Number(process.env.MOCK_PORT ?? 8787);
const demoPort = Number(process.env.DEMO_PORT ?? 8000);
const DEFAULT_API_BASE = 'http://127.0.0.1:8787';

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
      // The pages name the catalog by its default address (so they also work as static files);
      // follow it when MOCK_PORT or HOST moved it.
      async (ctx, next) => {
        await next();
        if (ctx.path.startsWith('/demo/') && ctx.response.is('html')) {
          const body = typeof ctx.body === 'string' ? ctx.body : await streamToString(ctx.body);
          ctx.body = body.replaceAll(DEFAULT_API_BASE, apiBase);
        }
      },
      (ctx, next) => {
        if (ctx.path === '/') ctx.redirect('/demo/index.html');
        return next();
      },
    ],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});

const demoUrl = `http://${host}:${demo.config.port}`;
console.log(`
  Mock Catalog API  ${apiBase}
  Demo gallery      ${demoUrl}/demo/index.html
  CMS page          ${demoUrl}/demo/cms.html

  Ctrl+C stops both.
`);

async function streamToString(body) {
  if (!body) return '';
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  const chunks = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await Promise.allSettled([demo.stop(), mock.close()]);
    process.exit(0);
  });
}
