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
