/**
 * Loads and validates a mission-history dataset from a folder, whatever its layout.
 */
import { detectDatasetFormat } from "../io/dataset-layout";
import type { Dataset } from "../model/dataset";
import { IssueCollector } from "../validate/issue-collector";
import { loadBundle } from "./bundle-loader";
import { loadCanonical } from "./canonical-loader";
import type { FoldReport } from "./parallel-fold";
import type { LoadState } from "./table-pass";
import type { ProgressListener } from "../ingest/progress";

/** Options of {@link loadDataset}. */
export interface LoadOptions {
  /**
   * Threads for folding the task executions: 1, or 2 (default: 2 on a machine with 2 cores or
   * more). A large CSV or NDJSON file is then folded in two halves at once; the result is the same.
   */
  readonly threads?: number;
  /** Smallest task-execution file folded on two threads, bytes (default 64 MiB). */
  readonly parallelMinBytes?: number;
  /**
   * Told how the task executions were folded: on two threads, or on one and why (a small file, a
   * JSON array, rows not grouped by run, a row the fast path does not take…).
   */
  readonly onFold?: (report: FoldReport) => void;
  /**
   * "Now" for the plausibility warnings: a run timestamp more than one day after it (or before
   * 1970) is a warning (`implausible_timestamp`). Default: the time of the load; set it to make
   * loads reproducible.
   */
  readonly now?: Date | number;
  /**
   * Told how the reading goes (`{ stage: "read", table, rows, bytes?, totalBytes?, done? }`), for a
   * progress display. Accepted now; the DuckDB loader (issue 13) emits the events — this loader
   * emits none yet.
   */
  readonly onProgress?: ProgressListener;
}

/**
 * Loads the dataset in `folder`: detects the layout (canonical tables or the reference JSON
 * bundle), streams every file once (task executions folded into run-task stats as they arrive,
 * never held), validates every record and the references between tables, and returns the
 * validated `Dataset` with its warnings and a fingerprint of the input files. Durations are in
 * minutes; timestamps keep their ISO text and get epoch-ms twins.
 *
 * Throws `DatasetLoadError` when the input has any fatal problem: its `issues` list every problem
 * found in one pass (up to MAX_REPORTED_ERRORS, the rest counted in `omitted`), each naming file,
 * line or row, field, expected and found; its message lists them all.
 *
 * @example
 * const dataset = await loadDataset("../shared/fixtures/seed-portfolio");
 * [dataset.source.format, dataset.missions.length, dataset.runs.length, dataset.taskExecutionCount]
 * // → ["bundle", 3, 8, 22]
 */
export async function loadDataset(folder: string, options: LoadOptions = {}): Promise<Dataset> {
  const layout = await detectDatasetFormat(folder);
  const state: LoadState = {
    issues: new IssueCollector(),
    files: [],
    fold: { threads: options.threads, minBytes: options.parallelMinBytes, onFold: options.onFold },
    nowMs: options.now === undefined ? Date.now() : Number(options.now),
  };
  for (const issue of layout.issues) state.issues.add(issue);
  return layout.format === "bundle" ? loadBundle(layout, state) : loadCanonical(layout, state);
}
