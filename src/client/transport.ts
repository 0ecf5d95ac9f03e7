import {
  abortedError,
  CatalogError,
  errorFromResponse,
  invalidResponse,
  type BodyKind,
} from './errors.js';
import type {TransportConfig} from './options.js';
import {parseRetryAfter, queryString} from '../api/index.js';
import {anySignal, waitFor} from './signals.js';
import type {Query} from './validate.js';

/** One API exchange, as the retry loop and an {@link Authorizer} see it. */
export interface HttpRequest {
  method: 'GET' | 'PUT' | 'DELETE' | 'POST';
  merchant: string;
  path: string;
  query?: Query;
  json?: unknown;
  form?: FormData;
  /** The token request itself, which carries no token. */
  anonymous?: boolean;
  /** Code for a 404 without a code in the body. */
  notFoundCode?: string;
}

/** How a shared GET tells the retry loop whether anybody still waits for it. */
export interface RetryControl {
  active(): boolean;
  setSleeper(sleeper: AbortController | undefined): void;
}

export interface SendOptions {
  signal?: AbortSignal;
  /** Whether a GET that failed in a retryable way is tried again. */
  retry: boolean;
  control?: RetryControl;
}

/**
 * Adds credentials to each attempt (the credentialed client's tokens and API key): it makes
 * the attempt itself through `transport.attempt`, with its headers, and may make another.
 */
export interface Authorizer {
  send(
    request: HttpRequest,
    signal: AbortSignal | undefined,
    transport: Transport,
  ): Promise<unknown>;
}

/**
 * Requests to the Catalog API: one attempt under a time-out, read as JSON or turned into a
 * {@link CatalogError}, and GETs retried with backoff or the server's `Retry-After`.
 * Redirects are never used (see {@link redirectMode}). Counts its `fetch` calls in `counter`.
 */
export class Transport {
  constructor(
    private readonly _config: TransportConfig,
    private readonly _counter: {requests: number},
    private readonly _auth?: Authorizer,
  ) {}

  /** The request, with retries when `retry` is set and it is a GET. */
  async _request(request: HttpRequest, options: SendOptions): Promise<unknown> {
    const {signal, control} = options;
    for (let attempt = 0; ; attempt++) {
      try {
        return await (this._auth
          ? this._auth.send(request, signal, this)
          : this._attempt(request, signal));
      } catch (error) {
        const retryable =
          CatalogError.is(error) &&
          options.retry &&
          request.method === 'GET' &&
          attempt < this._config.retry.retries &&
          isRetryable(error);
        if (!retryable) throw error;
        if (signal?.aborted) throw abortedError(signal.reason);
        if (control && !control.active()) throw error;
        const delay = this._backoff(attempt, error);
        if (delay === undefined) throw error;
        const sleeper = new AbortController();
        control?.setSleeper(sleeper);
        const combined = anySignal([signal, sleeper.signal]);
        try {
          // Raced with the signal too, so an injected sleep that ignores it cannot delay an abort.
          await waitFor(this._config.sleep(delay, combined.signal), combined.signal);
        } catch {
          throw signal?.aborted ? abortedError(signal.reason) : error;
        } finally {
          combined.dispose();
          control?.setSleeper(undefined);
        }
      }
    }
  }

  /** Full-jitter exponential backoff, or the server's `Retry-After` when it is not too long. */
  private _backoff(attempt: number, error: CatalogError): number | undefined {
    const policy = this._config.retry;
    if (error.retryAfterMs !== undefined) {
      // `maxRetryAfterMs: 0` waits for no Retry-After, a `Retry-After: 0` included.
      const max = policy.maxRetryAfterMs;
      return max && error.retryAfterMs <= max ? error.retryAfterMs : undefined;
    }
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    return Math.floor(this._config.random() * ceiling);
  }

