// What the router reads of a request line and of an Origin, kept per distinct value: visitors
// ask for the same few paths from the same few origins, and parsing and validating them again
// cost a cache hit more than the rest of its answer. Everything returned is shared by the
// requests that asked the same: read-only.
import {corsFor, type Cors} from './cors.js';
import {checkPath, parseCatalogRequest, type ParsedRequest, type Refusal} from './request.js';

/** Distinct values kept; past that all are forgotten at once, so a flood of new ones is cheap. */
const MAX_KEPT = 1000;

/** One request target as the router reads it. */
export interface Target {
  readonly url: URL;
  /** Why the path is refused before anything else, if it is. */
  readonly badPath: Refusal | undefined;
  /** {@link RequestMemo.parsed}'s answer once asked. */
  parsed?: ParsedRequest;
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= MAX_KEPT) map.clear();
  map.set(key, value);
  return value;
}

/**
 * Memoizes `new URL`, `checkPath`, `parseCatalogRequest` and `corsFor` for one router, whose
 * allowed origins and merchants do not change. Members are `private`, not `#`, as in
 * prebuilt.ts (every cache hit runs them).
 */
export class RequestMemo {
  private readonly targets = new Map<string, Target>();
  private readonly origins = new Map<string | null, Cors>();

  /** The URL and its path check; throws as `new URL` does for a URL it cannot parse. */
  target(href: string, method: string): Target {
    // The method is part of the key: a parse answers 405 to other methods than GET and HEAD.
    const key = `${method} ${href}`;
    const known = this.targets.get(key);
    if (known) return known;
    const url = new URL(href);
    return remember(this.targets, key, {url, badPath: checkPath(url.pathname, url.search)});
  }

  parsed(target: Target, method: string, merchants: ReadonlySet<string>): ParsedRequest {
    return (target.parsed ??= parseCatalogRequest(target.url, method, merchants));
  }

  /** `null`: no Origin header, which is not the same as an empty one. */
  cors(allowed: ReadonlySet<string> | undefined, origin: string | null): Cors {
    return this.origins.get(origin) ?? remember(this.origins, origin, corsFor(allowed, origin));
  }
}
