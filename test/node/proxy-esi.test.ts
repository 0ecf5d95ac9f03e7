// A CMS page behind a real Varnish (deploy/esi.vcl, ESI on) includes the proxy's fragment with
// <esi:include>: fetched as a browser with JavaScript off would, the page holds the gallery,
// and Chromium with JavaScript disabled shows its posters and titles. The same page with an
// SSI include behind a real nginx (deploy/nginx-ssi.conf) holds it too.
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {chmod, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {chromium, type Browser} from 'playwright-core';
import type {Media} from '../../src/client/index.js';
import {formatDuration} from '../../src/components/shared/format.js';
// @ts-expect-error -- a plain JavaScript module of the scripts
import {chromiumArgs, chromiumPath} from '../../scripts/engines.js';
import {
  findVarnishd,
  freePort,
  procfile,
  ROOT,
  startLine,
  waitForHttp,
  type Proc,
} from './helpers/topology.js';
import {M, startHarness, type Harness} from './helpers/proxy-harness.js';

const INCLUDE = `/render/ss-media-list?merchant=${M}&limit=12&lang=en&href=/watch/%7Bid%7D`;
/** The CMS's page, with the gallery's include as ESI or SSI writes it. */
const page = (include: string) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Videos</title></head>
  <body>
    <h1>Videos</h1>
    ${include}
  </body>
</html>`;
const ESI_PAGE = page(`<esi:include src="${INCLUDE}"/>`);
const SSI_PAGE = page(`<!--# include virtual="${INCLUDE}" -->`);

let h: Harness;
let cms: Server;
let front: Proc & {url: string};
let nginx: Proc & {url: string};
const dirs: string[] = [];
let first12: Media[];

/** The CMS: one page that includes the gallery, with ESI or (under /ssi/) SSI. */
async function startCms(): Promise<number> {
  cms = createServer((request, response) => {
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(request.url?.startsWith('/ssi/') ? SSI_PAGE : ESI_PAGE);
  });
  await new Promise<void>((resolve) => cms.listen(0, '127.0.0.1', resolve));
  return (cms.address() as {port: number}).port;
}

/** Varnish from the Procfile's line, running deploy/esi.vcl pointed at the CMS and the proxy. */
async function startFront(cmsPort: number, proxyPort: number) {
  const varnishd = findVarnishd();
  assert.ok(varnishd, 'varnishd is missing: run scripts/system-deps.sh');
  const dir = await workDir('ss-esi-');
  const vcl = (await readFile(join(ROOT, 'deploy/esi.vcl'), 'utf8'))
    .replace('.port = "8081"', `.port = "${cmsPort}"`)
    .replace('.port = "8788"', `.port = "${proxyPort}"`);
  await writeFile(join(dir, 'esi.vcl'), vcl);
  const port = await freePort();
  const proc = startLine((await procfile()).get('varnish')!, {
    PATH: `${join(varnishd, '..')}:${process.env['PATH'] ?? ''}`,
    VARNISH_DIR: join(dir, 'work'),
    VARNISH_VCL: join(dir, 'esi.vcl'),
    FRONT_PORT: String(port),
  });
  front = {...proc, url: `http://127.0.0.1:${port}`};
  await waitForHttp(`${front.url}/`, 15_000, proc);
}

/** A folder for a server's files, removed after the suite; writable by its workers. */
async function workDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  // Varnish and nginx work in it as their own unprivileged users.
  await chmod(dir, 0o777);
  dirs.push(dir);
  return dir;
}

/** nginx running deploy/nginx-ssi.conf's server block, pointed at the CMS and the proxy. */
async function startNginx(cmsPort: number, proxyPort: number) {
  const binary = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
  assert.ok(binary, 'nginx is missing: run scripts/system-deps.sh');
  const dir = await workDir('ss-ssi-');
  const port = await freePort();
  const server = (await readFile(join(ROOT, 'deploy/nginx-ssi.conf'), 'utf8'))
    .replace('/var/cache/nginx/smartstream', join(dir, 'cache'))
    .replace('listen 127.0.0.1:8080', `listen 127.0.0.1:${port}`)
    .replaceAll('127.0.0.1:8788', `127.0.0.1:${proxyPort}`)
    .replace('127.0.0.1:8081', `127.0.0.1:${cmsPort}`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `${name}_temp_path ${join(dir, name)};`)
    .join(' ');
  const conf = `daemon off; worker_processes 1; pid ${join(dir, 'nginx.pid')};
events {}
http { access_log off; ${temp}
${server}
}`;
  await writeFile(join(dir, 'nginx.conf'), conf);
  const proc = startLine(
    `exec ${binary} -p ${dir} -c ${join(dir, 'nginx.conf')} -e ${join(dir, 'error.log')}`,
    {},
  );
  nginx = {...proc, url: `http://127.0.0.1:${port}`};
  await waitForHttp(`${nginx.url}/ssi/`, 15_000, proc);
}

