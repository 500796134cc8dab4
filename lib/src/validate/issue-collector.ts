/**
 * Collects the problems of one load: every warning, and fatal errors up to a cap (the rest only
 * counted), so that all problems are reported in one pass.
 */
import { DatasetLoadError, MAX_REPORTED_ERRORS, type DataIssue } from "../model/issues";

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
