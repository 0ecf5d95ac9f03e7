import {html, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import type {CatalogError} from '../../client/errors.js';
import type {CatalogReader} from '../../client/reader.js';
import {CatalogErrorEvent} from '../../events/error.js';
import {
  answered,
  diagnose,
  lookalikes,
  toCatalogError,
  type Diagnosis,
} from '../shared/diagnosis.js';
import {isUiLang, type Strings} from '../shared/strings.js';

/**
 * Notes that the client's api-base answered: any answer, even an error status, shows it is
 * served, so later failures are outages.
 */
export function noteAnswered(client: CatalogReader | undefined, state: string, error: unknown) {
  if (state === 'ready' || state === 'empty' || (error && toCatalogError(error).status)) {
    if (client) answered.add(client.apiBase);
  }
}

/** Attributes that look like misspelt known ones (all in one warning), and an unknown `lang`. */
export function attributeProblems(
  element: Element,
  known: readonly string[],
  lang: string,
  spoken: string,
): string[] {
  const problems: string[] = [];
  const typos = lookalikes(element, known);
  if (typos.length) problems.push(`Unknown attributes: ${typos.join(', ')}.`);
  if (lang && !isUiLang(lang)) {
    problems.push(`lang="${lang}" is not ja or en: the element speaks ${spoken}.`);
  }
  return problems;
}

/**
 * The host's errors, classified by cause (once per error): each distinct one reported once
 * with `ss-error` (after the render, so a listener that changes attributes starts a new
 * update) and, for a configuration mistake, on the console, naming the host (otherwise only
 * a page listening to `ss-error` would see it); shown with a message chosen by cause, and
 * Retry when retrying can help. An error on load is page content, like what loaded beside
 * it: ten failing cards must not interrupt a screen reader ten times. Only the error that
 * answers a person's action (Retry, a page change) is an alert.
 */
export class ErrorReportController implements ReactiveController {
  /** The client of the host's last request. */
  client?: CatalogReader;
  /** A person's Retry or page change is under way: the error it ends in is an alert. */
  private _personActed = false;
  /** The error that answered a person's action: the only one shown as an alert. */
  private _alerted?: unknown;
  private _lastReported?: unknown;
  private _unreported?: CatalogError;
  private _diagnosis?: Diagnosis & {raw: unknown};
  private _warned?: Set<string>;

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    private readonly _merchant: () => string,
  ) {
    _host.addController(this);
  }

  hostUpdated(): void {
    const error = this._unreported;
    this._unreported = undefined;
    if (error) this._host.dispatchEvent(new CatalogErrorEvent({error}));
  }

  /** Marks a person's action: an error it leads to is announced at once (`role="alert"`). */
  personActed(): void {
    this._personActed = true;
  }

  /** Told each state the host settles in; returns the error when it is a new one to report. */
  settled(state: string, error: unknown): CatalogError | undefined {
    noteAnswered(this.client, state, error);
    let fresh: CatalogError | undefined;
    if (state === 'error' && error !== this._lastReported) {
      this._lastReported = error;
      const diagnosis = this.diagnose(error);
      fresh = this._unreported = diagnosis.error;
      if (diagnosis.kind === 'config') this.warn(`${fresh.code}: ${fresh.message}`);
      // The first new error after a person's action answers it; later ones (a reload after
      // Retry-After, back online) come unasked and are not alerts.
      if (this._personActed) this._alerted = error;
      this._personActed = false;
    }
    if (state === 'ready' || state === 'empty') this._personActed = false;
    if (state !== 'error') this._lastReported = undefined;
    return fresh;
  }

  diagnose(error: unknown): Diagnosis {
    if (this._diagnosis?.raw !== error) {
      const client = this.client;
      const target = client && {
        base: client.apiBase,
        merchant: this._merchant(),
        card: this._host.localName === 'ss-media-card',
      };
      this._diagnosis = {...diagnose(error, target), raw: error};
    }
    return this._diagnosis!;
  }

  /** Says a problem on the console once, naming the host. */
  warn(problem: string): void {
    const warned = (this._warned ??= new Set());
    if (warned.has(problem)) return;
    warned.add(problem);
    const {localName, id} = this._host;
    console.warn(`<${localName}${id ? ` id="${id}"` : ''}> ${problem}`, this._host);
  }

  /** The visible, announced error: a message chosen by cause, plus Retry when retrying can help. */
  render(error: unknown, strings: Strings, retry: () => void): TemplateResult {
    const {error: catalogError, kind, message} = this.diagnose(error);
    const canRetry =
      kind === 'unavailable' ||
      kind === 'busy' ||
      kind === 'unreadable' ||
      catalogError.code === 'NOT_LISTENING';
    const onRetry = () => {
      this._personActed = true;
      retry();
    };
    return html`<div
      class="error"
      part="error"
      role=${ifDefined(error === this._alerted ? 'alert' : undefined)}
      tabindex="-1"
      data-code=${catalogError.code}
    >
      <span>${message(strings)}</span>
      ${canRetry ? html`<button type="button" @click=${onRetry}>${strings.retry}</button>` : null}
    </div>`;
  }
}
