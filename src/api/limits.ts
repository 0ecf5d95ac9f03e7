// Paging, sorting and field lengths of the Catalog API.

/** Smallest `limit`. */
export const LIMIT_MIN = 1;
/** Largest `limit`: the reference gives none; 100 is what the mock, the proxy and the client allow. */
export const LIMIT_MAX = 100;
/** `limit` when a list request sends none (the reference's example). */
export const DEFAULT_LIMIT = 30;
/** `sort` when a list request sends none. */
export const DEFAULT_SORT = 'updated_at';
/** `order` when a list request sends none. */
export const DEFAULT_ORDER = 'desc';
/** The values of `order`, in lower case (upper case is accepted too). */
export const SORT_ORDERS = ['asc', 'desc'] as const;

/** Columns Retrieve Media List sorts by. */
export const MEDIA_SORT_COLUMNS = ['created_at', 'updated_at', 'name', 'duration', 'id'] as const;
/** Columns Retrieve Media Group List sorts by. */
export const GROUP_SORT_COLUMNS = ['created_at', 'updated_at', 'name', 'id'] as const;

/** Longest `name` Edit Media accepts. */
export const NAME_MAX_LENGTH = 255;
/** Longest `description` Edit Media accepts. */
export const DESCRIPTION_MAX_LENGTH = 5000;
/** Longest `ref_id` Edit Media accepts. */
export const REF_ID_MAX_LENGTH = 255;

/** The `order` a request means: `asc` or `desc` in any case, else undefined. */
export function sortOrder(value: unknown): 'asc' | 'desc' | undefined {
  const order = typeof value === 'string' ? value.toLowerCase() : '';
  return order === 'asc' || order === 'desc' ? order : undefined;
}
