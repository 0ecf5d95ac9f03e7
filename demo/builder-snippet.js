// The embed builder's output, as plain functions of its settings (no DOM), so the preview and
// the copied HTML are one string and the escaping can be tested on its own.

/** The CDN URL of the README's CMS snippet: what an author's page loads. */
export const CDN_URL =
  'https://cdn.jsdelivr.net/npm/smartstream-widgets/dist/smartstream-widgets.min.js';

/** Element defaults (custom-elements.json): an attribute equal to its default is left out. */
const DEFAULTS = {
  limit: '30',
  sort: 'updated_at',
  order: 'desc',
  layout: 'grid',
  paging: 'pages',
  groupLayout: 'list',
};

/** The accent colour the elements fall back to: the builder's colour field starts there. */
export const DEFAULT_ACCENT = '#1a56db';

/** The id the wrapper's group list names its media list by (`controls`). */
const LIST_ID = 'ss-videos';

/** `&`, quotes and angle brackets as entities: no value can end the attribute or the tag. */
export function escapeAttribute(value) {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** ` name="value"` for each present pair, in the order given; empty values are left out. */
function attributes(pairs) {
  return pairs
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
}

function unlessDefault(value, fallback) {
  return value === fallback ? '' : value;
}

function listAttributes(s, {withConnection}) {
  return [
    ...(withConnection ? connection(s) : []),
    ['media-group-id', s.groupId],
    ['limit', unlessDefault(s.limit, DEFAULTS.limit)],
    ['sort', unlessDefault(s.sort, DEFAULTS.sort)],
    ['order', unlessDefault(s.order, DEFAULTS.order)],
    ['href', s.href],
    ['layout', unlessDefault(s.layout, DEFAULTS.layout)],
    ['paging', unlessDefault(s.paging, DEFAULTS.paging)],
    ['label', s.label],
  ];
}

function connection(s) {
  return [
    ['merchant', s.merchant],
    ['api-base', s.apiBase],
    ['lang', s.lang],
  ];
}

function groupListAttributes(s, {withConnection, controls}) {
  return [
    ...(withConnection ? connection(s) : []),
    ['controls', controls],
    ['selected-group-id', controls ? s.groupId : ''],
    ['limit', controls ? '' : unlessDefault(s.limit, DEFAULTS.limit)],
    ['sort', controls ? '' : unlessDefault(s.sort, DEFAULTS.sort)],
    ['order', controls ? '' : unlessDefault(s.order, DEFAULTS.order)],
    ['layout', unlessDefault(s.groupLayout, DEFAULTS.groupLayout)],
    ['label', controls ? '' : s.label],
  ];
}

function cardAttributes(s) {
  const byRef = s.identify === 'ref-id';
  return [
    ...connection(s),
    [byRef ? 'ref-id' : 'media-id', byRef ? s.refId : s.mediaId],
    ['href', s.href],
  ];
}

/** The element tag(s) for the settings, without script or style. */
export function elementMarkup(s) {
  switch (s.element) {
    case 'card':
      return `<ss-media-card${attributes(cardAttributes(s))}></ss-media-card>`;
    case 'groups':
      return `<ss-media-group-list${attributes(groupListAttributes(s, {withConnection: true}))}></ss-media-group-list>`;
    case 'catalog': {
      const groups = groupListAttributes(s, {withConnection: false, controls: LIST_ID});
      const list = [['id', LIST_ID], ...listAttributes(s, {withConnection: false})];
      return [
        `<ss-catalog${attributes(connection(s))}>`,
        `  <ss-media-group-list${attributes(groups)}></ss-media-group-list>`,
        `  <ss-media-list${attributes(list)}></ss-media-list>`,
        '</ss-catalog>',
      ].join('\n');
    }
    default:
      return `<ss-media-list${attributes(listAttributes(s, {withConnection: true}))}></ss-media-list>`;
  }
}

const TAGS = {
  list: ['ss-media-list'],
  card: ['ss-media-card'],
  groups: ['ss-media-group-list'],
  catalog: ['ss-media-group-list', 'ss-media-list'],
};

/** The space reservation of docs/usage.md ("Layout shift before the script runs") for these tags. */
function reservation(tags) {
  const rules = [];
  if (tags.includes('ss-media-card')) {
    rules.push(
      'ss-media-card:not(:defined) {',
      '  display: block;',
      '  box-sizing: content-box;',
      '  aspect-ratio: 16 / 9;',
      '  padding-bottom: 190px;',
      '}',
    );
  }
  const lists = tags.filter((tag) => tag !== 'ss-media-card');
  if (lists.length) {
    rules.push(`${lists.map((tag) => `${tag}:not(:defined)`).join(',\n')} {`);
    rules.push('  display: block;', '  min-height: 60vh;', '}');
  }
  return rules;
}

/** The custom properties the theme fields set, each only when set. */
export function themeProperties(s) {
  const list = s.element === 'list' || s.element === 'catalog';
  const shelves =
    (list && s.layout === 'shelf') || (s.element !== 'card' && s.groupLayout === 'shelves');
  const props = [];
  if (s.accent && s.accent.toLowerCase() !== DEFAULT_ACCENT)
    props.push(['--ss-color-accent', s.accent]);
  if (s.radius !== '') props.push(['--ss-radius', `${s.radius}px`]);
  if (list && s.layout === 'grid' && s.columns !== '') props.push(['--ss-list-columns', s.columns]);
  if (shelves && s.shelfWidth !== '') props.push(['--ss-shelf-card-width', `${s.shelfWidth}px`]);
  // The fields allow colours and numbers only; this keeps any other value inside the rule.
  return props.map(([name, value]) => [name, String(value).replace(/[<>{};\\]/g, '')]);
}

/** The `<style>` content: reservation and theme, or '' when neither is asked for. */
export function styleText(s) {
  const tags = TAGS[s.element] ?? TAGS.list;
  const rules = s.reserve ? reservation(tags) : [];
  const props = themeProperties(s);
  if (props.length) {
    const selector = s.element === 'catalog' ? 'ss-catalog' : tags[0];
    rules.push(`${selector} {`, ...props.map(([name, value]) => `  ${name}: ${value};`), '}');
  }
  return rules.join('\n');
}

/** The whole HTML an author pastes: the CDN script, the optional style, the element tag. */
export function snippet(s) {
  const parts = [`<script type="module" src="${escapeAttribute(CDN_URL)}"></script>`];
  const style = styleText(s);
  if (style) parts.push(`<style>\n${indent(style)}\n</style>`);
  parts.push(elementMarkup(s));
  return parts.join('\n') + '\n';
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/**
 * The first request each element of the snippet makes, as calls to the client's `cacheKey`
 * (`[call, arg]`): the builder turns them into URLs with the elements' own client, so a head
 * preload is the very request the element makes, and the element reuses its response.
 */
export function firstRequests(s) {
  const page = ({limit, sort, order}) => ({
    limit: Number(limit || DEFAULTS.limit),
    page: 1,
    sort: sort || DEFAULTS.sort,
    order: order || DEFAULTS.order,
  });
  const listQuery = () => ({...page(s), ...(s.groupId ? {mediaGroupId: s.groupId} : {})});
  switch (s.element) {
    case 'card': {
      const byRef = s.identify === 'ref-id';
      const value = byRef ? s.refId : s.mediaId;
      return value ? [['getMedia', byRef ? {refId: value} : {id: value}]] : [];
    }
    case 'groups':
      return [['listMediaGroups', page(s)]];
    case 'catalog':
      // The wrapper's group list takes the defaults: the form's paging fields are the list's.
      return [
        ['listMediaGroups', page({})],
        ['listMedia', listQuery()],
      ];
    default:
      return [['listMedia', listQuery()]];
  }
}

/**
 * The recommended head (docs/performance.md): a CORS fetch preload of each first request, so the
 * catalog answer is on its way before the script has run, and a preconnect to the posters'
 * origin when it is not the catalog's own.
 */
export function headMarkup({preloads, posterOrigin, apiOrigin}) {
  const lines = preloads.map(
    (href) => `<link rel="preload" as="fetch" href="${escapeAttribute(href)}" crossorigin />`,
  );
  if (posterOrigin && posterOrigin !== apiOrigin) {
    lines.push(`<link rel="preconnect" href="${escapeAttribute(posterOrigin)}" />`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
