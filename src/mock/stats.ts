// How many catalog requests the mock served, per route, for tests and `GET /__mock/stats`.
import {MOCK_ROUTES} from './faults.js';
import type {MockRoute, MockStats} from './types.js';

function emptyStats(): MockStats {
  const byRoute = Object.fromEntries(MOCK_ROUTES.map((route) => [route, 0])) as Record<
    MockRoute,
    number
  >;
  return {total: 0, byRoute};
}

/** Request counters; {@link snapshot} hands out a copy, never the live object. */
export class RequestStats {
  private current = emptyStats();

  count(route: MockRoute): void {
    this.current.total += 1;
    this.current.byRoute[route] += 1;
  }

  snapshot(): MockStats {
    return structuredClone(this.current);
  }

  reset(): void {
    this.current = emptyStats();
  }
}
