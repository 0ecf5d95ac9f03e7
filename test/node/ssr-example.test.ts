// The Eleventy example (examples/eleventy) built against the mock: its page holds the gallery
// rendered at build time (declarative shadow DOM, titles, durations, posters) and the snapshot
// the hydrating script primes itself from. Needs `npm run build:lib` (the example imports the
// package by its name) and @11ty/eleventy (a dev dependency).
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import type {Media} from '../../src/client/index.js';
import {formatDuration} from '../../src/components/shared/format.js';
import {MAIN_MERCHANT as M, startMockServer} from '../../src/mock/index.js';
import {ROOT} from './helpers/topology.js';

const EXAMPLE = join(ROOT, 'examples/eleventy');

let mock: Awaited<ReturnType<typeof startMockServer>>;
let out: string;

/** Builds the example into `out` with the catalog at `apiBase`; the built index page. */
async function build(apiBase: string): Promise<string> {
  // A dev dependency without types: imported by a specifier TypeScript does not resolve.
  const specifier = '@11ty/eleventy';
  const {default: Eleventy} = (await import(specifier)) as {
    default: new (
      input: string,
      output: string,
      options: Record<string, unknown>,
    ) => {write(): Promise<unknown>};
  };
  process.env['SMARTSTREAM_API_BASE'] = apiBase;
  const cwd = process.cwd();
  // Eleventy resolves the config's `dir` against the working directory.
  process.chdir(EXAMPLE);
  try {
    const site = new Eleventy('src', out, {
      configPath: join(EXAMPLE, 'eleventy.config.js'),
      quietMode: true,
    });
    await site.write();
  } finally {
    process.chdir(cwd);
    delete process.env['SMARTSTREAM_API_BASE'];
  }
  return readFile(join(out, 'index.html'), 'utf8');
}

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist/ssr/index.js')), 'dist/ is missing: run npm run build:lib');
  mock = await startMockServer({port: 0, auth: false, rateLimit: 0});
  out = await mkdtemp(join(tmpdir(), 'ss-eleventy-'));
});

after(async () => {
  await mock?.close();
  if (out) await rm(out, {recursive: true, force: true});
});

describe('the Eleventy example', () => {
  it('builds a page whose gallery is server-rendered, with its snapshot', async () => {
    const page = await build(mock.url);
    const list = await fetch(`${mock.url}/v1/merchants/${M}/medias/?limit=12&page=1`);
    const {medias} = (await list.json()) as {medias: Media[]};
    assert.ok(page.includes('<h1>Videos</h1>'));
    assert.ok(/<ss-media-card\b[^>]*lang="en"/.test(page), 'the page language, from the shortcode');
    // Checked with test() and includes(): a failure must not print a page of shadow DOM.
    assert.ok(page.includes('<script type="application/json" id="ss-catalog-snapshot">'));
    assert.ok(/<ss-media-list\b[^>]*state="ready"/.test(page), 'the list is ready');
    assert.ok(page.includes(`api-base="${mock.url}"`));
    assert.ok(page.includes('<template shadowroot="open" shadowrootmode="open">'));
    assert.equal(page.match(/<ss-media-card\b[^>]*state="ready"/g)?.length, 12);
    for (const media of medias) {
      // The fixture's names hold no character that HTML escapes, except `&`.
      assert.ok(page.includes(media.name.replace(/&/g, '&amp;')), `title ${media.name}`);
      const duration = formatDuration(media.duration);
      if (duration) assert.ok(page.includes(`-->${duration}<!--`), `duration ${duration}`);
      const src = media.poster?.src ?? media.thumbnail?.src;
      // The mock's paths are relative to its origin, as the client resolves them.
      const poster = src && new URL(src, mock.url).href;
      if (poster) assert.ok(page.includes(`src="${poster}"`), `poster ${poster}`);
      assert.ok(page.includes(`href="/videos/${media.id}"`), `link ${media.id}`);
    }
  });

  it('leaves the tags for the browser when the catalog cannot be reached', async () => {
    const page = await build('http://127.0.0.1:9');
    assert.ok(!page.includes('ss-catalog-snapshot'), 'no snapshot');
    assert.ok(page.includes('<ss-media-list merchant="nttsmc" api-base="http://127.0.0.1:9"'));
    assert.ok(!page.includes('shadowrootmode'), 'no shadow DOM');
  });
});
