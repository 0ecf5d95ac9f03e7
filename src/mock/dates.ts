const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Formats like the reference (`2018-02-22T12:03:36.427+09:00`): the API speaks Japan time. */
export function formatJst(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().replace('Z', '+09:00');
}
