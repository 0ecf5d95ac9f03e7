// Which request goes where: refusals, CORS, preflights, /healthz and /metrics, catalog keys.
import {errorMessage} from '../api/index.js';
import type {PlainAnswer, PlainRequest} from '../server/plain-http.js';
import type {ProxyContext} from './context.js';
import {preflight} from './cors.js';
import {FRAGMENT_PREFIX, FragmentServer} from './fragment.js';
import {clientOf, errorBody, JSON_TYPE, STATUS_TEXT} from './http-answer.js';
import {serveListPage} from './list-chunks.js';
import {describeError} from './log.js';
import {increment, renderMetrics} from './metrics.js';
import {ERROR_MAX_AGE_S, refused, respond, type Renderer} from './render.js';
import {RefusalLog} from './refusal-log.js';
import {RequestMemo} from './request-memo.js';
import type {KeyServer} from './serve.js';
import type {StoreHealth} from './store/index.js';

/** The body of `/healthz`. */
export interface ProxyHealth {
  /**
   * `paused` while an upstream 429 keeps the proxy from sending anything upstream;
   * `degraded` while the shared store is unreachable (answers come from this process alone).
   * Either way `/healthz` answers 200: a balancer must not drain every replica at once.
   */
  status: 'ok' | 'paused' | 'degraded';
  cacheEntries: number;
  budgetRemaining: number;
  budget: {
    remaining: number;
    capacity: number;
    /** Milliseconds left of a pause after an upstream 429; 0 when not paused. */
    pausedForMs: number;
    /** True while the budget still ramps up after start. */
    rampingUp: boolean;
    /** The account-wide figure (true), or this process's local share (false). */
    shared: boolean;
  };
  caches: StoreHealth['caches'];
  store: Pick<StoreHealth, 'backend' | 'status' | 'counters' | 'lastError'>;
}

/** `/healthz` from what the store reports. */
export function healthOf(store: StoreHealth, now: number): ProxyHealth {
  const {budget, caches, backend, status, counters, lastError} = store;
  const pausedForMs = Math.max(0, budget.pausedUntil - now);
  return {
    // Still 200: a paused proxy serves its cache, and a restart would not end the pause.
    status: status === 'degraded' ? 'degraded' : pausedForMs > 0 ? 'paused' : 'ok',
    cacheEntries: Object.values(caches).reduce((sum, c) => sum + c.entries, 0),
    budgetRemaining: budget.remaining,
    budget: {
      remaining: budget.remaining,
      capacity: budget.capacity,
      pausedForMs,
      rampingUp: budget.allowance < budget.capacity,
      shared: budget.shared,
    },
    caches,
    store: {backend, status, counters, ...(lastError ? {lastError} : {})},
  };
}

export interface RouterParts {
  ctx: ProxyContext;
  keys: KeyServer;
  renderer: Renderer;
  inFlight: () => number;
}

/** Sends each request where it belongs and answers it. */
export class Router {
  readonly #p: RouterParts;
  readonly #refusals: RefusalLog;
  readonly #memo = new RequestMemo();
  readonly #fragments: FragmentServer;

  constructor(parts: RouterParts) {
    this.#p = parts;
    this.#refusals = new RefusalLog(parts.ctx.log, parts.ctx.settings.now);
    this.#fragments = new FragmentServer({...parts, answer: this.answer});
  }

  /** Never rejects: an unexpected error is logged and answered 500. */
  readonly answer = async (request: PlainRequest): Promise<PlainAnswer> => {
    const {stats, log} = this.#p.ctx;
    try {
      return await this.#handle(request);
    } catch (error) {
      log.error(`internal error: ${describeError(error)}`);
      increment(stats.responses, '500');
      return {
        status: 500,
        statusText: STATUS_TEXT[500]!,
        headers: {'content-type': JSON_TYPE, 'cache-control': 'no-store'},
        body: errorBody('SERVER_ERROR', `${errorMessage('SERVER_ERROR')}.`),
      };
    }
  };

  async #handle(request: PlainRequest): Promise<PlainAnswer> {
    const {ctx, keys, renderer} = this.#p;
    const {stats, settings} = ctx;
    const method = request.method.toUpperCase();
    // Parsing the request line and the Origin is memoised: a cached hit is mostly this work.
    const target = this.#memo.target(request.url, method);
    const {url, badPath} = target;
    if (badPath) return refused(stats, badPath, method, {}, 'no-store');
    if (url.pathname === '/healthz' || url.pathname === '/metrics') {
      return this.#service(url, method);
    }
    const origin = request.headers.get('origin');
    const cors = this.#memo.cors(settings.origins, origin);
    if (!cors.allowed) {
      this.#refusals.note('origin', origin ?? '');
      const refusal = {
        status: 403,
        code: 'ORIGIN_NOT_ALLOWED',
        message:
          "This origin may not use the catalog proxy: add it to the proxy's allowed origins.",
      };
      // The refusal itself is readable, so the page's widgets say "refused" instead of
      // reporting an opaque network error and retrying. It carries nothing but itself.
      const readable =
        method === 'OPTIONS'
          ? cors.headers
          : {...cors.headers, 'access-control-allow-origin': origin!};
      return refused(stats, refusal, method, readable, 'no-store');
    }
    if (method === 'OPTIONS') return preflight(stats, request, url, cors);
    if (url.pathname.startsWith(FRAGMENT_PREFIX)) {
      if (method === 'GET' || method === 'HEAD') {
        return this.#fragments.answer(request, url, method, cors);
      }
      const refusal = {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: 'The proxy is read-only: use GET.',
        // A fragment is a simple request (no preflight): OPTIONS is not among its methods.
        headers: {allow: 'GET, HEAD'},
      };
      return refused(stats, refusal, method, cors.headers, 'no-store');
    }
    const parsed = this.#memo.parsed(target, method, settings.merchants);
    if (!parsed.ok) {
      if (parsed.merchant) this.#refusals.note('merchant', parsed.merchant);
      const cacheControl = `public, max-age=${ERROR_MAX_AGE_S}`;
      return refused(stats, parsed.refusal, method, cors.headers, cacheControl);
    }
    stats.requests++;
    // No client signal: once upstream is asked, the answer is worth keeping for the next one.
    const {route} = parsed;
    const client = clientOf(request, settings.trustProxy);
    const served =
      route.kind === 'media'
        ? await keys.serve(parsed.key, route, client)
        : await serveListPage(ctx, keys, parsed.key, route, client);
    return renderer.render(served, request, method, cors);
  }

  /** `/healthz` and `/metrics`, from what the store says now. */
  async #service(url: URL, method: string): Promise<PlainAnswer> {
    const {ctx, inFlight} = this.#p;
    const {stats, settings} = ctx;
    if (method !== 'GET' && method !== 'HEAD') {
      const refusal = {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: 'Use GET.',
        headers: {allow: 'GET, HEAD'},
      };
      return refused(stats, refusal, method, {}, 'no-store');
    }
    const headers = {'cache-control': 'no-store'};
    const health = healthOf(await ctx.store.health(), settings.now());
    if (url.pathname === '/healthz') {
      return respond(stats, 200, JSON.stringify(health), headers, method);
    }
    const text = renderMetrics({...stats, inFlight: inFlight()}, health);
    return respond(stats, 200, text, headers, method, 'text/plain; version=0.0.4; charset=utf-8');
  }
}
