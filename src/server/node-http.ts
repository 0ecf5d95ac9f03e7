import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {Readable} from 'node:stream';

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
      res.writeHead(413, {'content-type': 'application/json'});
      res.end(JSON.stringify({code: 'BAD_REQUEST', message: 'Request body is too large'}));
      return;
    }
    const origin = `http://${req.headers.host ?? host}`;
    let request: Request;
    try {
      request = toRequest(req, origin, controller.signal);
    } catch {
      res.writeHead(400, {'content-type': 'application/json'});
      res.end(JSON.stringify({code: 'BAD_REQUEST', message: 'Malformed request'}));
      return;
    }
    handler(request)
      .then((response) => writeResponse(response, req, res))
      .catch((error: unknown) => {
        options.onError?.(error);
        if (!res.headersSent) {
          res.writeHead(500, {'content-type': 'application/json'});
          res.end(
            JSON.stringify({code: 'SERVER_ERROR', message: 'An unexpected error has occurred'}),
          );
        } else {
          res.destroy();
        }
      });
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const {port} = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
