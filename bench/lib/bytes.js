// Part 1, bytes: minified, gzip and brotli sizes of the CDN file, of each element's entry
// bundled alone with Lit, and of the baselines bundled the same way (rollup.config.mjs's
// plugins: node-resolve for browsers and terser; our dist/ files' templates are minified by the
// build already, scripts/minify-templates.js).
import {readFile} from 'node:fs/promises';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import {rollup} from 'rollup';

export const OURS = [
  {name: 'CDN file (all elements)', file: 'dist/smartstream-widgets.min.js', prebuilt: true},
  {name: '<ss-media-card>', file: 'dist/ss-media-card.js'},
  {name: '<ss-media-list> (+ card)', file: 'dist/ss-media-list.js'},
  {name: '<ss-media-group-list>', file: 'dist/ss-media-group-list.js'},
  {name: '<ss-catalog>', file: 'dist/ss-catalog.js'},
];

export const FLOOR = {name: 'one-line Lit element', file: 'bench/fixtures/lit-floor.js'};

export const PEERS = [
  {name: '@justinribeiro/lite-youtube', file: 'bench/fixtures/lite-youtube.js'},
  {name: 'media-chrome', file: 'bench/fixtures/media-chrome.js'},
  {name: '@mux/mux-player', file: 'bench/fixtures/mux-player.js'},
];

/** Sizes of one piece of code: minified, gzip -9, brotli -11. */
export function sizes(code) {
  const buffer = Buffer.from(code);
  return {
    min: buffer.length,
    gzip: gzipSync(buffer, {level: 9}).length,
    brotli: brotliCompressSync(buffer, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/**
 * Bundles one entry like rollup.config.mjs does. Code behind dynamic `import()` is split off
 * and reported apart (`lazyMin`): it is not loaded with the element.
 */
async function bundle(file) {
  const build = await rollup({
    input: file,
    onwarn(warning, warn) {
      // Expected in tsc output and in peers' bundles; they do not change the bytes.
      if (['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY', 'EVAL'].includes(warning.code)) return;
      warn(warning);
    },
    plugins: [
      nodeResolve({browser: true}),
      terser({ecma: 2021, module: true, compress: {passes: 3}, format: {comments: false}}),
    ],
  });
  try {
    const {output} = await build.generate({format: 'es'});
    const chunks = new Map(output.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
    const entry = output.find((o) => o.type === 'chunk' && o.isEntry);
    // The entry and what it imports statically: what a page loads for the element.
    const eager = new Set();
    const visit = (chunk) => {
      if (eager.has(chunk.fileName)) return;
      eager.add(chunk.fileName);
      for (const name of chunk.imports) visit(chunks.get(name));
    };
    visit(entry);
    const eagerSizes = [...eager].map((name) => sizes(chunks.get(name).code));
    const sum = (key) => eagerSizes.reduce((total, s) => total + s[key], 0);
    const lazyMin = [...chunks.values()]
      .filter((c) => !eager.has(c.fileName))
      .reduce((total, c) => total + Buffer.byteLength(c.code), 0);
    return {min: sum('min'), gzip: sum('gzip'), brotli: sum('brotli'), chunks: eager.size, lazyMin};
  } finally {
    await build.close();
  }
}

async function measure({name, file, prebuilt}) {
  const figures = prebuilt
    ? {...sizes(await readFile(file)), chunks: 1, lazyMin: 0}
    : await bundle(file);
  return {name, file, ...figures};
}

export async function runBytes() {
  const ours = [];
  for (const entry of OURS) ours.push(await measure(entry));
  const floor = await measure(FLOOR);
  const peers = [];
  for (const peer of PEERS) peers.push(await measure(peer));
  return {ours, floor, peers};
}
