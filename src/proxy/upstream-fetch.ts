// The proxy's `fetch` for its CatalogClient: every upstream request spends the shared budget,
// an upstream 429 pauses every replica, and the bearer token comes from the store, so that
// replicas log in once between them.
import {parseRetryAfter} from '../api/index.js';
import {errorBody, JSON_TYPE} from './http-answer.js';
import type {ProxyContext} from './context.js';
import type {BudgetKind, StoredToken} from './store/index.js';

/** Pause after an upstream 429 that names no delay. */
const DEFAULT_429_PAUSE_MS = 30_000;
/** Shortest pause after an upstream 429, `Retry-After: 0` included. */
const MIN_429_PAUSE_MS = 1_000;
/** As the client: a token is renewed this long before it expires. */
const TOKEN_REFRESH_MARGIN_MS = 60_000;
/** Tokens remembered for the logger to cut out. */
const TOKENS_KEPT = 4;

/** The merchant a request is for: the store keeps one token per merchant. */
function merchantOf(url: URL): string {
  return /\/merchants\/([^/]+)\//.exec(url.pathname)?.[1] ?? '';
}

function bearerOf(init: RequestInit | undefined): string | undefined {
  const value = new Headers(init?.headers).get('authorization');
  return value?.startsWith('Bearer ') ? value.slice(7) : undefined;
}

/** The token as the client expects to read it from `POST /auth-token/`. */
function tokenResponse(token: StoredToken): Response {
  const body = {token: token.token, expiration: new Date(token.expiresAt).toISOString()};
  return new Response(JSON.stringify(body), {status: 200, headers: {'content-type': JSON_TYPE}});
}

async function readToken(response: Response, now: number): Promise<StoredToken | undefined> {
  try {
    const body = (await response.clone().json()) as Record<string, unknown>;
    const expiration = body.expiration ?? body.expired_at;
    const expiresAt = typeof expiration === 'string' ? Date.parse(expiration) : NaN;
    if (typeof body.token !== 'string' || !body.token || Number.isNaN(expiresAt)) return undefined;
    // The client's own rule: a minute before it expires, or halfway for short-lived tokens.
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, Math.max(0, (expiresAt - now) / 2));
    return {token: body.token, expiresAt, refreshAt: expiresAt - margin};
  } catch {
    return undefined;
  }
}

/** A token request that did not bring a token: the client reads this answer as it came. */
class TokenFailed extends Error {
  constructor(readonly response: Response) {
    super('token request failed');
  }
}

/**
 * The budgeted fetch of one proxy. `issued` collects the tokens seen, so that the logger can
 * cut them out of any line.
 */
export class BudgetedFetch {
  readonly #ctx: ProxyContext;
  readonly #base: typeof fetch;
  readonly #issued: string[];

  constructor(ctx: ProxyContext, base: typeof fetch, issued: string[]) {
    this.#ctx = ctx;
    this.#base = base;
    this.#issued = issued;
  }

  /** What the CatalogClient is given as its `fetch`. */
  readonly fetch: typeof fetch = async (input, init) => {
    const href = input instanceof Request ? input.url : String(input);
    const url = new URL(href);
    const merchant = merchantOf(url);
    if (/\/auth-token\/?$/.test(url.pathname)) return this.#token(href, init, merchant);
    const response = await this.#spend(href, init, 'catalog');
    const bearer = bearerOf(init);
    // The token stopped working: no replica should use it again.
    if (response.status === 401 && bearer) await this.#ctx.store.dropToken(bearer, merchant);
    return response;
  };

  async #spend(input: string, init: RequestInit | undefined, kind: BudgetKind) {
    const {store, stats, log} = this.#ctx;
    const grant = await store.take(kind);
    if (!grant.granted) {
      stats.budgetRefused++;
      this.#ctx.warnBudgetSpent(grant.retryInMs);
      // Shaped like an upstream 429 so the client gives up at once (it never waits out a
      // Retry-After) and the proxy treats both alike.
      const wait = Math.max(1, Math.ceil(grant.retryInMs / 1000));
      return new Response(errorBody('RATE_LIMITED', 'The upstream budget is spent.'), {
        status: 429,
        headers: {'content-type': JSON_TYPE, 'retry-after': String(wait)},
      });
    }
    stats.upstreamRequests++;
    if (kind === 'token') {
      stats.tokenRefreshes++;
      log.info(`requesting an upstream token (${stats.tokenRefreshes} so far)`);
    }
    const response = await this.#base(input, init);
    return response.status === 429 ? this.#paused(response) : response;
  }

  /** An upstream 429 pauses every replica, at least a second, at most the cap. */
  async #paused(response: Response): Promise<Response> {
    const {settings, store, log} = this.#ctx;
    const now = settings.now();
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
    const wanted = Math.max(MIN_429_PAUSE_MS, retryAfterMs ?? DEFAULT_429_PAUSE_MS);
    const until = await store.pause(now + Math.min(wanted, settings.maxUpstreamPauseMs));
    const pauseMs = Math.max(0, until - now);
    log.warn(`upstream answered 429; sending nothing upstream for ${Math.ceil(pauseMs / 1000)} s`);
    // The client gives up on a 429 with a Retry-After; the one it reads is the pause applied,
    // so clients are never told more than the cap.
    const headers = new Headers(response.headers);
    headers.set('retry-after', String(Math.ceil(pauseMs / 1000)));
    return new Response(response.body, {status: 429, statusText: response.statusText, headers});
  }

  /** The shared token, or one login for every replica (under the store's lock). */
  async #token(input: string, init: RequestInit | undefined, merchant: string) {
    const {store, settings} = this.#ctx;
    const current = await store.getToken(merchant);
    if (current && settings.now() < (current.refreshAt ?? current.expiresAt)) {
      return this.#answer(current);
    }
    const login = async () => {
      const response = await this.#spend(input, init, 'token');
      const got = response.ok ? await readToken(response, settings.now()) : undefined;
      if (!got) throw new TokenFailed(response);
      return got;
    };
    try {
      // Due for renewal: one replica renews it, the others take the new one.
      return this.#answer(await store.refreshToken(login, current?.token, merchant));
    } catch (error) {
      if (error instanceof TokenFailed) return error.response;
      throw error;
    }
  }

  #answer(token: StoredToken): Response {
    if (!this.#issued.includes(token.token)) {
      this.#issued.push(token.token);
      if (this.#issued.length > TOKENS_KEPT) this.#issued.shift();
    }
    return tokenResponse(token);
  }
}
