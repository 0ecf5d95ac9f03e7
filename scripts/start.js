// `npm start`, after `npm run build`: the demo stack on localhost until Ctrl+C.
// Ports: MOCK_PORT (8787), PROXY_PORT (8788), DEMO_PORT (8000); HOST (127.0.0.1).
// ALLOWED_ORIGINS: comma-separated origins of other pages that may use the proxy.
import {startDemo} from './demo-server.js';

const extraOrigins = (process.env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);
for (const origin of extraOrigins) {
  let parsed;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.origin !== origin) {
    console.error(
      `ALLOWED_ORIGINS: ${JSON.stringify(origin)} is not an origin such as http://localhost:5173.`,
    );
    process.exit(1);
  }
}

let stack;
try {
  stack = await startDemo({
    host: process.env.HOST ?? '127.0.0.1',
    mockPort: Number(process.env.MOCK_PORT ?? 8787),
    proxyPort: Number(process.env.PROXY_PORT ?? 8788),
    demoPort: Number(process.env.DEMO_PORT ?? 8000),
    extraOrigins,
  });
} catch (error) {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.error(
    `Port ${error.port} is already in use. Stop what uses it, or choose other ports with ` +
      'MOCK_PORT, PROXY_PORT and DEMO_PORT (e.g. `MOCK_PORT=9787 npm start`).',
  );
  process.exit(1);
}

console.log(`
  Mock Catalog API  ${stack.mockUrl}  (auth on, 50 requests a minute)
  Caching proxy     ${stack.apiBase}  (holds the credentials; the pages talk only to it)
  Demo gallery      ${stack.demoUrl}/demo/index.html
  CMS page          ${stack.demoUrl}/demo/cms.html
  Embed builder     ${stack.demoUrl}/demo/builder.html
${extraOrigins.length ? `  Also allowed      ${extraOrigins.join(', ')}\n` : ''}
  Ctrl+C stops them.
`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stack.stop();
    process.exit(0);
  });
}
