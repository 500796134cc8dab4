/**
 * Inputs of the brief's chart modules built from a loaded dataset, for exploring one mission's
 * history in a notebook. Every chart of a mission uses the same run numbering — the position of the
 * run among the mission's runs in start order (1-based), the dataset's own run order — so run 25
 * is the same run in the KPI chart, the human-touches chart and the heat maps. Pure: reads nothing
 * but its arguments.
 */
import type { KpiTrendChartInput, KpiTrendEndpoint } from "../brief/charts/kpi-trend";
import type { HumanTouchesChartInput } from "../brief/charts/human-touches";
import type { DelayHeatmapChartInput } from "../brief/charts/delay-heatmap";
import type { EvaluationResult } from "../evaluate/types";
import type { Dataset, KpiSpec, Mission, Run, RunTaskStat } from "../model/dataset";

/** Options of {@link kpiTrendInput}. */
export interface KpiTrendInputOptions {
  /** KPI to chart; default the mission's primary KPI. */
  readonly kpi?: string;
  /**
   * An evaluation of the same dataset: when charting the primary KPI, its fitted trend line (Sen
   * slope over the evaluator's window of most recent runs) is drawn on the runs it was fitted on.
   */
  readonly result?: EvaluationResult;
}

/** What {@link delayHeatmapInput} shades: minutes per task and run. */
export type HeatmapMeasure = "approval_delay" | "human_delay" | "overrun";

/** Every {@link HeatmapMeasure}, with the label shown in the chart. */
export const HEATMAP_MEASURES: Readonly<Record<HeatmapMeasure, string>> = {
  approval_delay: "Approval delay",
  human_delay: "Human delay",
  overrun: "Overrun",
};

function missionOf(dataset: Dataset, missionId: string): Mission {
  const mission = dataset.missions.find((m) => m.missionId === missionId);
  if (!mission) {
    const known = dataset.missions.map((m) => m.missionId).join(", ") || "none";
    throw new RangeError(`unknown mission "${missionId}" (missions: ${known})`);
  }
  return mission;
}

/**
 * The runs of a mission in start order (the dataset's run order); run index = position + 1.
 *
 * @throws RangeError when the mission is not in the dataset.
 * @example runsOfMission(dataset, "sales-pipeline").length // → 40 on the demo data
 */
export function runsOfMission(dataset: Dataset, missionId: string): Run[] {
  missionOf(dataset, missionId);
  return dataset.runs.filter((r) => r.missionId === missionId);
}

/**
 * Input of `kpiTrendChartSpec` for one KPI of a mission: one point per run (null where the run did
 * not report the KPI, drawn as a gap), with `startedAt` so either x axis works, the KPI's
 * baseline, target, direction and unit from the KPI table, and — with `options.result`, for the
 * primary KPI — the evaluator's fitted trend line from the first to the last run of its window.
 *
 * @throws RangeError when the mission is unknown or does not declare the KPI.
 * @example kpiTrendInput(datasetFromInline([{ id: "M1", kpi: { name: "days", direction: "lower_is_better", baseline: 9, target: 4 }, values: [8, null, 6] }]), "M1").points.map((p) => p.value)
 *   // → [8, null, 6]
 */
export function kpiTrendInput(
  dataset: Dataset,
  missionId: string,
  options: KpiTrendInputOptions = {},
): KpiTrendChartInput {
  const mission = missionOf(dataset, missionId);
  const specs = dataset.kpis.filter((k) => k.missionId === missionId);
  const spec: KpiSpec | undefined =
    options.kpi === undefined ? specs.find((k) => k.primary) : specs.find((k) => k.kpi === options.kpi);
  if (!spec) {
    const known = specs.map((k) => k.kpi).join(", ") || "none";
    throw new RangeError(
      options.kpi === undefined
        ? `mission "${missionId}" has no primary KPI`
        : `mission "${missionId}" has no KPI "${options.kpi}" (KPIs: ${known})`,
    );
  }
  const runs = runsOfMission(dataset, missionId);
  const points = runs.map((r, i) => ({
    runIndex: i + 1,
    startedAt: r.startTime,
    value: Object.prototype.hasOwnProperty.call(r.kpis, spec.kpi) ? (r.kpis[spec.kpi] ?? null) : null,
  }));
  return {
    kpiName: spec.kpi,
    ...(spec.unit !== undefined ? { unit: spec.unit } : {}),
    direction: spec.direction,
    points,
    baseline: spec.baseline ?? null,
    target: spec.target ?? null,
    trend: spec.primary && options.result ? fittedTrend(options.result, missionId, runs) : null,
    missionName: mission.name,
  };
}

