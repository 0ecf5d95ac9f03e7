import {defaultSleep} from '../client/signals.js';
import {CORS_HEADERS, ERRORS, codeForStatus, errorResponse, statusText} from './http.js';
import type {FaultKind, FaultRule, MockRoute} from './types.js';

export const FAULT_KINDS: readonly FaultKind[] = [
  'status',
  'hang',
  'reset',
  'malformed-json',
  'html',
  'slow',
];

export const MOCK_ROUTES: readonly MockRoute[] = [
  'auth-token',
  'get-media',
  'list-medias',
  'update-media',
  'delete-media',
  'list-media-groups',
  'asset',
  'other',
];

const MAX_DELAY_MS = 10 * 60 * 1000;

type FieldCheck = (value: unknown) => unknown;

function httpStatus(value: unknown): unknown {
  if (!Number.isInteger(value) || (value as number) < 100 || (value as number) > 599) {
    throw new TypeError('status must be an HTTP status code (100-599)');
  }
  return value;
}

function retryAfter(value: unknown): unknown {
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new TypeError('retryAfter must be a number of seconds >= 0');
  }
  return value;
}

function route(value: unknown): unknown {
  if (!MOCK_ROUTES.includes(value as MockRoute)) {
    throw new TypeError(`route must be one of ${MOCK_ROUTES.join(', ')}`);
  }
  return value;
}

const text =
  (key: string): FieldCheck =>
  (value) => {
    if (typeof value !== 'string') throw new TypeError(`${key} must be a string`);
    return value;
  };

function times(value: unknown): unknown {
  const count = value === null || value === 'Infinity' ? Infinity : value;
  if (
    typeof count !== 'number' ||
    !(count >= 1) ||
    (count !== Infinity && !Number.isInteger(count))
  ) {
    throw new TypeError('times must be an integer >= 1, or null/Infinity for every request');
  }
  return count;
}

function delayMs(value: unknown): unknown {
  if (typeof value !== 'number' || !(value >= 0) || value > MAX_DELAY_MS) {
    throw new TypeError(`delayMs must be a number from 0 to ${MAX_DELAY_MS}`);
  }
  return value;
}

/** The optional fields, in the order they are checked and then listed. */
const FIELD_CHECKS: Record<Exclude<keyof FaultRule, 'kind'>, FieldCheck> = {
  status: httpStatus,
  retryAfter,
  route,
  method: text('method'),
  pathIncludes: text('pathIncludes'),
  times,
  delayMs,
};

/**
 * Checks a rule from code or from JSON. Over HTTP `times: null` (or `"Infinity"`) means
 * "every matching request", because JSON cannot spell Infinity.
 */
export function validateFaultRule(input: unknown): FaultRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('A fault rule must be an object');
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (key !== 'kind' && !Object.hasOwn(FIELD_CHECKS, key)) {
      throw new TypeError(`Unknown fault rule field "${key}"`);
    }
  }
  if (!FAULT_KINDS.includes(raw.kind as FaultKind)) {
    throw new TypeError(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const rule: Record<string, unknown> = {kind: raw.kind};
  for (const [key, check] of Object.entries(FIELD_CHECKS)) {
    if (raw[key] !== undefined) rule[key] = check(raw[key]);
  }
  return rule as unknown as FaultRule;
}

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

/** Rules in the order they were added; the first that matches a request takes it. */
export class FaultBook {
  private active: ActiveFault[] = [];

  add(rule: FaultRule): void {
    this.active.push({rule, remaining: rule.times ?? 1});
  }

  clear(): void {
    this.active = [];
  }

  list(): Array<FaultRule & {remaining: number | null}> {
    return this.active.map(({rule, remaining}) => ({
      ...rule,
      times: rule.times === Infinity ? undefined : rule.times,
      remaining: remaining === Infinity ? null : remaining,
    }));
  }

  /** Finds the rule for this request and uses up one of its `times`. */
  take(route: MockRoute, method: string, path: string): FaultRule | undefined {
    const index = this.active.findIndex(({rule}) => {
      if (rule.route ? rule.route !== route : route === 'asset') return false;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
      return !rule.pathIncludes || path.includes(rule.pathIncludes);
    });
    if (index < 0) return undefined;
    const fault = this.active[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.active.splice(index, 1);
    return fault.rule;
  }
}

/** A response whose body fails at once: the Node adapter then destroys the socket. */
function resetResponse(): Response {
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.error(new Error('Mock fault: connection reset'));
    },
  });
  return new Response(body, {
    status: 200,
    statusText: 'OK',
    headers: {...CORS_HEADERS, 'content-type': 'application/json; charset=utf-8'},
  });
}

/** Never answers; settles (by rejecting) only once the client aborts or disconnects. */
function hang(signal: AbortSignal): Promise<Response> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), {once: true});
  });
}

const GATEWAY_PAGE = (status: number) => `<!DOCTYPE html>
<html>
<head><title>${status} ${status === 502 ? 'Bad Gateway' : 'Error'}</title></head>
<body>
<center><h1>${status} ${status === 502 ? 'Bad Gateway' : 'Error'}</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/**
 * The response for every kind except `slow` (which delays and then lets the request through):
 * shaped like what a broken upstream or gateway really sends.
 */
export function faultResponse(rule: FaultRule, request: Request): Promise<Response> {
  const {signal} = request;
  const json = {'content-type': 'application/json; charset=utf-8'};
  switch (rule.kind) {
    case 'status': {
      const status = rule.status ?? 500;
      const code = codeForStatus(status);
      const headers: Record<string, string> = {};
      if (rule.retryAfter !== undefined || status === 429 || status === 503) {
        headers['retry-after'] = String(rule.retryAfter ?? 1);
      }
      // A redirect back to the same URL: with `times: 1`, a client that follows it gets the answer.
      if (status > 299 && status < 400) headers.location = request.url;
      const message = ERRORS[code].status === status ? ERRORS[code].message : `HTTP ${status}`;
      return Promise.resolve(errorResponse(code, message, headers, status));
    }
    case 'hang':
      // With delayMs, a gateway that gives up: no answer for that long, then the connection drops.
      return rule.delayMs === undefined
        ? hang(signal)
        : defaultSleep(rule.delayMs, signal).then(() => resetResponse());
    case 'reset':
      return Promise.resolve(resetResponse());
    case 'malformed-json':
      return Promise.resolve(
        new Response('{"count": 240, "medias": [{"merchant_id": "nttsmc", "id": "7f8d4b', {
          status: rule.status ?? 200,
          statusText: statusText(rule.status ?? 200),
          headers: {...CORS_HEADERS, ...json},
        }),
      );
    case 'html': {
      const status = rule.status ?? 502;
      return Promise.resolve(
        new Response(GATEWAY_PAGE(status), {
          status,
          statusText: statusText(status),
          headers: {...CORS_HEADERS, 'content-type': 'text/html; charset=utf-8'},
        }),
      );
    }
    case 'slow':
      throw new Error('slow faults delay the real response; they have no response of their own');
  }
}
