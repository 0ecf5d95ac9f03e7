import type {AccessControlHosts, AccessControlIps, Media, PublishStatus} from '../api/index.js';

/** Options of {@link createMockCatalog}. Every field is optional. */
export interface MockCatalogOptions {
  /** Value expected in `X-Streaks-Api-Key`. Default `mock-api-key`. */
  apiKey?: string;
  /** Mail address the auth-token endpoint accepts. Default `demo@example.com`. */
  mailAddress?: string;
  /** Password the auth-token endpoint accepts. Default `demo-password`. */
  password?: string;
  /**
   * Default true: every catalog call needs `X-Streaks-Api-Key` and `Authorization: Bearer <live
   * token>`, else `401 UNAUTHORIZED`. False lets any caller in (simplest demos).
   */
  auth?: boolean;
  /**
   * Requests per minute per API key (per client when auth is off). Default 50; 0 = unlimited.
   * Past it: `429` with `Retry-After` and `{code: 'RATE_LIMITED', message}`.
   */
  rateLimit?: number;
  /** Token lifetime. Default one hour. */
  tokenTtlMs?: number;
  /** Default false: fault injection is refused (403) unless this is true. */
  faults?: boolean;
  /** Caller's country for `GEO_RULE`; default `jp`. The `X-Mock-Country` header overrides it. */
  country?: string;
  /** Clock for tokens, the rate limit and `updated_at` (tests pass a fake clock). */
  now?: () => number;
}

export type MockRoute =
  | 'auth-token'
  | 'get-media'
  | 'list-medias'
  | 'update-media'
  | 'delete-media'
  | 'list-media-groups'
  | 'asset'
  | 'other';

export interface MockStats {
  total: number;
  byRoute: Record<MockRoute, number>;
}

export type FaultKind = 'status' | 'hang' | 'reset' | 'malformed-json' | 'html' | 'slow';

export interface FaultRule {
  kind: FaultKind;
  /** For `status` (default 500; a 3xx redirects to the request's own URL) and `html` (default 502). */
  status?: number;
  /** Seconds, sent as `Retry-After` (429 and 503 default to 1). */
  retryAfter?: number;
  /** Which requests it applies to. Default: every API route, never assets or `/__mock/*`. */
  route?: MockRoute;
  method?: string;
  pathIncludes?: string;
  /** How many matching requests it affects. Default 1; `Infinity` (or `null` over HTTP) = all. */
  times?: number;
  /** `slow`: respond normally after this many ms (default 1000). */
  delayMs?: number;
}

export interface MockCatalog {
  (request: Request): Promise<Response>;
  /** Catalog requests served per route; faulted ones count, `/__mock/*` and preflights don't. */
  stats(): MockStats;
  resetStats(): void;
  /** Throws unless the catalog was created with `faults: true`. */
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Restores fixture data, uploads, tokens, rate-limit windows, stats and faults. */
  reset(): void;
  issueToken(merchantId?: string): {token: string; expiration: string};
}

export type {
  AccessControlHosts,
  AccessControlIps,
  EncodeType,
  ImageRef,
  Media,
  TextTrack,
  MediaGroup,
  PublishStatus,
} from '../api/index.js';

/** What the mock stores per media: the public fields plus the ones only filters and PUT see. */
export interface MediaRecord {
  media: Media;
  job_id: string | null;
  media_group_ids: string[];
  publish_status: PublishStatus;
  publish_start_at: string | null;
  publish_end_at: string | null;
  access_control_ips: AccessControlIps | null;
  access_control_hosts: AccessControlHosts | null;
}

/** A generated image or text file the mock serves under `/uploads/`. */
export type AssetSpec =
  | {type: 'poster' | 'thumbnail'; title: string; subtitle: string; seed: number}
  | {type: 'vtt'; lang: string; title: string}
  | {type: 'bytes'; contentType: string; base64: string};
