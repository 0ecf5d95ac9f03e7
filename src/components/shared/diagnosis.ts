import {CatalogError} from '../../client/errors.js';
import {stringsFor, type ExpectedValue, type Strings} from './strings.js';

/** An attribute problem found before any request: reported as `BAD_REQUEST`, naming it. */
export class AttributeError extends CatalogError {
  constructor(
    readonly attribute: string,
    readonly expected?: ExpectedValue,
    /** Another attribute that would do instead, e.g. `ref-id` for `media-id`. */
    readonly alternative?: string,
  ) {
    super({status: 0, code: 'BAD_REQUEST', message: ''});
    this.message = describeAttributeError(stringsFor('en'), this);
    this.name = 'AttributeError';
  }
}

export function describeAttributeError(strings: Strings, error: AttributeError): string {
  const {attribute, expected} = error;
  return expected
    ? strings.errorConfigInvalid(attribute, strings.expected(expected))
    : strings.errorConfigMissing(attribute, error.alternative);
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

/**
 * What a person (and the developer) needs to know about an error. `config` kinds are the
 * page's configuration, not the catalog's state: they come with a hint and a console warning.
 */
export type ErrorKind =
  'not-found' | 'geo' | 'busy' | 'denied' | 'unreadable' | 'unavailable' | 'other' | 'config';

/** Where an element sent its request, for the hints. */
export interface Target {
  /** The client's `apiBase`, absolute. */
  base: string;
  merchant: string;
  /** Only a card asks for one video: a list's 404 is a wrong address, never "this video". */
  card: boolean;
}

/** The api-bases that have answered at least once: after that a network failure is an outage. */
export const answered = new Set<string>();

/** An error classified by cause: the code `ss-error` carries, the message shown, the kind. */
export interface Diagnosis {
  error: CatalogError;
  kind: ErrorKind;
  message: (strings: Strings) => string;
}

/**
 * Classifies an error by its cause. By code first, then by status: the API and gateways send
 * 5xx codes the client does not list (`SERVICE_UNAVAILABLE`, `BAD_GATEWAY`...). A network
 * failure before the api-base ever answered is an address nothing listens on; a 404, or an
 * HTML page where JSON was expected, is an api-base that serves no catalog (a path such as
 * `/v1`, or `host:port` without a scheme, read as a path of the page's own site).
 */
export function diagnose(raw: unknown, target: Target | undefined): Diagnosis {
  const error = toCatalogError(raw);
  const {code, status} = error;
  const plain = (kind: ErrorKind, message: (s: Strings) => string): Diagnosis => ({
    error,
    kind,
    message,
  });
  if (error instanceof AttributeError) {
    return plain('config', (s) => s.errorConfig(describeAttributeError(s, error)));
  }
  const config = (newCode: string, message: (s: Strings) => string): Diagnosis => ({
    error: new CatalogError({
      status,
      code: newCode,
      message: message(stringsFor('en')),
      cause: error,
    }),
    kind: 'config',
    message,
  });
  const base = target?.base ?? '';
  if (code === 'GEO_RULE') return plain('geo', (s) => s.errorGeo);
  if (code === 'RATE_LIMITED' || status === 429) return plain('busy', (s) => s.errorRateLimited);
  if (code === 'MERCHANT_NOT_ALLOWED') {
    return config(code, (s) => s.errorMerchant(target?.merchant ?? ''));
  }
  if (code === 'ORIGIN_NOT_ALLOWED') return config(code, (s) => s.errorOrigin(location.origin));
  if (code === 'UNAUTHORIZED' || status === 401) {
    return config('CREDENTIALS_REQUIRED', (s) => s.errorCredentials(base));
  }
  // A list's group filter naming no group: nothing to show, said the way an empty list says it.
  if (code === 'MEDIA_GROUP_NOT_FOUND' || (target?.card && code === 'MEDIA_NOT_FOUND')) {
    return plain('not-found', (s) => (target?.card ? s.errorNotFound : s.emptyList));
  }
  if (
    status === 404 ||
    (code === 'INVALID_RESPONSE' && status < 500 && /HTML/.test(error.message))
  ) {
    return config('WRONG_API_BASE', (s) => s.errorApiBase(base));
  }
  if (code === 'FORBIDDEN' || status === 403) return plain('denied', (s) => s.errorUnauthorized);
  if (code === 'NETWORK_ERROR' && target && !answered.has(base)) {
    return config('NOT_LISTENING', (s) => s.errorSilent(base));
  }
  // A gateway's HTML error page is INVALID_RESPONSE too: its 5xx status says more.
  if (code === 'NETWORK_ERROR' || code === 'TIMEOUT' || status === 408 || status >= 500) {
    return plain('unavailable', (s) => s.errorUnavailable);
  }
  if (code === 'INVALID_RESPONSE') return plain('unreadable', (s) => s.errorInvalidResponse);
  return plain('other', (s) => s.errorGeneric);
}

/** A one-edit difference (or only `-`/`_` and case apart): `meda-id`, `mediaid`, `api_base`. */
function near(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const [x, y] = [a.slice(i + 1), b.slice(i + 1)];
  return x === y || a.slice(i) === y || x === b.slice(i);
}

/** The attributes that look like a misspelling of a known one, with what they should be. */
export function lookalikes(element: Element, known: readonly string[]): string[] {
  const flat = (name: string) => name.toLowerCase().replace(/[-_]/g, '');
  const found: string[] = [];
  // Names, not `attributes`: the Attr objects that reads would be kept as long as the element.
  for (const name of element.getAttributeNames()) {
    if (known.includes(name)) continue;
    const meant = known.find((k) => k.length > 3 && near(flat(name), flat(k)));
    if (meant) found.push(`${name} (${meant}?)`);
  }
  return found;
}
