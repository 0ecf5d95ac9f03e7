import {startMockServer, type MockServerOptions} from '../../../src/mock/index.js';

export const API_KEY = 'mock-api-key';
export const CREDENTIALS = {mail_address: 'demo@example.com', password: 'demo-password'};

export type TestServer = Awaited<ReturnType<typeof startMockServer>> & {
  /** Fetches a path on the server with the API key and (when given) a token. */
  api(path: string, init?: RequestInit & {token?: string | null}): Promise<Response>;
  /** Gets a fresh token over HTTP for `merchant`. */
  login(merchant?: string): Promise<string>;
};

/** A mock on a free port, with helpers that send the headers a real client sends. */
export async function startTestServer(options: MockServerOptions = {}): Promise<TestServer> {
  const server = await startMockServer({port: 0, rateLimit: 0, ...options});
  const api = (path: string, init: RequestInit & {token?: string | null} = {}) => {
    const {token, ...rest} = init;
    const headers = new Headers(rest.headers);
    if (!headers.has('x-streaks-api-key')) headers.set('x-streaks-api-key', API_KEY);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(server.url + path, {...rest, headers});
  };
  const login = async (merchant = 'nttsmc') => {
    const response = await api(`/v1/merchants/${merchant}/auth-token/`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify(CREDENTIALS),
    });
    if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
    return ((await response.json()) as {token: string}).token;
  };
  return Object.assign(server, {api, login});
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
