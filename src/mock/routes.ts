// Which catalog route a method and path ask for: a pure lookup, before any state is touched.
import {BadRequest} from './http.js';
import type {MockRoute} from './types.js';

/** A request's route, with the path's still percent-encoded segments. */
export interface Matched {
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

/** Matches an upper-case method and a URL path against the catalog's routes and `/uploads/`. */
export function matchRoute(method: string, path: string): Matched {
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

/** A path segment decoded, or a `400` naming the parameter it stands for. */
export function decodeSegment(segment: string, what: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequest(`${what} is not valid percent-encoding`);
  }
}
