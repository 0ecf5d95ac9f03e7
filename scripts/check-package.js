// Checks the built package as a user gets it (`npm run build` first):
// 1. the CDN file fits the size budget (gzip), and its syntax is the edition docs/browsers.md states;
// 2. an app that imports one element through the package's `exports` still registers it when
//    bundled (the registration is not tree-shaken away), and importing `.` registers nothing;
// 3. the CDN file loaded twice, and beside the npm build, does not throw, and a TypeScript
//    app type-checks against the package's JSX types; the editor files in editor/ resolve at
//    their package paths (`smartstream-widgets/custom-elements.json`, `/jsx`, `/vue`...);
// 4. the CDN file works on a CMS page with a strict CSP that enforces Trusted Types.
// Bundles with rollup, then runs them in the system Chromium, against the mock for 4.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {join, relative, resolve} from 'node:path';
import {createRequire} from 'node:module';
import {brotliCompressSync, gzipSync, constants} from 'node:zlib';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import {rollup} from 'rollup';
import {chromium} from 'playwright-core';
import {startMockServer} from '../dist/mock/index.js';
import {CDN_GZIP_CEILING, HYDRATE_EXTRA_GZIP_BYTES} from './size-ceiling.js';
import {checkSyntaxTarget} from './syntax-target.js';

const root = resolve('.');
/** The generated editor files (`npm run analyze`), by the package path each is exported at. */
const EDITOR_ENTRIES = {
  './custom-elements.json': 'custom-elements.json',
  './web-types.json': 'web-types.json',
  './vscode.html-custom-data.json': 'vscode.html-custom-data.json',
  './vscode.css-custom-data.json': 'vscode.css-custom-data.json',
  './jsx': 'jsx.d.ts',
  './vue': 'vue.d.ts',
};
const EDITOR_FILES = Object.values(EDITOR_ENTRIES);
const cdnFile = join(root, 'dist/smartstream-widgets.min.js');
const failures = [];

// 1. Size budget.
const cdn = readFileSync(cdnFile);
const sizes = {
  minified: cdn.length,
  gzip: gzipSync(cdn, {level: 9}).length,
  brotli: brotliCompressSync(cdn, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length,
};
console.log(
  `CDN file: ${sizes.minified} B minified, ${sizes.gzip} B gzip, ${sizes.brotli} B brotli (ceiling ${CDN_GZIP_CEILING} B gzip, docs/performance.md)`,
);
if (sizes.gzip > CDN_GZIP_CEILING)
  failures.push(
    `CDN file is ${sizes.gzip} B gzip, over the ${CDN_GZIP_CEILING} B ceiling (scripts/size-ceiling.js)`,
  );

failures.push(...checkSyntaxTarget(cdn.toString('utf8')));
const hydrateGzip = gzipSync(readFileSync(join(root, 'dist/smartstream-widgets.hydrate.min.js')), {
  level: 9,
}).length;
console.log(`hydrating CDN file: ${hydrateGzip} B gzip (+${hydrateGzip - sizes.gzip} B)`);
if (hydrateGzip > CDN_GZIP_CEILING + HYDRATE_EXTRA_GZIP_BYTES)
  failures.push(
    `hydrating CDN file is ${hydrateGzip} B gzip, over ${CDN_GZIP_CEILING + HYDRATE_EXTRA_GZIP_BYTES} B`,
  );

// The browser needs no secret: the CDN file carries the read-only client, not the token code.
for (const marker of ['auth-token', 'X-Streaks-Api-Key', 'updateMedia']) {
  if (cdn.includes(marker)) failures.push(`CDN file contains server-side client code (${marker})`);
}

// The published file list: the builds, the manifest and the editor data; no tests, demo or bench.
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {encoding: 'utf8'}),
);
const packedFiles = new Set(packed.files.map((file) => file.path));
for (const file of [
  'dist/index.js',
  'dist/index.d.ts',
  'dist/all.js',
  'dist/client.js',
  'dist/ss-media-card.js',
  'dist/ss-media-list.js',
  'dist/ss-media-group-list.js',
  'dist/ss-catalog.js',
  'dist/smartstream-widgets.min.js',
  'dist/smartstream-widgets.hydrate.min.js',
  'dist/cli.js',
  'dist/ssr/index.js',
  'bin/smartstream-widgets.js',
  ...EDITOR_FILES.map((file) => `editor/${file}`),
]) {
  if (!packedFiles.has(file)) failures.push(`npm pack leaves out ${file}`);
}
if (![...packedFiles].some((file) => /^LICENSE/.test(file)))
  failures.push('npm pack has no LICENSE');
