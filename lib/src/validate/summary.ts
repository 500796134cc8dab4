/**
 * A dataset in numbers, for `mission check` and notebooks.
 */
import type { Dataset, DatasetFormat } from "../model/dataset";

/** Counts and date range of a dataset. */
export interface DatasetSummary {
  readonly folder: string;
  readonly format: DatasetFormat;
  /** Hex SHA-256 identifying the input files. */
  readonly fingerprint: string;
  readonly files: number;
  readonly missions: number;
  /** KPI specs, all missions together. */
  readonly kpis: number;
  readonly primaryKpis: number;
  readonly tasks: number;
  readonly runs: number;
  /** Raw task-execution rows read (folded into {@link runTaskStats}). */
  readonly taskExecutions: number;
  /** (run, task) aggregates. */
  readonly runTaskStats: number;
  readonly riskEvents: number;
  readonly warnings: number;
  /** Start of the earliest run, as given in the input (ISO 8601); absent without runs. */
  readonly firstStart?: string;
  /** End of the latest-ending run, as given in the input (ISO 8601); absent without runs. */
  readonly lastEnd?: string;
}

/**
 * Summarizes a dataset: counts of each part and the date range from the earliest run start to the
 * latest run end (instants compared in epoch ms; the strings are returned as given). Pure.
 *
 * @example
 * summarizeDataset(seedDataset) // → { missions: 3, runs: 8, taskExecutions: 22, riskEvents: 5,
 * //   firstStart: "2026-02-01T14:05:00Z", lastEnd: "2026-02-06T11:35:00Z", … }
 */
export function summarizeDataset(dataset: Dataset): DatasetSummary {
  let first: Dataset["runs"][number] | undefined;
  let last: Dataset["runs"][number] | undefined;
  for (const run of dataset.runs) {
    if (!first || run.startMs < first.startMs) first = run;
    if (!last || run.endMs > last.endMs) last = run;
  }
  return {
    folder: dataset.source.folder,
    format: dataset.source.format,
    fingerprint: dataset.source.fingerprint,
    files: dataset.source.files.length,
    missions: dataset.missions.length,
    kpis: dataset.kpis.length,
    primaryKpis: dataset.kpis.filter((k) => k.primary).length,
    tasks: dataset.tasks.length,
    runs: dataset.runs.length,
    taskExecutions: dataset.taskExecutionCount,
    runTaskStats: dataset.runTaskStats.length,
    riskEvents: dataset.riskEvents.length,
    warnings: dataset.warnings.length,
    ...(first ? { firstStart: first.startTime } : {}),
    ...(last ? { lastEnd: last.endTime } : {}),
  };
}
