import './globals.js';
import {LitElementRenderer, render} from '@lit-labs/ssr';
import {collectResultSync} from '@lit-labs/ssr/lib/render-result.js';
import {renderLight} from '@lit-labs/ssr-client/directives/render-light.js';
import type {TemplateResult} from 'lit';
import {normalizeApiBase, type CatalogReader} from '../client/reader.js';
import {serializeJsonLd} from '../components/shared/structured-data.js';
import {withServerDocument} from '../components/shared/server-document.js';
import {snapshotScript} from './snapshot.js';
import {SsCatalog} from '../components/catalog/catalog.js';
import {CatalogElement} from '../components/shared/catalog-element.js';
import '../all.js';

/** Options of {@link renderTags}. */
export interface RenderTagsOptions {
  /** The reader (or server-side `CatalogClient`) every element fetches through. */
  client: CatalogReader;
  /** The page's URL: relative `href` templates and `api-base`s resolve against it, as in the browser. */
  baseUrl: string | URL;
  /** The page's language (`<html lang>`), for elements with no `lang` of their own: `ja` or `en`. */
  lang?: string;
  /** How long the render may wait for the catalog before it gives the tags back unrendered. */
  timeoutMs?: number;
  /** Told why the tags came back unrendered (a `CatalogError`, an `AttributeError`, the time-out), e.g. to log it. */
  onFallback?: (error: unknown) => void;
}

/** What {@link renderTags} gives back. */
export interface RenderTagsResult {
  /** The tags with declarative shadow DOM, or the tags unchanged when the catalog failed or was slow. */
  html: string;
  /** The `<script type="application/json">` to put in the page before the elements' script; `''` when unrendered. */
  snapshot: string;
  /** False when the tags came back unrendered, with why. */
  rendered: boolean;
  reason?: 'timeout' | 'error';
}

export const RENDER_DEFAULTS = Object.freeze({timeoutMs: 1500});

/** Three rounds: the tags' own data, then anything those pages lead to, then one to render. */
const MAX_PASSES = 3;

/** Elements whose light DOM may take their JSON-LD: the ones that add it in the browser. */
const CLOSING_TAG = /(?=<\/ss-media-(?:card|list)\s*>)/i;

type StructuredDataHost = {structuredData?(): Record<string, unknown> | null};

/** Lit's renderer, but writing the elements' JSON-LD into their light DOM as the browser would. */
class CatalogElementRenderer extends LitElementRenderer {
  /** Ours only: other Lit elements in an `<ss-catalog>` get Lit's renderer, unconnected. */
  static override matchesClass(ctor: typeof HTMLElement): boolean {
    return ctor.prototype instanceof CatalogElement || ctor === SsCatalog;
  }

  override connectedCallback(): void {
    // Context requests travel as server-side events: `<ss-catalog>` answers its descendants.
    this.element['enableUpdating'] = () => {};
    this.element.connectedCallback();
    super.connectedCallback();
  }

  override renderLight(): string[] {
    const data = (this.element as unknown as StructuredDataHost).structuredData?.();
    // The same serializer as in the browser: the hydrated element finds its own script.
    return [
      data
        ? `<script type="application/ld+json" data-ss-structured-data>${serializeJsonLd(data)}</script>`
        : '',
    ];
  }
}

/**
 * Renders the catalog tags an author pastes in a page (`<ss-media-list merchant="..." limit="12">`,
 * cards, group lists, an `<ss-catalog>` with its children) to HTML with declarative shadow DOM,
 * after fetching what they show through `options.client`. Never throws for a catalog failure:
 * a slow or failing catalog gives the tags back unchanged, which the browser then renders itself.
 */
export async function renderTags(
  markup: string,
  options: RenderTagsOptions,
): Promise<RenderTagsResult> {
  const timeoutMs = options.timeoutMs ?? RENDER_DEFAULTS.timeoutMs;
  const baseURI = new URL(options.baseUrl).href;
  const apiBases = new Set<string>();
  const document = {
    baseURI,
    lang: options.lang ?? '',
    client: (apiBase: string) => {
      apiBases.add(normalizeApiBase(apiBase));
      return options.client;
    },
  };
  const unrendered = (reason: RenderTagsResult['reason']): RenderTagsResult => ({
    html: markup,
    snapshot: '',
    rendered: false,
    reason,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      const needs: Array<() => Promise<unknown>> = [];
      const html = withServerDocument({...document, need: (load) => void needs.push(load)}, () =>
        collectResultSync(
          render(template(markup), {
            elementRenderers: [CatalogElementRenderer, LitElementRenderer],
          }),
        ),
      );
      if (needs.length === 0) {
        return {html, snapshot: snapshotScript(options.client, apiBases), rendered: true};
      }
      if (pass === MAX_PASSES) break;
      // Started in the render's document: an element resolves its client as the load begins.
      const loads = withServerDocument(document, () => needs.map((load) => load()));
      const loaded = Promise.all(loads).then(() => 'loaded' as const);
      if ((await Promise.race([loaded, timeout])) === 'timeout') {
        options.onFallback?.(new Error(`The catalog took longer than ${timeoutMs} ms.`));
        return unrendered('timeout');
      }
    }
    options.onFallback?.(new Error('The elements still lacked data after the last round.'));
    return unrendered('error');
  } catch (error) {
    options.onFallback?.(error);
    return unrendered('error');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The author's markup as one template, with a light-DOM part at the end of each element that
 * adds JSON-LD. The strings array is new on every call, so no template cache grows with pages.
 */
function template(markup: string): TemplateResult {
  const parts = markup.split(CLOSING_TAG);
  const strings = Object.assign([...parts], {raw: [...parts]});
  return {
    ['_$litType$']: 1,
    strings,
    values: parts.slice(1).map(() => renderLight()),
  } as unknown as TemplateResult;
}
