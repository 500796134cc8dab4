/**
 * Parsing the as-of option: a calendar date means the end of that day in UTC; a date-time must
 * carry a zone.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Converts an as-of value to epoch milliseconds (inclusive upper bound).
 *
 * @throws Error when the value is neither YYYY-MM-DD nor an ISO date-time with a zone.
 * @example asOfToMs("2026-02-04") // → Date.parse("2026-02-04T23:59:59.999Z")
 */
export function asOfToMs(asOf: string): number {
  if (DATE_ONLY.test(asOf)) {
    const ms = Date.parse(`${asOf}T23:59:59.999Z`);
    if (Number.isFinite(ms)) return ms;
  } else if (DATE_TIME_WITH_ZONE.test(asOf)) {
    const ms = Date.parse(asOf);
    if (Number.isFinite(ms)) return ms;
  }
  throw new Error(
    `as-of must be a date (YYYY-MM-DD) or an ISO date-time with a zone (e.g. 2026-02-04T12:00:00Z); found ${JSON.stringify(asOf)}`,
  );
}
