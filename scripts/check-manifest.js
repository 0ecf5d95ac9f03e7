// Fails when editor/custom-elements.json or the editor data and JSX and Vue types generated from it
// are stale: regenerates them into a temporary folder and compares them with the committed files. Also fails when a
// documented CSS custom property default is not the fallback the styles use.
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';

/** Where `npm run analyze` writes them (custom-elements-manifest.config.mjs). */
const EDITOR = 'editor';

const FILES = [
  'custom-elements.json',
  'vscode.html-custom-data.json',
  'vscode.css-custom-data.json',
  'web-types.json',
  'jsx.d.ts',
  'vue.d.ts',
];
// Relative: the analyzer joins its outdir to the working directory.
const outdir = `.manifest-check-${process.pid}`;
try {
  execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    env: {...process.env, CEM_OUTDIR: outdir},
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stale = FILES.filter((file) => {
    const fresh = readFileSync(join(outdir, file), 'utf8');
    try {
      return readFileSync(join(EDITOR, file), 'utf8') !== fresh;
    } catch {
      return true;
    }
  });
  if (stale.length) {
    console.error(
      `Stale in ${EDITOR}/: ${stale.join(', ')}. Run \`npm run analyze\` and commit the result.`,
    );
    process.exitCode = 1;
  } else {
    console.log(`Manifest and editor data are up to date (${FILES.length} files).`);
  }
} finally {
  rmSync(outdir, {recursive: true, force: true});
}

/** The fallback expression of every `var(name, fallback)` in `text`, parentheses balanced. */
function fallbacks(text, name) {
  const found = [];
  const opening = `var(${name},`;
  for (let at = text.indexOf(opening); at !== -1; at = text.indexOf(opening, at + 1)) {
    let depth = 1;
    let end = at + opening.length;
    for (; end < text.length && depth; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')') depth--;
    }
    found.push(
      text
        .slice(at + opening.length, end - 1)
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  return found;
}

function checkCssDefaults() {
  const dir = 'src/components';
  const styles = readdirSync(dir, {recursive: true})
    .filter((file) => /(\.styles|host-styles)\.ts$/.test(file))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n')
    .replace(/\(\s+/g, '(');
  // The styles read system tokens through private copies: `--_ss-border: var(--ss-color-border, …)`.
  const publicNames = new Map(
    [...styles.matchAll(/(--_ss-[\w-]+): var\((--ss-[\w-]+),/g)].map((m) => [m[1], m[2]]),
  );
  const toPublic = (value) =>
    value.replace(/var\((--_ss-[\w-]+)\)/g, (all, name) => `var(${publicNames.get(name) ?? name})`);
  const manifest = JSON.parse(readFileSync(join(EDITOR, 'custom-elements.json'), 'utf8'));
  const problems = [];
  let checked = 0;
  for (const module of manifest.modules) {
    for (const element of module.declarations ?? []) {
      for (const property of element.cssProperties ?? []) {
        checked++;
        const where = `<${element.tagName}> ${property.name}`;
        // light-dark(a, b): `a` is the default, `b` the dark scheme's value.
        const values = fallbacks(styles, property.name)
          .map(toPublic)
          .flatMap((value) => /^light-dark\(([^,]+), (.+)\)$/.exec(value)?.slice(1) ?? [value]);
        const [first, ...others] = [...new Set(values)];
        if (first === undefined)
          problems.push(`${where}: no var(${property.name}, …) in the styles.`);
        else if (property.default !== first)
          problems.push(`${where}: documented default ${property.default}, styles use ${first}.`);
        // Another fallback (the dark scheme's) must be named in the description.
        for (const other of others) {
          if (!property.description?.includes(other))
            problems.push(`${where}: the styles also use ${other}, which the description omits.`);
        }
      }
    }
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  } else {
    console.log(`CSS custom property defaults match the styles (${checked} documented).`);
  }
}

/** Hover text an editor shows: no `undefined`, and no section heading without entries. */
function checkEditorText() {
  const texts = [
    ...JSON.parse(readFileSync(join(EDITOR, 'vscode.html-custom-data.json'), 'utf8')).tags.map(
      (t) => t.description,
    ),
    ...JSON.parse(
      readFileSync(join(EDITOR, 'web-types.json'), 'utf8'),
    ).contributions.html.elements.map((e) => e.description),
  ];
  const bad = texts.filter((text) => /undefined|### \*\*[^*]+:\*\*\s*(\n\s*){2,}/.test(text));
  if (bad.length) {
    console.error(`Editor hover text with gaps or "undefined":\n${bad.join('\n---\n')}`);
    process.exitCode = 1;
  }
}

checkCssDefaults();
checkEditorText();
