// `npm start`, after `npm run build`: the demo stack on localhost until Ctrl+C.
// Ports: MOCK_PORT (8787), DEMO_PORT (8000); HOST (127.0.0.1).
import {startDemo} from './demo-server.js';

const stack = await startDemo({
  host: process.env.HOST ?? '127.0.0.1',
  mockPort: Number(process.env.MOCK_PORT ?? 8787),
  demoPort: Number(process.env.DEMO_PORT ?? 8000),
});

console.log(`
  Mock Catalog API  ${stack.apiBase}
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