// A map whose sources are not in the package shows a debugger nothing: src/ is not published.
for (const file of [...packedFiles].filter((f) => f.endsWith('.js.map'))) {
  const map = JSON.parse(readFileSync(file, 'utf8'));
  if (map.sourcesContent?.length !== map.sources.length || map.sourcesContent.includes(null)) {
    failures.push(`${file} lacks the content of its sources`);
  }
}
// Editors find the manifest and web-types through these fields.
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
for (const field of ['customElements', 'web-types']) {
  const target = String(pkg[field] ?? '').replace(/^\.\//, '');
  if (!packedFiles.has(target))
    failures.push(`package.json "${field}" names ${pkg[field]}, which is not published`);
}
const stray = [...packedFiles].filter((file) => /^(test|demo|bench|scripts|src)\//.test(file));
if (stray.length) failures.push(`npm pack includes ${stray.slice(0, 5).join(', ')}`);
console.log(`npm pack: ${packedFiles.size} files`);

// 2. Bundle two apps against the package, resolved by name through a node_modules link.
const work = join(root, `.package-check-${process.pid}`);
rmSync(work, {recursive: true, force: true});
mkdirSync(join(work, 'node_modules'), {recursive: true});
symlinkSync(root, join(work, 'node_modules/smartstream-widgets'), 'dir');

// The editor files live in editor/ but keep the package paths they had at the root: each
// resolves by name, through `exports`, to its file in editor/.
const requireFromApp = createRequire(join(work, 'app.js'));
for (const [entry, file] of Object.entries(EDITOR_ENTRIES)) {
  const target =
    typeof pkg.exports[entry] === 'string' ? pkg.exports[entry] : pkg.exports[entry]?.types;
  if (target !== `./editor/${file}`) {
    failures.push(`package.json exports ${entry} as ${target}, not ./editor/${file}`);
    continue;
  }
  // `/jsx` and `/vue` have a `types` condition only, which Node does not resolve: the JSX and
  // Vue apps below import them by name; here their files must exist.
  if (entry === './jsx' || entry === './vue') {
    if (!existsSync(join(root, target))) failures.push(`${entry}: ${target} does not exist`);
    continue;
  }
  try {
    const found = relative(root, requireFromApp.resolve(`smartstream-widgets/${entry.slice(2)}`));
    if (found !== `editor/${file}`)
      failures.push(`smartstream-widgets/${entry} resolves to ${found}`);
  } catch (error) {
    failures.push(`smartstream-widgets/${entry.slice(2)} does not resolve: ${error.code}`);
  }
}
const apps = {
  'one-element': `import 'smartstream-widgets/ss-media-card.js';`,
  'index-only': `import {CatalogClient, SsMediaCard} from 'smartstream-widgets';\nwindow.exported = [typeof CatalogClient, typeof SsMediaCard];`,
};
for (const [name, source] of Object.entries(apps)) {
  const input = join(work, `${name}.src.js`);
  writeFileSync(input, source);
  const bundle = await rollup({
    input,
    plugins: [nodeResolve({browser: true, rootDir: work})],
    onwarn: (warning) => failures.push(`rollup (${name}): ${warning.message}`),
  });
  await bundle.write({file: join(work, `${name}.js`), format: 'es'});
  await bundle.close();
}
writeFileSync(join(work, 'cdn.js'), cdn);

// Server-rendering frameworks (Next.js, Nuxt, Astro) evaluate a page's imports in Node, where
// there is no DOM: every code entry must import there by its package name without throwing.
const serverEntries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target.default)
  .map(([key]) => (key === '.' ? 'smartstream-widgets' : `smartstream-widgets/${key.slice(2)}`));
for (const entry of serverEntries) {
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', `await import('${entry}')`], {
      cwd: work,
      stdio: 'pipe',
    });
  } catch (error) {
    const lines = String(error.stderr).trim().split('\n');
    const thrown = lines.find((line) => /^\w*Error\b/.test(line)) ?? lines[0];
    failures.push(`importing ${entry} in Node (server rendering) throws ${thrown}`);
  }
}
console.log(`server-side import: ${serverEntries.length} entries`);

/** Type-checks one consumer app of the work folder; a failure keeps the checker's first lines. */
function typeCheck(what, checker, tsconfig) {
  try {
    execFileSync(join(root, 'node_modules/.bin', checker), ['-p', join(work, tsconfig)], {
      encoding: 'utf8',
    });
  } catch (error) {
    const lines = (error.stdout || error.message).trim().split('\n').slice(0, 5);
    failures.push(`${what}: ${lines.join(' | ')}`);
  }
}

