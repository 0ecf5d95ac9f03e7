import type {Media} from '../../client/index.js';
import {isoDuration} from './format.js';

type JsonLd = Record<string, unknown>;

/** schema.org `VideoObject` for a media, without `@context` (the caller adds it at the top). */
export function videoObject(media: Media, url?: string | null): JsonLd {
  const thumbnails = [media.poster?.src, media.thumbnail?.src].filter(
    (src): src is string => typeof src === 'string',
  );
  const captions = media.text_tracks
    .filter((track) => track.src)
    .map((track) => ({
      '@type': 'MediaObject',
      encodingFormat: track.mime_type ?? 'text/vtt',
      contentUrl: track.src,
      inLanguage: track.lang,
    }));
  const languages = [...new Set(media.text_tracks.map((track) => track.lang).filter(Boolean))];
  const object: JsonLd = {
    '@type': 'VideoObject',
    name: media.name,
    description: media.description || media.name,
    thumbnailUrl: thumbnails,
    uploadDate: media.created_at,
    dateModified: media.updated_at,
    identifier: media.id,
  };
  const duration = isoDuration(media.duration);
  if (duration) object.duration = duration;
  if (media.tags.length) object.keywords = media.tags.join(', ');
  if (languages.length) object.inLanguage = languages.length === 1 ? languages[0] : languages;
  if (captions.length) object.caption = captions;
  if (media.publish_geo_rule.length) {
    object.regionsAllowed = media.publish_geo_rule.map((code) => code.toUpperCase());
  }
  if (url) object.url = url;
  return object;
}

/** schema.org `ItemList` of the videos of a list page, positions counted across pages. */
export function itemList(
  medias: Media[],
  firstPosition: number,
  urls: (media: Media) => string | null,
): JsonLd {
  return {
    '@type': 'ItemList',
    numberOfItems: medias.length,
    itemListElement: medias.map((media, i) => ({
      '@type': 'ListItem',
      position: firstPosition + i,
      item: videoObject(media, urls(media)),
    })),
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>`, `&` and the JS line separators
 * are escaped, so no value can close the script element even if the page is serialized.
 */
export function serializeJsonLd(data: JsonLd): string {
  return escapeInlineJson(JSON.stringify({'@context': 'https://schema.org', ...data}));
}

/** JSON made safe inside a `<script>` element: `<`, `>`, `&` and U+2028/2029 as `\\u` escapes. */
export function escapeInlineJson(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const OWNED = 'data-ss-structured-data';

/** What `textContent` takes on a page that enforces Trusted Types. */
type ScriptText = string | {toString(): string};
type ScriptPolicy = {createScript(text: string): ScriptText};
type TrustedTypesFactory = {
  createPolicy(name: string, rules: {createScript(text: string): string}): ScriptPolicy;
};

/** Shared on `globalThis`: a page that allows the name once may refuse a second policy of it. */
const POLICY_KEY = Symbol.for('smartstream-widgets.trusted-types-policy');

/**
 * The Trusted Types policy for JSON-LD text: `null` where the browser has no Trusted Types,
 * `false` where the page's CSP refuses the `smartstream-widgets` policy name.
 */
function scriptPolicy(): ScriptPolicy | null | false {
  const holder = globalThis as typeof globalThis & {
    [POLICY_KEY]?: ScriptPolicy | null | false;
    trustedTypes?: TrustedTypesFactory;
  };
  if (holder[POLICY_KEY] === undefined) {
    try {
      // The text is JSON this module serialized and escaped, in a script the browser never runs.
      holder[POLICY_KEY] =
        holder.trustedTypes?.createPolicy('smartstream-widgets', {createScript: (text) => text}) ??
        null;
    } catch {
      holder[POLICY_KEY] = false;
    }
  }
  return holder[POLICY_KEY];
}

/**
 * Keeps one JSON-LD script in the host's light DOM (where crawlers read it; the shadow root
 * would hide it), or removes it when `data` is null. On a page whose CSP enforces Trusted
 * Types and does not allow the `smartstream-widgets` policy, the script is left out.
 */
export function syncStructuredData(host: HTMLElement, data: JsonLd | null): void {
  let script = host.querySelector<HTMLScriptElement>(`:scope > script[${OWNED}]`);
  const text = data && serializeJsonLd(data);
  if (script?.textContent === text) return;
  script?.remove();
  if (!text) return;
  script = document.createElement('script');
  script.type = 'application/ld+json';
  script.setAttribute(OWNED, '');
  const policy = scriptPolicy();
  // The page restricts Trusted Types policy names and left ours out: no JSON-LD, rather than
  // an assignment it would block and report for every card.
  if (policy === false) return;
  script.textContent = (policy ? policy.createScript(text) : text) as string;
  host.append(script);
}
