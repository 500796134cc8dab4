/**
 * The validated dataset's tables as DataFrames, with fixed column lists so a table has the same
 * columns whether or not its optional fields occur in the data.
 */
import type { DataFrame } from "danfojs-node";
import type {
  Dataset,
  KpiSpec,
  Mission,
  RiskEvent,
  Run,
  RunTaskStat,
  TaskDefinition,
} from "../model/dataset";
import { toDataFrame, type TableOptions } from "./data-frame";

/** Fails to compile when `Listed` misses a key of `T`. */
type Exhaustive<T, Listed extends keyof T> = Exclude<keyof T, Listed> extends never ? true : never;

/** Columns of the missions frame, in order. */
export const MISSION_COLUMNS = [
  "missionId",
  "name",
  "description",
  "businessOwner",
  "aiRole",
  "escalationPath",
  "dataSources",
  "dataQuality",
  "accountableHuman",
  "monitoring",
  "driftResponse",
  "fallback",
] as const satisfies readonly (keyof Mission)[];

/** Columns of the KPI frame, in order. */
export const KPI_COLUMNS = [
  "missionId",
  "kpi",
  "direction",
  "unit",
  "baseline",
  "target",
  "targetDate",
  "primary",
] as const satisfies readonly (keyof KpiSpec)[];

/** Columns of the tasks frame, in order (`dependsOn` as a JSON array string). */
export const TASK_COLUMNS = [
  "missionId",
  "taskId",
  "name",
  "order",
  "dependsOn",
  "estimatedMinutes",
  "requiresApproval",
] as const satisfies readonly (keyof TaskDefinition)[];

/** Columns of the runs frame before the `kpi.<name>` columns (which follow, sorted by name). */
export const RUN_COLUMNS = [
  "runId",
  "missionId",
  "startTime",
  "endTime",
  "startMs",
  "endMs",
  "status",
  "durationMinutes",
  "humanInterventions",
  "escalations",
  "riskFlagged",
] as const satisfies readonly (keyof Run)[];

/** Columns of the run-task statistics frame, in order (`agents` as a JSON array string). */
export const RUN_TASK_STAT_COLUMNS = [
  "runId",
  "missionId",
  "taskId",
  "executions",
  "actualMinutes",
  "humanDelayMinutes",
  "approvalDelayMinutes",
  "approvalRequiredCount",
  "overrunMinutes",
  "overrunCount",
  "unsuccessfulCount",
  "agents",
] as const satisfies readonly (keyof RunTaskStat)[];

/** Columns of the risk events frame, in order. */
export const RISK_EVENT_COLUMNS = [
  "eventId",
  "runId",
  "missionId",
  "taskId",
  "riskType",
  "severity",
  "description",
  "detectedAt",
  "detectedMs",
  "status",
] as const satisfies readonly (keyof RiskEvent)[];

// Compile-time checks that every field of the model has a column (kpis become kpi.<name>).
const _complete: [
  Exhaustive<Mission, (typeof MISSION_COLUMNS)[number]>,
  Exhaustive<KpiSpec, (typeof KPI_COLUMNS)[number]>,
  Exhaustive<TaskDefinition, (typeof TASK_COLUMNS)[number]>,
  Exhaustive<Run, (typeof RUN_COLUMNS)[number] | "kpis">,
  Exhaustive<RunTaskStat, (typeof RUN_TASK_STAT_COLUMNS)[number]>,
  Exhaustive<RiskEvent, (typeof RISK_EVENT_COLUMNS)[number]>,
] = [true, true, true, true, true, true];
void _complete;

/** One DataFrame per dataset table. */
export interface DatasetFrames {
  readonly missions: DataFrame;
  readonly kpis: DataFrame;
  readonly tasks: DataFrame;
  /** Run fields, then one `kpi.<name>` column per KPI name seen in any run (sorted; null where a
   * run has no value). */
  readonly runs: DataFrame;
  readonly runTaskStats: DataFrame;
  readonly riskEvents: DataFrame;
}

/**
 * The column list of the runs frame: {@link RUN_COLUMNS}, then `kpi.<name>` for every KPI name
 * in any run, sorted.
 *
 * @example runFrameColumns([{ ...run, kpis: { cost: 1, cycle: 2 } }]).slice(-2) // → ["kpi.cost", "kpi.cycle"]
 */
export function runFrameColumns(runs: readonly Run[]): string[] {
  const names = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.kpis)) names.add(k);
  return [...RUN_COLUMNS, ...[...names].sort().map((n) => `kpi.${n}`)];
}

/**
 * DataFrames of a validated dataset's tables (warnings and source are not tables). Loads
 * danfojs-node on first call. The dataset is not modified.
 *
 * @example datasetToFrames(dataset).runs.columns.includes("kpi.cost") // → true when a run has a "cost" KPI
 */
export function datasetToFrames(dataset: Dataset): DatasetFrames {
  const frame = (rows: readonly object[], columns: readonly string[]): DataFrame => {
    const options: TableOptions = { columns };
    return toDataFrame(rows as readonly Readonly<Record<string, unknown>>[], options);
  };
  const runRows = dataset.runs.map(({ kpis, ...rest }) => ({ ...rest, kpi: kpis }));
  return {
    missions: frame(dataset.missions, MISSION_COLUMNS),
    kpis: frame(dataset.kpis, KPI_COLUMNS),
    tasks: frame(dataset.tasks, TASK_COLUMNS),
    runs: frame(runRows, runFrameColumns(dataset.runs)),
    runTaskStats: frame(dataset.runTaskStats.toArray(), RUN_TASK_STAT_COLUMNS),
    riskEvents: frame(dataset.riskEvents, RISK_EVENT_COLUMNS),
  };
}
