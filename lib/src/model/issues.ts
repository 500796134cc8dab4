/**
 * Problems found in input data. A fatal problem stops loading (collected, never only the first);
 * a warning is attached to the loaded dataset and the answer still stands.
 */

/** Whether a problem stops loading. */
export type IssueSeverity = "error" | "warning";

/** One problem in the input, located as precisely as the format allows. */
export interface DataIssue {
  readonly severity: IssueSeverity;
  /** Stable machine-readable code, e.g. `missing_field`, `unknown_reference`. */
  readonly code: string;
  /** File the problem is in (path as read), when it belongs to one. */
  readonly file?: string;
  /** 1-based line in the file (CSV: physical line incl. header; NDJSON: line). */
  readonly line?: number;
  /** 1-based position of the record in a JSON array. */
  readonly row?: number;
  /** Field (column) name. */
  readonly field?: string;
  /** What was expected, in words. */
  readonly expected?: string;
  /** What was found, quoted/truncated for display. */
  readonly found?: string;
  /** One human sentence. */
  readonly message: string;
}

/** How many fatal errors are listed before the rest are only counted. */
export const MAX_REPORTED_ERRORS = 200;

/**
 * Formats an issue as one line: `file:line field: message (expected X, found Y)`.
 *
 * @example formatIssue({ severity: "error", code: "bad_number", file: "runs.csv", line: 3,
 *   field: "escalations", expected: "a non-negative integer", found: '"-1"',
 *   message: "negative count" })
 *   // → 'error runs.csv:3 escalations: negative count (expected a non-negative integer, found "-1")'
 */
export function formatIssue(issue: DataIssue): string {
  let where = issue.file ?? "";
  if (issue.line !== undefined) where += `:${issue.line}`;
  else if (issue.row !== undefined) where += ` row ${issue.row}`;
  const field = issue.field ? ` ${issue.field}` : "";
  const detail =
    issue.expected !== undefined || issue.found !== undefined
      ? ` (expected ${issue.expected ?? "?"}, found ${issue.found ?? "nothing"})`
      : "";
  const head = where ? `${issue.severity} ${where}${field}: ` : `${issue.severity}${field}: `;
  return `${head}${issue.message}${detail}`;
}

/**
 * Thrown by the loaders when the input has fatal problems; carries all of them (up to
 * {@link MAX_REPORTED_ERRORS}) plus how many more were found.
 */
export class DatasetLoadError extends Error {
  readonly issues: readonly DataIssue[];
  readonly omitted: number;
  constructor(folder: string, issues: readonly DataIssue[], omitted = 0) {
    const total = issues.length + omitted;
    super(
      `${folder}: ${total} fatal problem${total === 1 ? "" : "s"} in the input\n` +
        issues.map((i) => `  ${formatIssue(i)}`).join("\n") +
        (omitted > 0 ? `\n  … and ${omitted} more` : ""),
    );
    this.name = "DatasetLoadError";
    this.issues = issues;
    this.omitted = omitted;
  }
}

/**
 * Codes of the plausibility warnings (`validate/plausibility.ts`): data that loads but that a
 * person should look at, because it is probably a mistake or an attempt to mislead.
 *
 * @example PLAUSIBILITY_CODES.implausibleTimestamp // → "implausible_timestamp"
 */
export const PLAUSIBILITY_CODES = {
  /** A timestamp before 1970-01-01 or more than one day after the data was loaded. */
  implausibleTimestamp: "implausible_timestamp",
  /** An id or a name mixing letters of several scripts (Latin, Cyrillic, Greek). */
  mixedScript: "mixed_script",
  /** An id that differs from another only by look-alike characters (Cyrillic М for Latin M). */
  confusableId: "confusable_id",
} as const;

/**
 * The sentences of the plausibility warnings, one builder per code.
 *
 * @example PLAUSIBILITY_MESSAGES.confusableId("mission id", "М001", "M001", "line 2")
 *   // → 'mission id "М001" looks the same as "M001" (line 2) but is a different id'
 */
export const PLAUSIBILITY_MESSAGES = {
  implausibleTimestampExpected: (nowIso: string): string =>
    `a time between 1970-01-01T00:00:00Z and one day after loading (${nowIso})`,
  implausibleTimestampsMore: (field: string, more: number, first: string, last: string): string =>
    `${more} more ${field} values ${Date.parse(first) < 0 || /^0{4}/.test(first) ? "before 1970" : "in the future (more than a day after loading)"}, from ${first} to ${last}: probably a mistake`,
  implausibleTimestamp: (field: string, iso: string): string =>
    Date.parse(iso) < 0 || /^0{4}/.test(iso)
      ? `${field} ${iso} is before 1970: probably a mistake (a missing or default date?)`
      : `${field} ${iso} is in the future (more than a day after loading): probably a mistake`,
  mixedScript: (what: string, value: string, scripts: readonly string[]): string =>
    `${what} ${JSON.stringify(value)} mixes ${scripts.join(" and ")} letters: it may be meant to look like another`,
  mixedScriptExpected: "letters of one script",
  confusableId: (what: string, value: string, other: string, otherPlace: string): string =>
    `${what} ${JSON.stringify(value)} looks the same as ${JSON.stringify(other)} (${otherPlace}) but is a different id`,
  confusableIdExpected: (other: string): string =>
    `an id that cannot be mistaken for ${JSON.stringify(other)}`,
} as const;
