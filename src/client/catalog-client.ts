import {badRequest, CatalogError} from './errors.js';
import {normalizeAuthToken, normalizeMedia} from './normalize.js';
import {CatalogReader, mediaPath, merchantPath, type HttpRequest} from './reader.js';
import {waitFor} from './signals.js';
import type {
  AuthToken,
  CatalogClientOptions,
  Credentials,
  Media,
  MediaPatch,
  MediaSelector,
  RequestOptions,
} from './types.js';
import {
  validateCredentials,
  validateMerchant,
  validatePatch,
  validateSelector,
  type Selector,
} from './validate.js';

/** A token is refreshed this long before it expires, so no request goes out with a dying one. */
const TOKEN_REFRESH_MARGIN_MS = 60_000;

interface TokenState {
  token: string;
  refreshAt: number;
}

/**
 * The full SmartSTREAM Catalog API client: everything {@link CatalogReader} does, plus the
 * API key, bearer tokens (obtained and refreshed per merchant) and the mutations. For servers:
 * `apiKey` and `credentials` are secrets. A browser uses a reader in front of a proxy.
 *
 * Every failure is a {@link CatalogError}. Returned objects are frozen: the cache shares them.
 */
export class CatalogClient extends CatalogReader {
  private readonly _apiKey: string | undefined;
  private readonly _credentials: Credentials | undefined;
  private readonly _tokens = new Map<string, TokenState>();
  private readonly _tokenRefreshes = new Map<string, Promise<string>>();

  /** @throws {CatalogError} `BAD_REQUEST` for an invalid option. */
  constructor(options: CatalogClientOptions) {
    super(options);
    if (options.apiKey !== undefined && typeof options.apiKey !== 'string') {
      throw badRequest('apiKey must be a string.');
    }
    this._apiKey = options.apiKey || undefined;
    this._credentials =
      options.credentials === undefined ? undefined : validateCredentials(options.credentials);
  }

  // ---- mutations -----------------------------------------------------------------------

  /**
   * Edits a media (`PUT`). The body is JSON, or `multipart/form-data` when `thumbnail_image`
   * or `poster_image` is a `Blob`/`File`. Afterwards the cache holds the returned media and
   * the merchant's media lists are invalidated. Never retried.
   */
  async updateMedia(
    merchant: string,
    selector: MediaSelector,
    patch: MediaPatch,
    options: RequestOptions = {},
  ): Promise<Media> {
    const m = validateMerchant(merchant);
    const sel = validateSelector(selector);
    const {fields, files} = validatePatch(patch);
    const request: HttpRequest = {
      method: 'PUT',
      merchant: m,
      path: mediaPath(m, sel),
      notFoundCode: 'MEDIA_NOT_FOUND',
    };
    if (Object.keys(files).length) {
      request.form = toFormData(fields, files);
    } else {
      request.json = fields;
    }
    return this._mutate(m, sel, request, options.signal, 'update');
  }

  /** Deletes a media. Afterwards its entries and the merchant's media lists are invalidated. */
  async deleteMedia(
    merchant: string,
    selector: MediaSelector,
    options: RequestOptions = {},
  ): Promise<Media> {
    const m = validateMerchant(merchant);
    const sel = validateSelector(selector);
    const request: HttpRequest = {
      method: 'DELETE',
      merchant: m,
      path: mediaPath(m, sel),
      notFoundCode: 'MEDIA_NOT_FOUND',
    };
    try {
      return await this._mutate(m, sel, request, options.signal, 'delete');
    } catch (error) {
      // The reference documents MEDIA_GROUP_NOT_FOUND here where MEDIA_NOT_FOUND is meant.
      if (CatalogError.is(error) && error.code === 'MEDIA_GROUP_NOT_FOUND') {
        throw new CatalogError({
          status: error.status,
          code: 'MEDIA_NOT_FOUND',
          message: error.message,
          cause: error,
        });
      }
      throw error;
    }
  }

  /**
   * Obtains an access token (`POST /auth-token/`). The client also uses it for this
   * merchant's later requests. Server-side use only: the credentials are secrets.
   */
  async authenticate(
    merchant: string,
    credentials: Credentials,
    options: RequestOptions = {},
  ): Promise<AuthToken> {
    const m = validateMerchant(merchant);
    const creds = validateCredentials(credentials);
    const token = await this._obtainToken(m, creds, options.signal);
    return {token: token.token, expiration: token.expiration};
  }
  // ---- mutations, privately ---------------------------------------------------------------------

