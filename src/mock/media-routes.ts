// The catalog's media and media-group endpoints, over the store, once auth and rate limit passed.
import {errorResponse, jsonResponse} from './http.js';
import {groupPage, mediaPage, present} from './listing.js';
import {applyPatch, type PatchContext} from './patch.js';
import {readPatchBody} from './request-body.js';
import {parseMediaPatch} from './validation.js';

/** What the media endpoints work on. */
export interface MediaRoutesContext extends PatchContext {
  /** The caller's country when the request sends no `X-Mock-Country`, lower case. */
  defaultCountry: string;
}

/** One handler per catalog route; merchant and media key arrive decoded. */
export class MediaRoutes {
  constructor(private readonly ctx: MediaRoutesContext) {}

  get(request: Request, merchant: string, key: string): Response {
    const record = this.ctx.store.find(merchant, key);
    if (!record) return errorResponse('MEDIA_NOT_FOUND');
    const country = (request.headers.get('x-mock-country') ?? this.ctx.defaultCountry)
      .trim()
      .toLowerCase();
    const rule = record.media.publish_geo_rule;
    if (rule.length && !rule.includes(country)) return errorResponse('GEO_RULE');
    return jsonResponse(present(record.media, new URL(request.url).origin));
  }

  list(url: URL, merchant: string): Response {
    return jsonResponse(mediaPage(this.ctx.store.records(merchant), url));
  }

  listGroups(url: URL, merchant: string): Response {
    return jsonResponse(groupPage(this.ctx.store.groups(merchant), url));
  }

  async update(request: Request, merchant: string, key: string): Promise<Response> {
    const record = this.ctx.store.find(merchant, key);
    if (!record) return errorResponse('MEDIA_NOT_FOUND');
    const patch = parseMediaPatch(await readPatchBody(request));
    await applyPatch(this.ctx, record, patch);
    return jsonResponse(present(record.media, new URL(request.url).origin));
  }

  delete(request: Request, merchant: string, key: string): Response {
    const record = this.ctx.store.find(merchant, key);
    if (!record) return errorResponse('MEDIA_NOT_FOUND');
    this.ctx.store.remove(record);
    return jsonResponse(present(record.media, new URL(request.url).origin));
  }
}
