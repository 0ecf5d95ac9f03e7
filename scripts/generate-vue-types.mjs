// Generates `editor/vue.d.ts`: types for the custom elements in Vue 3 templates (vue-tsc / Vue -
// Official), from a custom elements manifest. Plain Node, no dependencies.
//
//   import {vueTypes} from './generate-vue-types.mjs';
//   fs.writeFileSync('editor/vue.d.ts', vueTypes(manifest, {typesPath: '../dist/index.js'}));
//   node scripts/generate-vue-types.mjs editor/custom-elements.json ../dist/index.js > editor/vue.d.ts
//
// Each element becomes an entry of Vue's `GlobalComponents`, typed as a constructor of the element
// class with `$props` (what templates may bind) and `$emit` (its events), the form Vue's guide
// "Web Components and TypeScript" describes. vue-tsc then types `@ss-media-select="(e) => ..."` from
// `$emit` (the payload is the event class, so `e.detail` is typed), checks `:limit` against the
// property type, and knows the tag under `strictTemplates`.
//
// Props are keyed by property name (camelCase): vue-tsc camelizes the attributes of a component
// (`api-base="..."` is checked as `apiBase`). The types are the manifest's `type.text`; the named
// types they use (`Media`, `ElementState`...) are imported from `typesPath`, with the element and
// event classes, so that module must export them.

import {pathToFileURL} from 'node:url';

/** Names that need no import: TypeScript keywords and primitives, and global (lib.dom/es) types. */
const BUILTIN = new Set(
  (
    'string number boolean bigint symbol object null undefined void any unknown never true false ' +
    'keyof typeof readonly infer extends is asserts unique this new function ' +
    'Array ReadonlyArray Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ' +
    'ReturnType Parameters Awaited Promise PromiseLike Date RegExp Error Map Set WeakMap WeakSet ' +
    'ReadonlyMap ReadonlySet Iterable Function Object String Number Boolean Symbol BigInt JSON URL ' +
    'URLSearchParams AbortSignal AbortController Event CustomEvent EventTarget Node Element ' +
    'HTMLElement SVGElement DocumentFragment ShadowRoot Document Window File Blob FormData Headers ' +
    'Request Response ElementInternals CSSStyleSheet Intl'
  ).split(' '),
);

const camelize = (s) => s.replace(/-(\w)/g, (_, c) => c.toUpperCase());
const isIdentifier = (s) => /^[A-Za-z_$][\w$]*$/.test(s);
const key = (s) => (isIdentifier(s) ? s : JSON.stringify(s));

/** The named types a type text refers to (not its string literals, property names or builtins). */
function typeNames(text) {
  const names = new Set();
  const code = text
    .replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '""') // string literal types
    .replace(/import\(\s*""\s*\)(\.[\w$.]+)?/g, ''); // inline import() types
  for (const match of code.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*(?![\w$])(?!\s*\??\s*:)/g)) {
    if (!BUILTIN.has(match[0])) names.add(match[0]);
  }
  return names;
}

