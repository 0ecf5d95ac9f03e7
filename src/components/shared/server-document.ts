import {isServer} from 'lit';
import type {CatalogReader} from '../../client/reader.js';

/**
 * What stands for the document while `smartstream-widgets/ssr` renders: the page's URL (for
 * relative `href`s and `api-base`s) and its language. Set only for one synchronous render pass.
 */
export interface ServerDocument {
  baseURI: string;
  lang: string;
  /** The reader that stands for the shared client of an (absolute) `api-base`. */
  client?: (apiBase: string) => CatalogReader;
  /** Told what an element could not find in the cache; the render fetches it and renders again. */
  need?: (load: () => Promise<unknown>) => void;
}

let current: ServerDocument = {baseURI: 'http://localhost/', lang: ''};

/** The URL relative addresses resolve against: the document's, or the server render's. */
export function baseURI(): string {
  return isServer ? current.baseURI : document.baseURI;
}

/** The server render's page language, where the browser would read the nearest `lang`. */
export function serverLang(): string {
  return current.lang;
}

/** The server render's reader for `apiBase`, if one is rendering. */
export function serverClient(apiBase: string): CatalogReader | undefined {
  return current.client?.(apiBase);
}

/** Says that a server render lacks data that `load` fetches into the cache. */
export function serverNeeds(load: () => Promise<unknown>): void {
  current.need?.(load);
}

/** Runs `render` (synchronous) with `document` standing for the page being rendered. */
export function withServerDocument<T>(document: ServerDocument, render: () => T): T {
  const previous = current;
  current = document;
  try {
    return render();
  } finally {
    current = previous;
  }
}
