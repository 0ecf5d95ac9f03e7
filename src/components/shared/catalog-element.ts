import {ContextConsumer} from '@lit/context';
import type {Task} from '@lit/task';
import {
  isServer,
  LitElement,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import type {CatalogError} from '../../client/errors.js';
import type {CatalogReader} from '../../client/reader.js';
import {getSharedClient} from '../../client/shared.js';
import {
  attributeProblems,
  ErrorReportController,
  noteAnswered,
} from '../controllers/error-report.js';
import {FocusRestoreController} from '../controllers/focus-restore.js';
import {RetryController} from '../controllers/retry.js';
import {catalogContext, langConverter, type CatalogSettings} from './catalog-context.js';
import {AttributeError, toCatalogError} from './diagnosis.js';
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
  private readonly _retry = new RetryController(this, CatalogElement._taskOf);
  // Made at the first need (an error, a warning, a person's action): a thousand cards that
  // load fine hold none of them.
  private _reportMade?: ErrorReportController;
  private _focusRestoreMade?: FocusRestoreController;
  /** The client of the last request, for the error report. */
  private _client?: CatalogReader;

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

  /** The task that loads the element's data; aborted while the element is out of the document. */
  protected abstract get _dataTask(): Task<readonly unknown[], unknown>;

  /** One function for every element, called on the element: no closure per element. */
  private static _taskOf(this: CatalogElement) {
    return this._dataTask;
  }

  private get _report(): ErrorReportController {
    const report = (this._reportMade ??= new ErrorReportController(
      this,
      () => this._resolvedMerchant,
    ));
    report.client = this._client;
    return report;
  }

  /** Keeps a keyboard user's place from now on: made when the first error or page button shows. */
  protected _focusRestore(): FocusRestoreController {
    return (this._focusRestoreMade ??= new FocusRestoreController(
      this,
      () => void this._refocus(),
    ));
  }

  /** What an enclosing `<ss-catalog>` provides. */
  protected get _inherited(): CatalogSettings | undefined {
    return this._catalogConsumer.value;
  }

  /**
   * True while an enclosing `<ss-catalog>` is in the page but not registered yet (scripts may
   * register the elements in any order): the element waits, loading, rather than report its
   * inherited attributes missing.
   */
  protected get _awaitingCatalog(): boolean {
    return !isServer && !customElements.get('ss-catalog') && this.closest('ss-catalog') !== null;
  }

  protected get _resolvedMerchant(): string {
    return (this.merchant ?? this._inherited?.merchant ?? '').trim();
  }

  protected get _resolvedApiBase(): string {
    return (this.apiBase ?? this._inherited?.apiBase ?? '').trim();
  }

  /**
   * The element's own `lang`, else the nearest `lang` above it (an enclosing `<ss-catalog>`'s
   * included), else the catalog's from the context (when it is not an ancestor in the DOM).
   */
  protected get _uiLang(): UiLang {
    const candidates = [this.lang, closestLang(this), this._inherited?.lang];
    // A server render sees no ancestors: the page's language it was given comes last.
    if (isServer) candidates.push(serverLang());
    return toUiLang(candidates.find(isUiLang));
  }

  protected get _strings(): Strings {
    return stringsFor(this._uiLang);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._awaitingCatalog) {
      // Its context request went unanswered: ask again once the catalog can answer.
      void customElements.whenDefined('ss-catalog').then(() => {
        if (!this.isConnected) return;
        this._catalogConsumer.hostConnected();
        this.requestUpdate();
      });
    }
  }

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
    this._settleCurrent();
    super.update(changed);
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    const {observedAttributes} = this.constructor as typeof LitElement;
    for (const problem of attributeProblems(this, observedAttributes, this.lang, this._uiLang)) {
      this._warn(problem);
    }
  }

  /**
   * What the element shows now, read from its data task; `error` goes with the `error` state.
   * Called once an update, before the render: a subclass settles what it shows here.
   */
  protected abstract currentState(): {state: ElementState; error?: unknown};

  /** The first thing a person can activate in the loaded element. */
  protected abstract _firstFocusable(): Promise<HTMLElement | null | undefined>;

  /** The client to fetch through, or an `AttributeError` naming what is missing. */
  protected _resolveClient(): CatalogReader {
    if (!this._resolvedMerchant) throw this._missing('merchant');
    if (this.client) return (this._client = this.client);
    const apiBase = this._resolvedApiBase;
    if (!apiBase) throw this._missing('api-base');
    try {
      const {protocol} = new URL(apiBase, baseURI());
      if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(protocol);
    } catch {
      throw this._invalid('api-base', {kind: 'url'});
    }
    const absolute = new URL(apiBase, baseURI()).href.replace(/\/+$/, '');
    return (this._client = (isServer && serverClient(absolute)) || getSharedClient(absolute));
  }

  protected _missing(attribute: string, alternative?: string): AttributeError {
    return new AttributeError(attribute, undefined, alternative);
  }

  protected _invalid(attribute: string, expected: ExpectedValue): AttributeError {
    return new AttributeError(attribute, expected);
  }

  protected _invalidHeadingLevel(): AttributeError {
    return this._invalid('heading-level', {kind: 'range', min: 1, max: 6});
  }

  /** Marks a person's action: an error it leads to is announced at once (`role="alert"`). */
  protected _notePersonAction(): void {
    this._report.personActed();
  }

  /**
   * Where focus goes when the control that had it went away with a load: the new Retry button
   * or error message, else the first thing to activate in what loaded.
   */
  protected async _refocus(): Promise<void> {
    const error = this.renderRoot.querySelector<HTMLElement>('[part~="error"]');
    (error?.querySelector('button') ?? error ?? (await this._firstFocusable()))?.focus();
  }

  /** Says a problem on the console, once, naming the element. */
  protected _warn(problem: string): void {
    this._report.warn(problem);
  }

  /** Sets the reflected state and tells the controllers; an abort is not an error to show. */
  private _settleCurrent(): void {
    let {state, error} = this.currentState();
    // An abort is the element's own doing (removed from the page): not an error to show.
    if (state === 'error' && toCatalogError(error).code === 'ABORTED') {
      state = 'loading';
      error = undefined;
    }
    if (this.state !== state) (this as {state: ElementState}).state = state;
    // No report until there is something to report: an answer is only noted.
    let fresh: CatalogError | undefined;
    if (this._reportMade || state === 'error') fresh = this._report.settled(state, error);
    // Focus on the error's Retry is kept from its first render on: nothing else can hold it.
    if (state === 'error') this._focusRestore();
    else noteAnswered(this._client, state, error);
    this._retry.settled(state, fresh);
  }

  /** The visible, announced error: a message chosen by cause, plus Retry when retrying can help. */
  protected _renderError(error: unknown, retry: () => void): TemplateResult {
    return this._report.render(error, this._strings, retry);
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