  /** One HTTP exchange under the time-out, combined with the caller's signal. */
  async _attempt(
    request: HttpRequest,
    signal: AbortSignal | undefined,
    extraHeaders?: Record<string, string>,
  ): Promise<unknown> {
    const {timeoutMs} = this._config;
    // No Accept header unless an Authorizer adds one: Firefox does not hand a `<link rel=preload
    // as=fetch>` response to a fetch() that sets one (Mozilla bug 1854292), and every answer is JSON.
    const headers: Record<string, string> = {...this._config.headers, ...extraHeaders};
    let body: string | FormData | undefined;
    if (request.form) {
      body = request.form;
    } else if (request.json !== undefined) {
      // Only with a body: on a browser GET it would force a CORS preflight per request.
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    const url = this._config.apiBase + request.path + queryString(request.query);
    const timeout = new AbortController();
    const timer = timeoutMs > 0 ? setTimeout(() => timeout.abort(), timeoutMs) : undefined;
    const combined = anySignal([signal, timeout.signal]);
    let response: Response;
    let text: string;
    try {
      this._counter.requests++;
      response = await this._config.fetch(url, {
        method: request.method,
        headers,
        body,
        signal: combined.signal,
        // Never followed where anything rides along, and never used: see redirectMode.
        redirect: redirectMode(headers),
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw abortedError(signal.reason);
      if (timeout.signal.aborted) {
        throw new CatalogError({
          status: 0,
          code: 'TIMEOUT',
          message: `No complete response within ${timeoutMs} ms.`,
          cause: error,
        });
      }
      throw new CatalogError({
        status: 0,
        code: 'NETWORK_ERROR',
        message: `The request to ${url} failed (network error).`,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      combined.dispose();
    }
    return readResponse(request, response, text, this._config.now);
  }
}

/** The JSON of a response, or the {@link CatalogError} it stands for. */
export function readResponse(
  request: HttpRequest,
  response: Response,
  text: string,
  now: () => number,
): unknown {
  // A browser shows a redirect as an opaque response with status 0; Node shows the 3xx.
  const {status} = response;
  const redirected = response.redirected || response.type == 'opaqueredirect';
  if (redirected || (status > 299 && status < 400 && status != 304)) {
    throw new CatalogError({
      // A followed redirect's status is the target's: 0 like the browser's opaque redirect.
      status: response.redirected ? 0 : status,
      code: 'REDIRECT',
      message: `Redirect from ${request.path} not followed.`,
    });
  }
  let bodyKind: BodyKind = isHtml(response.headers.get('content-type') ?? '', text)
    ? 'html'
    : text.trim()
      ? 'text'
      : 'empty';
  let json: unknown;
  if (bodyKind == 'text') {
    try {
      json = JSON.parse(text);
      bodyKind = 'json';
    } catch {
      // stays 'text'
    }
  }
  if (!response.ok) {
    throw errorFromResponse(status, bodyKind == 'json' ? json : text.slice(0, 500) || undefined, {
      bodyKind,
      notFoundCode: request.notFoundCode,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
    });
  }
  if (bodyKind != 'json') {
    throw invalidResponse(
      `Expected JSON from ${request.path} but got ${NOT_JSON[bodyKind as Exclude<BodyKind, 'json'>]}.`,
      status,
      {body: text.slice(0, 500)},
    );
  }
  return json;
}

const NOT_JSON: Record<Exclude<BodyKind, 'json'>, string> = {
  html: 'an HTML page',
  text: 'a body that is not JSON',
  empty: 'an empty body',
};

function isRetryable(error: CatalogError): boolean {
  if (error.status === 0) return error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT';
  return error.status === 408 || error.status === 429 || error.status >= 500;
}

function isHtml(contentType: string, text: string): boolean {
  return /\bhtml\b/i.test(contentType) || /^\s*<(!doctype|html|head|body|\?xml)/i.test(text);
}

/**
 * `manual` whenever a header rides along (the client's secrets, the caller's own headers) or
 * outside a page, so nothing goes where a redirect points. A page's header-less GET carries
 * nothing a redirect could leak, and Firefox hands a `<link rel=preload as=fetch>` response only
 * to a fetch() that follows redirects (as it hands none to one that sets headers): it is followed
 * and its answer refused with `REDIRECT` all the same (see {@link readResponse}).
 */
export function redirectMode(headers: Record<string, string>): RequestRedirect {
  const page = typeof document === 'object';
  return page && !Object.keys(headers).length ? 'follow' : 'manual';
}
