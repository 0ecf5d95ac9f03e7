// Types only, no `node:` import: the proxy's fetch handler (edge runtimes) shares them.

/** What a handler reads of a request: a fetch `Request` is one. */
export interface PlainRequest {
  /** The absolute URL. */
  readonly url: string;
  readonly method: string;
  readonly headers: {get(name: string): string | null};
  /** The peer's address, where the server knows it (Node does; a fetch `Request` does not). */
  readonly clientAddress?: string;
}

/** An answer before it becomes a fetch `Response` or is written to a Node socket. */
export interface PlainAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** `null` for HEAD, 204 and 304. */
  body: string | Uint8Array<ArrayBuffer> | null;
}
