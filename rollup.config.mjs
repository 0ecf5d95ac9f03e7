// The single-file CDN build: every element with Lit inside, one minified ES module.
// Bundled from tsc's per-file output in dist/ (`npm run build:lib` runs first), so the code is
// compiled once and the CDN file is exactly the npm build's code.
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import {literalsHtmlCssMinifier} from '@literals/rollup-plugin-html-css-minifier';

export default {
  input: 'dist/all.js',
  output: {
    file: 'dist/smartstream-widgets.min.js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({browser: true}),
    // Whitespace in html`` and css`` templates is bytes terser cannot touch.
    literalsHtmlCssMinifier({include: ['dist/**/*.js'], failOnError: true}),
    terser({
      ecma: 2021,
      module: true,
      compress: {passes: 3},
      // Our TypeScript `private _x` members; Lit's cross-version `_$x` names must keep theirs.
      mangle: {properties: {regex: /^_(?!\$)/}},
      format: {comments: false},
    }),
  ],
};