/** A JSDoc comment, or nothing. */
function doc(text, indent) {
  const body = text?.trim().replace(/\*\//g, '*\\/');
  if (!body) return '';
  const lines = body.split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

/**
 * @param {object} manifest A custom elements manifest (schema 2.x).
 * @param {object} [options]
 * @param {string} [options.typesPath] Module, relative to the generated file, that exports the
 *   element classes, the event classes and the named types of the properties.
 * @param {(tagName: string) => boolean} [options.include] Which elements to type.
 * @returns {string} The text of `vue.d.ts`.
 */
export function vueTypes(manifest, {typesPath = './dist/index.js', include = () => true} = {}) {
  const imports = new Set();
  const elements = [];
  const use = (text) => {
    for (const name of typeNames(text)) imports.add(name);
    return text;
  };

  for (const module of manifest.modules ?? []) {
    for (const decl of module.declarations ?? []) {
      if (!decl.customElement || !decl.tagName || !include(decl.tagName)) continue;
      imports.add(decl.name);
      const props = new Map(); // name -> {type, description, attribute}
      for (const member of decl.members ?? []) {
        if (member.kind !== 'field' || member.static || member.readonly) continue;
        if (member.privacy && member.privacy !== 'public') continue;
        if (member.name.startsWith('#')) continue;
        props.set(member.name, {
          type: member.type?.text
            ? use(member.type.text)
            : `${decl.name}[${JSON.stringify(member.name)}]`,
          description: member.description,
          attribute: member.attribute,
          deprecated: member.deprecated,
        });
      }
      // Attributes without a property of the same (camelized) name: an attribute-only API, or
      // an attribute whose property has another name.
      // A read-only property's reflected attribute (`state`) is not a prop either.
      const readOnly = new Set((decl.members ?? []).filter((m) => m.readonly).map((m) => m.name));
      for (const attr of decl.attributes ?? []) {
        const name = camelize(attr.name);
        if (props.has(name) || readOnly.has(attr.fieldName)) continue;
        const field = attr.fieldName && props.get(attr.fieldName);
        props.set(name, {
          type: field?.type ?? (attr.type?.text ? use(attr.type.text) : 'string'),
          description: attr.description ?? field?.description,
          attribute: attr.name,
          deprecated: attr.deprecated,
        });
      }
      const events = new Map();
      for (const event of decl.events ?? []) {
        if (!event.name || events.has(event.name)) continue;
        events.set(event.name, {
          type: event.type?.text ? use(event.type.text) : 'CustomEvent',
          description: event.description,
          deprecated: event.deprecated,
        });
      }
      elements.push({decl, props, events});
    }
  }
  elements.sort((a, b) => (a.decl.tagName < b.decl.tagName ? -1 : 1));

  const deprecated = (d) => (d ? `@deprecated${typeof d === 'string' ? ` ${d}` : ''}` : '');
  const withTags = (description, ...tags) =>
    [description?.trim(), ...tags.filter(Boolean)].filter(Boolean).join('\n\n');

  let out = `// Generated from custom-elements.json by generate-vue-types.mjs. Do not edit.
// Types of the custom elements in Vue 3 templates, for vue-tsc and Vue - Official:
//   /// <reference types="smartstream-widgets/vue" />   (in an env.d.ts of the app)
import type {EmitFn, HTMLAttributes, PublicProps} from 'vue';
import type {${[...imports].sort().join(', ')}} from '${typesPath}';

/**
 * A custom element as Vue templates see it: the element (for template refs), with \`$props\`
 * (attributes and properties, the global HTML attributes, \`key\`, \`ref\`, \`class\`, \`style\`)
 * and \`$emit\` (its events, by name). \`$props\` and \`$emit\` are not properties of the element.
 */
type VueCustomElement<Element extends HTMLElement, Props, Events extends Record<string, Event>> =
  new () => Element & {
    /** @deprecated For template type checking only: not a property of the element. */
    $props: Omit<HTMLAttributes, keyof Props> & Props & PublicProps;
    /** @deprecated For template type checking only: not a property of the element. */
    $emit: EmitFn<{[K in keyof Events]: (event: Events[K]) => void}>;
  };
`;
  for (const {decl, props, events} of elements) {
    out += `\n${doc(`Props of \`<${decl.tagName}>\`: its properties, and its attributes by camelized name.`, '')}`;
    out += `export type ${decl.name}VueProps = {\n`;
    for (const [name, p] of props) {
      const attrTag = p.attribute
        ? `Attribute \`${p.attribute}\`.`
        : 'Property only: bind it by this name.';
      out += doc(withTags(p.description, attrTag, deprecated(p.deprecated)), '  ');
      out += `  ${key(name)}?: ${p.type};\n`;
    }
    out += `};\n\n${doc(`Events of \`<${decl.tagName}>\`, by name (\`@${[...events.keys()][0] ?? 'event'}="..."\`).`, '')}`;
    out += `export type ${decl.name}VueEvents = {\n`;
    for (const [name, e] of events) {
      out += doc(withTags(e.description, deprecated(e.deprecated)), '  ');
      out += `  ${JSON.stringify(name)}: ${e.type};\n`;
    }
    out += `};\n`;
  }
  out += `\ndeclare module 'vue' {\n  interface GlobalComponents {\n`;
  for (const {decl} of elements) {
    out += doc(withTags(decl.summary ?? decl.description?.split('\n\n')[0]), '    ');
    out += `    ${JSON.stringify(decl.tagName)}: VueCustomElement<${decl.name}, ${decl.name}VueProps, ${decl.name}VueEvents>;\n`;
  }
  out += `  }\n}\n`;
  return out;
}

// CLI: node generate-vue-types.mjs [manifest] [typesPath] > vue.d.ts
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const {readFileSync} = await import('node:fs');
  const [file = 'editor/custom-elements.json', typesPath] = process.argv.slice(2);
  process.stdout.write(
    vueTypes(JSON.parse(readFileSync(file, 'utf8')), typesPath ? {typesPath} : {}),
  );
}
