import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type {AddressInfo} from 'node:net';
import {Readable} from 'node:stream';
import type {PlainAnswer, PlainRequest} from './plain-http.js';

export type {PlainAnswer, PlainRequest} from './plain-http.js';

/** A fetch-standard request handler, as the mock and the proxy export. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Limits of the Node server: explicit, so that idle or slow sockets cannot use up the
 * process's file descriptors, and a shutdown finishes what it started.
 */
export interface ServerLimits {
  /** Time to receive a request's headers; a socket that sends none is closed. Default 10 000 ms. */
  headersTimeoutMs?: number;
  /** Time to receive a whole request. Default 30 000 ms. */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive socket stays open. Default 5 000 ms. */
  keepAliveTimeoutMs?: number;
  /** Open sockets at most; more are closed at once. Keep it under `ulimit -n`. Default 1000. */
  maxConnections?: number;
  /** On close, how long requests in flight may take to finish. Default 10 000 ms. */
  shutdownGraceMs?: number;
}

export const SERVER_DEFAULTS = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1000,
  shutdownGraceMs: 10_000,
});

export interface ServeOptions extends ServerLimits {
  port?: number;
  host?: string;
  /** Called with the error when the handler throws; the client gets a bare 500. */
  onError?: (error: unknown) => void;
}

export interface RunningServer {
  /** `http://host:port`, without a trailing slash. */
  url: string;
  port: number;
  /**
   * Stops accepting, lets requests in flight finish (up to `graceMs`, default the server's
   * `shutdownGraceMs`), then closes every socket.
   */
  close(graceMs?: number): Promise<void>;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    signal,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // Node's fetch needs this for a streamed request body.
    ...(hasBody ? {duplex: 'half'} : {}),
  } as RequestInit);
}

/**
 * Writes a fetch `Response` to a Node response. A body stream that errors before or while it
 * is written destroys the socket: that is how a handler makes a "connection reset".
 */
async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key === 'set-cookie') return;
    headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;

  if (!response.body || req.method === 'HEAD') {
    res.writeHead(response.status, response.statusText || undefined, headers);
    res.end();
    return;
  }
  const reader = response.body.getReader();
  let first: ReadableStreamReadResult<Uint8Array>;
  try {
    first = await reader.read();
  } catch {
    req.socket.destroy();
    return;
  }
  res.writeHead(response.status, response.statusText || undefined, headers);
  let chunk = first;
  try {
    while (!chunk.done) {
      if (!res.write(chunk.value)) {
        await new Promise<void>((resolve) => res.once('drain', resolve));
      }
      chunk = await reader.read();
    }
    res.end();
  } catch {
    res.destroy();
  }
}

/** Serves a fetch handler with Node's http server. Resolves once it listens. */
export function serveFetch(
  handler: FetchHandler,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createLimitedServer(options, (req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const contentLength = Number(req.headers['content-length'] ?? 0);
    if (contentLength > MAX_BODY_BYTES) {
      sendError(res, 413, 'BAD_REQUEST', 'Request body is too large');
      return;
    }
    const origin = `http://${req.headers.host ?? host}`;
    let request: Request;
    try {
      request = toRequest(req, origin, controller.signal);
    } catch {
      sendError(res, 400, 'BAD_REQUEST', 'Malformed request');
      return;
    }
    handler(request)
      .then((response) => writeResponse(response, req, res))
      .catch((error: unknown) => {
        options.onError?.(error);
        if (!res.headersSent) {
          sendError(res, 500, 'SERVER_ERROR', 'An unexpected error has occurred');
        } else {
          res.destroy();
        }
      });
  });
  // The mock and test doors close at once unless told otherwise: nothing there needs a drain.
  return listen(server, host, {...options, shutdownGraceMs: options.shutdownGraceMs ?? 0});
}

/** Reads a header as fetch's `Headers.get` does: case-insensitive, repeats joined by ", ". */
class RawHeaderReader {
  private readonly raw: string[];

  constructor(rawHeaders: string[]) {
    this.raw = rawHeaders;
  }

  get(name: string): string | null {
    const {raw} = this;
    const wanted = name.toLowerCase();
    let value: string | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      // Names are ASCII tokens (Node refuses others): another length is another name.
      const given = raw[i]!;
      if (given.length !== wanted.length) continue;
      if (given !== wanted && given.toLowerCase() !== wanted) continue;
      value = value === null ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
    }
    return value;
  }
}

/** What the adapter itself reads of a request's headers, in one pass over the raw list. */
function framing(rawHeaders: string[]): {host: string | undefined; hasBody: boolean} {
  let host: string | undefined;
  let hasBody = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    // As `req.headers` (not built here: it costs a cache hit's time): the first Host counts.
    if (name.length === 4 && host === undefined && name.toLowerCase() === 'host') {
      host = rawHeaders[i + 1]!;
    } else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') {
      hasBody = true;
    } else if (name.length === 14 && name.toLowerCase() === 'content-length') {
      hasBody ||= Number(rawHeaders[i + 1]) > 0;
    }
  }
  return {host, hasBody};
}

