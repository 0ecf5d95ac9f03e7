// GET /render/<tag>?<attributes>: the tag rendered on the server (declarative shadow DOM and
// the snapshot the page's script primes itself from), for a CMS behind Varnish or nginx to
// include with ESI or SSI. The catalog is read through this proxy's own routes, so a fragment
// costs the upstream budget nothing a plain catalog request would not.
import {LRUCache} from 'lru-cache';
import {CatalogReader} from '../client/reader.js';
import type {PlainAnswer, PlainRequest} from '../server/plain-http.js';
import type {RenderTagsOptions, RenderTagsResult} from '../ssr/render.js';
import type {ProxyContext} from './context.js';
import type {Cors} from './cors.js';
import {okEntry} from './entries.js';
import {describeError} from './log.js';
import {ERROR_MAX_AGE_S, refused, respond, type Renderer} from './render.js';
import {
  parseFragmentRequest,
  type FragmentRequest,
  type ParsedFragment,
} from './fragment-request.js';
import type {CacheEntry} from './store/index.js';

export {FRAGMENT_PREFIX} from './fragment-request.js';

export const HTML_TYPE = 'text/html; charset=utf-8';

/** How long a fragment waits for the catalog before it answers with the unrendered tag. */
export const FRAGMENT_TIMEOUT_MS = 1500;

/** Rendered fragments kept: a 12-card list is about 200 KB of HTML. */
const CACHE_MAX_BYTES = 32 * 1024 * 1024;

type RenderTags = (markup: string, options: RenderTagsOptions) => Promise<RenderTagsResult>;

/**
 * Loaded on the first fragment only, by a specifier bundlers do not follow: edge runtimes and
 * proxies that serve no fragments never load Lit's server renderer (an optional peer).
 */
const SSR_MODULE = '../ssr/index.js';
let renderTags: Promise<RenderTags> | undefined;
function loadRenderer(): Promise<RenderTags> {
  renderTags ??= (import(/* @vite-ignore */ SSR_MODULE) as Promise<{renderTags: RenderTags}>).then(
    (module) => module.renderTags,
  );
  return renderTags;
}

/** Everything a fragment needs of the router. */
export interface FragmentParts {
  ctx: ProxyContext;
  renderer: Renderer;
  /** The router itself: catalog reads go through its checks, cache and budget. */
  answer: (request: PlainRequest) => Promise<PlainAnswer>;
}

