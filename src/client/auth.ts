import {badRequest, CatalogError} from './errors.js';
import {normalizeAuthToken} from './normalize.js';
import {authTokenPath} from './paths.js';
import {waitFor} from './signals.js';
import type {Authorizer, HttpRequest, Transport} from './transport.js';
import type {AuthToken, Credentials} from './types.js';
import {validateCredentials} from './validate.js';

/** A token is refreshed this long before it expires, so no request goes out with a dying one. */
const TOKEN_REFRESH_MARGIN_MS = 60_000;

interface TokenState {
  token: string;
  refreshAt: number;
}

/**
 * The credentialed client's secrets on every request: the API key, and a bearer token per
 * merchant, obtained with the credentials, refreshed before it expires and once after a 401.
 * Secrets go only to the transport's `apiBase`, and never along a redirect.
 */
export class TokenAuth implements Authorizer {
  private readonly _apiKey: string | undefined;
  private readonly _credentials: Credentials | undefined;
  private readonly _now: () => number;
  private readonly _tokens = new Map<string, TokenState>();
  private readonly _refreshes = new Map<string, Promise<string>>();

  /** @throws {CatalogError} `BAD_REQUEST` for an invalid `apiKey` or `credentials`. */
  constructor(options: {apiKey?: unknown; credentials?: unknown}, now: () => number) {
    if (options.apiKey !== undefined && typeof options.apiKey !== 'string') {
      throw badRequest('apiKey must be a string.');
    }
    this._apiKey = options.apiKey || undefined;
    this._credentials =
      options.credentials === undefined ? undefined : validateCredentials(options.credentials);
    this._now = now;
  }

  async send(
    request: HttpRequest,
    signal: AbortSignal | undefined,
    transport: Transport,
  ): Promise<unknown> {
    if (request.anonymous) return transport._attempt(request, signal, this._headers());
    let token = this._credentials
      ? await waitFor(this._validToken(request.merchant, transport), signal)
      : this._tokens.get(request.merchant)?.token;
    try {
      return await transport._attempt(request, signal, this._headers(token));
    } catch (error) {
      if (!token || !this._credentials || !CatalogError.is(error) || error.status !== 401)
        throw error;
      // Refresh once and retry once; a second 401 means the credentials themselves fail.
      token = await waitFor(this._tokenAfter401(request.merchant, token, transport), signal);
      return transport._attempt(request, signal, this._headers(token));
    }
  }

  /**
   * Obtains a token (`POST /auth-token/`), which the merchant's later requests then use.
   * Never retried: a POST is not.
   */
  async obtain(
    merchant: string,
    credentials: Credentials,
    signal: AbortSignal | undefined,
    transport: Transport,
  ): Promise<AuthToken & {expiresAt: number}> {
    const json = await transport._request(
      {
        method: 'POST',
        merchant,
        path: authTokenPath(merchant),
        json: {mail_address: credentials.mail_address, password: credentials.password},
        anonymous: true,
      },
      {signal, retry: false},
    );
    const token = normalizeAuthToken(json);
    const now = this._now();
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, Math.max(0, (token.expiresAt - now) / 2));
    this._tokens.set(merchant, {token: token.token, refreshAt: token.expiresAt - margin});
    return token;
  }

  private _validToken(merchant: string, transport: Transport): Promise<string> {
    const state = this._tokens.get(merchant);
    if (state && this._now() < state.refreshAt) return Promise.resolve(state.token);
    return this._refresh(merchant, transport);
  }

  private _tokenAfter401(
    merchant: string,
    rejected: string,
    transport: Transport,
  ): Promise<string> {
    const state = this._tokens.get(merchant);
    // Another request already replaced the rejected token: use the new one.
    if (state && state.token !== rejected && this._now() < state.refreshAt) {
      return Promise.resolve(state.token);
    }
    if (state?.token === rejected) this._tokens.delete(merchant);
    return this._refresh(merchant, transport);
  }

  /** One token request per merchant at a time, however many requests wait for it. */
  private _refresh(merchant: string, transport: Transport): Promise<string> {
    let pending = this._refreshes.get(merchant);
    if (!pending) {
      pending = this.obtain(merchant, this._credentials!, undefined, transport)
        .then((token) => token.token, authFailed)
        .finally(() => this._refreshes.delete(merchant));
      this._refreshes.set(merchant, pending);
    }
    return pending;
  }

  /** The headers only the credentialed client sends, to the configured Catalog origin. */
  private _headers(token?: string): Record<string, string> {
    const headers: Record<string, string> = {Accept: 'application/json'};
    if (this._apiKey) headers['X-Streaks-Api-Key'] = this._apiKey;
    if (token) headers.Authorization = `Bearer ${token}`;
    return headers;
  }
}

/**
 * A token request made on the way to another request failed: that is the client's failure
 * (`AUTH_FAILED`, with the token answer's status), never the answer about what was asked for.
 * A token 404 must not read as "this media does not exist". A 401 stays `UNAUTHORIZED`: the
 * credentials were refused, which that code already says.
 */
function authFailed(error: unknown): never {
  if (CatalogError.is(error) && (error.code === 'ABORTED' || error.status === 401)) throw error;
  const cause = CatalogError.is(error) ? error : undefined;
  throw new CatalogError({
    status: cause?.status ?? 0,
    code: 'AUTH_FAILED',
    message: `Obtaining an access token failed: ${cause?.message ?? String(error)}`,
    retryAfterMs: cause?.retryAfterMs,
    cause: error,
  });
}
