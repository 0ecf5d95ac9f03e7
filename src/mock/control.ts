// The /__mock/* control endpoints: stats, reset, the fixtures' summary and fault injection.
import {validateFaultRule, type FaultBook} from './faults.js';
import {errorResponse, jsonResponse} from './http.js';
import type {RequestStats} from './stats.js';
import type {FaultRule} from './types.js';

/** What the control endpoints read and change. */
export interface ControlTarget {
  stats: RequestStats;
  faults: FaultBook;
  /** False refuses new faults with 403. */
  faultsOn: boolean;
  /** Restores fixtures, uploads, tokens, rate-limit windows, stats and faults. */
  reset(): void;
  /** The body of `GET /__mock/fixtures`. */
  fixtureSummary(): unknown;
}

/** Answers one request under `/__mock`; unknown paths and methods get a 404. */
export async function handleControl(
  target: ControlTarget,
  request: Request,
  url: URL,
): Promise<Response> {
  const path = url.pathname.replace(/\/+$/, '');
  const method = request.method;
  if (path === '/__mock/stats' && method === 'GET') return jsonResponse(target.stats.snapshot());
  if (path === '/__mock/stats/reset' && method === 'POST') {
    target.stats.reset();
    return jsonResponse(target.stats.snapshot());
  }
  if (path === '/__mock/reset' && method === 'POST') {
    target.reset();
    return jsonResponse({ok: true});
  }
  if (path === '/__mock/fixtures' && method === 'GET') {
    return jsonResponse(target.fixtureSummary());
  }
  const faults = path === '/__mock/faults' ? await faultsEndpoint(target, request) : undefined;
  return faults ?? errorResponse('NOT_FOUND', `No control endpoint ${method} ${url.pathname}`);
}

/** `/__mock/faults`: list (GET), clear (DELETE) or add (POST) a rule; else undefined. */
async function faultsEndpoint(
  target: ControlTarget,
  request: Request,
): Promise<Response | undefined> {
  const {faults, faultsOn} = target;
  switch (request.method) {
    case 'GET':
      return jsonResponse({enabled: faultsOn, faults: faults.list()});
    case 'DELETE':
      faults.clear();
      return jsonResponse({ok: true});
    case 'POST':
      break;
    default:
      return undefined;
  }
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
    return errorResponse('BAD_REQUEST', error instanceof Error ? error.message : String(error));
  }
  faults.add(rule);
  return jsonResponse({ok: true, faults: faults.list()}, 201);
}