// A TSX app's view of `smartstream-widgets/jsx`: right props and typed event details pass,
// wrong ones fail. skipLibCheck off, so an error inside the generated jsx.d.ts fails too.
writeFileSync(
  join(work, 'jsx-consumer.ts'),
  `import type {CustomElements} from 'smartstream-widgets/jsx';
import type {Media} from 'smartstream-widgets';
type ListProps = CustomElements['ss-media-list'];
export const list: ListProps = {
  merchant: 'nttsmc',
  'api-base': 'https://videos.example.com',
  limit: 12,
  'media-group-id': 'g1',
  'onss-media-select': (event) => {
    const media: Media = event.detail.media;
    void media;
  },
  'onss-page-change': (event) => void (event.detail.page satisfies number),
};
export const card: CustomElements['ss-media-card'] = {
  'ref-id': 'tokyo-night-walk',
  'onss-error': (event) => void event.detail.error.code,
};
// @ts-expect-error limit is a number
export const badLimit: ListProps = {limit: 'twelve'};
// @ts-expect-error a media list fires no group selection
export const badEvent: ListProps = {'onss-media-group-select': () => {}};
`,
);
writeFileSync(
  join(work, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    },
    files: ['jsx-consumer.ts'],
  }),
);
typeCheck('jsx types', 'tsc', 'tsconfig.json');

// A Vue app's view of `smartstream-widgets/vue`, under vue-tsc with strictTemplates: the tags
// are known, props and event details typed; each line marked @vue-expect-error must fail.
writeFileSync(join(work, 'env.d.ts'), '/// <reference types="smartstream-widgets/vue" />\n');
writeFileSync(
  join(work, 'App.vue'),
  `<script setup lang="ts">
import {ref} from 'vue';
import type {Media} from 'smartstream-widgets';

const page = ref(1);
const picked = ref<Media>();
const apiBase = 'https://videos.example.com';
</script>

<template>
  <ss-media-list
    merchant="nttsmc"
    :api-base="apiBase"
    :limit="12"
    :page="page"
    order="asc"
    label="Videos"
    @ss-page-change="(e) => (page = e.detail.page)"
    @ss-media-select="(e) => (picked = e.detail.media)"
    @ss-error="(e) => e.detail.error.code"
  />
  <ss-media-card ref-id="tokyo-night-walk" :heading-level="2" :media="picked" />
  <!-- @vue-expect-error limit is a number -->
  <ss-media-list limit="twelve" />
  <!-- @vue-expect-error order is asc or desc -->
  <ss-media-list order="up" />
  <!-- @vue-expect-error a page change has no such detail -->
  <ss-media-list @ss-page-change="(e) => e.detail.nope" />
  <!-- @vue-expect-error a card fires no page change -->
  <ss-media-card @ss-page-change="(e) => e" />
  <!-- @vue-expect-error no such element -->
  <ss-media-lst merchant="nttsmc" />
</template>
`,
);
writeFileSync(
  join(work, 'tsconfig.vue.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    },
    vueCompilerOptions: {strictTemplates: true},
    files: ['env.d.ts', 'App.vue'],
  }),
);
typeCheck('vue types', 'vue-tsc', 'tsconfig.vue.json');

