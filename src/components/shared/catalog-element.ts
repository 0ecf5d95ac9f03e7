import {ContextConsumer} from '@lit/context';
import {TaskStatus, type Task} from '@lit/task';
import {
  html,
  isServer,
  LitElement,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import type {CatalogError} from '../../client/errors.js';
import type {CatalogReader} from '../../client/reader.js';
import {getSharedClient} from '../../client/shared.js';
import {CatalogErrorEvent} from '../../events/error.js';
import {catalogContext, langConverter, type CatalogSettings} from './catalog-context.js';
import {AttributeError, Diagnostics, toCatalogError} from './diagnosis.js';
import {baseURI, serverClient, serverLang} from './server-document.js';
import {
  isUiLang,
  stringsFor,
  toUiLang,
  type ExpectedValue,
  type Strings,
  type UiLang,
} from './strings.js';

export {AttributeError, toCatalogError};

/** The longest `Retry-After` an element waits out before loading again by itself. */
const MAX_BUSY_WAIT_MS = 5 * 60_000;

/** Calls `cancel` on the next pointer press anywhere: a person moving on. */
export function cancelOnPointerDown(cancel: () => void): void {
  document.addEventListener('pointerdown', cancel, {capture: true, once: true});
}

/** A valid `heading-level`; absent (the attribute removed) means the default. */
export function isHeadingLevel(level: unknown): boolean {
  return (
    level == null || (Number.isInteger(level) && (level as number) >= 1 && (level as number) <= 6)
  );
}

/** The `state` every element reflects, for CSS and tests to select on. */
export type ElementState = 'loading' | 'ready' | 'empty' | 'error';

/**
 * What every catalog element shares: the `merchant`, `api-base` and `lang` attributes with
 * their inheritance from `<ss-catalog>`, the shared client, the reflected `state`, and the
 * error state with its `ss-error` event.
 */
export abstract class CatalogElement extends LitElement {
  // Declared here rather than with decorators: tsc's decorator helper, repeated in every
  // module, and the decorator runtime cost the CDN file about 1 KB gzip.
  static override get properties(): PropertyDeclarations {
    return {
      merchant: {reflect: true},
      apiBase: {attribute: 'api-base', reflect: true},
      lang: {reflect: true, converter: langConverter},
      state: {reflect: true},
      client: {attribute: false},
    };
  }

  private readonly _catalogConsumer = new ContextConsumer(this, {
    context: catalogContext,
    subscribe: true,
  });

  private readonly _diagnostics = new Diagnostics(this, () => this.resolvedMerchant);

  /** Merchant id; inherited from an enclosing `<ss-catalog>` when absent. */
  merchant: string | null = null;

  /** Origin (plus optional path prefix) serving the Catalog paths: the proxy, the mock or the API. */
  apiBase: string | null = null;

  /** UI language, `ja` or `en`; defaults to the nearest `lang` in the document, else `en`. */
  override lang = '';

  /** `loading`, `ready`, `empty` or `error`; reflected so CSS can select on it. Read-only. */
  readonly state: ElementState = 'loading';

  /** A `CatalogReader` (or `CatalogClient`) to use instead of the page-wide shared client for `api-base`. */
  client?: CatalogReader;

  private _lastReportedError?: unknown;
  /** A person's Retry or page change is under way: the error it ends in is an alert. */
  private _personActed = false;
  /** The error that answered a person's action: the only one shown as an alert. */
  private _alertedError?: unknown;
  /** Retry (or the error) had focus and went away with the render: focus goes to what came. */
  private _refocus = false;
  private _busyTimer?: ReturnType<typeof setTimeout>;
  private _unreportedError?: CatalogError;
  private _abortedWhileDisconnected = false;

  /** The task that loads the element's data; aborted while the element is out of the document. */
  protected abstract get dataTask(): Task<readonly unknown[], unknown>;

  /** Back online after a network failure: load again without waiting for a click on Retry. */
  private readonly _onOnline = (): void => {
    if (this.state === 'error' && toCatalogError(this.dataTask.error).code === 'NETWORK_ERROR') {
      void this.dataTask.run();
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // A server render connects elements only for their context requests.
    if (isServer) return;
    window.addEventListener('online', this._onOnline);
    if (this.awaitingCatalog) {
      // Its context request went unanswered: ask again once the catalog can answer.
      void customElements.whenDefined('ss-catalog').then(() => {
        if (!this.isConnected) return;
        this._catalogConsumer.hostConnected();
        this.requestUpdate();
      });
    }
    if (this._abortedWhileDisconnected) {
      this._abortedWhileDisconnected = false;
      void this.dataTask.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this._onOnline);
    clearTimeout(this._busyTimer);
    // Nobody sees a removed element: it stops waiting, and loads again if it comes back.
    if (this.dataTask.status === TaskStatus.PENDING) {
      this._abortedWhileDisconnected = true;
      this.dataTask.abort();
    }
  }

  /** What an enclosing `<ss-catalog>` provides. */
  protected get inherited(): CatalogSettings | undefined {
    return this._catalogConsumer.value;
  }

  /**
   * True while an enclosing `<ss-catalog>` is in the page but not registered yet (scripts may
   * register the elements in any order): the element waits, loading, rather than report its
   * inherited attributes missing.
   */
  protected get awaitingCatalog(): boolean {
    return !isServer && !customElements.get('ss-catalog') && this.closest('ss-catalog') !== null;
  }

  protected get resolvedMerchant(): string {
    return (this.merchant ?? this.inherited?.merchant ?? '').trim();
  }

  protected get resolvedApiBase(): string {
    return (this.apiBase ?? this.inherited?.apiBase ?? '').trim();
  }

  /**
   * The element's own `lang`, else the nearest `lang` above it (an enclosing `<ss-catalog>`'s
   * included), else the catalog's from the context (when it is not an ancestor in the DOM).
   */
  protected get uiLang(): UiLang {
    const candidates = [this.lang, closestLang(this), this.inherited?.lang];
    // A server render sees no ancestors: the page's language it was given comes last.
    if (isServer) candidates.push(serverLang());
    return toUiLang(candidates.find(isUiLang));
  }

  protected get strings(): Strings {
    return stringsFor(this.uiLang);
  }

  /** The client to fetch through, or an `AttributeError` naming what is missing. */
  protected resolveClient(): CatalogReader {
    if (!this.resolvedMerchant) throw this.missing('merchant');
    if (this.client) return (this._diagnostics.client = this.client);
    const apiBase = this.resolvedApiBase;
    if (!apiBase) throw this.missing('api-base');
    try {
      const {protocol} = new URL(apiBase, baseURI());
      if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(protocol);
    } catch {
      throw this.invalid('api-base', {kind: 'url'});
    }
    const absolute = new URL(apiBase, baseURI()).href.replace(/\/+$/, '');
    return (this._diagnostics.client =
      (isServer && serverClient(absolute)) || getSharedClient(absolute));
  }

  protected missing(attribute: string, alternative?: string): AttributeError {
    return new AttributeError(attribute, undefined, alternative);
  }

  protected invalid(attribute: string, expected: ExpectedValue): AttributeError {
    return new AttributeError(attribute, expected);
  }

  protected invalidHeadingLevel(): AttributeError {
    return this.invalid('heading-level', {kind: 'range', min: 1, max: 6});
  }

  /** What the element shows now, read from its data task; `error` goes with the `error` state. */
  protected abstract currentState(): {state: ElementState; error?: unknown};

  /** A server render calls `willUpdate` but neither the controllers' `hostUpdate` nor `update`. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (isServer) this._settleCurrent();
  }

  /**
   * Settles `state` here rather than in `willUpdate`: this runs after the controllers'
   * `hostUpdate`, where a task whose arguments changed has just started, so the state (and
   * `aria-busy`) say `loading` in the same render that shows the skeleton.
   */
  protected override update(changed: PropertyValues<this>): void {
    if (!this._refocus && this.shadowRoot?.activeElement?.closest('[part~="error"]')) {
      this._refocus = true;
      // A click elsewhere while it loads is the person moving on: focus is not pulled back.
      cancelOnPointerDown(() => (this._refocus = false));
    }
    this._settleCurrent();
    super.update(changed);
  }

  private _settleCurrent(): void {
    const current = this.currentState();
    // An abort is the element's own doing (removed from the page): not an error to show.
    const aborted = current.state === 'error' && toCatalogError(current.error).code === 'ABORTED';
    if (aborted) this._settle('loading');
    else this._settle(current.state, current.error);
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    const {observedAttributes} = this.constructor as typeof LitElement;
    this._diagnostics.checkAttributes(observedAttributes, this.lang, this.uiLang);
  }

  /** `ss-error` goes out after the render, so a listener that changes attributes starts a new update. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this._refocus && this.state !== 'loading') {
      this._refocus = false;
      // Only when focus is still lost with the old button, not when the person moved on.
      const active = document.activeElement;
      if (!active || active === document.body) void this.refocus();
    }
    const error = this._unreportedError;
    this._unreportedError = undefined;
    if (error) this.dispatchEvent(new CatalogErrorEvent({error}));
  }

  /** Marks a person's action: an error it leads to is announced at once (`role="alert"`). */
  protected notePersonAction(): void {
    this._personActed = true;
  }

  /**
   * Where focus goes when the control that had it went away with a load: the new Retry button
   * or error message, else the first thing to activate in what loaded.
   */
  protected async refocus(): Promise<void> {
    const error = this.renderRoot.querySelector<HTMLElement>('[part~="error"]');
    (error?.querySelector('button') ?? error ?? (await this.firstFocusable()))?.focus();
  }

  /** The first thing a person can activate in the loaded element. */
  protected abstract firstFocusable(): Promise<HTMLElement | null | undefined>;

  /** Sets the reflected state; queues `ss-error` once per distinct error. */
  private _settle(state: ElementState, error?: unknown): void {
    if (this.state !== state) (this as {state: ElementState}).state = state;
    this._diagnostics.settled(state, error);
    if (state === 'error' && error !== this._lastReportedError) {
      this._lastReportedError = error;
      const diagnosis = this._diagnostics.diagnose(error);
      this._unreportedError = diagnosis.error;
      if (diagnosis.kind === 'config')
        this.warn(`${diagnosis.error.code}: ${diagnosis.error.message}`);
      this._retryWhenNoLongerBusy(this._unreportedError);
      // The first new error after a person's action answers it; later ones (a reload after
      // Retry-After, back online) come unasked and are not alerts.
      if (this._personActed) this._alertedError = error;
      this._personActed = false;
    }
    if (state === 'ready' || state === 'empty') this._personActed = false;
    if (state !== 'error') {
      this._lastReportedError = undefined;
      clearTimeout(this._busyTimer);
    }
  }

  /**
   * A busy catalog (429, or a proxy's 503 when its request budget is spent) says in
   * `Retry-After` when to come back: the element loads again then, without a click on Retry.
   */
  private _retryWhenNoLongerBusy({status, retryAfterMs}: CatalogError): void {
    clearTimeout(this._busyTimer);
    if (isServer) return;
    if ((status !== 429 && status !== 503) || retryAfterMs === undefined) return;
    const wait = Math.min(Math.max(retryAfterMs, 1000), MAX_BUSY_WAIT_MS);
    this._busyTimer = setTimeout(() => {
      if (this.isConnected && this.state === 'error') void this.dataTask.run();
    }, wait);
  }

  /** Says a problem on the console, once, naming the element. */
  protected warn(problem: string): void {
    this._diagnostics.warn(problem);
  }

  /** The visible, announced error: a message chosen by cause, plus Retry when retrying can help. */
  protected renderError(error: unknown, retry: () => void): TemplateResult {
    const strings = this.strings;
    const {error: catalogError, kind, message} = this._diagnostics.diagnose(error);
    const canRetry =
      kind === 'unavailable' ||
      kind === 'busy' ||
      kind === 'unreadable' ||
      catalogError.code === 'NOT_LISTENING';
    const onRetry = () => {
      this._personActed = true;
      retry();
    };
    // An error on load is page content, like what loaded beside it: ten failing cards must not
    // interrupt a screen reader ten times. One that answers a person's action is an alert.
    return html`<div
      class="error"
      part="error"
      role=${ifDefined(error === this._alertedError ? 'alert' : undefined)}
      tabindex="-1"
      data-code=${catalogError.code}
    >
      <span>${message(strings)}</span>
      ${canRetry ? html`<button type="button" @click=${onRetry}>${strings.retry}</button>` : null}
    </div>`;
  }
}

/**
 * The nearest `lang` above an element that the elements speak, crossing shadow roots: a typo
 * such as `jp` on the way is passed over for the page's own language.
 */
function closestLang(element: Element): string | null {
  if (isServer) return null;
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && isUiLang(node.getAttribute('lang'))) {
      return node.getAttribute('lang');
    }
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return null;
}
