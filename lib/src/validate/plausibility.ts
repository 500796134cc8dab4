/**
 * Plausibility warnings: data that is valid but probably wrong or misleading.
 *
 * - Timestamps before 1970 or more than one day after the load (runs in year 0000, 9999, …); "now"
 *   is the load option `now`, so tests are deterministic.
 * - Ids and names that mix scripts (a Cyrillic `М` inside a Latin id), and ids that differ from
 *   another id of the same kind only by look-alike characters (`М001` beside `M001`).
 *
 * Look-alikes are found with a small hand-written skeleton table ({@link CONFUSABLE_SKELETON}):
 * the Cyrillic and Greek letters that look like a Latin letter in common fonts. It is not the full
 * Unicode confusables list (UTS #39): other scripts, digits against letters (0/O, 1/l) and
 * accented Latin letters are not compared. Codes and sentences live in `model/issues.ts`.
 */
import type { DataIssue } from "../model/issues";
import { PLAUSIBILITY_CODES, PLAUSIBILITY_MESSAGES } from "../model/issues";
import type { RecordLocation } from "../io/source-record";
import { describeLocation, locationFields } from "./references";

/** One day, ms: how far after the load a timestamp may lie (clocks and zones differ). */
export const FUTURE_TOLERANCE_MS = 86_400_000;

/** Implausible timestamps listed one by one per field and side (past, future); the rest are counted. */
export const TIMESTAMPS_LISTED = 10;

/** A timestamp to check, with where it was read. */
export interface LocatedTimestamp {
  readonly field: string;
  readonly iso: string;
  readonly ms: number;
  readonly location: RecordLocation;
}

/**
 * Warns `implausible_timestamp` for each timestamp before 1970-01-01 or more than one day after
 * `nowMs`, naming file, line, field and value — the first {@link TIMESTAMPS_LISTED} per field and
 * side, then one warning counting the others (at the first of them, with the range they span).
 *
 * @example checkTimestampRange([{ field: "start_time", iso: "9999-01-01T00:00:00Z", ms: 253370764800000, location: { file: "runs.csv", line: 2 } }], Date.parse("2026-03-01T00:00:00Z"), sink)
 *   // → sink gets a warning at runs.csv:2 start_time, found "9999-01-01T00:00:00Z"
 */
export function checkTimestampRange(
  stamps: Iterable<LocatedTimestamp>,
  nowMs: number,
  sink: (issue: DataIssue) => void,
): void {
  const latest = nowMs + FUTURE_TOLERANCE_MS;
  const expected = PLAUSIBILITY_MESSAGES.implausibleTimestampExpected(new Date(nowMs).toISOString());
  const warn = (t: LocatedTimestamp, message: string) =>
    sink({
      severity: "warning",
      code: PLAUSIBILITY_CODES.implausibleTimestamp,
      ...locationFields(t.location),
      field: t.field,
      expected,
      found: JSON.stringify(t.iso),
      message,
    });
  // Repeats are grouped: the first few per field and side are listed, the rest counted in one.
  const seen = new Map<string, { count: number; first?: LocatedTimestamp; last?: string }>();
  for (const t of stamps) {
    if (t.ms >= 0 && t.ms <= latest) continue;
    const key = `${t.field}|${t.ms < 0 ? "past" : "future"}`;
    const group = seen.get(key) ?? { count: 0 };
    seen.set(key, group);
    group.count++;
    if (group.count > TIMESTAMPS_LISTED) {
      group.first ??= t;
      group.last = t.iso;
      continue;
    }
    warn(t, PLAUSIBILITY_MESSAGES.implausibleTimestamp(t.field, t.iso));
  }
  for (const group of seen.values()) {
    const t = group.first;
    if (!t) continue;
    const more = group.count - TIMESTAMPS_LISTED;
    warn(t, PLAUSIBILITY_MESSAGES.implausibleTimestampsMore(t.field, more, t.iso, group.last ?? t.iso));
  }
}

/**
 * Cyrillic and Greek letters that look like a Latin letter, mapped to it (the scope is the
 * module comment's).
 *
 * @example CONFUSABLE_SKELETON["М"] // → "M" (Cyrillic capital EM)
 */