// 3. Run them in Chromium.
const mock = await startMockServer({port: 0, auth: false, rateLimit: 0});
const cspPages = {
  // What a careful CMS sends: nothing inline, and Trusted Types for every script sink.
  'csp.html': `default-src 'none'; script-src 'self'; style-src 'self'; img-src ${mock.url}; connect-src ${mock.url}; require-trusted-types-for 'script'; trusted-types lit-html smartstream-widgets`,
  // The same, with only Lit's policy allowed: the cards leave their JSON-LD out.
  'csp-lit-only.html': `default-src 'none'; script-src 'self'; style-src 'self'; img-src ${mock.url}; connect-src ${mock.url}; require-trusted-types-for 'script'; trusted-types lit-html`,
};
const server = createServer((req, res) => {
  const path = join(work, new URL(req.url, 'http://x').pathname);
  if (!path.startsWith(work) || !existsSync(path)) {
    res.writeHead(404).end();
    return;
  }
  const type = path.endsWith('.html') ? 'text/html' : 'text/javascript';
  const csp = cspPages[path.slice(work.length + 1)];
  res
    .writeHead(200, {'content-type': type, ...(csp && {'content-security-policy': csp})})
    .end(readFileSync(path));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${server.address().port}`;
const page = (scripts) =>
  `<!doctype html><html><body>${scripts.map((src) => `<script type="module" src="${src}"></script>`).join('')}</body></html>`;
writeFileSync(join(work, 'one-element.html'), page(['/one-element.js']));
writeFileSync(join(work, 'index-only.html'), page(['/index-only.js']));
writeFileSync(join(work, 'twice.html'), page(['/cdn.js', '/cdn.js?copy=2', '/one-element.js']));
const cmsPage = `<!doctype html><html lang="en"><body>
<script type="module" src="/cdn.js"></script>
<ss-catalog merchant="nttsmc" api-base="${mock.url}">
  <ss-media-group-list controls="videos" limit="4"></ss-media-group-list>
  <ss-media-list id="videos" limit="4" href="/videos/{id}"></ss-media-list>
  <ss-media-card media-id="not-a-media"></ss-media-card>
</ss-catalog></body></html>`;
for (const file of Object.keys(cspPages)) writeFileSync(join(work, file), cmsPage);

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new', '--disable-background-networking', '--disable-gpu'],
});
try {
  const tags = ['ss-media-card', 'ss-media-list', 'ss-media-group-list', 'ss-catalog'];
  const check = async (file, expectDefined, extra) => {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`${base}/${file}`, {waitUntil: 'load'});
    await tab.waitForTimeout(100);
    const defined = await tab.evaluate((names) => names.filter((n) => customElements.get(n)), tags);
    for (const tag of tags) {
      const want = expectDefined.includes(tag);
      if (want !== defined.includes(tag))
        failures.push(`${file}: <${tag}> ${want ? 'not registered' : 'registered'}`);
    }
    if (errors.length) failures.push(`${file}: page errors: ${errors.join('; ')}`);
    if (extra) await extra(tab);
    await tab.close();
  };
  await check('one-element.html', ['ss-media-card']);
  await check('index-only.html', [], async (tab) => {
    const exported = await tab.evaluate(() => window.exported);
    if (exported?.join() !== 'function,function')
      failures.push(`index-only: exports missing (${exported})`);
  });
  await check('twice.html', tags);

  const strict = async (file, expectJsonLd, expectViolations) => {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.addInitScript(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    await tab.goto(`${base}/${file}`, {waitUntil: 'load'});
    const want = 'ss-media-group-list:ready ss-media-list:ready ss-media-card:error';
    // Polled from here: a predicate Playwright evaluates in the page would itself break the CSP.
    const states = () =>
      tab.evaluate(() =>
        [
          ...document.querySelectorAll(
            'ss-media-group-list, ss-media-list, body > * > ss-media-card',
          ),
        ]
          .map((el) => `${el.localName}:${el.getAttribute('state')}`)
          .join(' '),
      );
    const deadline = Date.now() + 5000;
    while ((await states()) !== want && Date.now() < deadline) await tab.waitForTimeout(50);
    if ((await states()) !== want)
      failures.push(`${file}: states are "${await states()}", not "${want}"`);
    const seen = await tab.evaluate(() => ({
      violations: window.violations,
      jsonLd: document.querySelectorAll('ss-media-list > script[type="application/ld+json"]')
        .length,
      error: document
        .querySelector('body > * > ss-media-card')
        .shadowRoot.querySelector('[part~=error]')?.textContent,
    }));
    if (seen.violations.join() !== expectViolations.join())
      failures.push(`${file}: CSP violations ${JSON.stringify(seen.violations)}`);
    if (seen.jsonLd > 0 !== expectJsonLd)
      failures.push(`${file}: ${seen.jsonLd} JSON-LD scripts in the list`);
    if (!/could not be found/.test(seen.error ?? ''))
      failures.push(`${file}: the not-found card shows no error message`);
    if (errors.length) failures.push(`${file}: page errors: ${errors.join('; ')}`);
    await tab.close();
  };
  await strict('csp.html', true, []);
  await strict('csp-lit-only.html', false, ['trusted-types trusted-types-policy']);
} finally {
  await browser.close();
  server.close();
  await mock.close();
  rmSync(work, {recursive: true, force: true});
}

if (failures.length) {
  console.error(`Package check failed:\n- ${failures.join('\n- ')}`);
  process.exitCode = 1;
} else {
  console.log(
    'Package check passed: one element registers through exports, `.` registers nothing, every entry imports in Node, double loading is safe, the JSX and Vue types check, a strict CSP with Trusted Types is honoured.',
  );
}
