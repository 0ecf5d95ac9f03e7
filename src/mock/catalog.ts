import {renderAsset, type AssetBody} from './assets.js';
import {formatJst, parseIsoDateTime} from './dates.js';
import {FaultBook, faultResponse, MOCK_ROUTES, sleep, validateFaultRule} from './faults.js';
import {
  BASE_DATE_MS,
  createFixtures,
  FIXTURE_IDS,
  FIXTURE_REF_ID,
  ORIGIN_PLACEHOLDER,
  type FixtureSet,
} from './fixtures.js';
import {BadRequest, bodyResponse, errorResponse, jsonResponse, preflightResponse} from './http.js';
import {
  formToObject,
  GROUP_SORT_COLUMNS,
  MEDIA_SORT_COLUMNS,
  parseListQuery,
  parseMediaPatch,
  type ListQuery,
  type MediaPatch,
} from './validation.js';
import type {
  FaultRule,
  Media,
  MediaGroup,
  MediaRecord,
  MockCatalog,
  MockCatalogOptions,
  MockRoute,
  MockStats,
} from './types.js';

const MINUTE_MS = 60_000;

export const MOCK_DEFAULTS = {
  apiKey: 'mock-api-key',
  mailAddress: 'demo@example.com',
  password: 'demo-password',
  rateLimit: 50,
  tokenTtlMs: 3_600_000,
  country: 'jp',
} as const;

let pristine: FixtureSet | undefined;

/** Fixtures are built once per process; each catalog works on its own deep copy. */
function freshFixtures(): FixtureSet {
  pristine ??= createFixtures();
  return {
    records: structuredClone(pristine.records),
    groups: structuredClone(pristine.groups),
    assets: pristine.assets,
  };
}

function emptyStats(): MockStats {
  const byRoute = Object.fromEntries(MOCK_ROUTES.map((route) => [route, 0])) as Record<
    MockRoute,
    number
  >;
  return {total: 0, byRoute};
}

interface Upload {
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

interface Matched {
  route: MockRoute;
  merchant?: string;
  mediaKey?: string;
  /** Set when the path is a known catalog path but the method is not served there. */
  allow?: string;
}

const ROUTE_PATTERNS: Array<{pattern: RegExp; methods: Partial<Record<string, MockRoute>>}> = [
  {pattern: /^\/v1\/merchants\/([^/]+)\/auth-token\/?$/, methods: {POST: 'auth-token'}},
  {pattern: /^\/v1\/merchants\/([^/]+)\/medias\/?$/, methods: {GET: 'list-medias'}},
  {
    pattern: /^\/v1\/merchants\/([^/]+)\/medias\/([^/]+)\/?$/,
    methods: {GET: 'get-media', PUT: 'update-media', DELETE: 'delete-media'},
  },
  {pattern: /^\/v1\/merchants\/([^/]+)\/media_groups\/?$/, methods: {GET: 'list-media-groups'}},
];

function matchRoute(method: string, path: string): Matched {
  if (path.startsWith('/uploads/')) {
    return method === 'GET' || method === 'HEAD'
      ? {route: 'asset'}
      : {route: 'other', allow: 'GET, HEAD'};
  }
  for (const {pattern, methods} of ROUTE_PATTERNS) {
    const match = pattern.exec(path);
    if (!match) continue;
    // HEAD of a GET route answers as GET does, without the body, as Rails-style APIs do.
    const route = methods[method] ?? (method === 'HEAD' ? methods.GET : undefined);
    if (!route) {
      const allow = Object.keys(methods);
      if (methods.GET) allow.splice(1, 0, 'HEAD');
      return {route: 'other', allow: allow.join(', ')};
    }
    return {route, merchant: match[1], mediaKey: match[2]};
  }
  return {route: 'other'};
}

function decodeSegment(segment: string, what: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequest(`${what} is not valid percent-encoding`);
  }
}

type Comparable = string | number | null;

