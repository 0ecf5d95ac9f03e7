import {launchBrowser} from './lib/browser.js';
import {startStack, WIDTHS, NETWORK} from './lib/lcp.js';
const variant = process.argv[2] ?? 'head';
const stack = await startStack(process.argv[3] ?? process.cwd());
const browser = await launchBrowser();
const ctx = await browser.newContext({viewport: WIDTHS.phone});
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', {offline:false, latency: NETWORK.latencyMs, downloadThroughput: NETWORK.downloadKbps*125, uploadThroughput: NETWORK.uploadKbps*125});
await cdp.send('Emulation.setCPUThrottlingRate', {rate: NETWORK.cpuSlowdown});
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', {interval: 200});
await cdp.send('Profiler.start');
await page.goto(`${stack.site.url}/${variant}.html`, {waitUntil: 'commit'});
await page.waitForTimeout(4000);
const {profile} = await cdp.send('Profiler.stop');
const dt = {};
const ids = new Map(profile.nodes.map(n => [n.id, n]));
profile.samples.forEach((id, i) => { dt[id] = (dt[id] ?? 0) + (profile.timeDeltas[i+1] ?? 0); });
const self = {};
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = {};
for (const n of profile.nodes) {
  const f = n.callFrame; const key = `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//,'')}:${f.lineNumber+1}`;
  self[key] = (self[key] ?? 0) + (dt[n.id] ?? 0);
  // inclusive: walk up, count each key once per sample path
  const seen = new Set(); let cur = n.id;
  while (cur !== undefined) { const c = ids.get(cur).callFrame; const k = `${c.functionName || '(anon)'} ${c.url.replace(/^.*\//,'')}:${c.lineNumber+1}`; if (!seen.has(k)) { total[k] = (total[k] ?? 0) + (dt[n.id] ?? 0); seen.add(k);} cur = parent.get(cur); }
}
const top = (o, n) => Object.entries(o).sort((a,b)=>b[1]-a[1]).slice(0,n).map(([k,v])=>`${(v/1000).toFixed(1).padStart(7)} ms  ${k}`).join('\n');
console.log('SELF\n' + top(self, 35));
console.log('\nTOTAL\n' + top(total, 60));
await browser.close(); await stack.close();
