/**
 * A dataset regrouped per mission for replay: runs in start order, task aggregates by run, and
 * risk events in the order they become visible to an evaluator moving forward in time.
 */
import type { RunStatsLookup } from "../model/run-task-stat-table";
import type {
  Dataset,
  KpiSpec,
  Mission,
  RiskEvent,
  Run,
  RunTaskStat,
  TaskDefinition,
} from "../model/dataset";

/** A risk event with the instant it becomes visible and its position in the dataset. */
export interface VisibleRiskEvent {
  readonly event: RiskEvent;
  /** max(detected instant, start of its run), epoch ms: from then on an as-of evaluation sees it. */
  readonly visibleMs: number;
  /** Position in `dataset.riskEvents` (the ledger sums a run's events in this order). */
  readonly index: number;
}

/** One mission's data, ruleset-independent. */
export interface MissionHistory {
  readonly mission: Mission;
  /** The primary KPI (the last one marked primary, as the evaluator takes it). */
  readonly kpi: KpiSpec | undefined;
  readonly tasks: readonly TaskDefinition[];
  /** Runs by start instant, then run id. */
  readonly runs: readonly Run[];
  /** Task aggregates by run id, in dataset order. */
  /** Run id → the run's task aggregates (a `ReadonlyMap` will do). */
  readonly statsByRun: RunStatsLookup;
  /** Risk events of the mission's runs by visible instant, then dataset position. */
  readonly events: readonly VisibleRiskEvent[];
}

/**
 * Regroups a dataset per mission (missions sorted by id). Linear in the dataset's rows plus the
 * sorting of each mission's runs and events. Assumes what the loaders enforce: a risk event's
 * mission is its run's mission; events of unknown runs are left out.
 *
 * @example missionHistories(datasetFromInline([m])).map((h) => h.runs.length) // → [m.values.length]
 */
export function missionHistories(dataset: Dataset): MissionHistory[] {
  const kpis = new Map<string, KpiSpec>();
  for (const k of dataset.kpis) if (k.primary) kpis.set(k.missionId, k);
  const tasks = new Map<string, TaskDefinition[]>();
  for (const t of dataset.tasks) {
    const list = tasks.get(t.missionId);
    if (list) list.push(t);
    else tasks.set(t.missionId, [t]);
  }
  const runs = new Map<string, Run[]>();
  const runById = new Map<string, Run>();
  for (const r of dataset.runs) {
    runById.set(r.runId, r);
    const list = runs.get(r.missionId);
    if (list) list.push(r);
    else runs.set(r.missionId, [r]);
  }
  const table = dataset.runTaskStats;
  const events = new Map<string, VisibleRiskEvent[]>();
  dataset.riskEvents.forEach((event, index) => {
    const run = runById.get(event.runId);
    if (!run) return;
    const v = { event, visibleMs: Math.max(event.detectedMs, run.startMs), index };
    const list = events.get(run.missionId);
    if (list) list.push(v);
    else events.set(run.missionId, [v]);
  });
  const missions = [...dataset.missions].sort((a, b) =>
    a.missionId < b.missionId ? -1 : a.missionId > b.missionId ? 1 : 0,
  );
  return missions.map((mission) => {
    const id = mission.missionId;
    const missionRuns = [...(runs.get(id) ?? [])].sort(
      (a, b) => a.startMs - b.startMs || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0),
    );
    // A plain map (structured-cloneable: histories are sent to replay workers), this mission's runs only.
    const statsByRun = new Map<string, RunTaskStat[]>();
    for (const r of missionRuns) {
      const index = table.runIndexOf(r.runId);
      const s = index === undefined ? [] : table.forRun(index);
      if (s.length > 0) statsByRun.set(r.runId, s);
    }
    return {
      mission,
      kpi: kpis.get(id),
      tasks: tasks.get(id) ?? [],
      runs: missionRuns,
      statsByRun,
      events: [...(events.get(id) ?? [])].sort((a, b) => a.visibleMs - b.visibleMs || a.index - b.index),
    };
  });
}
