import {fixture, html, waitUntil} from '@open-wc/testing';
import {nothing} from 'lit';
import {
  CatalogClient,
  getSharedClient,
  setSharedClient,
  type Media,
} from '../../../src/client/index.js';
import type {SsMediaGroupList, SsMediaList} from '../../../src/index.js';

/** The mock Catalog API the test runner started (auth and rate limit off, faults on). */
export const mockBase: string = (window as unknown as {MOCK_BASE: string}).MOCK_BASE;

/** A proxy in front of the mock that allows another site only, not the test page's origin. */
export const foreignProxyBase: string = (window as unknown as {FOREIGN_PROXY_BASE: string})
  .FOREIGN_PROXY_BASE;

export const MERCHANT = 'nttsmc';

/** The engine this run is in (web-test-runner.config.mjs). */
export const engine: {
  name: 'chromium' | 'firefox' | 'webkit';
  label: string;
  /** Whether the engine has a forced-colours mode (High Contrast) at all: WebKit has none. */
  forcedColors: boolean;
} = (window as unknown as {ENGINE: typeof engine}).ENGINE;

/**
 * `it` where the engine can run the test; elsewhere a skip whose title says which engine and
 * why, so no run passes over a test in silence.
 */
export function itIn(can: boolean, why: string, title: string, test: () => Promise<void>): void {
  if (can) it(title, test);
  else it.skip(`${title} (skipped in ${engine.label}: ${why})`, test);
}

/** Ids of hand-picked fixtures of the mock (src/mock/fixtures.ts). */
export const IDS = {
  reference: '7f8d4baf20f244fca34acbe3452886ac',
  geoBlocked: '5c0ffee0d15ab1ed0000000000000403',
  live: '11be0000000000000000000000000001',
  scheduledLive: '5c4edc1ed11be0000000000000000002',
  withRefId: '0123456789abcdef0123456789abcdef',
  refId: 'tokyo-night-walk',
  noImages: 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0',
  thumbnailOnly: '7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b',
  long: '10a9000000000000000000000000000f',
  short: '5000000000000000000000000000005a',
  /** Used only by tests that hold a request open ('slow' faults): Chromium's HTTP cache makes a
   * second request for the same URL wait for the first, so other tests use other media. */
  slowLoading: 'abababababababababababababababab',
  group: '9f0000000000000000000000000000a1',
  emptyGroup: '9f0000000000000000000000000000e0',
  /** A job id shared by withRefId, long and short. */
  job: 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0',
} as const;

export interface MockStats {
  total: number;
  byRoute: Record<string, number>;
}

async function control(path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(`${mockBase}/__mock/${path}`, init);
  if (!response.ok) throw new Error(`mock control ${path}: ${response.status}`);
  return response;
}

export async function mockStats(): Promise<MockStats> {
  return (await control('stats')).json() as Promise<MockStats>;
}

export interface FaultRule {
  kind: 'status' | 'hang' | 'reset' | 'malformed-json' | 'html' | 'slow';
  status?: number;
  /** Seconds of the `Retry-After` header of a `status` fault. */
  retryAfter?: number;
  route?: string;
  pathIncludes?: string;
  /** How many requests the rule fails; `null` for every one until `clearFaults()`. */
  times?: number | null;
  delayMs?: number;
}

export async function addFault(rule: FaultRule): Promise<void> {
  await control('faults', {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(rule),
  });
}

/** Removes every fault rule still waiting (the rest of a `times` count). */
export async function clearFaults(): Promise<void> {
  await control('faults', {method: 'DELETE'});
}

/** A fresh start for each test: mock data, stats and faults reset, the page's shared client forgotten. */
export async function resetAll(): Promise<void> {
  await control('reset', {method: 'POST'});
  getSharedClient(mockBase).clear();
  setSharedClient(mockBase, undefined);
}

/**
 * Makes the page's shared client a full `CatalogClient`, as an editing page would, so its
 * mutations go through the cache the elements read. Call it before the elements load.
 */
export function useEditingClient(): CatalogClient {
  const client = new CatalogClient({apiBase: mockBase});
  setSharedClient(mockBase, client);
  return client;
}

/** Waits until the element reflects `state`, then one more render. */
export async function settled<T extends HTMLElement & {updateComplete: Promise<unknown>}>(
  element: T,
  state: string,
  timeout = 5000,
): Promise<T> {
  await waitUntil(
    () => element.getAttribute('state') === state,
    `state never became ${state} (is ${element.getAttribute('state')})`,
    {timeout},
  );
  await element.updateComplete;
  return element;
}

/** Text a person sees in a shadow part, whitespace collapsed. */
export function partText(element: Element, part: string): string {
  const node = element.shadowRoot?.querySelector(`[part~="${part}"]`);
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function parts(element: Element, part: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${part}"]`) ?? [])];
}

/** Requests the elements made to the catalog, leaving out image downloads. */
export function catalogRequests(stats: MockStats): number {
  return stats.total - (stats.byRoute.asset ?? 0);
}

/** A media object as the client returns it, for the `media` property (no request). */
export function makeMedia(overrides: Partial<Media> = {}): Media {
  return {
    merchant_id: MERCHANT,
    id: 'abc0000000000000000000000000test',
    ref_id: null,
    live_event_id: null,
    name: 'A test video',
    description: 'A description of the test video.',
    duration: 754_000,
    encode_type: 'file',
    custom_fields: {},
    publish_geo_rule: ['jp'],
    poster: {src: `${mockBase}/uploads/${MERCHANT}/sample_poster.gif`},
    thumbnail: {src: `${mockBase}/uploads/${MERCHANT}/sample_thumbnail.jpg`},
    seek_preview_config: null,
    tags: ['travel', '旅行'],
    offline_enabled: false,
    text_tracks: [],
    created_at: '2024-03-01T10:00:00.000+09:00',
    updated_at: '2024-03-02T10:00:00.000+09:00',
    ...overrides,
  };
}

/** The element that has focus, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * A catalog response read straight from the mock (not through the elements or their client);
 * the mock's stats are reset afterwards, so they count only what the elements ask.
 */
export async function mockJson<T>(path: string): Promise<T> {
  const response = await fetch(`${mockBase}/v1/merchants/${MERCHANT}/${path}`);
  const body = (await response.json()) as T;
  await control('stats/reset', {method: 'POST'});
  return body;
}

/** Media ids of a page of the mock's media list, e.g. `pageIds('limit=5&page=2')`. */
export async function pageIds(query: string): Promise<string[]> {
  const body = await mockJson<{medias: Array<{id: string}>}>(`medias/?${query}`);
  return body.medias.map((media) => media.id);
}

/** A group list controlling a media list, both settled. */
export async function gallery(listPage = 3, listGroup = '', groupLimit = 30) {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: 900px">
      <ss-media-group-list
        merchant=${MERCHANT}
        api-base=${mockBase}
        limit=${groupLimit}
        controls="videos"
      ></ss-media-group-list>
      <ss-media-list
        id="videos"
        merchant=${MERCHANT}
        api-base=${mockBase}
        limit="6"
        page=${listPage}
        media-group-id=${listGroup || nothing}
      ></ss-media-list>
    </div>`,
  );
  const groups = await settled(
    wrapper.querySelector<SsMediaGroupList>('ss-media-group-list')!,
    'ready',
  );
  const list = await settled(wrapper.querySelector<SsMediaList>('ss-media-list')!, 'ready');
  return {groups, list};
}
