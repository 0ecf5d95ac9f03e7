// Fails when custom-elements.json or the editor data and JSX types generated from it are stale: regenerates
// them into a temporary folder and compares them with the committed files.
import {execFileSync} from 'node:child_process';
import {readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';

const FILES = [
  'custom-elements.json',
  'vscode.html-custom-data.json',
  'vscode.css-custom-data.json',
  'web-types.json',
  'jsx.d.ts',
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
      return readFileSync(file, 'utf8') !== fresh;
    } catch {
      return true;
    }
  });
  if (stale.length) {
    console.error(`Stale: ${stale.join(', ')}. Run \`npm run analyze\` and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log(`Manifest and editor data are up to date (${FILES.length} files).`);
  }
} finally {
  rmSync(outdir, {recursive: true, force: true});
}