/** Serves fragments, each rendered once per freshness window. */
export class FragmentServer {
  readonly #p: FragmentParts;
  readonly #cache = new LRUCache<string, CacheEntry>({
    maxSize: CACHE_MAX_BYTES,
    sizeCalculation: (entry) => Math.max(1, entry.body.length),
  });
  /** One render per key at a time: a burst of misses waits for the same one. */
  readonly #rendering = new Map<string, Promise<CacheEntry | undefined>>();

  constructor(parts: FragmentParts) {
    this.#p = parts;
  }

  async answer(request: PlainRequest, url: URL, method: string, cors: Cors): Promise<PlainAnswer> {
    const {ctx, renderer} = this.#p;
    const parsed: ParsedFragment = parseFragmentRequest(url, ctx.settings.merchants);
    if (!parsed.ok) return refused(ctx.stats, parsed.refusal, method, cors.headers, shortLived());
    const {fragment} = parsed;
    // The page's origin as the front forwards it: links and api-base resolve against it.
    const key = `${url.origin}|${fragment.key}`;
    const t = ctx.settings.now();
    const cached = this.#cache.get(key);
    if (cached && t < cached.freshUntil) {
      return html(await renderer.render({entry: cached, cache: 'HIT'}, request, method, cors));
    }
    const rendering = this.#render(key, fragment, request, url);
    if (cached && t < cached.staleUntil) {
      void rendering;
      return html(await renderer.render({entry: cached, cache: 'STALE'}, request, method, cors));
    }
    const entry = await rendering;
    if (entry) return html(await renderer.render({entry, cache: 'MISS'}, request, method, cors));
    // Stale-if-error: the last rendering beats the plain tags while it may still be served.
    if (cached && t < cached.expiresAt) {
      return html(await renderer.render({entry: cached, cache: 'STALE'}, request, method, cors));
    }
    // Unrendered: the tag as the author would have pasted it, which the browser renders itself.
    const headers = {...cors.headers, 'x-cache': 'MISS', 'cache-control': shortLived()};
    return respond(ctx.stats, 200, fragment.markup, headers, method, HTML_TYPE);
  }

  /** The rendered fragment as a cache entry, or undefined when the catalog failed or was slow. */
  #render(
    key: string,
    fragment: FragmentRequest,
    request: PlainRequest,
    url: URL,
  ): Promise<CacheEntry | undefined> {
    let pending = this.#rendering.get(key);
    if (pending) return pending;
    pending = this.#renderNow(fragment, request, url)
      .then((entry) => {
        if (entry) this.#cache.set(key, entry);
        return entry;
      })
      // A background render has nobody to answer: its failure must not go unhandled.
      .catch((error: unknown) => {
        this.#p.ctx.log.error(`fragment render failed: ${describeError(error)}`);
        return undefined;
      })
      .finally(() => this.#rendering.delete(key));
    this.#rendering.set(key, pending);
    return pending;
  }

  async #renderNow(
    fragment: FragmentRequest,
    request: PlainRequest,
    url: URL,
  ): Promise<CacheEntry | undefined> {
    const {ctx} = this.#p;
    let render: RenderTags;
    try {
      render = await loadRenderer();
    } catch (error) {
      renderTags = undefined;
      ctx.log.error(`fragments need @lit-labs/ssr: ${describeError(error)}`);
      return undefined;
    }
    const apiBase = new URL(fragment.apiBase, url).href;
    // No retries of its own: the proxy behind its fetch retries upstream already.
    const fetch = this.#fetchThrough(apiBase, request);
    const client = new CatalogReader({apiBase, fetch, retry: false});
    const result = await render(fragment.markup, {
      client,
      baseUrl: url,
      lang: fragment.lang,
      timeoutMs: FRAGMENT_TIMEOUT_MS,
      onFallback: (error) => ctx.log.warn(`fragment not rendered: ${describeError(error)}`),
    });
    if (!result.rendered) return undefined;
    return okEntry(result.snapshot + result.html, false, ctx.settings.cache, ctx.settings.now());
  }

  /**
   * A `fetch` for the render's reader that asks this very router, as the visitor who asked for
   * the fragment (their address and forwarded-for, for their share of the budget).
   */
  #fetchThrough(apiBase: string, request: PlainRequest): typeof fetch {
    const prefix = new URL(apiBase).pathname.replace(/\/+$/, '');
    return async (input) => {
      const target = new URL(input instanceof Request ? input.url : String(input));
      const path = target.pathname.slice(prefix.length) + target.search;
      const forwarded = request.headers.get('x-forwarded-for');
      const answer = await this.#p.answer({
        url: `http://proxy.internal${path}`,
        method: 'GET',
        headers: {get: (name) => (name.toLowerCase() === 'x-forwarded-for' ? forwarded : null)},
        ...(request.clientAddress ? {clientAddress: request.clientAddress} : {}),
      });
      return new Response(answer.body, {status: answer.status, headers: answer.headers});
    };
  }
}

/** What a refusal or an unrendered fragment may be kept downstream: briefly. */
function shortLived(): string {
  return `public, max-age=${ERROR_MAX_AGE_S}`;
}

/** The renderer's answer, typed as the HTML it holds. */
function html(answer: PlainAnswer): PlainAnswer {
  if (answer.headers['content-type']) answer.headers['content-type'] = HTML_TYPE;
  return answer;
}
