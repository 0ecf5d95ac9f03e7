// Cached answers made ready to send: an entry's bytes (identity, and gzip for a large one)
// encoded once per process, and the last answer of each kind reused while nothing in it has
// changed, so that a cache hit costs a lookup instead of building headers and bodies.
// Members here, in render.ts and in serve.ts are TypeScript `private`, not `#`: the ES2021
// build makes each `#` access a WeakMap lookup, and they all run on every cache hit.
import {LRUCache} from 'lru-cache';
import type {PlainAnswer} from '../server/plain-http.js';
import type {CacheState} from './context.js';

/** Smaller answers are sent as they are: gzip would save less than its own overhead. */
export const GZIP_MIN_BYTES = 1024;

const encoder = new TextEncoder();

/** Which answer: the identity or gzip body, to a GET or a HEAD. */
export type Variant = 0 | 1 | 2 | 3;

export function variantOf(gzip: boolean, method: string): Variant {
  return ((gzip ? 1 : 0) + (method === 'HEAD' ? 2 : 0)) as Variant;
}

/** One answer with what it was built from; any other value asks for another answer. */
interface Made {
  state: CacheState;
  maxAge: number;
  cors: Record<string, string>;
  answer: PlainAnswer;
}

function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  for (const name in a) if (a[name] !== b[name]) return false;
  for (const name in b) if (!(name in a)) return false;
  return true;
}

/** One entry's body, ready in both encodings, and its answers last made. */
export class Prebuilt {
  readonly identity: Uint8Array<ArrayBuffer>;
  /** The gzip body once made; undefined for a small body or while it is being made. */
  gzip: Uint8Array<ArrayBuffer> | undefined;
  private readonly gzipping: Promise<Uint8Array<ArrayBuffer>> | undefined;
  /** Per variant, by the Access-Control-Allow-Origin it carries ('' for none). */
  private readonly made: Map<string, Made>[] = [new Map(), new Map(), new Map(), new Map()];

  constructor(body: string) {
    this.identity = encoder.encode(body) as Uint8Array<ArrayBuffer>;
    // Started at once: the first client that accepts gzip should not wait for it.
    if (body.length >= GZIP_MIN_BYTES) {
      this.gzipping = gzipOf(this.identity).then((bytes) => (this.gzip = bytes));
      // A failure is seen by whoever awaits `gzipped()`; it must not go unhandled here.
      this.gzipping.catch(() => {});
    }
  }

  /** True when the body is large enough to be sent gzipped. */
  get compressible(): boolean {
    return this.gzipping !== undefined;
  }

  gzipped(): Promise<Uint8Array<ArrayBuffer>> {
    return this.gzipping!;
  }

  /** The answer made for these values last time, or undefined. */
  answer(
    variant: Variant,
    state: CacheState,
    maxAge: number,
    cors: Record<string, string>,
  ): PlainAnswer | undefined {
    const made = this.made[variant]!.get(cors['access-control-allow-origin'] ?? '');
    if (!made || made.state !== state || made.maxAge !== maxAge) return undefined;
    return sameHeaders(made.cors, cors) ? made.answer : undefined;
  }

  remember(
    variant: Variant,
    state: CacheState,
    maxAge: number,
    cors: Record<string, string>,
    answer: PlainAnswer,
  ): void {
    const origin = cors['access-control-allow-origin'] ?? '';
    this.made[variant]!.set(origin, {state, maxAge, cors: {...cors}, answer});
  }
}

function gzipOf(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer().then((buffer) => new Uint8Array(buffer));
}

/**
 * Prebuilt answers by ETag (a hash of the body): an entry read again from a shared store, a
 * new object each time, finds the bytes made for the first one; a refreshed entry with a new
 * body gets new ones. Bounded by bytes, least recently used first out.
 */
export class PrebuiltCache {
  private readonly lru: LRUCache<string, Prebuilt>;

  /** `maxBytes`: the cache's own bound, so that hot answers fit; twice the body is counted. */
  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, Prebuilt>({
      maxSize: Math.max(1, Math.floor(maxBytes)),
      // The gzip body is at most about as large as the identity one.
      sizeCalculation: (p, etag) => 2 * p.identity.byteLength + etag.length + 256,
    });
  }

  of(etag: string, body: string): Prebuilt {
    let prebuilt = this.lru.get(etag);
    if (!prebuilt) {
      prebuilt = new Prebuilt(body);
      this.lru.set(etag, prebuilt);
    }
    return prebuilt;
  }
}
