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
import { compareBy, compareIssues } from "./ordering";

/** The validated parts of a dataset, in any order. */
export interface DatasetParts {
  readonly source: DatasetSource;
  readonly missions: readonly Mission[];
  readonly kpis: readonly KpiSpec[];
  readonly tasks: readonly TaskDefinition[];
  readonly runs: readonly Run[];
  readonly runTaskStats: readonly RunTaskStat[];
  readonly riskEvents: readonly RiskEvent[];
  readonly taskExecutionCount: number;
  readonly warnings: readonly DataIssue[];
}

/**
 * Builds the dataset with sorted copies of the parts (the parts are not modified): missions by id;
 * KPIs by (mission, KPI); tasks by (mission, order, task id); runs by (start instant, run id);
 * run-task stats by their run's position, then task order and id; risk events by (detection
 * instant, event id); warnings by (file, code, message, position).
 */
export function assembleDataset(parts: DatasetParts): Dataset {
  const runs = [...parts.runs].sort(
    compareBy<Run>(
      (r) => r.startMs,
      (r) => r.runId,
    ),
  );
  const tasks = [...parts.tasks].sort(
    compareBy<TaskDefinition>(
      (t) => t.missionId,
      (t) => t.order,
      (t) => t.taskId,
    ),
  );
  const runPosition = new Map(runs.map((r, i) => [r.runId, i]));
  const taskPosition = new Map(tasks.map((t, i) => [`${t.missionId}\u0000${t.taskId}`, i]));
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
    runTaskStats: [...parts.runTaskStats].sort(
      compareBy<RunTaskStat>(
        (s) => runPosition.get(s.runId) ?? Number.MAX_SAFE_INTEGER,
        (s) => s.runId,
        (s) => taskPosition.get(`${s.missionId}\u0000${s.taskId}`) ?? Number.MAX_SAFE_INTEGER,
        (s) => s.taskId,
      ),
    ),
    riskEvents: [...parts.riskEvents].sort(
      compareBy<RiskEvent>(
        (e) => e.detectedMs,
        (e) => e.eventId,
      ),
    ),
    taskExecutionCount: parts.taskExecutionCount,
    warnings: [...parts.warnings].sort(compareIssues),
  };
}