  private async _mutate(
    merchant: string,
    selector: Selector,
    request: HttpRequest,
    signal: AbortSignal | undefined,
    kind: 'update' | 'delete',
  ): Promise<Media> {
    const selectedKey = mediaPath(merchant, selector);
    const cachedId = (this._cache?.peek(selectedKey)?.value as Media | undefined)?.id;
    this._bumpGeneration(merchant);
    let media: Media | undefined;
    try {
      media = normalizeMedia(
        await this._request(request, {signal, retry: false}),
        this._context(merchant),
      );
      return media;
    } finally {
      // Also after a failure: the server may have applied the change before the error.
      this._bumpGeneration(merchant);
      this._afterMutation(
        merchant,
        selectedKey,
        [cachedId, media?.id],
        kind === 'update' ? media : undefined,
      );
    }
  }

  private _bumpGeneration(merchant: string) {
    this._generations.set(merchant, (this._generations.get(merchant) ?? 0) + 1);
  }

  private _afterMutation(
    merchant: string,
    selectedKey: string,
    ids: (string | undefined)[],
    updated?: Media,
  ) {
    const cache = this._cache;
    if (!cache) return;
    const mediaIds = new Set(ids.filter((id): id is string => !!id));
    const keep = new Set<string>();
    if (updated) {
      // Stored first, so a card subscribed to the media gets the new value, never an
      // `undefined` that would make it fetch again.
      this._storeMedia(merchant, updated, selectedKey);
      keep.add(mediaPath(merchant, {kind: 'id', value: updated.id}));
      if (updated.ref_id) keep.add(mediaPath(merchant, {kind: 'refId', value: updated.ref_id}));
      keep.add(selectedKey);
    }
    cache.deleteWhere(
      (entry) =>
        entry.merchant === merchant &&
        (entry.kind === 'media-list' ||
          (entry.kind === 'media' &&
            !keep.has(entry.key) &&
            (entry.key === selectedKey || mediaIds.has((entry.value as Media).id)))),
    );
  }
  // ---- credentials -----------------------------------------------------------------------

  protected override async _send(
    request: HttpRequest,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    if (request.anonymous) return this._attempt(request, signal, this._secretHeaders());
    let token = this._credentials
      ? await waitFor(this._validToken(request.merchant), signal)
      : this._tokens.get(request.merchant)?.token;
    try {
      return await this._attempt(request, signal, this._secretHeaders(token));
    } catch (error) {
      if (!token || !this._credentials || !CatalogError.is(error) || error.status !== 401)
        throw error;
      // Refresh once and retry once; a second 401 means the credentials themselves fail.
      token = await waitFor(this._tokenAfter401(request.merchant, token), signal);
      return this._attempt(request, signal, this._secretHeaders(token));
    }
  }

  private _validToken(merchant: string): Promise<string> {
    const state = this._tokens.get(merchant);
    if (state && this._now() < state.refreshAt) return Promise.resolve(state.token);
    return this._refreshToken(merchant);
  }

  private _tokenAfter401(merchant: string, rejected: string): Promise<string> {
    const state = this._tokens.get(merchant);
    // Another request already replaced the rejected token: use the new one.
    if (state && state.token !== rejected && this._now() < state.refreshAt) {
      return Promise.resolve(state.token);
    }
    if (state?.token === rejected) this._tokens.delete(merchant);
    return this._refreshToken(merchant);
  }

  /** One token request per merchant at a time, however many requests wait for it. */
  private _refreshToken(merchant: string): Promise<string> {
    let pending = this._tokenRefreshes.get(merchant);
    if (!pending) {
      pending = this._obtainToken(merchant, this._credentials!, undefined)
        .then((token) => token.token, authFailed)
        .finally(() => this._tokenRefreshes.delete(merchant));
      this._tokenRefreshes.set(merchant, pending);
    }
    return pending;
  }

  private async _obtainToken(
    merchant: string,
    credentials: Credentials,
    signal: AbortSignal | undefined,
  ) {
    const json = await this._request(
      {
        method: 'POST',
        merchant,
        path: `${merchantPath(merchant)}/auth-token/`,
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

  /** The headers only the credentialed client sends, to the configured Catalog origin. */
  private _secretHeaders(token?: string): Record<string, string> {
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

/** Multipart body in the Rails convention the API follows: arrays as `key[]`, objects as JSON. */
function toFormData(fields: Record<string, unknown>, files: Record<string, Blob>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) {
      form.append(key, '');
    } else if (Array.isArray(value)) {
      for (const item of value) form.append(`${key}[]`, String(item));
    } else if (typeof value === 'object') {
      form.append(key, JSON.stringify(value));
    } else {
      form.append(key, String(value));
    }
  }
  for (const [key, blob] of Object.entries(files)) {
    const name = (blob as Blob & {name?: string}).name || key;
    form.append(key, blob, name);
  }
  return form;
}
