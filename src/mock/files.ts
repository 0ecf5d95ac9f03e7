// GET /uploads/*: uploaded images first, then the fixtures' generated posters, thumbnails and tracks.
import {renderAsset, type AssetBody} from './assets.js';
import {bodyResponse, errorResponse} from './http.js';
import type {AssetSpec} from './types.js';
import type {UploadStore} from './uploads.js';

/** Serves the files under `/uploads/`, rendering each generated one once. */
export class FileServer {
  private readonly rendered = new Map<string, AssetBody>();

  constructor(
    private readonly uploads: UploadStore,
    private readonly assets: () => ReadonlyMap<string, AssetSpec>,
  ) {}

  serve(path: string): Response {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return errorResponse('NOT_FOUND');
    }
    const upload = this.uploads.get(decoded);
    if (upload) {
      return bodyResponse(upload.bytes.slice(), 200, {
        'content-type': upload.contentType,
        'cache-control': 'no-cache',
      });
    }
    const asset = this.render(decoded);
    if (!asset) return errorResponse('NOT_FOUND', `No file at ${decoded}`);
    const body = typeof asset.body === 'string' ? asset.body : asset.body.slice();
    return bodyResponse(body, 200, {
      'content-type': asset.contentType,
      'cache-control': 'public, max-age=3600',
    });
  }

  private render(path: string): AssetBody | undefined {
    const spec = this.assets().get(path);
    if (!spec) return undefined;
    let asset = this.rendered.get(path);
    if (!asset) {
      asset = renderAsset(spec);
      this.rendered.set(path, asset);
    }
    return asset;
  }
}
