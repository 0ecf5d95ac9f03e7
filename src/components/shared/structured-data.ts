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
  return JSON.stringify({'@context': 'https://schema.org', ...data}).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const OWNED = 'data-ss-structured-data';

/**
 * Keeps one JSON-LD script in the host's light DOM (where crawlers read it; the shadow root
 * would hide it), or removes it when `data` is null.
 */
export function syncStructuredData(host: HTMLElement, data: JsonLd | null): void {
  let script = host.querySelector<HTMLScriptElement>(`:scope > script[${OWNED}]`);
  if (!data) {
    script?.remove();
    return;
  }
  if (!script) {
    script = document.createElement('script');
    script.type = 'application/ld+json';
    script.setAttribute(OWNED, '');
    host.append(script);
  }
  const text = serializeJsonLd(data);
  if (script.textContent !== text) script.textContent = text;
}
