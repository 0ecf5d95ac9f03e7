// The mock Catalog API put together: options, the state objects, and the request pipeline.
import {MockAuth, type AuthSettings} from './auth.js';
import {handleControl, type ControlTarget} from './control.js';
import {defaultSleep} from '../client/signals.js';
import {FaultBook, faultResponse, validateFaultRule} from './faults.js';
import {FileServer} from './files.js';
import {BadRequest, errorResponse, preflightResponse} from './http.js';
import {MediaRoutes} from './media-routes.js';
import {MediaStore} from './media-store.js';
import {RateLimiter} from './rate-limit.js';
import {withoutBody} from './request-body.js';
import {routeCatalog, type RouterParts} from './router.js';
import {matchRoute} from './routes.js';
import {RequestStats} from './stats.js';
import {UploadStore} from './uploads.js';
import type {FaultRule, MockCatalog, MockCatalogOptions, MockStats} from './types.js';

export const MOCK_DEFAULTS = {
  apiKey: 'mock-api-key',
  mailAddress: 'demo@example.com',
  password: 'demo-password',
  rateLimit: 50,
  tokenTtlMs: 3_600_000,
  country: 'jp',
} as const;

function authSettings(options: MockCatalogOptions, now: () => number): AuthSettings {
  return {
    enabled: options.auth ?? true,
    apiKey: options.apiKey ?? MOCK_DEFAULTS.apiKey,
    mailAddress: options.mailAddress ?? MOCK_DEFAULTS.mailAddress,
    password: options.password ?? MOCK_DEFAULTS.password,
    tokenTtlMs: options.tokenTtlMs ?? MOCK_DEFAULTS.tokenTtlMs,
    now,
  };
}

/** Every piece of one mock, each holding its own state. */
interface MockParts extends RouterParts, ControlTarget {}

function createParts(options: MockCatalogOptions): MockParts {
  const now = options.now ?? (() => Date.now());
  const store = new MediaStore();
  const uploads = new UploadStore();
  const auth = new MockAuth(authSettings(options, now));
  const limiter = new RateLimiter(options.rateLimit ?? MOCK_DEFAULTS.rateLimit, now);
  const faults = new FaultBook();
  const stats = new RequestStats();
  const defaultCountry = (options.country ?? MOCK_DEFAULTS.country).toLowerCase();
  return {
    auth,
    limiter,
    files: new FileServer(uploads, () => store.assets),
    media: new MediaRoutes({store, uploads, now, defaultCountry}),
    stats,
    faults,
    faultsOn: options.faults ?? false,
    reset() {
      store.reset();
      uploads.clear();
      auth.clear();
      limiter.clear();
      faults.clear();
      stats.reset();
    },
    fixtureSummary: () => store.summary(),
  };
}

/** The fetch handler: preflight, control API, counters, injected faults, then the catalog. */
function createHandler(parts: MockParts): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS') return preflightResponse();
    if (url.pathname === '/__mock' || url.pathname.startsWith('/__mock/')) {
      return handleControl(parts, request, url);
    }
    const matched = matchRoute(method, url.pathname);
    parts.stats.count(matched.route);
    const fault = parts.faults.take(matched.route, method, url.pathname + url.search);
    if (fault && fault.kind !== 'slow') return faultResponse(fault, request);
    if (fault) await defaultSleep(fault.delayMs ?? 1000, request.signal);
    try {
      const response = await routeCatalog(parts, request, url, matched);
      return method === 'HEAD' ? withoutBody(response) : response;
    } catch (error) {
      if (error instanceof BadRequest) return errorResponse('BAD_REQUEST', error.message);
      return errorResponse('SERVER_ERROR');
    }
  };
}

/** Creates the mock Catalog API: a fetch-standard handler with a control API attached. */
export function createMockCatalog(options: MockCatalogOptions = {}): MockCatalog {
  const parts = createParts(options);
  return Object.assign(createHandler(parts), {
    stats: (): MockStats => parts.stats.snapshot(),
    resetStats: () => parts.stats.reset(),
    addFault: (rule: FaultRule) => {
      if (!parts.faultsOn) {
        throw new Error('Fault injection is off: create the mock with {faults: true}');
      }
      parts.faults.add(validateFaultRule(rule));
    },
    clearFaults: () => parts.faults.clear(),
    reset: () => parts.reset(),
    issueToken: (merchantId?: string) => parts.auth.issueToken(merchantId),
  });
}
