// The Catalog API's answers exactly as they travel: what the mock sends and the client reads.
// The client's normalized models (readonly, every field present) are in `client/types.ts`.
import type {PublishStatus} from './values.js';

export interface ImageRef {
  src: string;
}

export interface TextTrack {
  kind: string;
  lang: string;
  label?: string;
  mime_type: string;
  src: string;
}

export type EncodeType = 'file' | 'live' | 'scheduled_live';

/** A media exactly as the API returns it. */
export interface Media {
  merchant_id: string;
  id: string;
  ref_id: string | null;
  live_event_id: string | null;
  name: string;
  description: string;
  duration: number | null;
  encode_type: EncodeType | null;
  custom_fields: Record<string, string>;
  publish_geo_rule: string[];
  poster: ImageRef | null;
  thumbnail: ImageRef | null;
  seek_preview_config: Record<string, unknown> | null;
  tags: string[];
  offline_enabled: boolean;
  text_tracks: TextTrack[];
  created_at: string;
  updated_at: string;
}

/** A media group exactly as the API returns it. */
export interface MediaGroup {
  merchant_id: string;
  id: string;
  ref_id: string | null;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

/** Retrieve Media List's answer. */
export interface MediaListAnswer {
  count: number;
  medias: Media[];
}

/** Retrieve Media Group List's answer. */
export interface MediaGroupListAnswer {
  count: number;
  media_groups: MediaGroup[];
}

/** `access_control_ips` of Edit Media. */
export interface AccessControlIps {
  black_ips?: string[];
  white_ips?: string[];
}

/** `access_control_hosts` of Edit Media. */
export interface AccessControlHosts {
  black_hosts?: string[];
  white_hosts?: string[];
}

/** An error answer: the reference's `{code, message}`. */
export interface ErrorAnswer {
  code: string;
  message: string;
}

export type {PublishStatus};
