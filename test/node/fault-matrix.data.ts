// The proxy's documented answer to each upstream fault in each cache state: the single source
// of the fault-matrix test and of the table in docs/proxy-hardening.md (the test checks that
// the docs hold exactly `renderFaultMatrix()`; `UPDATE_DOCS=1` rewrites it).

export const FAULT_KINDS = [
  '500',
  '502 HTML',
  'malformed JSON',
  'wrong shape',
  'reset',
  'hang',
  '429, Retry-After huge',
  '429, Retry-After 0',
  '429, Retry-After date',
  '3xx redirect',
  'token 4xx',
  'token 5xx',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const CACHE_STATES = [
  'cold key',
  'fresh',
  'stale-while-revalidate',
  'stale-if-error',
] as const;
export type CacheState = (typeof CACHE_STATES)[number];

/** `fresh`: the remaining TTL and both stale windows; `stale`: max-age=5 and both windows. */
export type CacheControlKind = 'no-store' | 'fresh' | 'stale';
/** `at once`: no upstream wait; `deadline`: the stale deadline; `2 × time-out`: two attempts. */
export type Timing = 'at once' | 'stale deadline' | '2 × time-out';

export interface Expected {
  status: number;
  /** The body's `code`; undefined for a 200 (the cached catalog answer). */
  code?: string;
  /** `X-Cache` of a 200. */
  xCache?: 'HIT' | 'STALE';
  cacheControl: CacheControlKind;
  /** `Retry-After` of a failure, in seconds, when there is one to check. */
  retryAfter?: string;
  time: Timing;
}

const COLD: Record<FaultKind, Omit<Expected, 'cacheControl'>> = {
  '500': {status: 502, code: 'SERVER_ERROR', time: 'at once'},
  '502 HTML': {status: 502, code: 'INVALID_RESPONSE', time: 'at once'},
  'malformed JSON': {status: 502, code: 'INVALID_RESPONSE', time: 'at once'},
  'wrong shape': {status: 502, code: 'INVALID_RESPONSE', time: 'at once'},
  reset: {status: 502, code: 'NETWORK_ERROR', time: 'at once'},
  hang: {status: 504, code: 'TIMEOUT', time: '2 × time-out'},
  '429, Retry-After huge': {status: 503, code: 'RATE_LIMITED', retryAfter: '60', time: 'at once'},
  '429, Retry-After 0': {status: 503, code: 'RATE_LIMITED', retryAfter: '1', time: 'at once'},
  '429, Retry-After date': {status: 503, code: 'RATE_LIMITED', retryAfter: '30', time: 'at once'},
  '3xx redirect': {status: 502, code: 'REDIRECT', time: 'at once'},
  'token 4xx': {status: 502, code: 'AUTH_FAILED', time: 'at once'},
  'token 5xx': {status: 502, code: 'AUTH_FAILED', time: 'at once'},
};

export function expected(kind: FaultKind, state: CacheState): Expected {
  switch (state) {
    case 'cold key':
      return {...COLD[kind], cacheControl: 'no-store'};
    case 'fresh':
      return {status: 200, xCache: 'HIT', cacheControl: 'fresh', time: 'at once'};
    case 'stale-while-revalidate':
      return {status: 200, xCache: 'STALE', cacheControl: 'stale', time: 'at once'};
    case 'stale-if-error':
      return {
        status: 200,
        xCache: 'STALE',
        cacheControl: 'stale',
        time: kind === 'hang' ? 'stale deadline' : 'at once',
      };
  }
}

function cell(e: Expected): string {
  const what = e.status === 200 ? `200 ${e.xCache}` : `${e.status} \`${e.code}\``;
  const retry = e.retryAfter ? `, Retry-After ${e.retryAfter}` : '';
  return `${what}, ${e.cacheControl}${retry}, ${e.time}`;
}

export const MATRIX_START =
  '<!-- fault-matrix:start (generated from test/node/fault-matrix.data.ts) -->';
export const MATRIX_END = '<!-- fault-matrix:end -->';

/** The Markdown table, between its markers. */
export function renderFaultMatrix(): string {
  const lines = [
    `| Upstream fault | ${CACHE_STATES.join(' | ')} |`,
    `| --- | ${CACHE_STATES.map(() => '---').join(' | ')} |`,
    ...FAULT_KINDS.map(
      (kind) => `| ${kind} | ${CACHE_STATES.map((s) => cell(expected(kind, s))).join(' | ')} |`,
    ),
  ];
  return `${MATRIX_START}\n\n${lines.join('\n')}\n\n${MATRIX_END}`;
}
