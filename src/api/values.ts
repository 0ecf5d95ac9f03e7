// Enumerated values and field names of Edit Media.

/** Country codes the Catalog API accepts in `publish_geo_rule`. */
export const GEO_CODES = [
  'jp',
  'au',
  'gb',
  'ca',
  'fr',
  'nz',
  'in',
  'de',
  'cn',
  'hk',
  'br',
  'us',
  'my',
  'tw',
  'id',
] as const;

/** One of {@link GEO_CODES}. */
export type GeoCode = (typeof GEO_CODES)[number];

/** True for one of {@link GEO_CODES}, in lower case. */
export function isGeoCode(value: unknown): value is GeoCode {
  return (GEO_CODES as readonly unknown[]).includes(value);
}

/** Values of `publish_status` that Edit Media accepts. */
export const PUBLISH_STATUSES = ['publish_on', 'publish_off', 'before_review', 'draft'] as const;

/** One of {@link PUBLISH_STATUSES}. */
export type PublishStatus = (typeof PUBLISH_STATUSES)[number];

/** True for one of {@link PUBLISH_STATUSES}. */
export function isPublishStatus(value: unknown): value is PublishStatus {
  return (PUBLISH_STATUSES as readonly unknown[]).includes(value);
}

/** The fields of an Edit Media body, in the reference's order. */
export const EDIT_MEDIA_FIELDS = [
  'name',
  'description',
  'ref_id',
  'publish_status',
  'publish_geo_rule',
  'publish_start_at',
  'publish_end_at',
  'thumbnail_image',
  'poster_image',
  'thumbnail_image_url',
  'poster_image_url',
  'access_control_ips',
  'access_control_hosts',
] as const;

/** One of {@link EDIT_MEDIA_FIELDS}. */
export type EditMediaField = (typeof EDIT_MEDIA_FIELDS)[number];

/** The images Edit Media takes as a file or as a URL, never both. */
export const EDIT_MEDIA_IMAGES = ['thumbnail', 'poster'] as const;

/** Largest image file Edit Media accepts. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