/**
 * Absolute URLs by request target and Host, each parsed once: clients ask for the same few
 * paths again and again. Forgotten all at once when full, so a flood of new ones costs little.
 */
function urlResolver(defaultHost: string): (target: string, host: string | undefined) => string {
  const known = new Map<string, string>();
  return (target, host = defaultHost) => {
    // A target holds no space (Node refuses one), so the key is unambiguous.
    const key = `${target} ${host}`;
    let href = known.get(key);
    if (href === undefined) {
      href = new URL(target, `http://${host}`).href;
      if (known.size >= 1000) known.clear();
      known.set(key, href);
    }
    return href;
  };
}

/**
 * Serves a handler that takes and gives plain objects, for a hot path where building fetch's
 * `Request` and `Response` would cost more than the answer (the proxy's cache hits). The
 * handler never sees a request body and must not reject; an answer it has at once (not a
 * promise) is written at once.
 */
export function serveAnswers(
  handler: (request: PlainRequest) => PlainAnswer | Promise<PlainAnswer>,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const resolveUrl = urlResolver(host);
  const server = createLimitedServer(options, (req, res) => {
    const {rawHeaders} = req;
    const {host: hostHeader, hasBody} = framing(rawHeaders);
    let url: string;
    try {
      url = resolveUrl(req.url ?? '/', hostHeader);
    } catch {
      sendError(res, 400, 'BAD_REQUEST', 'Malformed request');
      return;
    }
    const method = req.method ?? 'GET';
    // Nobody reads a request body here: close after answering instead of draining it, however
    // long it claims to be.
    if (hasBody) res.shouldKeepAlive = false;
    const headers = new RawHeaderReader(rawHeaders);
    try {
      const answer = handler({url, method, headers, clientAddress: req.socket.remoteAddress});
      if (!(answer instanceof Promise)) return writeAnswer(server, res, method, answer);
      answer
        .then((later) => writeAnswer(server, res, method, later))
        .catch((error: unknown) => failAnswer(res, error, options.onError));
    } catch (error) {
      failAnswer(res, error, options.onError);
    }
  });
  return listen(server, host, options);
}

function writeAnswer(server: Server, res: ServerResponse, method: string, answer: PlainAnswer) {
  if (draining.has(server)) res.shouldKeepAlive = false;
  // A header Node will not write (a character fetch's Headers would also refuse) throws.
  res.writeHead(answer.status, answer.statusText || undefined, answer.headers);
  const {body} = answer;
  // Bytes, not a string: Node would encode a string body and the head together as UTF-8,
  // and a header read as latin1 (an echoed Origin) would change on its way back.
  res.end(method === 'HEAD' || body === null ? undefined : toBytes(body));
}

/** A handler that threw or an answer Node would not write: a bare 500, or a reset if too late. */
function failAnswer(res: ServerResponse, error: unknown, onError: ServeOptions['onError']) {
  onError?.(error);
  if (res.headersSent) return void res.destroy();
  sendError(res, 500, 'SERVER_ERROR', 'An unexpected error has occurred');
}

/**
 * The adapter's own JSON error. The reason phrase is explicit: a `writeHead` that threw has
 * already set the failed answer's.
 */
function sendError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, STATUS_CODES[status], {'content-type': 'application/json'});
  res.end(JSON.stringify({code, message}));
}

function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body) : body;
}

/** Servers that are shutting down: their answers close the connection. */
const draining = new WeakSet<Server>();

function limit(value: number | undefined, name: keyof ServerLimits): number {
  const chosen = value ?? SERVER_DEFAULTS[name];
  if (!Number.isInteger(chosen) || chosen < 0) {
    throw new TypeError(`${name} must be a non-negative integer.`);
  }
  return chosen;
}

function createLimitedServer(
  options: ServerLimits,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
  const headersTimeout = limit(options.headersTimeoutMs, 'headersTimeoutMs');
  const requestTimeout = limit(options.requestTimeoutMs, 'requestTimeoutMs');
  const server = createServer(
    {
      // Node accepts no headers time-out longer than the request time-out.
      headersTimeout: requestTimeout ? Math.min(headersTimeout, requestTimeout) : headersTimeout,
      requestTimeout,
      keepAliveTimeout: limit(options.keepAliveTimeoutMs, 'keepAliveTimeoutMs'),
      // How often Node looks for sockets past those time-outs (its default is 30 s).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
    },
    listener,
  );
  const maxConnections = limit(options.maxConnections, 'maxConnections');
  if (maxConnections > 0) server.maxConnections = maxConnections;
  return server;
}

function listen(server: Server, host: string, options: ServeOptions): Promise<RunningServer> {
  const defaultGrace = limit(options.shutdownGraceMs, 'shutdownGraceMs');
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const {port: bound} = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${bound}`,
        port: bound,
        close: (graceMs = defaultGrace) => drain(server, graceMs),
      });
    });
  });
}

/** Stops accepting, waits for answers under way (at most `graceMs`), then closes every socket. */
function drain(server: Server, graceMs: number): Promise<void> {
  draining.add(server);
  return new Promise<void>((done) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(timer);
      done();
    });
    server.closeIdleConnections();
  });
}