/** The page holds the mock's first 12 media as the gallery shows them. */
function assertGallery(html: string, front: string): void {
  assert.ok(html.includes('<h1>Videos</h1>'), `${front}: the CMS page around it`);
  assert.ok(html.includes('<template shadowroot="open" shadowrootmode="open">'), front);
  assert.equal(html.match(/<ss-media-card\b[^>]*state="ready"/g)?.length, 12, front);
  for (const media of first12) {
    assert.ok(html.includes(escaped(media.name)), `${front}: title ${media.name}`);
    const duration = formatDuration(media.duration);
    if (duration) assert.ok(html.includes(`-->${duration}<!--`), `${front}: duration ${duration}`);
    const poster = media.poster?.src ?? media.thumbnail?.src;
    if (poster) assert.ok(html.includes(`src="${poster}"`), `${front}: poster ${poster}`);
  }
}

/** Text as Lit writes it into HTML. */
function escaped(text: string): string {
  const entities: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;'};
  return text
    .replace(/[&<>]/g, (c) => entities[c]!)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

before(async () => {
  h = await startHarness();
  const list = await h.get(`/v1/merchants/${M}/medias/?limit=12&page=1`);
  first12 = list.json<{medias: Media[]}>().medias;
  assert.equal(first12.length, 12);
  const cmsPort = await startCms();
  const proxyPort = Number(new URL(h.proxy.url).port);
  await startFront(cmsPort, proxyPort);
  await startNginx(cmsPort, proxyPort);
});

after(async () => {
  await front?.stop(5_000);
  await nginx?.stop(5_000);
  await Promise.all(dirs.map((dir) => rm(dir, {recursive: true, force: true})));
  await new Promise((resolve) => cms?.close(resolve));
  await h?.close();
});

describe('an <esi:include> of a fragment through Varnish', () => {
  it('puts the gallery in the page: titles, durations and posters, no JavaScript needed', async () => {
    const response = await fetch(`${front.url}/videos`, {signal: AbortSignal.timeout(10_000)});
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.ok(!html.includes('<esi:include'), 'Varnish replaced the include');
    assertGallery(html, 'Varnish');
    // The second page view takes the fragment from Varnish: the proxy is not asked again.
    const answered = h.proxy.proxy.stats().responses['200'] ?? 0;
    const again = await (await fetch(`${front.url}/videos`)).text();
    assert.ok(again === html, 'the same page');
    assert.equal(h.proxy.proxy.stats().responses['200'] ?? 0, answered);
  });

  it('shows posters and titles in Chromium with JavaScript disabled', async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({executablePath: chromiumPath(), args: chromiumArgs});
      const context = await browser.newContext({javaScriptEnabled: false});
      const page = await context.newPage();
      await page.goto(`${front.url}/videos`, {waitUntil: 'load', timeout: 15_000});
      const posters = page.locator('ss-media-card img[part="poster"]');
      assert.equal(await posters.count(), first12.filter((m) => m.poster || m.thumbnail).length);
      const first = posters.first();
      assert.ok(await first.isVisible(), 'the first poster is visible');
      const box = await first.boundingBox();
      assert.ok(box && box.width > 100 && box.height > 50, `poster box ${JSON.stringify(box)}`);
      assert.ok(await first.evaluate((img: HTMLImageElement) => img.naturalWidth > 0), 'loaded');
      for (const media of first12.slice(0, 4)) {
        const title = page.locator('ss-media-card').getByText(media.name, {exact: true}).first();
        assert.ok(await title.isVisible(), `title ${media.name} visible`);
      }
    } finally {
      await browser?.close();
    }
  });
});

describe('an SSI include of a fragment through nginx', () => {
  it('puts the gallery in the page, and nginx keeps the fragment', async () => {
    const response = await fetch(`${nginx.url}/ssi/videos`, {signal: AbortSignal.timeout(10_000)});
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.ok(!html.includes('<!--# include'), 'nginx replaced the include');
    assert.ok(!html.includes('\u001f'), 'no gzipped bytes pasted in');
    assertGallery(html, 'nginx');
    const answered = h.proxy.proxy.stats().responses['200'] ?? 0;
    const again = await (await fetch(`${nginx.url}/ssi/videos`)).text();
    assert.ok(again === html, 'the same page');
    assert.equal(h.proxy.proxy.stats().responses['200'] ?? 0, answered, "from nginx's cache");
  });
});
