/**
 * Per-task friction and bottlenecks of a mission: delay, overrun relative to the estimate, risk,
 * and persistence over the most recent runs.
 */
import type { RunStatsLookup } from "../model/run-task-stat-table";
import type { RiskEvent, TaskDefinition } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import { MissionSeries } from "./mission-series";
import type { BottleneckDriver, BottleneckStatus, LedgerEntry, TaskFriction } from "./types";
import { median } from "../stats/quantile";
import { recent } from "./window";

/** Inputs of {@link assessBottlenecks}. */
export interface BottleneckInput {
  /** The mission's ledger entries, oldest first. */
  readonly entries: readonly LedgerEntry[];
  readonly tasks: readonly TaskDefinition[];
  /** Task aggregates by run id. */
  /** Run id → the run's task aggregates (a `ReadonlyMap` will do). */
  readonly statsByRun: RunStatsLookup;
  /** The mission's risk events up to the as-of instant. */
  readonly riskEvents: readonly RiskEvent[];
  readonly severityWeights: Readonly<Record<RiskEvent["severity"], number>>;
}

interface Sums {
  runs: number;
  executions: number;
  actual: number;
  delay: number;
  overrun: number;
  overrunCount: number;
}

function sumStats(entries: readonly LedgerEntry[], taskId: string, series: MissionSeries): Sums {
  const s: Sums = { runs: 0, executions: 0, actual: 0, delay: 0, overrun: 0, overrunCount: 0 };
  for (const e of entries) {
    const stat = series.taskStat(e.runId, taskId);
    if (!stat) continue;
    s.runs++;
    s.executions += stat.executions;
    s.actual += stat.actualMinutes;
    s.delay += stat.humanDelayMinutes;
    s.overrun += stat.overrunMinutes;
    s.overrunCount += stat.overrunCount;
  }
  return s;
}

type SeedRules = Extract<Ruleset["bottleneck"], { method: "seed_v3" }>;
type LostTimeRules = Extract<Ruleset["bottleneck"], { method: "lost_time" }>;

function seedTask(task: TaskDefinition, series: MissionSeries, rules: SeedRules): TaskFriction | null {
  const s = series.taskTotals(task.taskId);
  if (s.executions === 0) return null;
  const avgActual = s.actual / s.executions;
  const avgDelay = s.delay / s.executions;
  const risk = series.taskRiskTotals(task.taskId);
  const score =
    avgDelay * rules.delayWeight +
    Math.max(0, avgActual - task.estimatedMinutes) +
    risk.weight * rules.riskWeight;
  let driver: BottleneckDriver = "mixed";
  if (avgDelay >= rules.elevatedDelayMinutes && task.requiresApproval) driver = "approval_delay";
  else if (avgActual > task.estimatedMinutes * (1 + rules.overrunTolerance)) driver = "task_overrun";
  else if (risk.count > 0) driver = "risk";
  // The reference engine's persistence: the last N run ids sorted as strings (not by time).
  let samples = 0;
  let elevated = 0;
  for (const id of series.largestRunIds()) {
    const stat = series.taskStat(id, task.taskId);
    if (!stat) continue;
    samples++;
    if (stat.humanDelayMinutes >= rules.elevatedDelayMinutes) elevated++;
  }
  const status: BottleneckStatus =
    samples >= 3 && elevated >= 2 ? "persistent" : samples >= 2 && elevated >= 1 ? "recurring" : "isolated";
  return {
    taskId: task.taskId,
    taskName: task.name,
    estimatedMinutes: task.estimatedMinutes,
    requiresApproval: task.requiresApproval,
    samples: s.runs,
    avgActualMinutes: avgActual,
    avgDelayMinutes: avgDelay,
    avgOverrunMinutes: s.overrun / s.executions,
    overrunFrequency: s.overrunCount / s.executions,
    riskEvents: risk.count,
    riskWeight: risk.weight,
    score,
    driver,
    status,
    frictionRuns: elevated,
    persistenceWindow: samples,
  };
}

