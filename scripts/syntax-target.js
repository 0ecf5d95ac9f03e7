// The CDN file's JavaScript syntax against the statement in docs/browsers.md ("Syntax target:
// ES2021"): the file must parse at that edition, and the build settings that decide the syntax
// (tsconfig's target, terser's ecma) must say the same edition.
import {readFileSync} from 'node:fs';
import {parse} from 'acorn';

const DOCS = 'docs/browsers.md';

/** Problems found, none when the file, the build and the docs agree. */
export function checkSyntaxTarget(cdnCode) {
  const stated = /^Syntax target: ES(\d{4})$/m.exec(readFileSync(DOCS, 'utf8'))?.[1];
  if (!stated) return [`${DOCS} has no "Syntax target: ESyyyy" line`];
  const problems = [];
  try {
    parse(cdnCode, {ecmaVersion: Number(stated), sourceType: 'module'});
  } catch (error) {
    problems.push(`the CDN file is not ES${stated} syntax as ${DOCS} states: ${error.message}`);
  }
  const settings = [
    ['tsconfig.json target', 'tsconfig.json', /"target"\s*:\s*"ES(\d{4})"/i],
    ['rollup.config.mjs terser ecma', 'rollup.config.mjs', /\becma:\s*(\d{4})/],
  ];
  for (const [name, file, pattern] of settings) {
    const edition = pattern.exec(readFileSync(file, 'utf8'))?.[1];
    if (edition !== stated)
      problems.push(`${name} is ES${edition}, but ${DOCS} states ES${stated}`);
  }
  return problems;
}
