// What `GET /render/<tag>?<attributes>` may ask for: the tag and its attributes, checked with
// the catalog routes' own parser, and the markup the fragment renders. No node: imports.
import {parseCatalogRequest, type CatalogRoute, type Refusal} from './request.js';

/** The path prefix of fragments. */
export const FRAGMENT_PREFIX = '/render/';

/** A fragment request, checked: its cache key and the tag to render (values normalized). */
export interface FragmentRequest {
  tag: FragmentTag;
  /** The normalized request: one entry per spelling-independent fragment. */
  key: string;
  /** The element, with only checked and escaped attributes. */
  markup: string;
  /** The api-base the elements fetch from (in the browser; on the server through the proxy). */
  apiBase: string;
  lang: string | undefined;
}

export type ParsedFragment = {ok: true; fragment: FragmentRequest} | {ok: false; refusal: Refusal};

/** Attributes every fragment takes besides its tag's catalog ones. */
const PRESENTATION = ['href', 'lang', 'api-base'] as const;
const PAGING = ['merchant', 'limit', 'page', 'sort', 'order'] as const;
const LIST_FILTERS = ['media-group-id', 'live-event-id', 'job-id'] as const;

/** The tags served, with the attributes each accepts (the catalog routes' parameters, kebab-case). */
const TAGS = {
  'ss-media-list': [...PAGING, ...LIST_FILTERS, ...PRESENTATION],
  'ss-media-group-list': [...PAGING, ...PRESENTATION],
  'ss-media-card': ['merchant', 'media-id', 'ref-id', ...PRESENTATION],
} as const;

export type FragmentTag = keyof typeof TAGS;

/** A link template: root-relative or absolute http(s), nothing that could leave an attribute. */
const HREF_PATTERN = /^(?:https?:\/\/[^\s"'<>`\\]{1,240}|\/[^\s"'<>`\\]{0,240})$/;
/** Same-origin only: the fragment's elements then page and retry through the same front. */
const API_BASE_PATTERN = /^\/[A-Za-z0-9._~/-]{0,120}$/;

function refuse(message: string): ParsedFragment {
  return {ok: false, refusal: {status: 400, code: 'BAD_REQUEST', message}};
}

/** `&`, `"`, `<`, `>` escaped: values have passed strict patterns, this is the second belt. */
function attribute(name: string, value: string): string {
  const escaped = value.replace(
    /[&"<>]/g,
    (c) => ({'&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;'})[c]!,
  );
  return ` ${name}="${escaped}"`;
}

/** The catalog path the tag's attributes stand for, to be checked by the catalog parser. */
function catalogUrl(tag: FragmentTag, values: Record<string, string>): URL {
  const merchant = encodeURIComponent(values.merchant ?? '');
  const url = new URL(`http://fragment.invalid/v1/merchants/${merchant}/`);
  if (tag === 'ss-media-card') {
    const id = values['media-id'];
    const key = id === undefined ? `ref:${values['ref-id'] ?? ''}` : id;
    url.pathname += `medias/${encodeURIComponent(key)}`;
    return url;
  }
  url.pathname += tag === 'ss-media-group-list' ? 'media_groups' : 'medias/';
  for (const name of [...PAGING.slice(1), ...LIST_FILTERS]) {
    const value = values[name];
    if (value !== undefined) url.searchParams.set(name.replaceAll('-', '_'), value);
  }
  return url;
}

/** The element's catalog attributes, from the route the catalog parser normalized. */
function catalogAttributes(route: CatalogRoute): Array<[string, string | number | undefined]> {
  if (route.kind === 'media') {
    const {selector} = route;
    return 'id' in selector ? [['media-id', selector.id]] : [['ref-id', selector.refId]];
  }
  const {limit, page, sort, order} = route.params;
  const out: Array<[string, string | number | undefined]> = [
    ['limit', limit],
    ['page', page],
    ['sort', sort],
    ['order', order],
  ];
  if (route.kind === 'media-list') {
    const {mediaGroupId, liveEventId, jobId} = route.params;
    out.push(['media-group-id', mediaGroupId], ['live-event-id', liveEventId], ['job-id', jobId]);
  }
  return out;
}

/** Reads each attribute once; an unknown or repeated one is refused (named nowhere in the answer). */
function readAttributes(
  tag: FragmentTag,
  params: URLSearchParams,
): Record<string, string> | ParsedFragment {
  const known: readonly string[] = TAGS[tag];
  const values: Record<string, string> = {};
  for (const [name, value] of params) {
    // The message never repeats the input: an ESI include may paste this body into a page.
    if (!known.includes(name)) return refuse(`${tag} accepts only: ${known.join(', ')}.`);
    if (name in values) return refuse(`An attribute of ${tag} is given more than once.`);
    values[name] = value;
  }
  if (tag === 'ss-media-card' && 'media-id' in values === 'ref-id' in values) {
    return refuse('ss-media-card takes one of media-id and ref-id.');
  }
  return values;
}

/** The presentation attributes, checked; a string is why one is refused. */
function presentation(values: Record<string, string>): Array<[string, string]> | string {
  const out: Array<[string, string]> = [];
  const {href, lang} = values;
  const apiBase = values['api-base'] ?? '/';
  if (href !== undefined) {
    if (!HREF_PATTERN.test(href)) return 'href must be a root-relative or http(s) link template.';
    out.push(['href', href]);
  }
  if (lang !== undefined) {
    if (lang !== 'ja' && lang !== 'en') return 'lang must be ja or en.';
    out.push(['lang', lang]);
  }
  if (!API_BASE_PATTERN.test(apiBase)) return 'api-base must be a root-relative path.';
  out.push(['api-base', apiBase]);
  return out;
}

/**
 * Checks `/render/<tag>?<attributes>` and returns the element to render. Catalog attributes go
 * through {@link parseCatalogRequest}, so a fragment accepts exactly what its catalog route does
 * (merchants served, ranges, sort columns, id character sets) and is refused as that route is.
 */
export function parseFragmentRequest(url: URL, merchants: ReadonlySet<string>): ParsedFragment {
  const tag = url.pathname.slice(FRAGMENT_PREFIX.length);
  if (!Object.hasOwn(TAGS, tag)) {
    return refuse(`The proxy renders only ${Object.keys(TAGS).join(', ')}.`);
  }
  const values = readAttributes(tag as FragmentTag, url.searchParams);
  if ('ok' in values) return values as ParsedFragment;
  const parsed = parseCatalogRequest(catalogUrl(tag as FragmentTag, values), 'GET', merchants);
  if (!parsed.ok) return {ok: false, refusal: parsed.refusal};
  const shown = presentation(values);
  if (typeof shown === 'string') return refuse(shown);
  const pairs = [['merchant', parsed.route.merchant], ...catalogAttributes(parsed.route), ...shown]
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([name, value]): [string, string] => [name, String(value)]);
  const attributes = pairs.map(([name, value]) => attribute(name, value)).join('');
  const markup = `<${tag}${attributes}></${tag}>`;
  const key = `${tag}?${new URLSearchParams([...pairs].sort(([a], [b]) => (a < b ? -1 : 1)))}`;
  const apiBase = pairs.find(([name]) => name === 'api-base')![1];
  const lang = pairs.find(([name]) => name === 'lang')?.[1];
  return {ok: true, fragment: {tag: tag as FragmentTag, key, markup, apiBase, lang}};
}