function lostTimeTask(
  task: TaskDefinition,
  series: MissionSeries,
  rules: LostTimeRules,
): TaskFriction | null {
  const window = recent(series.entries, rules.recentRuns);
  const s = sumStats(window, task.taskId, series);
  if (s.runs === 0) return null;
  const risk = series.taskRiskIn(
    window.map((e) => e.runId),
    task.taskId,
  );
  const estimate = Math.max(task.estimatedMinutes, 1);
  // Minutes lost per run in which the task ran, as a share of its estimate: comparable across tasks.
  const delayShare = s.delay / s.runs / estimate;
  const overrunShare = s.overrun / s.runs / estimate;
  const riskScore = (risk.weight / window.length) * rules.riskPointWeight;
  const score = delayShare + overrunShare + riskScore;
  let driver: BottleneckDriver = "mixed";
  if (score > 0) {
    const parts: [BottleneckDriver, number][] = [
      ["approval_delay", delayShare],
      ["task_overrun", overrunShare],
      ["risk", riskScore],
    ];
    const top = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
    if (top[1] / score >= rules.dominantShare) driver = top[0];
  }
  const persistenceRuns = recent(series.entries, rules.persistenceRuns);
  let frictionRuns = 0;
  for (const e of persistenceRuns) {
    const stat = series.taskStat(e.runId, task.taskId);
    if (!stat) continue;
    const overrun =
      stat.actualMinutes > stat.executions * task.estimatedMinutes * (1 + rules.overrunTolerance);
    if (stat.humanDelayMinutes >= rules.elevatedDelayMinutes || overrun) frictionRuns++;
  }
  const share = persistenceRuns.length === 0 ? 0 : frictionRuns / persistenceRuns.length;
  const status: BottleneckStatus =
    share >= rules.persistentShare && frictionRuns >= rules.recurringMinRuns
      ? "persistent"
      : frictionRuns >= rules.recurringMinRuns
        ? "recurring"
        : "isolated";
  return {
    taskId: task.taskId,
    taskName: task.name,
    estimatedMinutes: task.estimatedMinutes,
    requiresApproval: task.requiresApproval,
    samples: s.runs,
    avgActualMinutes: s.actual / s.executions,
    avgDelayMinutes: s.delay / s.runs,
    avgOverrunMinutes: s.overrun / s.runs,
    overrunFrequency: s.overrunCount / s.executions,
    riskEvents: risk.count,
    riskWeight: risk.weight,
    score,
    driver,
    status,
    frictionRuns,
    persistenceWindow: persistenceRuns.length,
  };
}

/**
 * Friction of every task of a mission that ran at least once, highest score first (ties by task
 * order), and the top bottleneck.
 *
 * `seed_v3`: score = avg delay·w + max(0, avg actual − estimate) + risk weight·w (minutes and
 * weights mixed, as the reference does); persistence over the last N run ids sorted as strings.
 * `lost_time`: score = (delay + overrun minutes per run) ÷ estimate + severity-weighted risk events
 * per run·w over the recent runs by time; persistence = runs with friction among the most recent
 * runs by time. Tasks scoring under `minScore` are not bottlenecks; with `standOut`, the top
 * task is marked with whether it stands out (score ≥ floor and ≥ ratio × the median score of the
 * other tasks), which a repeated bottleneck requires.
 *
 * @example assessBottlenecks(m002Input, seedV3.bottleneck).top?.taskId // → "T5"
 */
export function assessBottlenecks(
  input: BottleneckInput,
  rules: Ruleset["bottleneck"],
): { tasks: readonly TaskFriction[]; top: TaskFriction | null } {
  const series = MissionSeries.of(
    input.entries,
    {
      severityWeights: input.severityWeights,
      topRunIds: rules.method === "seed_v3" ? rules.recentRuns : 0,
    },
    {
      statsByRun: input.statsByRun,
      taskIds: rules.method === "seed_v3" ? input.tasks.map((t) => t.taskId) : [],
    },
    input.riskEvents,
  );
  return assessBottlenecksOf(series, input.tasks, rules);
}

/**
 * {@link assessBottlenecks} on a mission series built with the task ids (`seed_v3`), the largest
 * run ids (`seed_v3`: `recentRuns` of them) and the visible risk events: O(tasks) over the whole
 * history, O(tasks · window) over recent runs.
 *
 * @example assessBottlenecksOf(m002Series, m002Tasks, seedV3.bottleneck).top?.taskId // → "T5"
 */
export function assessBottlenecksOf(
  series: MissionSeries,
  taskList: readonly TaskDefinition[],
  rules: Ruleset["bottleneck"],
): { tasks: readonly TaskFriction[]; top: TaskFriction | null } {
  const order = new Map(taskList.map((t) => [t.taskId, t.order]));
  const tasks: TaskFriction[] = [];
  for (const task of taskList) {
    const f = rules.method === "seed_v3" ? seedTask(task, series, rules) : lostTimeTask(task, series, rules);
    if (f) tasks.push(f);
  }
  tasks.sort((a, b) => b.score - a.score || (order.get(a.taskId) ?? 0) - (order.get(b.taskId) ?? 0));
  const first = tasks[0] ?? null;
  const minScore = rules.method === "lost_time" ? rules.minScore : 0;
  const chosen = first && first.score > minScore ? first : rules.method === "seed_v3" ? first : null;
  const standOut = rules.method === "lost_time" ? rules.standOut : undefined;
  if (!chosen || !standOut) return { tasks, top: chosen };
  // Does the top task stand out from the others and from the floor?
  const others = tasks.filter((t) => t !== chosen).map((t) => t.score);
  const typical = others.length > 0 ? median(others) : 0;
  const ratio = typical > 0 ? chosen.score / typical : chosen.score > 0 ? Infinity : 1;
  const top: TaskFriction = {
    ...chosen,
    standOutRatio: ratio,
    standsOut: chosen.score >= standOut.floor && ratio >= standOut.ratio,
  };
  return { tasks: tasks.map((t) => (t === chosen ? top : t)), top };
}
