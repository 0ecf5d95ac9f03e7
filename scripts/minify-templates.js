// Minifies the html``, svg`` and css`` template literals of tsc's output in dist/, in place
// (`npm run build:lib` runs it after tsc). Done here rather than in the CDN bundle so that every
// build carries the same template strings: hydration checks that the browser's strings are the
// server's character for character, and a page may be server-rendered from the npm build
// (`smartstream-widgets/ssr`) and hydrated by the npm build or by the CDN hydrate file, which
// rollup bundles from these files. Each file's source map is remapped to keep pointing into
// the TypeScript.
import {readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {basename, join} from 'node:path';
import remapping from '@jridgewell/remapping';
import {defaultMinifyOptions, minifyHTMLLiterals} from '@literals/html-css-minifier';

/** html-minifier-next options: its production defaults, made safe for what the page shows. */
const MINIFY_OPTIONS = {
  ...defaultMinifyOptions,
  // Whitespace runs become one space and are never dropped: the minifier decides by tag name
  // whether a space renders, but our CSS makes elements inline or block regardless of their
  // tag, and a space beside a binding may sit between two inline values.
  conservativeCollapse: true,
  // `<path .../>` in svg`` becomes `<path ...>` without it, and the server's `<!--/lit-part-->`
  // marker after it would be parsed inside the path instead of beside it.
  keepClosingSlash: true,
};

function jsFiles(dir) {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/** Minifies one file's templates and remaps its `.js.map`; false when it has none to minify. */
async function minifyFile(file) {
  const code = readFileSync(file, 'utf8');
  const result = await minifyHTMLLiterals(code, {
    fileName: basename(file),
    minifyOptions: MINIFY_OPTIONS,
    generateSourceMap: (ms, fileName) => ms.generateMap({source: fileName, hires: true}),
  });
  if (!result) return false;
  writeFileSync(file, result.code);
  let tscMap;
  try {
    tscMap = readFileSync(`${file}.map`, 'utf8');
  } catch {
    return true;
  }
  // The minifier's map leads from the minified file to tsc's output, tsc's from that to the .ts.
  const map = remapping([result.map, tscMap], () => null);
  map.file = basename(file);
  writeFileSync(`${file}.map`, map.toString());
  return true;
}

const dir = process.argv[2] ?? 'dist';
let minified = 0;
for (const file of jsFiles(dir)) if (await minifyFile(file)) minified++;
console.log(`${dir}: templates minified in ${minified} files`);
