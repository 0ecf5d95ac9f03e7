// `npm run bench`: measures bytes, requests, render, layout shift, memory, loading on a slow
// phone and proxy throughput against baselines measured in the same run, prints one table,
// writes bench/results.json and docs/performance.md from it. Runs after `npm run build`
// (the npm script does it).
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {readFile, writeFile} from 'node:fs/promises';
import os from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {formatTable, tableRows} from './lib/table.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
process.chdir(root);
const started = performance.now();

/** Installs the comparison peers (bench/package.json) when any is missing. */
async function ensurePeers() {
  const manifest = JSON.parse(await readFile(join(benchDir, 'package.json'), 'utf8'));
  const missing = Object.keys(manifest.dependencies).filter(
    (name) => !existsSync(join(benchDir, 'node_modules', name, 'package.json')),
  );
  if (!missing.length) return;
  console.log(`Installing the bench's comparison packages (${missing.join(', ')})…`);
  execFileSync('npm', ['install', '--prefix', benchDir, '--no-audit', '--no-fund'], {
    stdio: 'inherit',
  });
}

function git(...args) {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/**
 * `BENCH_ONLY=memory,lcp` runs only those parts (keys of `parts`) and prints their figures as
 * JSON; results.json and the docs are written by full runs only.
 */
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());

/** Runs one part; a failure is recorded in its place and the others still run. */
async function part(name, run) {
  const t0 = performance.now();
  process.stdout.write(`${name}… `);
  try {
    const result = await run();
    console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    console.log('failed');
    console.error(error);
    process.exitCode = 1;
    return {error: error instanceof Error ? error.message : String(error)};
  }
}

await ensurePeers();
const {runBytes} = await import('./lib/bytes.js');
const {launchBrowser} = await import('./lib/browser.js');
const {startStaticServer} = await import('./lib/static-server.js');
const {rewriteDemo, runLayoutShift} = await import('./lib/layout-shift.js');
const {runRequests} = await import('./lib/requests.js');
const {runRender} = await import('./lib/render.js');
const {runMemory} = await import('./lib/memory.js');
const {runAppend} = await import('./lib/append.js');
const {runProxy} = await import('./lib/proxy.js');
const {runProxyRedis} = await import('./lib/proxy-redis.js');
const {runFairness} = await import('./lib/fairness.js');
const {runTopology} = await import('./lib/topology.js');
const {runLcp} = await import('./lib/lcp.js');
const {startMockServer} = await import('../dist/mock/index.js');

const parts = {};
const selected = (key, name, run) => (!only || only.includes(key) ? part(name, run) : undefined);
parts.bytes = await selected('bytes', 'bytes', runBytes);

// The browser parts share one mock (no auth, no rate limit: the figures are request counts
// and times, not the API's limits), one static server and one Chromium.
const mock = await startMockServer({port: 0, auth: false, rateLimit: 0, faults: true});
const pages = await startStaticServer(root, {rewrite: rewriteDemo(mock.url)});
const browser = await launchBrowser();
const context = {browser, mock, staticUrl: pages.url, pagesUrl: `${pages.url}/bench/pages`};
let chromium;
try {
  chromium = browser.version();
  parts.requests = await selected('requests', 'requests', () => runRequests(context));
  parts.render = await selected('render', 'render', () => runRender(context));
  parts.layoutShift = await selected('layoutShift', 'layout shift', () => runLayoutShift(context));
  parts.memory = await selected('memory', 'memory', () => runMemory(context));
  parts.append = await selected('append', 'append', () => runAppend(context));
  parts.lcp = await selected('lcp', 'slow phone', () => runLcp({browser, root}));
} finally {
  await browser.close();
  await pages.close();
}
parts.proxy = await selected('proxy', 'proxy', () =>
  existsSync(join(root, 'dist/proxy/index.js'))
    ? runProxy({mock})
    : Promise.reject(new Error('dist/proxy/index.js is missing: the proxy is not built')),
);
parts.proxyRedis = await selected('proxyRedis', 'proxy with redis', () => runProxyRedis({mock}));
parts.fairness = await selected('fairness', 'fairness', () => runFairness());
parts.topology = await selected('topology', 'topology', () => runTopology({root}));
await mock.close();

if (only) {
  console.log(JSON.stringify(parts, null, 1));
  process.exit();
}
const rows = tableRows(parts);
const cpus = os.cpus();
const results = {
  date: new Date().toISOString(),
  durationS: Math.round((performance.now() - started) / 1000),
  commit: git('rev-parse', 'HEAD'),
  uncommittedChanges: Boolean(git('status', '--porcelain', '--', 'src')),
  node: process.version,
  chromium,
  machine: {
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  },
  table: rows,
  ...parts,
};
console.log(`\n${formatTable(rows)}\n`);
await writeFile(join(benchDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`bench/results.json written (${results.durationS} s).`);
execFileSync(process.execPath, [join(benchDir, 'performance-doc.js')], {stdio: 'inherit'});
console.log('docs/performance.md written.');