export const CONFUSABLE_SKELETON: Readonly<Record<string, string>> = {
  // Cyrillic capitals
  А: "A",
  В: "B",
  Е: "E",
  Ѕ: "S",
  І: "I",
  Ј: "J",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  У: "Y",
  Х: "X",
  Ү: "Y",
  Һ: "h",
  Ԛ: "Q",
  Ԝ: "W",
  // Cyrillic small letters
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ј: "j",
  һ: "h",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ү: "y",
  // Greek capitals
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Η: "H",
  Ι: "I",
  Κ: "K",
  Μ: "M",
  Ν: "N",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
  Υ: "Y",
  Χ: "X",
  // Greek small letters
  ο: "o",
  ν: "v",
  ι: "i",
  α: "a",
  κ: "k",
  ρ: "p",
  υ: "u",
  χ: "x",
};

/**
 * `text` with every look-alike of {@link CONFUSABLE_SKELETON} replaced by its Latin letter: two
 * ids with the same skeleton look the same.
 *
 * @example confusableSkeleton("М001") // → "M001"
 */
export function confusableSkeleton(text: string): string {
  let out = "";
  for (const c of text) out += CONFUSABLE_SKELETON[c] ?? c;
  return out;
}

const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
];
// eslint-disable-next-line no-control-regex -- "all ASCII" is a range test, not a control match
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * The scripts (Latin, Cyrillic, Greek) whose letters `text` holds, when it holds more than one;
 * `[]` otherwise.
 *
 * @example mixedScripts("Onboаrding") // → ["Latin", "Cyrillic"] (the second "а" is Cyrillic)
 */
export function mixedScripts(text: string): string[] {
  if (ASCII.test(text)) return [];
  const found = SCRIPTS.filter(([, re]) => re.test(text)).map(([name]) => name);
  return found.length > 1 ? found : [];
}

/**
 * Warns `mixed_script` for each value mixing scripts and, when `ids` is set, `confusable_id` for
 * each value whose skeleton equals an earlier value's (that one is named in the warning). `what`
 * names the kind in messages ("mission id", "run id"); `locate(i)` says where value `i` was read.
 * When every value is plain ASCII nothing more is done, so a million plain run ids cost one test
 * each.
 *
 * @example checkConfusables("mission id", "mission_id", ["M001", "М001"], (i) => ({ file: "missions.csv", line: i + 2 }), true, sink)
 *   // → a confusable_id warning at missions.csv:3 naming "M001" (missions.csv line 2)
 */
export function checkConfusables(
  what: string,
  field: string,
  values: readonly string[],
  locate: (index: number) => RecordLocation,
  ids: boolean,
  sink: (issue: DataIssue) => void,
): void {
  const suspects: number[] = [];
  values.forEach((v, i) => {
    if (!ASCII.test(v)) suspects.push(i);
  });
  if (suspects.length === 0) return;
  for (const i of suspects) {
    const value = values[i] as string;
    const scripts = mixedScripts(value);
    if (scripts.length === 0) continue;
    sink({
      severity: "warning",
      code: PLAUSIBILITY_CODES.mixedScript,
      ...locationFields(locate(i)),
      field,
      expected: PLAUSIBILITY_MESSAGES.mixedScriptExpected,
      found: JSON.stringify(value),
      message: PLAUSIBILITY_MESSAGES.mixedScript(what, value, scripts),
    });
  }
  if (!ids) return;
  const first = new Map<string, number>();
  values.forEach((value, i) => {
    const skeleton = ASCII.test(value) ? value : confusableSkeleton(value);
    const earlier = first.get(skeleton);
    if (earlier === undefined) {
      first.set(skeleton, i);
      return;
    }
    const other = values[earlier] as string;
    if (other === value) return; // the same id twice: the id checks report that
    const at = locate(earlier);
    sink({
      severity: "warning",
      code: PLAUSIBILITY_CODES.confusableId,
      ...locationFields(locate(i)),
      field,
      expected: PLAUSIBILITY_MESSAGES.confusableIdExpected(other),
      found: JSON.stringify(value),
      message: PLAUSIBILITY_MESSAGES.confusableId(what, value, other, `${at.file} ${describeLocation(at)}`),
    });
  });
}
