// PUT /medias/:id applied to a stored record: every check first, then every change at once.
import {parseIsoDateTime} from '../api/index.js';
import {formatJst} from './dates.js';
import {BadRequest} from './http.js';
import type {MediaStore} from './media-store.js';
import type {ImageRef, MediaRecord} from './types.js';
import {sniffImageType, type UploadStore} from './uploads.js';
import type {MediaPatch} from './validation.js';

type ImageKind = 'poster' | 'thumbnail';
type ImageChanges = Partial<Record<ImageKind, ImageRef | null>>;

/** What a patch reads and writes besides the record itself. */
export interface PatchContext {
  store: MediaStore;
  uploads: UploadStore;
  now: () => number;
}

/**
 * Applies a validated patch to the record. Throws {@link BadRequest} for a ref_id another media
 * of the merchant holds, a publish window that ends before it starts, or a file that is no
 * image; a patch that throws leaves the record untouched.
 */
export async function applyPatch(
  ctx: PatchContext,
  record: MediaRecord,
  patch: MediaPatch,
): Promise<void> {
  if (patch.ref_id) {
    const taken = ctx.store.refIdHolder(record, patch.ref_id);
    if (taken) {
      throw new BadRequest(`ref_id "${patch.ref_id}" is already used by media ${taken.media.id}`);
    }
  }
  const start = 'publish_start_at' in patch ? patch.publish_start_at : record.publish_start_at;
  const end = 'publish_end_at' in patch ? patch.publish_end_at : record.publish_end_at;
  if (start && end && parseIsoDateTime(end)! <= parseIsoDateTime(start)!) {
    throw new BadRequest('publish_end_at must be after publish_start_at');
  }
  const images = await imageChanges(ctx.uploads, record, patch);
  // Every check passed: only now does anything change, so a 400 leaves the media untouched.
  assignFields(record, patch);
  record.publish_start_at = start ?? null;
  record.publish_end_at = end ?? null;
  if (images.poster !== undefined) record.media.poster = images.poster;
  if (images.thumbnail !== undefined) record.media.thumbnail = images.thumbnail;
  record.media.updated_at = formatJst(ctx.now());
}

/** The new poster and thumbnail refs: uploaded files are stored, URLs taken as they are. */
async function imageChanges(
  uploads: UploadStore,
  record: MediaRecord,
  patch: MediaPatch,
): Promise<ImageChanges> {
  const {merchant_id: merchant, id} = record.media;
  const images: ImageChanges = {};
  for (const kind of ['poster', 'thumbnail'] as const) {
    const file = patch[`${kind}_image`];
    if (file) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (!sniffImageType(bytes) && !file.type.startsWith('image/')) {
        throw new BadRequest(`${kind}_image is not an image`);
      }
      images[kind] = {src: uploads.save(merchant, id, file, bytes)};
    } else if (`${kind}_image_url` in patch) {
      const url = patch[`${kind}_image_url`];
      images[kind] = url ? {src: url} : null;
    }
  }
  return images;
}

function assignFields(record: MediaRecord, patch: MediaPatch): void {
  const media = record.media;
  if (patch.name !== undefined) media.name = patch.name;
  if (patch.description !== undefined) media.description = patch.description;
  if (patch.ref_id !== undefined) media.ref_id = patch.ref_id;
  if (patch.publish_geo_rule !== undefined) media.publish_geo_rule = patch.publish_geo_rule;
  if (patch.publish_status !== undefined) record.publish_status = patch.publish_status;
  if (patch.access_control_ips !== undefined) {
    record.access_control_ips = patch.access_control_ips;
  }
  if (patch.access_control_hosts !== undefined) {
    record.access_control_hosts = patch.access_control_hosts;
  }
}
