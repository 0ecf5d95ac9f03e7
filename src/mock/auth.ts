// The mock's authentication: the API key, the auth-token login and the Bearer tokens it issues.
import {errorResponse, jsonResponse} from './http.js';
import type {MockRoute} from './types.js';

/** What the mock accepts, resolved from its options. */
export interface AuthSettings {
  /** False lets every caller in without key or token. */
  enabled: boolean;
  apiKey: string;
  mailAddress: string;
  password: string;
  tokenTtlMs: number;
  now: () => number;
}

export interface IssuedToken {
  token: string;
  expiration: string;
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The live tokens and the checks every catalog request passes. */
export class MockAuth {
  private readonly tokens = new Map<string, {merchant: string; expiresAt: number}>();

  constructor(readonly settings: AuthSettings) {}

  issueToken(merchantId = 'nttsmc'): IssuedToken {
    const issuedAt = this.settings.now();
    // A mock left running for days behind a proxy logs in every hour: forget dead tokens.
    for (const [old, entry] of this.tokens)
      if (entry.expiresAt <= issuedAt) this.tokens.delete(old);
    const token = randomToken();
    const expiresAt = issuedAt + this.settings.tokenTtlMs;
    this.tokens.set(token, {merchant: merchantId, expiresAt});
    return {token, expiration: new Date(expiresAt).toISOString()};
  }

  /** `POST /auth-token`: a token for the right mail address and password. */
  async login(request: Request, merchant: string): Promise<Response> {
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return errorResponse(
        'BAD_REQUEST',
        'The request body must be JSON: {mail_address, password}',
      );
    }
    const {mail_address: mail, password: pass} = (
      typeof body === 'object' && body !== null ? body : {}
    ) as Record<string, unknown>;
    if (typeof mail !== 'string' || typeof pass !== 'string') {
      return errorResponse('BAD_REQUEST', 'mail_address and password must be strings');
    }
    if (mail !== this.settings.mailAddress || pass !== this.settings.password) {
      return errorResponse('UNAUTHORIZED', 'Authentication failed: wrong mail_address or password');
    }
    return jsonResponse(this.issueToken(merchant));
  }

  /** Returns a 401 response when the request may not proceed, else undefined. */
  authenticate(request: Request, route: MockRoute, merchant: string): Response | undefined {
    if (!this.settings.enabled) return undefined;
    if (request.headers.get('x-streaks-api-key') !== this.settings.apiKey) {
      return errorResponse(
        'UNAUTHORIZED',
        'Authentication failed: missing or wrong X-Streaks-Api-Key',
      );
    }
    if (route === 'auth-token') return undefined;
    return this.checkToken(request, merchant);
  }

  clear(): void {
    this.tokens.clear();
  }

  private checkToken(request: Request, merchant: string): Response | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
    if (!match) return errorResponse('UNAUTHORIZED', 'Authentication failed: missing Bearer token');
    const entry = this.tokens.get(match[1]!);
    if (!entry || entry.merchant !== merchant) {
      return errorResponse('UNAUTHORIZED', 'Authentication failed: unknown token');
    }
    if (this.settings.now() >= entry.expiresAt) {
      this.tokens.delete(match[1]!);
      return errorResponse('UNAUTHORIZED', 'Authentication failed: the token has expired');
    }
    return undefined;
  }
}
