// `npm run analyze` writes custom-elements.json, VS Code custom data and JetBrains web-types
// from the elements' JSDoc. CEM_OUTDIR sends them elsewhere (the staleness check in `npm test`).
import {customElementVsCodePlugin} from 'custom-element-vs-code-integration';
import {customElementJetBrainsPlugin} from 'custom-element-jet-brains-integration';

const outdir = process.env.CEM_OUTDIR ?? '.';

/** Points the manifest at the published modules (dist/*.js), in a stable order. */
function distPaths() {
  const toDist = (path) => path?.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string')
        node[key] = toDist(value);
      else walk(value);
    }
  };
  return {
    name: 'dist-paths',
    packageLinkPhase: ({customElementsManifest}) => {
      walk(customElementsManifest);
      // The analyzer lists modules in the order its file walk finds them, which varies.
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : 1));
    },
  };
}

export default {
  globs: ['src/components/**/*.ts', 'src/ss-*.ts'],
  exclude: ['src/components/**/*.styles.ts'],
  outdir,
  litelement: true,
  dependencies: false,
  // package.json names the manifest itself; the analyzer would point it at CEM_OUTDIR.
  packagejson: false,
  plugins: [
    distPaths(),
    customElementVsCodePlugin({
      outdir,
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      descriptionSrc: 'description',
      hideLogs: true,
    }),
    customElementJetBrainsPlugin({
      outdir,
      webTypesFileName: 'web-types.json',
      descriptionSrc: 'description',
      hideLogs: true,
      // package.json names the files itself; the plugin would point it at CEM_OUTDIR.
      packageJson: false,
    }),
  ],
};
