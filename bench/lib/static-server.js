// A small static file server for the bench pages: serves the repository root (dist/, demo/,
// bench/pages/) on a free port. HTML may be rewritten on the way out (the layout-shift part
// points the demo page at the mock it started).
import {createServer} from 'node:http';
import {readFile} from 'node:fs/promises';
import {extname, join, normalize, sep} from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Serves files under `root` on 127.0.0.1. `rewrite(url, text)` may change HTML bodies.
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function startStaticServer(root, {rewrite} = {}) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      let body = await readFile(file);
      if (rewrite && type.startsWith('text/html')) body = rewrite(url, body.toString('utf8'));
      response.writeHead(200, {'content-type': type, 'cache-control': 'no-store'}).end(body);
    } catch {
      response.writeHead(404, {'content-type': 'text/plain'}).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
