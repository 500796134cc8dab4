/**
 * Collects the problems of one load: every warning, and fatal errors up to a cap (the rest only
 * counted), so that all problems are reported in one pass.
 */
import type { RecordLocations } from "../ingest/record-locations";
import { DatasetLoadError, MAX_REPORTED_ERRORS, type DataIssue } from "../model/issues";

/** Occurrences of one repeated problem listed one by one before the rest are summed up. */
export const REPEATS_LISTED = 3;

/**
 * Groups repeats: of the issues sharing file, code, field, expected and message, the first
 * {@link REPEATS_LISTED} are kept as they are and the rest become one issue counting them, with
 * the lines (or rows) of the first of them. Order is kept (the summary takes the place of the
 * first omitted one).
 *
 * @example groupRepeats(Array(5).fill({ severity: "error", code: "bad_enum", file: "a.csv", line: 2, message: "x" })).length // → 4
 */
export function groupRepeats(issues: readonly DataIssue[]): DataIssue[] {
  const key = (i: DataIssue) => [i.severity, i.file, i.code, i.field, i.expected, i.message].join("\u0000");
  const counts = new Map<string, number>();
  for (const i of issues) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out: DataIssue[] = [];
  const places = new Map<string, string[]>();
  const summaries = new Map<string, number>();
  for (const i of issues) {
    const k = key(i);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n <= REPEATS_LISTED) {
      out.push(i);
      continue;
    }
    const list = places.get(k) ?? [];
    if (list.length < 5)
      list.push(i.line !== undefined ? `line ${i.line}` : i.row !== undefined ? `row ${i.row}` : "");
    places.set(k, list);
    if (!summaries.has(k)) {
      summaries.set(k, out.length);
      out.push(i);
    }
  }
  for (const [k, at] of summaries) {
    const first = out[at]!;
    const more = counts.get(k)! - REPEATS_LISTED;
    const where = places.get(k)!.filter((p) => p !== "");
    out[at] = {
      ...first,
      message: `${first.message} — and ${more.toLocaleString("en-US")} more like it${where.length > 0 ? ` (${where.join(", ")}${more > where.length ? ", …" : ""})` : ""}`,
    };
  }
  return out;
}

/**
 * Accumulates issues by severity. Errors beyond `maxErrors` are counted in {@link omitted} but not
 * kept. {@link add} is a bound function, so it can be passed directly as a reader's `onIssue`.
 *
 * @example
 * const issues = new IssueCollector(1);
 * issues.add({ severity: "error", code: "a", message: "first" });
 * issues.add({ severity: "error", code: "b", message: "second" });
 * [issues.errors.length, issues.omitted, issues.errorCount] // → [1, 1, 2]
 */
export class IssueCollector {
  private readonly errorList: DataIssue[] = [];
  private readonly warningList: DataIssue[] = [];
  private omittedErrors = 0;

  /** @param maxErrors how many fatal errors are kept (default {@link MAX_REPORTED_ERRORS}). */
  constructor(readonly maxErrors: number = MAX_REPORTED_ERRORS) {}

  /**
   * Maps the provisional lines of files read through DuckDB to physical lines and groups repeated
   * problems ({@link groupRepeats}); call once, when every table was read.
   */
  resolveLines(locations: RecordLocations): void {
    const errors = groupRepeats(locations.resolve(this.errorList));
    const warnings = groupRepeats(locations.resolve(this.warningList));
    this.errorList.splice(0, this.errorList.length, ...errors);
    this.warningList.splice(0, this.warningList.length, ...warnings);
  }

  /** Records one issue (bound: safe to pass around as a callback). */
  readonly add = (issue: DataIssue): void => {
    if (issue.severity === "warning") this.warningList.push(issue);
    else if (this.errorList.length < this.maxErrors) this.errorList.push(issue);
    else this.omittedErrors++;
  };

  /** Fatal errors kept, in the order they were found. */
  get errors(): readonly DataIssue[] {
    return this.errorList;
  }

  /** Every warning, in the order found. */
  get warnings(): readonly DataIssue[] {
    return this.warningList;
  }

  /** Fatal errors found but not kept (beyond the cap). */
  get omitted(): number {
    return this.omittedErrors;
  }

  /** All fatal errors found, kept or not. */
  get errorCount(): number {
    return this.errorList.length + this.omittedErrors;
  }

  /**
   * Throws a `DatasetLoadError` listing the kept errors (and the omitted count) if any error was
   * found; does nothing otherwise.
   */
  throwIfErrors(folder: string): void {
    if (this.errorCount > 0) throw new DatasetLoadError(folder, this.errorList, this.omittedErrors);
  }
}
