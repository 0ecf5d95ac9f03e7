// The single-file CDN builds: every element with Lit inside, one minified ES module each; the
// hydrating one adds Lit's hydration support for server-rendered pages. Bundled from tsc's
// per-file output in dist/ (`npm run build:lib` runs first), so the CDN files are exactly the
// npm build's code, html`` and css`` templates included: scripts/minify-templates.js minified
// them in dist/ already, so that the server (which renders from dist/) and every browser build
// have the same template strings, which hydration checks character for character.
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const plugins = () => [
  nodeResolve({browser: true}),
  terser({
    ecma: 2021,
    module: true,
    // Safe for this code: no getter is read for a side effect, no function expression is
    // `new`-ed or has its `.length` read; each saves gzip bytes (issue 15's size check).
    compress: {passes: 3, inline: 1, pure_getters: true, unsafe_arrows: true, keep_fargs: false},
    // Our TypeScript `private _x` members; Lit's cross-version `_$x` names must keep theirs.
    mangle: {properties: {regex: /^_(?!\$)/}},
    // V8's explicit compile hint (Chrome 136+): the whole file is compiled while it streams
    // in, off the main thread, instead of function by function at first call. Nearly every
    // function runs on a page's first render, and the lazy compiles were 50-70 ms of its
    // longest task on a slow phone (4x CPU). Other engines read a comment.
    format: {comments: false, preamble: '//# allFunctionsCalledOnLoad'},
  }),
];

export default [
  {input: 'dist/all.js', output: 'dist/smartstream-widgets.min.js'},
  {input: 'dist/all-hydrate.js', output: 'dist/smartstream-widgets.hydrate.min.js'},
].map(({input, output}) => ({
  input,
  output: {file: output, format: 'es', sourcemap: true},
  plugins: plugins(),
}));