function fittedTrend(
  result: EvaluationResult,
  missionId: string,
  runs: readonly Run[],
): KpiTrendChartInput["trend"] {
  const assessment = result.portfolio.missions.find((m) => m.missionId === missionId);
  const entries = result.ledger.byMission[missionId] ?? [];
  const trend = assessment?.metrics.trend;
  if (!trend || trend.intercept === undefined || trend.slopePerRun === undefined) return null;
  if (trend.n < 2 || trend.n > entries.length) return null;
  const window = entries.slice(entries.length - trend.n);
  const indexOf = new Map(runs.map((r, i) => [r.runId, i + 1]));
  const end = (runId: string | undefined, value: number): KpiTrendEndpoint | null => {
    const runIndex = runId === undefined ? undefined : indexOf.get(runId);
    const run = runIndex === undefined ? undefined : runs[runIndex - 1];
    return runIndex === undefined || !run ? null : { runIndex, startedAt: run.startTime, value };
  };
  const from = end(window[0]?.runId, trend.intercept);
  const to = end(window[window.length - 1]?.runId, trend.intercept + trend.slopePerRun * (trend.n - 1));
  return from && to ? { from, to } : null;
}

/**
 * The run-task statistics of a dataset by run id, then task id.
 *
 * @example runTaskStatIndex(dataset).get("sales-pipeline-R001")?.get("draft-outreach")?.approvalDelayMinutes // → minutes
 */
export function runTaskStatIndex(dataset: Dataset): Map<string, Map<string, RunTaskStat>> {
  const index = new Map<string, Map<string, RunTaskStat>>();
  for (const s of dataset.runTaskStats) {
    let byTask = index.get(s.runId);
    if (!byTask) index.set(s.runId, (byTask = new Map()));
    byTask.set(s.taskId, s);
  }
  return index;
}

/**
 * Input of `humanTouchesChartSpec` for a mission: per run, its human interventions and escalations
 * (from the runs table) and its total approval delay in minutes (summed over the run's tasks; null
 * when no task of the run required an approval, or the dataset has no task executions).
 *
 * @throws RangeError when the mission is unknown.
 * @example humanTouchesInput(datasetFromInline([{ id: "M1", kpi: { name: "d", direction: "lower_is_better" }, values: [3, 2], interventions: [1, 2], tasks: [{ id: "ok", estimate: 5, approval: true, delay: [10, 20] }] }]), "M1").runs[1]
 *   // → { runIndex: 2, interventions: 2, escalations: 0, approvalDelayMinutes: 20 }
 */
export function humanTouchesInput(dataset: Dataset, missionId: string): HumanTouchesChartInput {
  const mission = missionOf(dataset, missionId);
  const stats = runTaskStatIndex(dataset);
  const runs = runsOfMission(dataset, missionId).map((r, i) => {
    const tasks = [...(stats.get(r.runId)?.values() ?? [])];
    const approvals = tasks.reduce((n, s) => n + s.approvalRequiredCount, 0);
    return {
      runIndex: i + 1,
      interventions: r.humanInterventions,
      escalations: r.escalations,
      approvalDelayMinutes: approvals > 0 ? tasks.reduce((m, s) => m + s.approvalDelayMinutes, 0) : null,
    };
  });
  return { runs, missionName: mission.name };
}

/**
 * Input of `delayHeatmapChartSpec` for a mission: one cell per task (plan order) and run, shaded by
 * the chosen minutes — `approval_delay` (human delay on executions that required approval),
 * `human_delay` (all human delay) or `overrun` (minutes over the task's estimate). A task that did
 * not run in a run is a null cell (grey).
 *
 * @throws RangeError when the mission is unknown.
 * @example delayHeatmapInput(datasetFromInline([{ id: "M1", kpi: { name: "d", direction: "lower_is_better" }, values: [3, 2], tasks: [{ id: "match", estimate: 40, actual: [40, 65] }] }]), "M1", "overrun").cells
 *   // → [{ taskName: "match", runIndex: 1, minutes: 0 }, { taskName: "match", runIndex: 2, minutes: 25 }]
 */
export function delayHeatmapInput(
  dataset: Dataset,
  missionId: string,
  measure: HeatmapMeasure = "approval_delay",
): DelayHeatmapChartInput {
  const mission = missionOf(dataset, missionId);
  if (!Object.prototype.hasOwnProperty.call(HEATMAP_MEASURES, measure)) {
    throw new RangeError(
      `unknown measure "${String(measure)}" (${Object.keys(HEATMAP_MEASURES).join(", ")})`,
    );
  }
  const tasks = dataset.tasks.filter((t) => t.missionId === missionId);
  const runs = runsOfMission(dataset, missionId);
  const stats = runTaskStatIndex(dataset);
  const minutesOf = (s: RunTaskStat): number =>
    measure === "overrun"
      ? s.overrunMinutes
      : measure === "human_delay"
        ? s.humanDelayMinutes
        : s.approvalDelayMinutes;
  // Two tasks with the same name would share a row: tell them apart by id.
  const label = (name: string, taskId: string): string =>
    tasks.filter((t) => t.name === name).length > 1 ? `${name} (${taskId})` : name;
  const cells = tasks.flatMap((t) =>
    runs.map((r, i) => {
      const s = stats.get(r.runId)?.get(t.taskId);
      return { taskName: label(t.name, t.taskId), runIndex: i + 1, minutes: s ? minutesOf(s) : null };
    }),
  );
  return { cells, measure: HEATMAP_MEASURES[measure], missionName: mission.name };
}
