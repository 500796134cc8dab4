/**
 * Pure parsers for ISO 8601 timestamps (which must carry a zone) and calendar dates.
 */
import type { Parsed } from "./field-parsers";

/** A parsed instant: the text as given (trimmed) and epoch milliseconds. */
export interface Instant {
  readonly iso: string;
  readonly ms: number;
}

/** What a timestamp must look like, for messages. */
export const TIMESTAMP_EXPECTED = "an ISO 8601 timestamp with a zone, e.g. 2026-02-01T14:05:00Z or +02:00";

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function utcMs(
  year: number,
  month: number,
  day: number,
  h: number,
  m: number,
  s: number,
  ms: number,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, h, m, s, ms); // (years 0–99 would mean 19xx)
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(h, m, s, ms);
  return date.getTime();
}

const fail = (code: string, message: string, expected = TIMESTAMP_EXPECTED): Parsed<Instant> => ({
  ok: false,
  code,
  expected,
  message,
});

/** The number written by the two digits at `at`, or −1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The instant of the two most common spellings, `YYYY-MM-DDThh:mm:ssZ` and
 * `YYYY-MM-DDThh:mm:ss±hh:mm`, read without a regex; `undefined` for anything else or anything
 * invalid (the general parser then decides, with its message).
 */
function commonInstant(iso: string): Instant | undefined {
  const n = iso.length;
  if (n !== 20 && n !== 25) return undefined;
  const t = iso.charCodeAt(10);
  if (iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45 || iso.charCodeAt(13) !== 58) return undefined;
  if (iso.charCodeAt(16) !== 58 || (t !== 84 && t !== 116 && t !== 32)) return undefined;
  const century = twoDigits(iso, 0);
  const yy = twoDigits(iso, 2);
  const month = twoDigits(iso, 5);
  const day = twoDigits(iso, 8);
  const hour = twoDigits(iso, 11);
  const minute = twoDigits(iso, 14);
  const second = twoDigits(iso, 17);
  if (century < 1 || yy < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  const year = century * 100 + yy;
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  const zone = iso.charCodeAt(19);
  if (n === 20) {
    if (zone !== 90 && zone !== 122) return undefined;
  } else {
    const oh = twoDigits(iso, 20);
    const om = twoDigits(iso, 23);
    if ((zone !== 43 && zone !== 45) || iso.charCodeAt(22) !== 58 || oh < 0 || om < 0 || oh > 23 || om > 59)
      return undefined;
    offsetMinutes = (zone === 45 ? -1 : 1) * (oh * 60 + om);
  }
  return { iso, ms: Date.UTC(year, month - 1, day, hour, minute, second, 0) - offsetMinutes * 60_000 };
}

/**
 * Parses an ISO 8601 timestamp with a zone: `YYYY-MM-DDThh:mm[:ss[.fff]]` followed by `Z` or an
 * offset `±hh`, `±hhmm` or `±hh:mm` (a space may replace the `T`). A timestamp without a zone is
 * rejected (code `timestamp_without_zone`), as are impossible dates and times (`bad_timestamp`).
 * Fractions beyond milliseconds are truncated.
 *
 * @example parseTimestamp("2026-02-01T16:05:00+02:00") // → { ok: true, value: { iso: "2026-02-01T16:05:00+02:00", ms: 1769954700000 } }
 * @example parseTimestamp("2026-02-01T14:05:00").ok // → false (no zone)
 */
export function parseTimestamp(raw: unknown): Parsed<Instant> {
  if (typeof raw !== "string") return fail("bad_timestamp", "not a timestamp");
  const common = commonInstant(raw);
  if (common) return { ok: true, value: common };
  const iso = raw.trim();
  const m = TIMESTAMP.exec(iso);
  if (!m) {
    return DATE.test(iso)
      ? fail("bad_timestamp", "a date without a time of day")
      : fail("bad_timestamp", "not an ISO 8601 timestamp");
  }
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  if (!validDate(year, month, day)) return fail("bad_timestamp", "no such calendar date");
  if (hour > 23 || minute > 59 || second > 59) return fail("bad_timestamp", "no such time of day");
  if (m[8] === undefined && m[9] === undefined) {
    return fail("timestamp_without_zone", "the timestamp has no zone (add Z or an offset such as +02:00)");
  }
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) return fail("bad_timestamp", "no such zone offset");
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const ms = utcMs(year, month, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return { ok: true, value: { iso, ms } };
}

/**
 * Parses a calendar date `YYYY-MM-DD` (a real date: 2026-02-30 is rejected).
 *
 * @example parseDate("2026-06-30") // → { ok: true, value: "2026-06-30" }
 * @example parseDate("30/06/2026").ok // → false
 */
export function parseDate(raw: unknown): Parsed<string> {
  const expected = "a date YYYY-MM-DD";
  if (typeof raw !== "string") return { ok: false, code: "bad_date", expected, message: "not a date" };
  const text = raw.trim();
  const m = DATE.exec(text);
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    return { ok: false, code: "bad_date", expected, message: m ? "no such calendar date" : "not a date" };
  }
  return { ok: true, value: text };
}