function compareKeys(a: Comparable, b: Comparable): number {
  if (a === b) return 0;
  // Null (a live media's duration) sorts before every value, so it comes last in desc order.
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * Sorts by one column with the id as tie-break, the whole order reversed for desc: a total
 * order, so consecutive pages never repeat or skip a record.
 */
function sortRecords<T extends {id: string}>(
  items: T[],
  key: (item: T) => Comparable,
  order: 'asc' | 'desc',
): T[] {
  const sign = order === 'asc' ? 1 : -1;
  return items
    .map((item) => ({item, key: key(item)}))
    .sort((a, b) => sign * (compareKeys(a.key, b.key) || compareKeys(a.item.id, b.item.id)))
    .map(({item}) => item);
}

function sortKey(column: string): (item: {[key: string]: unknown}) => Comparable {
  if (column === 'created_at' || column === 'updated_at') {
    return (item) => Date.parse(item[column] as string);
  }
  return (item) => item[column] as Comparable;
}

function paginate<T>(items: T[], query: ListQuery<string>): T[] {
  const start = (query.page - 1) * query.limit;
  return items.slice(start, start + query.limit);
}

function rewriteOrigin(src: string, origin: string): string {
  return src.startsWith(ORIGIN_PLACEHOLDER) ? origin + src.slice(ORIGIN_PLACEHOLDER.length) : src;
}

/** The media as the API returns it to this request (absolute URLs on the request's origin). */
function present(media: Media, origin: string): Media {
  return {
    ...media,
    custom_fields: {...media.custom_fields},
    publish_geo_rule: [...media.publish_geo_rule],
    poster: media.poster && {src: rewriteOrigin(media.poster.src, origin)},
    thumbnail: media.thumbnail && {src: rewriteOrigin(media.thumbnail.src, origin)},
    tags: [...media.tags],
    text_tracks: media.text_tracks.map((track) => ({
      ...track,
      src: rewriteOrigin(track.src, origin),
    })),
  };
}

function sniffImageType(bytes: Uint8Array): string | undefined {
  const head = Array.from(bytes.subarray(0, 12));
  const starts = (...sig: number[]) => sig.every((byte, i) => head[i] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45) return 'image/webp';
  const text = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart();
  if (text.startsWith('<svg') || text.startsWith('<?xml')) return 'image/svg+xml';
  return undefined;
}

function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return cleaned.slice(-80) || 'image';
}

/** A PUT body in either encoding, as the object {@link parseMediaPatch} validates. */
async function readPatchBody(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (
    type.startsWith('multipart/form-data') ||
    type.startsWith('application/x-www-form-urlencoded')
  ) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new BadRequest('The form-data body could not be parsed');
    }
    return formToObject(form);
  }
  const text = await request.text();
  if (!text.trim()) throw new BadRequest('The request body is empty; send a JSON object');
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest('The request body is not valid JSON');
  }
}

/** Sliding one-minute windows of request times per caller. */
class RateLimiter {
  private windows = new Map<string, number[]>();

  /** Records a request; returns 0 when it is allowed, else the seconds to wait. */
  hit(key: string, limit: number, now: number): number {
    const times = (this.windows.get(key) ?? []).filter((t) => t > now - MINUTE_MS);
    if (times.length >= limit) {
      this.windows.set(key, times);
      return Math.max(1, Math.ceil((times[0]! + MINUTE_MS - now) / 1000));
    }
    times.push(now);
    this.windows.set(key, times);
    return 0;
  }

