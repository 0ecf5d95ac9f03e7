// Fails when a relative link in README.md or docs/ leads nowhere: to a file that does not exist,
// or to a heading (`page.md#heading`, `#heading`) the page does not have. Links to other sites
// are not fetched. Part of `npm run lint:manifest`.
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, normalize} from 'node:path';

/** README.md and every Markdown file under docs/. */
function pages() {
  const docs = readdirSync('docs', {recursive: true})
    .filter((file) => file.endsWith('.md'))
    .map((file) => join('docs', file));
  return ['README.md', ...docs.sort()];
}

/** The text outside fenced code blocks and inline code, where links and headings are read. */
function prose(text) {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading) {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Every anchor of a Markdown page, duplicates numbered as GitHub numbers them. */
function anchors(file) {
  const seen = new Map();
  const found = new Set();
  for (const [, heading] of prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count ? `${base}-${count}` : base);
  }
  return found;
}

/** The targets of the inline links and images of a page: `[text](target "title")`. */
function links(text) {
  const plain = prose(text).replace(/`[^`\n]*`/g, '');
  return [
    ...plain.matchAll(/!?\[(?:[^\]\n]|\][^(])*?\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g),
  ].map((match) => match[1]);
}

const problems = [];
let checked = 0;
for (const page of pages()) {
  for (const target of links(readFileSync(page, 'utf8'))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:...
    checked++;
    const [path, anchor] = target.split('#');
    const file = path ? normalize(join(dirname(page), decodeURI(path))) : page;
    const where = `${page}: ${target}`;
    if (!existsSync(file)) {
      problems.push(`${where}: no such file`);
      continue;
    }
    if (anchor && statSync(file).isFile() && file.endsWith('.md') && !anchors(file).has(anchor))
      problems.push(`${where}: ${file} has no heading #${anchor}`);
  }
}

if (problems.length) {
  console.error(`Broken links in the docs:\n- ${problems.join('\n- ')}`);
  process.exitCode = 1;
} else {
  console.log(`Docs links resolve (${checked} relative links in ${pages().length} pages).`);
}
