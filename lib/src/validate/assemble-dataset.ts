/**
 * Puts the validated parts together into a `Dataset`, with every array in a deterministic order.
 */
import type {
  Dataset,
  DatasetSource,
  KpiSpec,
  Mission,
  RiskEvent,
  Run,
  RunTaskStat,
  TaskDefinition,
} from "../model/dataset";
import type { DataIssue } from "../model/issues";
import { RunTaskStatTable, runTaskStatTableFrom } from "../model/run-task-stat-table";
import { compareBy, compareIssues, compareText } from "./ordering";

/** The validated parts of a dataset, in any order. */
export interface DatasetParts {
  readonly source: DatasetSource;
  readonly missions: readonly Mission[];
  readonly kpis: readonly KpiSpec[];
  readonly tasks: readonly TaskDefinition[];
  readonly runs: readonly Run[];
  /** Aggregate objects (any order), or a table already aligned with `runs` in dataset order. */
  readonly runTaskStats: readonly RunTaskStat[] | RunTaskStatTable;
  readonly riskEvents: readonly RiskEvent[];
  readonly taskExecutionCount: number;
  readonly warnings: readonly DataIssue[];
  /**
   * True when `runs`, `tasks` and `runTaskStats` are already in dataset order (as the loader folds
   * them, see {@link compareRuns}, {@link compareTasks}, {@link taskPositions}): they are then
   * used as given, not sorted again.
   */
  readonly ordered?: boolean;
}

/** The dataset order of runs: by (start instant, run id). */
export function compareRuns(a: Run, b: Run): number {
  return a.startMs !== b.startMs ? a.startMs - b.startMs : compareText(a.runId, b.runId);
}

/** Risk events by (detection instant, event id). */
function compareEvents(a: RiskEvent, b: RiskEvent): number {
  return a.detectedMs !== b.detectedMs ? a.detectedMs - b.detectedMs : compareText(a.eventId, b.eventId);
}

/** The dataset order of tasks: by (mission, order, task id). */
export const compareTasks = compareBy<TaskDefinition>(
  (t) => t.missionId,
  (t) => t.order,
  (t) => t.taskId,
);

/** Mission id → task id → position of the task in `tasks` (the last one for a repeated pair). */
export function taskPositions(tasks: readonly TaskDefinition[]): Map<string, Map<string, number>> {
  const positions = new Map<string, Map<string, number>>();
  tasks.forEach((t, i) => {
    let byId = positions.get(t.missionId);
    if (!byId) {
      byId = new Map();
      positions.set(t.missionId, byId);
    }
    byId.set(t.taskId, i);
  });
  return positions;
}

/**
 * Run-task stats by their run's position in `runs`, then run id, then their task's position in
 * `tasks`, then task id (unknown positions last).
 */
function orderStats(
  stats: readonly RunTaskStat[],
  runs: readonly Run[],
  tasks: readonly TaskDefinition[],
): RunTaskStat[] {
  const runPosition = new Map(runs.map((r, i) => [r.runId, i]));
  const taskPosition = taskPositions(tasks);
  return [...stats].sort(
    compareBy<RunTaskStat>(
      (s) => runPosition.get(s.runId) ?? Number.MAX_SAFE_INTEGER,
      (s) => s.runId,
      (s) => taskPosition.get(s.missionId)?.get(s.taskId) ?? Number.MAX_SAFE_INTEGER,
      (s) => s.taskId,
    ),
  );
}

/**
 * Builds the dataset with sorted copies of the parts (the parts are not modified): missions by id;
 * KPIs by (mission, KPI); tasks by (mission, order, task id); runs by (start instant, run id);
 * run-task stats by their run's position, then task order and id; risk events by (detection
 * instant, event id); warnings by (file, code, message, position). With `parts.ordered`, runs, tasks
 * and run-task stats are taken as given (already in that order).
 */
export function assembleDataset(parts: DatasetParts): Dataset {
  const runs = parts.ordered ? parts.runs : [...parts.runs].sort(compareRuns);
  const tasks = parts.ordered ? parts.tasks : [...parts.tasks].sort(compareTasks);
  return {
    source: parts.source,
    missions: [...parts.missions].sort(compareBy<Mission>((m) => m.missionId)),
    kpis: [...parts.kpis].sort(
      compareBy<KpiSpec>(
        (k) => k.missionId,
        (k) => k.kpi,
      ),
    ),
    tasks,
    runs,
    runTaskStats:
      parts.runTaskStats instanceof RunTaskStatTable
        ? parts.runTaskStats
        : runTaskStatTableFrom(
            parts.ordered ? parts.runTaskStats : orderStats(parts.runTaskStats, runs, tasks),
            runs,
          ),
    riskEvents: [...parts.riskEvents].sort(compareEvents),
    taskExecutionCount: parts.taskExecutionCount,
    warnings: [...parts.warnings].sort(compareIssues),
  };
}
