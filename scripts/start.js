// `npm start`, after `npm run build`: the demo stack on localhost until Ctrl+C.
// Ports: MOCK_PORT (8787), PROXY_PORT (8788), DEMO_PORT (8000); HOST (127.0.0.1).
import {startDemo} from './demo-server.js';

let stack;
try {
  stack = await startDemo({
    host: process.env.HOST ?? '127.0.0.1',
    mockPort: Number(process.env.MOCK_PORT ?? 8787),
    proxyPort: Number(process.env.PROXY_PORT ?? 8788),
    demoPort: Number(process.env.DEMO_PORT ?? 8000),
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

  Ctrl+C stops them.
`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stack.stop();
    process.exit(0);
  });
}
