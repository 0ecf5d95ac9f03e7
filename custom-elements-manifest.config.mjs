// `npm run analyze` writes custom-elements.json, VS Code custom data, JetBrains web-types and
// JSX and Vue types from the elements' JSDoc, into editor/ (package.json exports each at the
// package's root: `smartstream-widgets/custom-elements.json`, `/jsx`...). CEM_OUTDIR sends them
// elsewhere (the staleness check in `npm test`).
import {generateVsCodeCustomElementData} from 'custom-element-vs-code-integration';
import {generateJetBrainsWebTypes} from 'custom-element-jet-brains-integration';
import {generateJsxTypes} from 'custom-element-jsx-integration';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {vueTypes} from './scripts/generate-vue-types.mjs';

const outdir = process.env.CEM_OUTDIR ?? 'editor';
/** The package's types, as the generated files in editor/ import them. */
const TYPES = '../dist/index.js';

/** Every declaration of every module of a manifest. */
function declarations(manifest) {
  return manifest.modules.flatMap((module) => module.declarations ?? []);
}

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
      // The analyzer also lists each `dispatchEvent(new XEvent())` as an event with no name;
      // the `@fires` tags already describe them, with their names.
      for (const declaration of declarations(customElementsManifest)) {
        if (declaration.events) declaration.events = declaration.events.filter((e) => e.name);
      }
      // The analyzer lists modules in the order its file walk finds them, which varies.
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : 1));
    },
  };
}

/**
 * VS Code custom data and JetBrains web-types, for hovers and completion. The generators list
 * protected methods as empty lines under a "Methods" heading: they get a copy of the manifest
 * with the public members only (the manifest itself keeps the protected API, for subclasses).
 */
function editorData() {
  return {
    name: 'editor-data',
    packageLinkPhase: ({customElementsManifest}) => {
      const manifest = structuredClone(customElementsManifest);
      for (const declaration of declarations(manifest)) {
        declaration.members = declaration.members?.filter(
          (member) => !member.privacy || member.privacy === 'public',
        );
      }
      generateVsCodeCustomElementData(manifest, {
        outdir,
        htmlFileName: 'vscode.html-custom-data.json',
        cssFileName: 'vscode.css-custom-data.json',
        descriptionSrc: 'description',
        hideLogs: true,
      });
      generateJetBrainsWebTypes(manifest, {
        outdir,
        webTypesFileName: 'web-types.json',
        descriptionSrc: 'description',
        hideLogs: true,
        // package.json names the files itself; the generator would point it at CEM_OUTDIR.
        packageJson: false,
      });
    },
  };
}

/** The detail types of the events, which the JSX types need (the manifest names the classes). */
const EVENT_DETAILS = {
  MediaSelectEvent: 'MediaSelectDetail',
  MediaGroupSelectEvent: 'MediaGroupSelectDetail',
  PageChangeEvent: 'PageChangeDetail',
  CatalogErrorEvent: 'ErrorEventDetail',
};

/** Members a page must not set: read-only state, which the element reflects itself. */
const READ_ONLY = new Set(['state']);

/**
 * React's own attributes (onClick, aria-*, className, style...) with a `ref` typed to the
 * element, in place of the generator's loose ones (`ref: unknown`, `style` of any keys).
 */
const REACT_BASE = `import type {CSSProperties, HTMLAttributes, Key, Ref} from "react";

type BaseProps<E extends HTMLElement> = Omit<HTMLAttributes<E>, "style"> & {
  key?: Key | null;
  ref?: Ref<E>;
  /** React 19 passes \`class\` to custom elements as it is. */
  class?: string;
  /** Typed CSS properties, plus the elements' custom properties (\`--ss-*\`). */
  style?: CSSProperties & {[property: \`--\${string}\`]: string | number};
  part?: string;
  exportparts?: string;
};`;

/** Puts the element types on React's: one `BaseProps<Element>` per tag. */
function reactBase(text) {
  const start = text.indexOf('type BaseProps = {');
  const end = text.indexOf('};', start) + 2;
  if (start < 0) throw new Error('jsx.d.ts: the generator no longer writes BaseProps');
  return (text.slice(0, start) + REACT_BASE + text.slice(end)).replace(
    /Partial<(\w+)Props & BaseProps & BaseEvents>/g,
    'Partial<$1Props & BaseEvents> & BaseProps<$1>',
  );
}

/**
 * jsx.d.ts, for TSX (React 19). The generator reads an event's `type` as its
 * detail type, and would import each one once per element (duplicate identifiers): it gets a
 * copy of the manifest whose event types are inline `import()` types of the details.
 */
function jsxTypes() {
  return {
    name: 'jsx-types',
    packageLinkPhase: ({customElementsManifest}) => {
      const manifest = structuredClone(customElementsManifest);
      for (const declaration of declarations(manifest)) {
        declaration.members = declaration.members?.filter((m) => !READ_ONLY.has(m.name));
        declaration.attributes = declaration.attributes?.filter((a) => !READ_ONLY.has(a.name));
        for (const event of declaration.events ?? []) {
          const detail = EVENT_DETAILS[event.type?.text];
          if (!detail) throw new Error(`No detail type for the event ${event.name}`);
          event.type = {text: `import("${TYPES}").${detail}`};
        }
      }
      generateJsxTypes(manifest, {
        outdir,
        fileName: 'jsx.d.ts',
        descriptionSrc: 'description',
        // The element classes, for the property types.
        globalTypePath: TYPES,
        hideLogs: true,
      });
      const file = join(outdir, 'jsx.d.ts');
      writeFileSync(file, reactBase(readFileSync(file, 'utf8')));
    },
  };
}

/** vue.d.ts, for Vue 3 templates (vue-tsc, Vue - Official): see scripts/generate-vue-types.mjs. */
function vueTypesPlugin() {
  return {
    name: 'vue-types',
    packageLinkPhase: ({customElementsManifest}) => {
      writeFileSync(join(outdir, 'vue.d.ts'), vueTypes(customElementsManifest, {typesPath: TYPES}));
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
  plugins: [distPaths(), editorData(), jsxTypes(), vueTypesPlugin()],
};
