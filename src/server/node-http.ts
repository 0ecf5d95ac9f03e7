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

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Called with the error when the handler throws; the client gets a bare 500. */
  onError?: (error: unknown) => void;
}

export interface RunningServer {
  /** `http://host:port`, without a trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
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
  const server = createServer((req, res) => {
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
  return listen(server, host, options.port);
}

/** Reads a header as fetch's `Headers.get` does: case-insensitive, repeats joined by ", ". */
function rawHeaderReader(rawHeaders: string[]): PlainRequest['headers'] {
  return {
    get(name) {
      const wanted = name.toLowerCase();
      let value: string | null = null;
      for (let i = 0; i < rawHeaders.length; i += 2) {
        if (rawHeaders[i]!.toLowerCase() !== wanted) continue;
        value = value === null ? rawHeaders[i + 1]! : `${value}, ${rawHeaders[i + 1]!}`;
      }
      return value;
    },
  };
}

/**
 * Serves a handler that takes and gives plain objects, for a hot path where building fetch's
 * `Request` and `Response` would cost more than the answer (the proxy's cache hits). The
 * handler never sees a request body and must not reject.
 */
export function serveAnswers(
  handler: (request: PlainRequest) => Promise<PlainAnswer>,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    let url: string;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`).href;
    } catch {
      sendError(res, 400, 'BAD_REQUEST', 'Malformed request');
      return;
    }
    const method = req.method ?? 'GET';
    // Nobody reads a request body here: close after answering instead of draining it, however
    // long it claims to be.
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
    if (hasBody) res.shouldKeepAlive = false;
    handler({url, method, headers: rawHeaderReader(req.rawHeaders)})
      .then((answer) => {
        res.writeHead(answer.status, answer.statusText || undefined, answer.headers);
        const {body} = answer;
        // Bytes, not a string: Node would encode a string body and the head together as UTF-8,
        // and a header read as latin1 (an echoed Origin) would change on its way back.
        res.end(method === 'HEAD' || body === null ? undefined : toBytes(body));
      })
      // A header Node will not write (a character fetch's Headers would also refuse).
      .catch((error: unknown) => {
        options.onError?.(error);
        if (res.headersSent) return void res.destroy();
        sendError(res, 500, 'SERVER_ERROR', 'An unexpected error has occurred');
      });
  });
  return listen(server, host, options.port);
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

function listen(server: Server, host: string, port = 0): Promise<RunningServer> {
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const {port: bound} = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${bound}`,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
