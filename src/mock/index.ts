import {serveFetch, type RunningServer} from '../server/node-http.js';
import {createMockCatalog} from './catalog.js';
import type {MockCatalog, MockCatalogOptions} from './types.js';

export {createMockCatalog, MOCK_DEFAULTS} from './catalog.js';
export {
  BASE_DATE_MS,
  FIXTURE_IDS,
  FIXTURE_REF_ID,
  MAIN_MERCHANT,
  SECOND_MERCHANT,
} from './fixtures.js';
export {
  DEFAULT_LIMIT,
  DEFAULT_ORDER,
  DEFAULT_SORT,
  GEO_CODES,
  GROUP_SORT_COLUMNS,
  LIMIT_MAX,
  MEDIA_SORT_COLUMNS,
} from '../api/index.js';
export type {
  FaultKind,
  FaultRule,
  Media,
  MediaGroup,
  MockCatalog,
  MockCatalogOptions,
  MockRoute,
  MockStats,
  TextTrack,
} from './types.js';

export interface MockServerOptions extends MockCatalogOptions {
  port?: number;
  host?: string;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Starts the mock on Node's http server (port 0 picks a free port). */
export async function startMockServer(
  options: MockServerOptions = {},
): Promise<RunningServer & {catalog: MockCatalog}> {
  const {port, host, ...catalogOptions} = options;
  const catalog = createMockCatalog(catalogOptions);
  const server = await serveFetch(catalog, {
    port,
    host,
    // A hung or slow request ends when its client leaves; that is expected, not an error.
    onError: (error) => {
      if (!isAbort(error)) console.error('mock catalog:', error);
    },
  });
  return {...server, catalog};
}
