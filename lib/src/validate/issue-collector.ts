/**
 * Collects the problems of one load: every warning, and fatal errors up to a cap (the rest only
 * counted), so that all problems are reported in one pass.
 */
import type { RecordLocations } from "../ingest/record-locations";
import { DatasetLoadError, MAX_REPORTED_ERRORS, type DataIssue } from "../model/issues";

/** Occurrences of one repeated problem listed one by one before the rest are summed up. */
export const REPEATS_LISTED = 3;

/** The key under which repeats of a problem are grouped. */
const repeatKey = (i: DataIssue): string =>
  [i.severity, i.file, i.code, i.field, i.expected, i.message].join("\u0000");

/** A problem seen more than {@link REPEATS_LISTED} times. */
interface RepeatGroup {
  /** The last occurrence listed (the summary follows it). */
  readonly after: DataIssue;
  /** The first occurrences not listed (their places are named in the summary). */
  readonly first: DataIssue[];
  count: number;
}

/** The summary issue of a group, after `after`, naming the places of the first unlisted ones. */
function summaryOf(group: RepeatGroup, places: readonly DataIssue[]): DataIssue {
  const where = places
    .map((i) => (i.line !== undefined ? `line ${i.line}` : i.row !== undefined ? `row ${i.row}` : ""))
    .filter((p) => p !== "");
  const first = places[0] ?? group.after;
  return {
    ...first,
    message: `${first.message} — and ${group.count.toLocaleString("en-US")} more like it${where.length > 0 ? ` (${where.join(", ")}${group.count > where.length ? ", …" : ""})` : ""}`,
  };
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

  private readonly seen = new Map<string, number>();
  private readonly groups = new Map<string, RepeatGroup>();
  private readonly lastListed = new Map<string, DataIssue>();

  /**
   * Maps the provisional lines of files read through DuckDB to physical lines and places each
   * repeat group's summary after its last listed occurrence; call once, when every table was read.
   */
  resolveLines(locations: RecordLocations): void {
    const finish = (list: DataIssue[]): DataIssue[] => {
      const summaries = new Map<DataIssue, DataIssue>();
      for (const group of this.groups.values()) {
        summaries.set(group.after, summaryOf(group, locations.resolve(group.first)));
      }
      const resolved = locations.resolve(list);
      const out: DataIssue[] = [];
      list.forEach((issue, i) => {
        out.push(resolved[i]!);
        const summary = summaries.get(issue);
        if (summary) out.push(summary);
      });
      return out;
    };
    const errors = finish(this.errorList);
    const warnings = finish(this.warningList);
    this.errorList.splice(0, this.errorList.length, ...errors);
    this.warningList.splice(0, this.warningList.length, ...warnings);
    this.groups.clear();
  }

  /**
   * Records one issue (bound: safe to pass around as a callback). A problem repeated more than
   * {@link REPEATS_LISTED} times (same file, code, field, expected and message) is counted, not
   * listed again: {@link resolveLines} sums the repeats up in one issue.
   */
  readonly add = (issue: DataIssue): void => {
    const key = repeatKey(issue);
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    if (n > REPEATS_LISTED) {
      const after = this.lastListed.get(key);
      if (after) {
        let group = this.groups.get(key);
        if (!group) this.groups.set(key, (group = { after, first: [], count: 0 }));
        group.count++;
        if (group.first.length < 5) group.first.push(issue);
        return;
      }
    }
    if (issue.severity === "warning") this.warningList.push(issue);
    else if (this.errorList.length < this.maxErrors) this.errorList.push(issue);
    else {
      this.omittedErrors++;
      return;
    }
    this.lastListed.set(key, issue);
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
