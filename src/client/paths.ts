// The Catalog API's paths come from src/api; a cached media's keys are the client's own.
import {mediaPath} from '../api/index.js';

export {authTokenPath, groupListPath, mediaListPath, mediaPath, queryString} from '../api/index.js';

/** The cache keys of a media: its id's path, and its reference id's when it has one. */
export function mediaKeys(merchant: string, media: {id: string; ref_id?: string | null}): string[] {
  const keys = [mediaPath(merchant, {kind: 'id', value: media.id})];
  if (media.ref_id) keys.push(mediaPath(merchant, {kind: 'refId', value: media.ref_id}));
  return keys;
}
