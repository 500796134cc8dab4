/**
 * Parsing the as-of option: a calendar date means the end of that day in UTC; a date-time must
 * carry a zone. Dates and times are checked by the loader's own parsers, so an impossible day
 * (2026-02-30) is refused here exactly as it is in the data.
 */
import { parseDate, parseTimestamp } from "../validate/timestamps";

/**
 * Converts an as-of value to epoch milliseconds (inclusive upper bound).
 *
 * @throws Error when the value is neither YYYY-MM-DD nor an ISO date-time with a zone, or names a
 *   day or time that does not exist (2026-02-30 is not taken as 2 March).
 * @example asOfToMs("2026-02-04") // → Date.parse("2026-02-04T23:59:59.999Z")
 */
export function asOfToMs(asOf: string): number {
  const date = parseDate(asOf);
  if (date.ok) return Date.parse(`${date.value}T23:59:59.999Z`);
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(asOf.trim()) ? undefined : parseTimestamp(asOf);
  if (instant?.ok) return instant.value.ms;
  const why = instant ? instant.message : date.message;
  throw new Error(
    `as-of must be a real calendar date (YYYY-MM-DD) or an ISO date-time with a zone (e.g. 2026-02-04T12:00:00Z); found ${JSON.stringify(asOf)} (${why})`,
  );
}