  clear(): void {
    this.windows.clear();
  }
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Creates the mock Catalog API: a fetch-standard handler with a control API attached. */
export function createMockCatalog(options: MockCatalogOptions = {}): MockCatalog {
  const apiKey = options.apiKey ?? MOCK_DEFAULTS.apiKey;
  const mailAddress = options.mailAddress ?? MOCK_DEFAULTS.mailAddress;
  const password = options.password ?? MOCK_DEFAULTS.password;
  const authOn = options.auth ?? true;
  const rateLimit = options.rateLimit ?? MOCK_DEFAULTS.rateLimit;
  const tokenTtlMs = options.tokenTtlMs ?? MOCK_DEFAULTS.tokenTtlMs;
  const faultsOn = options.faults ?? false;
  const defaultCountry = (options.country ?? MOCK_DEFAULTS.country).toLowerCase();
  const now = options.now ?? (() => Date.now());

  let data = freshFixtures();
  let uploads = new Map<string, Upload>();
  let uploadSeq = 0;
  const rendered = new Map<string, AssetBody>();
  const tokens = new Map<string, {merchant: string; expiresAt: number}>();
  const limiter = new RateLimiter();
  const faults = new FaultBook();
  let stats = emptyStats();

  function issueToken(merchantId = 'nttsmc') {
    const issuedAt = now();
    // A mock left running for days behind a proxy logs in every hour: forget dead tokens.
    for (const [old, entry] of tokens) if (entry.expiresAt <= issuedAt) tokens.delete(old);
    const token = randomToken();
    const expiresAt = issuedAt + tokenTtlMs;
    tokens.set(token, {merchant: merchantId, expiresAt});
    return {token, expiration: new Date(expiresAt).toISOString()};
  }

  function addFault(rule: FaultRule) {
    if (!faultsOn) throw new Error('Fault injection is off: create the mock with {faults: true}');
    faults.add(validateFaultRule(rule));
  }

  function reset() {
    data = freshFixtures();
    uploads = new Map();
    uploadSeq = 0;
    tokens.clear();
    limiter.clear();
    faults.clear();
    stats = emptyStats();
  }

  function merchantRecords(merchant: string): MediaRecord[] {
    return data.records.filter((r) => r.media.merchant_id === merchant);
  }

  function findRecord(merchant: string, key: string): MediaRecord | undefined {
    const byRef = key.startsWith('ref:');
    const wanted = byRef ? key.slice(4) : key;
    return data.records.find(
      (r) => r.media.merchant_id === merchant && (byRef ? r.media.ref_id : r.media.id) === wanted,
    );
  }

  // ---- catalog routes ----

  async function handleAuthToken(request: Request, merchant: string): Promise<Response> {
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
    if (mail !== mailAddress || pass !== password) {
      return errorResponse('UNAUTHORIZED', 'Authentication failed: wrong mail_address or password');
    }
    return jsonResponse(issueToken(merchant));
  }

  function handleGetMedia(request: Request, m: Required<Pick<Matched, 'merchant' | 'mediaKey'>>) {
    const record = findRecord(m.merchant, m.mediaKey);
    if (!record) return errorResponse('MEDIA_NOT_FOUND');
    const country = (request.headers.get('x-mock-country') ?? defaultCountry).trim().toLowerCase();
    const rule = record.media.publish_geo_rule;
    if (rule.length && !rule.includes(country)) return errorResponse('GEO_RULE');
    return jsonResponse(present(record.media, new URL(request.url).origin));
  }

  function handleListMedias(url: URL, merchant: string) {
    const query = parseListQuery(url.searchParams, MEDIA_SORT_COLUMNS);
    const filter = (name: string) => url.searchParams.get(name) || undefined;
    const liveEventId = filter('live_event_id');
    const jobId = filter('job_id');
    const groupId = filter('media_group_id');
    const matching = merchantRecords(merchant).filter(
      (r) =>
        (liveEventId === undefined || r.media.live_event_id === liveEventId) &&
        (jobId === undefined || r.job_id === jobId) &&
        (groupId === undefined || r.media_group_ids.includes(groupId)),
    );
    const key = sortKey(query.sort);
    const sorted = sortRecords(
      matching.map((r) => r.media),
      (media) => key(media as unknown as Record<string, unknown>),
      query.order,
    );
    return jsonResponse({
      count: sorted.length,
      medias: paginate(sorted, query).map((media) => present(media, url.origin)),
    });
  }

  function handleListGroups(url: URL, merchant: string) {
    const query = parseListQuery(url.searchParams, GROUP_SORT_COLUMNS);
    const key = sortKey(query.sort);
    const sorted = sortRecords(
      data.groups.filter((g) => g.merchant_id === merchant),
      (group) => key(group as unknown as Record<string, unknown>),
      query.order,
    );
    return jsonResponse({
      count: sorted.length,
      media_groups: paginate(sorted, query).map((group): MediaGroup => ({...group})),
    });
  }

  function storeUpload(
    merchant: string,
    mediaId: string,
    file: File,
    bytes: Uint8Array<ArrayBuffer>,
  ): string {
    uploadSeq += 1;
    const path = `/uploads/${merchant}/user/${mediaId}-${uploadSeq}-${safeFileName(file.name)}`;
    const contentType = sniffImageType(bytes) ?? (file.type || 'application/octet-stream');
    uploads.set(path, {contentType, bytes});
    return path;
  }

  async function applyPatch(record: MediaRecord, patch: MediaPatch): Promise<void> {
    const media = record.media;
    if (patch.ref_id) {
      const taken = data.records.find(
        (r) =>
          r !== record &&
          r.media.merchant_id === media.merchant_id &&
          r.media.ref_id === patch.ref_id,
      );
      if (taken) {
        throw new BadRequest(`ref_id "${patch.ref_id}" is already used by media ${taken.media.id}`);
      }
    }
    const start = 'publish_start_at' in patch ? patch.publish_start_at : record.publish_start_at;
    const end = 'publish_end_at' in patch ? patch.publish_end_at : record.publish_end_at;
    if (start && end && parseIsoDateTime(end)! <= parseIsoDateTime(start)!) {
      throw new BadRequest('publish_end_at must be after publish_start_at');
    }
    const images: Partial<Record<'poster' | 'thumbnail', {src: string} | null>> = {};
    for (const kind of ['poster', 'thumbnail'] as const) {
      const file = patch[`${kind}_image`];
      if (file) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        if (!sniffImageType(bytes) && !file.type.startsWith('image/')) {
          throw new BadRequest(`${kind}_image is not an image`);
        }
        images[kind] = {src: storeUpload(media.merchant_id, media.id, file, bytes)};
      } else if (`${kind}_image_url` in patch) {
        const url = patch[`${kind}_image_url`];
        images[kind] = url ? {src: url} : null;
      }
    }
    // Every check passed: only now does anything change, so a 400 leaves the media untouched.
    if (patch.name !== undefined) media.name = patch.name;
    if (patch.description !== undefined) media.description = patch.description;
    if (patch.ref_id !== undefined) media.ref_id = patch.ref_id;
    if (patch.publish_geo_rule !== undefined) media.publish_geo_rule = patch.publish_geo_rule;
    if (patch.publish_status !== undefined) record.publish_status = patch.publish_status;
    record.publish_start_at = start ?? null;
    record.publish_end_at = end ?? null;
    if (patch.access_control_ips !== undefined)
      record.access_control_ips = patch.access_control_ips;
    if (patch.access_control_hosts !== undefined) {
      record.access_control_hosts = patch.access_control_hosts;
    }
    if (images.poster !== undefined) media.poster = images.poster;
    if (images.thumbnail !== undefined) media.thumbnail = images.thumbnail;
    media.updated_at = formatJst(now());
  }

