import {consume} from '@lit/context';
import {html, LitElement, type TemplateResult} from 'lit';
import {property, state} from 'lit/decorators.js';
import {CatalogError, getSharedClient, type CatalogClient} from '../../client/index.js';
import {CatalogErrorEvent} from '../../events/error.js';
import {catalogContext, ensureContextRoot, type CatalogSettings} from './catalog-context.js';
import {stringsFor, toUiLang, type ExpectedValue, type Strings, type UiLang} from './strings.js';

ensureContextRoot();

/** The `state` every element reflects, for CSS and tests to select on. */
export type ElementState = 'loading' | 'ready' | 'empty' | 'error';

const RETRYABLE = new Set([
  'SERVER_ERROR',
  'NETWORK_ERROR',
  'TIMEOUT',
  'REQUEST_TIMEOUT',
  'RATE_LIMITED',
  'INVALID_RESPONSE',
  'HTTP_ERROR',
]);

/** An attribute problem found before any request: reported as `BAD_REQUEST`, naming it. */
export class AttributeError extends CatalogError {
  constructor(
    readonly attribute: string,
    readonly expected?: ExpectedValue,
  ) {
    super({
      status: 0,
      code: 'BAD_REQUEST',
      message: describeAttributeError(stringsFor('en'), attribute, expected),
    });
    this.name = 'AttributeError';
  }
}

function describeAttributeError(
  strings: Strings,
  attribute: string,
  expected?: ExpectedValue,
): string {
  if (!expected) return strings.errorConfigMissing(attribute);
  return strings.errorConfigInvalid(attribute, strings.expected(expected));
}

/**
 * What every catalog element shares: the `merchant`, `api-base` and `lang` attributes with
 * their inheritance from `<ss-catalog>`, the shared client, the reflected `state`, and the
 * error state with its `ss-error` event.
 */
export abstract class CatalogElement extends LitElement {
  @consume({context: catalogContext, subscribe: true})
  @state()
  protected inherited?: CatalogSettings;

  /** Merchant id; inherited from an enclosing `<ss-catalog>` when absent. */
  @property({reflect: true}) merchant: string | null = null;

  /** Origin (plus optional path prefix) serving the Catalog paths: the proxy, the mock or the API. */
  @property({attribute: 'api-base', reflect: true}) apiBase: string | null = null;

  /** UI language, `ja` or `en`; defaults to the nearest `lang` in the document, else `en`. */
  @property({reflect: true}) override lang = '';

  /** `loading`, `ready`, `empty` or `error`; reflected so CSS can select on it. Read-only. */
  @property({reflect: true}) state: ElementState = 'loading';

  /** A `CatalogClient` to use instead of the page-wide shared client for `api-base`. */
  @property({attribute: false}) client?: CatalogClient;

  private lastReportedError?: unknown;

  protected get resolvedMerchant(): string {
    return (this.merchant ?? this.inherited?.merchant ?? '').trim();
  }

  protected get resolvedApiBase(): string {
    return (this.apiBase ?? this.inherited?.apiBase ?? '').trim();
  }

  protected get uiLang(): UiLang {
    if (this.lang) return toUiLang(this.lang);
    if (this.inherited?.lang) return toUiLang(this.inherited.lang);
    return toUiLang(closestLang(this));
  }

  protected get strings(): Strings {
    return stringsFor(this.uiLang);
  }

  /** The client to fetch through, or an `AttributeError` naming what is missing. */
  protected resolveClient(): CatalogClient {
    if (this.client) return this.client;
    if (!this.resolvedMerchant) throw this.missing('merchant');
    const apiBase = this.resolvedApiBase;
    if (!apiBase) throw this.missing('api-base');
    try {
      const {protocol} = new URL(apiBase, document.baseURI);
      if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(protocol);
    } catch {
      throw this.invalid('api-base', {kind: 'url'});
    }
    return getSharedClient(new URL(apiBase, document.baseURI).href.replace(/\/+$/, ''));
  }

  protected missing(attribute: string): AttributeError {
    return new AttributeError(attribute);
  }

  protected invalid(attribute: string, expected: ExpectedValue): AttributeError {
    return new AttributeError(attribute, expected);
  }

  /** Sets the reflected state; fires `ss-error` once per distinct error. */
  protected settle(state: ElementState, error?: unknown): void {
    if (this.state !== state) this.state = state;
    if (state === 'error' && error !== this.lastReportedError) {
      this.lastReportedError = error;
      this.dispatchEvent(new CatalogErrorEvent({error: toCatalogError(error)}));
    }
    if (state !== 'error') this.lastReportedError = undefined;
  }

  /** The visible, announced error: a message chosen by code, plus Retry when retrying can help. */
  protected renderError(error: unknown, retry: () => void): TemplateResult {
    const strings = this.strings;
    const catalogError = toCatalogError(error);
    const message =
      error instanceof AttributeError
        ? `${strings.errorConfigPrefix}: ${describeAttributeError(strings, error.attribute, error.expected)}`
        : messageFor(catalogError.code, strings);
    const canRetry = RETRYABLE.has(catalogError.code);
    return html`<div class="error" part="error" role="alert" data-code=${catalogError.code}>
      <span>${message}</span>
      ${canRetry ? html`<button type="button" @click=${retry}>${strings.retry}</button>` : null}
    </div>`;
  }
}

function messageFor(code: string, strings: Strings): string {
  switch (code) {
    case 'MEDIA_NOT_FOUND':
    case 'MEDIA_GROUP_NOT_FOUND':
      return strings.errorNotFound;
    case 'GEO_RULE':
      return strings.errorGeo;
    case 'RATE_LIMITED':
      return strings.errorRateLimited;
    case 'UNAUTHORIZED':
      return strings.errorUnauthorized;
    case 'INVALID_RESPONSE':
      return strings.errorInvalidResponse;
    case 'SERVER_ERROR':
    case 'NETWORK_ERROR':
    case 'TIMEOUT':
    case 'REQUEST_TIMEOUT':
    case 'HTTP_ERROR':
      return strings.errorUnavailable;
    default:
      return strings.errorGeneric;
  }
}

export function toCatalogError(error: unknown): CatalogError {
  if (CatalogError.is(error)) return error;
  return new CatalogError({
    status: 0,
    code: 'UNKNOWN',
    message: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}

/** The nearest `lang` attribute above an element, crossing shadow roots. */
function closestLang(element: Element): string | null {
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return null;
}
