const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Formats like the reference (`2018-02-22T12:03:36.427+09:00`): the API speaks Japan time. */
export function formatJst(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().replace('Z', '+09:00');
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds for an ISO 8601 date-time with an explicit offset, else undefined. */
export function parseIsoDateTime(value: string): number | undefined {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone!.slice(0, 3)}:${zone!.slice(-2)}`;
  const ms = Date.parse(
    `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${offset}`,
  );
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2024-02-30 over into March; a real calendar date must survive the round trip.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || Number(hour) > 23) return undefined;
  return ms;
}
