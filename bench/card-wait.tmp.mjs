// One-off experiment (issue 18 item 6): should a card wait for a list in flight?
import {createServer} from 'node:http';
import {cpSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import {rollup} from 'rollup';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import {launchBrowser} from './lib/browser.js';
import {measure, WIDTHS} from './lib/lcp.js';
import {listUrl, MERCHANT} from './lib/lcp-pages.js';
import {startMockServer} from '../dist/mock/index.js';
import {startProxyServer} from '../dist/proxy/index.js';
const RUNS = Number(process.env.RUNS ?? 5);
const variants = {ask: 4, wait: 0};
const cdn = {};
for (const [name, n] of Object.entries(variants)) {
  const dir = `bench/.variants/${name}`;
  rmSync(dir, {recursive: true, force: true});
  mkdirSync(dir, {recursive: true});
  cpSync('dist', `${dir}/dist`, {recursive: true});
  const store = `${dir}/dist/client/store.js`;
  writeFileSync(store, readFileSync(store, 'utf8').replace('const ASK_AT_ONCE_READS = 4;', `const ASK_AT_ONCE_READS = ${n};`));
  const bundle = await rollup({input: `${dir}/dist/all.js`, plugins: [nodeResolve({browser: true}), terser({module: true})]});
  const {output} = await bundle.generate({format: 'es'});
  cdn[`/${name}.js`] = gzipSync(output[0].code);
}
rmSync('bench/.variants', {recursive: true, force: true});
const mock = await startMockServer({port: 0, rateLimit: 0});
const proxy = await startProxyServer({apiBase: mock.url, apiKey: 'mock-api-key', credentials: {mail_address: 'demo@example.com', password: 'demo-password'}, merchants: [MERCHANT], allowedOrigins: '*', log: {info() {}, warn() {}, error() {}}});
const apiBase = proxy.url;
const list = await (await fetch(listUrl(apiBase))).json();
const onList = list.medias[4].ref_id ?? (() => { throw new Error('no ref id'); })();
const cases = {'card on the list': onList, 'card not on the list': 'tokyo-night-walk'};
for (const ref of Object.values(cases)) await fetch(`${apiBase}/v1/merchants/${MERCHANT}/medias/ref:${ref}`);
const files = {...Object.fromEntries(Object.entries(cdn).map(([k, v]) => [k, {type: 'text/javascript', gzip: v}]))};
const server = createServer((req, res) => {
  const f = files[new URL(req.url, 'http://x').pathname];
  if (!f) return void res.writeHead(404).end();
  res.writeHead(200, {'content-type': f.type, 'content-encoding': 'gzip', 'access-control-allow-origin': '*'}).end(f.gzip);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
for (const v of Object.keys(variants)) for (const [c, ref] of Object.entries(cases)) {
  const a = `merchant="${MERCHANT}" api-base="${apiBase}"`;
  files[`/${v}-${c.replaceAll(' ', '-')}.html`] = {type: 'text/html', gzip: gzipSync(`<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><script type="module" src="/${v}.js"></script></head><body>
<ss-media-list id="gallery" ${a} limit="12" label="新着動画"></ss-media-list>
<div style="max-width:360px"><ss-media-card id="featured" ${a} ref-id="${ref}"></ss-media-card></div></body></html>`)};
}
const browser = await launchBrowser();
const out = {};
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (let run = 0; run < RUNS; run++) for (const v of Object.keys(variants)) for (const c of Object.keys(cases)) {
  let catalog;
  const r = await measure(browser, `${base}/${v}-${c.replaceAll(' ', '-')}.html`, WIDTHS.phone, {onPage: async (page) => async () => { catalog = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/medias')).length); if (process.env.DEBUG) console.log(v, c, await page.evaluate(() => performance.getEntriesByType('resource').map((e) => `${e.name.replace(/^.*\//, '').slice(0, 30)} ${e.startTime.toFixed(0)}-${e.responseEnd.toFixed(0)}`).join(' | '))); }});
  (out[`${c} | ${v}`] ??= []).push({featured: r.featuredReadyMs, gallery: r.galleryReadyMs, lcp: r.lcpMs, catalog});
}
for (const [k, rs] of Object.entries(out)) console.log(`${k.padEnd(32)} card ready ${median(rs.map((r) => r.featured)).toFixed(0)} ms, list ready ${median(rs.map((r) => r.gallery)).toFixed(0)} ms, LCP ${median(rs.map((r) => r.lcp)).toFixed(0)} ms, catalog requests ${median(rs.map((r) => r.catalog))}`);
await browser.close(); server.close(); await proxy.close(); await mock.close();