  async function handleUpdateMedia(request: Request, merchant: string, key: string) {
    const record = findRecord(merchant, key);
    if (!record) return errorResponse('MEDIA_NOT_FOUND');
    const patch = parseMediaPatch(await readPatchBody(request));
    await applyPatch(record, patch);
    return jsonResponse(present(record.media, new URL(request.url).origin));
  }

  function handleDeleteMedia(request: Request, merchant: string, key: string) {
    const record = findRecord(merchant, key);
    if (!record) return errorResponse('MEDIA_NOT_FOUND');
    data.records.splice(data.records.indexOf(record), 1);
    return jsonResponse(present(record.media, new URL(request.url).origin));
  }

  function handleAsset(path: string): Response {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return errorResponse('NOT_FOUND');
    }
    const upload = uploads.get(decoded);
    if (upload) {
      return bodyResponse(upload.bytes.slice(), 200, {
        'content-type': upload.contentType,
        'cache-control': 'no-cache',
      });
    }
    const spec = data.assets.get(decoded);
    if (!spec) return errorResponse('NOT_FOUND', `No file at ${decoded}`);
    let asset = rendered.get(decoded);
    if (!asset) {
      asset = renderAsset(spec);
      rendered.set(decoded, asset);
    }
    const body = typeof asset.body === 'string' ? asset.body : asset.body.slice();
    return bodyResponse(body, 200, {
      'content-type': asset.contentType,
      'cache-control': 'public, max-age=3600',
    });
  }

  /** Returns a 401 response when the request may not proceed, else undefined. */
  function authenticate(
    request: Request,
    route: MockRoute,
    merchant: string,
  ): Response | undefined {
    if (!authOn) return undefined;
    if (request.headers.get('x-streaks-api-key') !== apiKey) {
      return errorResponse(
        'UNAUTHORIZED',
        'Authentication failed: missing or wrong X-Streaks-Api-Key',
      );
    }
    if (route === 'auth-token') return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
    if (!match) return errorResponse('UNAUTHORIZED', 'Authentication failed: missing Bearer token');
    const entry = tokens.get(match[1]!);
    if (!entry || entry.merchant !== merchant) {
      return errorResponse('UNAUTHORIZED', 'Authentication failed: unknown token');
    }
    if (now() >= entry.expiresAt) {
      tokens.delete(match[1]!);
      return errorResponse('UNAUTHORIZED', 'Authentication failed: the token has expired');
    }
    return undefined;
  }

  function rateLimitKey(request: Request): string {
    const key = authOn ? request.headers.get('x-streaks-api-key') : null;
    if (key) return `key:${key}`;
    // The fetch API carries no peer address; a forwarding header is the only hint there is.
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    return `client:${forwarded || 'local'}`;
  }

  async function handleCatalog(request: Request, url: URL, matched: Matched): Promise<Response> {
    const {route} = matched;
    if (route === 'asset') return handleAsset(url.pathname);
    if (route === 'other') {
      return matched.allow
        ? errorResponse('METHOD_NOT_ALLOWED', `Use ${matched.allow} here`, {allow: matched.allow})
        : errorResponse('NOT_FOUND', `No route for ${request.method} ${url.pathname}`);
    }
    if (rateLimit > 0) {
      const wait = limiter.hit(rateLimitKey(request), rateLimit, now());
      if (wait) {
        return errorResponse(
          'RATE_LIMITED',
          `Rate limit of ${rateLimit} requests per minute exceeded; retry in ${wait} s`,
          {'retry-after': String(wait)},
        );
      }
    }
    const merchant = decodeSegment(matched.merchant!, 'merchant_id');
    const denied = authenticate(request, route, merchant);
    if (denied) return denied;
    const mediaKey =
      matched.mediaKey === undefined ? '' : decodeSegment(matched.mediaKey, 'media_id');
    switch (route) {
      case 'auth-token':
        return handleAuthToken(request, merchant);
      case 'get-media':
        return handleGetMedia(request, {merchant, mediaKey});
      case 'list-medias':
        return handleListMedias(url, merchant);
      case 'update-media':
        return handleUpdateMedia(request, merchant, mediaKey);
      case 'delete-media':
        return handleDeleteMedia(request, merchant, mediaKey);
      case 'list-media-groups':
        return handleListGroups(url, merchant);
    }
  }

  // ---- /__mock control API ----

  async function handleControl(request: Request, url: URL): Promise<Response> {
    const path = url.pathname.replace(/\/+$/, '');
    const method = request.method;
    if (path === '/__mock/stats' && method === 'GET') return jsonResponse(stats);
    if (path === '/__mock/stats/reset' && method === 'POST') {
      stats = emptyStats();
      return jsonResponse(stats);
    }
    if (path === '/__mock/reset' && method === 'POST') {
      reset();
      return jsonResponse({ok: true});
    }
    if (path === '/__mock/fixtures' && method === 'GET') {
      return jsonResponse(fixtureSummary());
    }
    if (path === '/__mock/faults') {
      if (method === 'GET') return jsonResponse({enabled: faultsOn, faults: faults.list()});
      if (method === 'DELETE') {
        faults.clear();
        return jsonResponse({ok: true});
      }
      if (method === 'POST') {
        if (!faultsOn) {
          return errorResponse(
            'FORBIDDEN',
            'Fault injection is off; start the mock with --faults (or {faults: true})',
          );
        }
        let rule: FaultRule;
        try {
          rule = validateFaultRule(JSON.parse(await request.text()));
        } catch (error) {
          return errorResponse(
            'BAD_REQUEST',
            error instanceof Error ? error.message : String(error),
          );
        }
        faults.add(rule);
        return jsonResponse({ok: true, faults: faults.list()}, 201);
      }
    }
    return errorResponse('NOT_FOUND', `No control endpoint ${method} ${url.pathname}`);
  }

  function fixtureSummary() {
    const merchants = [...new Set(data.records.map((r) => r.media.merchant_id))];
    return {
      baseDate: formatJst(BASE_DATE_MS),
      ids: FIXTURE_IDS,
      refId: FIXTURE_REF_ID,
      merchants: Object.fromEntries(
        merchants.map((merchant) => [
          merchant,
          {
            medias: merchantRecords(merchant).length,
            mediaGroups: data.groups
              .filter((g) => g.merchant_id === merchant)
              .map((g) => ({
                id: g.id,
                name: g.name,
                members: data.records.filter((r) => r.media_group_ids.includes(g.id)).length,
              })),
          },
        ]),
      ),
    };
  }

  // ---- the handler ----

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS') return preflightResponse();
    if (url.pathname === '/__mock' || url.pathname.startsWith('/__mock/')) {
      return handleControl(request, url);
    }
    const matched = matchRoute(method, url.pathname);
    stats.total += 1;
    stats.byRoute[matched.route] += 1;
    const fault = faults.take(matched.route, method, url.pathname + url.search);
    if (fault && fault.kind !== 'slow') return faultResponse(fault, request);
    if (fault) await sleep(fault.delayMs ?? 1000, request.signal);
    try {
      const response = await handleCatalog(request, url, matched);
      if (method !== 'HEAD') return response;
      return new Response(null, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (error instanceof BadRequest) return errorResponse('BAD_REQUEST', error.message);
      return errorResponse('SERVER_ERROR');
    }
  };

  return Object.assign(handler, {
    stats: (): MockStats => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    addFault,
    clearFaults: () => faults.clear(),
    reset,
    issueToken,
  });
}
