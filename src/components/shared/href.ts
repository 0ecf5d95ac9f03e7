import type {Media} from '../../client/index.js';
import {baseURI} from './server-document.js';

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/**
 * Expands a card's `href` template (`/videos/{id}`, `/watch?ref={ref_id}`) with URL-encoded
 * media fields. Returns `null` when a placeholder has no value or when the result would not be
 * a relative or `http(s):` URL, so a hostile template or value can never produce a script URL.
 */
export function expandHref(template: string, media: Media, baseURI: string): string | null {
  let missing = false;
  const expanded = template.replace(PLACEHOLDER, (_, field: string) => {
    const value = (media as unknown as Record<string, unknown>)[field];
    if (typeof value !== 'string' && typeof value !== 'number') {
      missing = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  if (missing) return null;
  try {
    const {protocol} = new URL(expanded, baseURI);
    return protocol === 'http:' || protocol === 'https:' ? expanded : null;
  } catch {
    return null;
  }
}

/** The `href` of a card for `media` from the element's template (see `expandHref`); `null` without one. */
export function cardHref(template: string | null, media: Media): string | null {
  return template ? expandHref(template, media, baseURI()) : null;
}

/** The card's `href` made absolute, for the JSON-LD. */
export function absoluteHref(template: string | null, media: Media): string | null {
  const href = cardHref(template, media);
  return href && new URL(href, baseURI()).href;
}
