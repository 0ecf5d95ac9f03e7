// One catalog request past the faults: 405/404, rate limit, auth, then the route's handler.
import type {MockAuth} from './auth.js';
import type {FileServer} from './files.js';
import {errorResponse} from './http.js';
import type {MediaRoutes} from './media-routes.js';
import type {RateLimiter} from './rate-limit.js';
import {decodeSegment, type Matched} from './routes.js';

/** The pieces a catalog request may reach. */
export interface RouterParts {
  auth: MockAuth;
  limiter: RateLimiter;
  files: FileServer;
  media: MediaRoutes;
}

/**
 * Answers a matched request. Throws {@link BadRequest} for a malformed path, query or body;
 * the caller turns it into a 400.
 */
export async function routeCatalog(
  parts: RouterParts,
  request: Request,
  url: URL,
  matched: Matched,
): Promise<Response> {
  const {route} = matched;
  if (route === 'asset') return parts.files.serve(url.pathname);
  if (route === 'other') {
    return matched.allow
      ? errorResponse('METHOD_NOT_ALLOWED', `Use ${matched.allow} here`, {allow: matched.allow})
      : errorResponse('NOT_FOUND', `No route for ${request.method} ${url.pathname}`);
  }
  const limited = parts.limiter.check(request, parts.auth.settings.enabled);
  if (limited) return limited;
  const merchant = decodeSegment(matched.merchant!, 'merchant_id');
  const denied = parts.auth.authenticate(request, route, merchant);
  if (denied) return denied;
  const mediaKey =
    matched.mediaKey === undefined ? '' : decodeSegment(matched.mediaKey, 'media_id');
  switch (route) {
    case 'auth-token':
      return parts.auth.login(request, merchant);
    case 'get-media':
      return parts.media.get(request, merchant, mediaKey);
    case 'list-medias':
      return parts.media.list(url, merchant);
    case 'update-media':
      return parts.media.update(request, merchant, mediaKey);
    case 'delete-media':
      return parts.media.delete(request, merchant, mediaKey);
    case 'list-media-groups':
      return parts.media.listGroups(url, merchant);
  }
}
