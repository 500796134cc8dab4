/**
 * Loads and validates a mission-history dataset from a folder, whatever its layout and formats,
 * reading every file through DuckDB (ingest/).
 */
import { basename } from "node:path";
import {
  detectDatasetFormat,
  LEDGER_TABLE,
  type DatasetLayout,
  type TableFile,
} from "../ingest/dataset-layout";
import { openEngine } from "../ingest/engine";
import type { ProgressListener } from "../ingest/progress";
import { RecordLocations } from "../ingest/record-locations";
import type { Dataset } from "../model/dataset";
import { DatasetLoadError } from "../model/issues";
import { loadMapping } from "../ingest/mapping";
import { IssueCollector } from "../validate/issue-collector";
import { loadBundle } from "./bundle-loader";
import { loadCanonical } from "./canonical-loader";
import type { LoadState } from "./table-pass";

/** Options of {@link loadDataset}. */
export interface LoadOptions {
  /** Threads DuckDB may use to read and fold (default: one per core). */
  readonly threads?: number;
  /**
   * "Now" for the plausibility warnings: a run timestamp more than one day after it (or before
   * 1970) is a warning (`implausible_timestamp`). Default: the time of the load; set it to make
   * loads reproducible.
   */
  readonly now?: Date | number;
  /** Told, table by table, how many rows were read (see `ProgressEvent`). */
  readonly onProgress?: ProgressListener;
  /**
   * A Parquet ledger (see `writeLedger`) that stands in for the folder's runs and task executions:
   * the missions, KPIs, tasks and risk events still come from the folder.
   */
  readonly ledger?: string;
}

/** The layout with a ledger file in place of its runs and task executions. */
function withLedger(layout: DatasetLayout, ledger: string): DatasetLayout {
  const { runs: _runs, task_executions: _executions, ...tables } = layout.tables;
  const file: TableFile = { table: LEDGER_TABLE, path: ledger, format: "parquet", name: basename(ledger) };
  const issues = layout.issues.filter((i) => !(i.field === "runs" || i.field === "task_executions"));
  return { ...layout, tables: { ...tables, [LEDGER_TABLE]: [file] }, issues };
}

/**
 * Loads the dataset in `folder`: reads its `mapping.yaml` when it has one (source column names and
 * values → canonical ones, table files by glob), detects the layout (canonical tables, each a file
 * or a folder of files, or the reference JSON bundle), reads every file once through DuckDB (CSV, NDJSON, JSON
 * arrays, Parquet; `.gz` / `.zst`), validates every record and the references between tables —
 * task executions checked and folded into run-task stats inside DuckDB, never held — and returns
 * the validated `Dataset` with its warnings and a fingerprint of the input files. Durations are in
 * minutes; timestamps keep their ISO text and get epoch-ms twins.
 *
 * Throws `DatasetLoadError` when the input has any fatal problem: its `issues` list every problem
 * found in one pass (repeats grouped, up to MAX_REPORTED_ERRORS, the rest counted in `omitted`),
 * each naming file, line or row, field, expected and found; its message lists them all.
 *
 * @example
 * const dataset = await loadDataset("../shared/fixtures/seed-portfolio");
 * [dataset.source.format, dataset.missions.length, dataset.runs.length, dataset.taskExecutionCount]
 * // → ["bundle", 3, 8, 22]
 */
export async function loadDataset(folder: string, options: LoadOptions = {}): Promise<Dataset> {
  const loaded = await loadMapping(folder).catch(() => undefined);
  if (loaded && !loaded.mapping) {
    throw new DatasetLoadError(
      folder,
      loaded.issues.filter((i) => i.severity === "error"),
    );
  }
  const mapping = loaded?.mapping;
  const detected = await detectDatasetFormat(folder, mapping);
  const layout = options.ledger === undefined ? detected : withLedger(detected, options.ledger);
  const engine = await openEngine(options.threads !== undefined ? { threads: options.threads } : {});
  try {
    const issues = new IssueCollector();
    const files: LoadState["files"] = [];
    const state: LoadState = {
      issues,
      files,
      nowMs: options.now === undefined ? Date.now() : Number(options.now),
      scan: {
        engine,
        sink: issues.add,
        locations: new RecordLocations(),
        folder,
        files,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(mapping ? { mapping } : {}),
      },
    };
    for (const issue of [...(loaded?.issues ?? []), ...layout.issues]) issues.add(issue);
    return await (layout.format === "bundle" ? loadBundle(layout, state) : loadCanonical(layout, state));
  } finally {
    engine.close();
  }
}
