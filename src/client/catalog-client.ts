import {TokenAuth} from './auth.js';
import {CatalogError} from './errors.js';
import {normalizeMedia} from './normalize.js';
import {readerConfig} from './options.js';
import {mediaKeys, mediaPath} from './paths.js';
import {CatalogReader} from './reader.js';
import {ReadStore} from './store.js';
import type {HttpRequest} from './transport.js';
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

/**
 * The full SmartSTREAM Catalog API client: everything {@link CatalogReader} does, plus the
 * API key, bearer tokens (obtained and refreshed per merchant) and the mutations. For servers:
 * `apiKey` and `credentials` are secrets. A browser uses a reader in front of a proxy.
 *
 * A reader built from parts of its own (a transport with a {@link TokenAuth}), so it is usable
 * wherever a reader is; it shares no state with the reader class but the parts it hands it.
 * Every failure is a {@link CatalogError}. Returned objects are frozen: the cache shares them.
 */
export class CatalogClient extends CatalogReader {
  /** The reader's store, whose transport adds the credentials. */
  private readonly _reads: ReadStore;
  private readonly _auth: TokenAuth;

  /** @throws {CatalogError} `BAD_REQUEST` for an invalid option. */
  constructor(options: CatalogClientOptions) {
    const config = readerConfig(options, false);
    const auth = new TokenAuth(options, config.now);
    const store = new ReadStore(config, auth);
    super(options, store);
    this._reads = store;
    this._auth = auth;
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
    const token = await this._auth.obtain(m, creds, options.signal, this._reads._transport);
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
    const store = this._reads;
    const selectedKey = mediaPath(merchant, selector);
    const cachedId = (store._cache?.peek(selectedKey)?.value as Media | undefined)?.id;
    this._bumpGeneration(merchant);
    let media: Media | undefined;
    try {
      media = normalizeMedia(await store._transport._request(request, {signal, retry: false}), {
        assetBase: this.assetBase,
        merchant,
      });
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
    const {_generations: generations} = this._reads;
    generations.set(merchant, (generations.get(merchant) ?? 0) + 1);
  }

  private _afterMutation(
    merchant: string,
    selectedKey: string,
    ids: (string | undefined)[],
    updated?: Media,
  ) {
    const store = this._reads;
    if (!store._cache) return;
    const mediaIds = new Set(ids.filter((id): id is string => !!id));
    const keep = new Set<string>();
    if (updated) {
      // Stored first, so a card subscribed to the media gets the new value, never an
      // `undefined` that would make it fetch again.
      store._storeMedia(merchant, updated, selectedKey);
      for (const key of [...mediaKeys(merchant, updated), selectedKey]) keep.add(key);
    }
    const doomed = [...store._cache.entries()].filter(
      (entry) =>
        entry.merchant === merchant &&
        (entry.kind === 'media-list' ||
          (entry.kind === 'media' &&
            !keep.has(entry.key) &&
            (entry.key === selectedKey || mediaIds.has((entry.value as Media).id)))),
    );
    for (const entry of doomed) store._cache.delete(entry.key);
  }
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
