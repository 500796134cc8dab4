/**
 * Plain-language sentences for a leader: what a rule that fired means for a mission, in words and
 * figures, without rule ids or test statistics (those are in the "How this was judged" appendix),
 * and what the recommended action would buy, computed from the run ledger.
 */
import type { SecondaryKpiAssessment } from "../../evaluate/secondary-kpis";
import type { LedgerEntry, MissionAssessment, TaskFriction, Trigger } from "../../evaluate/types";
import {
  formatCount,
  formatKpiValue,
  formatPercent,
  kpiDecimals,
  kpiLabel,
  listText,
  plural,
  trendText,
} from "../format";

const DAY_MS = 86_400_000;

/** "Three-way match to PO and receipt (match-po)", or the id alone when the task has no name. */
export function taskWords(task: Pick<TaskFriction, "taskId" | "taskName">): string {
  return task.taskName && task.taskName !== task.taskId ? `${task.taskName} (${task.taskId})` : task.taskId;
}

/** The mission's primary KPI values in words: "now 59.1 %", "baseline 72.0 %", "target 92.0 %". */
function kpiWords(m: MissionAssessment): {
  readonly label: string;
  readonly now: string;
  readonly baseline: string | null;
  readonly target: string | null;
  readonly vsBaseline: string | null;
} | null {
  const f = m.metrics.figures;
  if (!f) return null;
  const d = kpiDecimals([f.baseline, f.target, f.first, f.latest]);
  const v = (x: number) => formatKpiValue(x, d, f.unit);
  const now = f.currentLevel ? f.currentLevel.value : f.latest;
  const pct = f.improvementFromBaselinePct;
  return {
    label: kpiLabel(f.kpi),
    now: v(now),
    baseline: f.baseline !== undefined ? v(f.baseline) : null,
    target: f.target !== undefined ? v(f.target) : null,
    vsBaseline:
      pct === null || f.baseline === undefined
        ? null
        : pct === 0
          ? "no change from the baseline"
          : `${formatPercent(Math.abs(pct))} ${pct > 0 ? "better" : "worse"} than the baseline`,
  };
}

/** The task a trigger points at, when the mission measured it. */
function triggerTask(m: MissionAssessment, t: Trigger): TaskFriction | undefined {
  return (
    (t.taskId !== undefined ? m.metrics.tasks.find((x) => x.taskId === t.taskId) : undefined) ??
    m.metrics.topBottleneck ??
    undefined
  );
}

/**
 * What a fired rule means for its mission, in one or two plain sentences with the figures in
 * words (no rule id, no test statistic).
 *
 * @example issueInWords(invoice, worseningTrigger)
 *   // → "First pass match rate is getting worse: 59.1 % now against 72.0 % at baseline (17.86 % worse than the baseline); the target is 92.0 %."
 */
export function issueInWords(m: MissionAssessment, t: Trigger): string {
  const k = kpiWords(m);
  const met = m.metrics;
  const kpiTail = k
    ? `${k.now} now${k.baseline ? ` against ${k.baseline} at baseline` : ""}${k.vsBaseline ? ` (${k.vsBaseline})` : ""}${k.target ? `; the target is ${k.target}` : ""}${met.trajectory.targetDate ? ` by ${met.trajectory.targetDate}` : ""}.`
    : "";
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const task = triggerTask(m, t);
  switch (t.id) {
    case "MISSION_TREND_WORSENING":
      return k ? `${cap(k.label)} is getting worse: ${kpiTail}` : `The KPI is getting worse (${t.figure}).`;
    case "KPI_PLATEAU":
      return k
        ? `${cap(k.label)} has stopped improving: ${kpiTail}`
        : `The KPI has stopped improving (${t.figure}).`;
    case "TARGET_GAP_PERSISTING":
      return k
        ? `${cap(k.label)} stays far from its target: ${kpiTail}`
        : `The KPI stays far from its target.`;
    case "TRAJECTORY_OFF_TRACK":
      return k
        ? `At the current pace ${k.label} will not reach its target: ${kpiTail}`
        : "At the current pace the KPI will not reach its target.";
    case "APPROVAL_DELAY_PERSISTING":
      return `Each run waits ${formatCount(met.friction.approvalDelayPerRun, 1)} minutes on average for human approval (over ${plural(met.friction.runs, "run")}).`;
    case "REPEATED_BOTTLENECK":
      return task
        ? `The step ${taskWords(task)} holds runs up again and again: ${formatCount(task.avgDelayMinutes + task.avgOverrunMinutes, 0)} minutes lost per run to waiting and overrun, in ${task.frictionRuns} of the last ${plural(task.persistenceWindow, "run")}.`
        : "One step holds runs up again and again.";
    case "AUTONOMY_REGRESSION": {
      const a = met.autonomy;
      return a.earlyTouchRate !== undefined && a.recentTouchRate !== undefined
        ? `People step in more often: ${formatCount(a.earlyTouchRate)} human touches per run in the earlier runs, ${formatCount(a.recentTouchRate)} in the recent ones.`
        : "People step in more often than before.";
    }
    case "OPEN_HIGH_RISK": {
      const open = met.risk.openHighRiskEvents;
      const types = [...new Set(open.map((e) => e.riskType.replace(/_/g, " ")))];
      const oldest = open.map((e) => e.detectedAt).sort()[0];
      return `${open.length === 1 ? "A high-severity risk event is" : `${open.length} high-severity risk events are`} still open (${listText(types)}${oldest ? `, detected ${oldest.slice(0, 10)}` : ""}); the mission cannot be on track until ${open.length === 1 ? "it is" : "they are"} closed or mitigated.`;
    }
    case "RISK_CLUSTER_FORMING":
      return `${formatPercent(met.risk.riskRunShare * 100)} of runs were flagged for risk.`;
    case "ESCALATION_BURDEN_RISING":
      return `Escalations to people are rising: ${formatCount(met.friction.escalationsPerRun)} per run on average.`;
    case "STABILITY_DROPPING":
      return "Results vary more and more from run to run.";
    default:
      return `${cap(t.figure)}.`;
  }
}

/** What the recommended action would buy, and how that was computed. */
export interface ActionEffect {
  /** The effect in words, e.g. "Three-way match … loses 101 min per run …". */
  readonly sentence: string;
  /** How the figures were computed (the basis), one sentence. */
  readonly basis: string;
  readonly taskId: string;
  /** Minutes lost per run at the task to approval delay and overrun. */
  readonly lostMinutesPerRun: number;
  /** Mean run duration (cycle time) over the same runs, minutes. */
  readonly cycleMinutes: number;
  /** lostMinutesPerRun ÷ cycleMinutes (0–1). */
  readonly share: number;
  /** Projected target date now, and with half the loss removed (YYYY-MM-DD), when projected. */
  readonly projectedDate: string | null;
  readonly projectedDateHalved: string | null;
}

function shortDate(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  const month = d.toLocaleString("en-GB", { month: "short", timeZone: "UTC" });
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}

/**
 * What removing half of the bottleneck task's lost time would buy, from the ledger: the minutes
 * lost per run at the task to approval delay and overrun (the evaluator's task averages over the
 * runs the task ran in, within the bottleneck window), their share of the mission's mean run
 * duration over the same number of most recent runs, and — when the trajectory projects a date
 * for the target — the projected date with the days to target shortened by half that share
 * (assumes runs follow each other at a pace proportional to their duration). Null without a task
 * or without run durations.
 *
 * @example actionEffect(salesPipeline, ledger.byMission["sales-pipeline"])?.projectedDateHalved
 *   // → "2026-03-23" (demo: 56 % of run time lost at draft-outreach; 23 days to target, 6 fewer)
 */
export function actionEffect(
  m: MissionAssessment,
  entries: readonly LedgerEntry[],
  taskId?: string,
): ActionEffect | null {
  const task =
    (taskId !== undefined ? m.metrics.tasks.find((t) => t.taskId === taskId) : undefined) ??
    m.metrics.topBottleneck ??
    undefined;
  if (!task || task.samples === 0) return null;
  const lost = task.avgDelayMinutes + task.avgOverrunMinutes;
  const window = entries.slice(-task.samples);
  const durations = window.map((e) => e.durationMinutes).filter((d) => Number.isFinite(d) && d > 0);
  if (durations.length === 0 || lost <= 0) return null;
  const cycle = durations.reduce((s, d) => s + d, 0) / durations.length;
  const share = Math.min(1, lost / cycle);
  const traj = m.metrics.trajectory;
  let projectedDate: string | null = null;
  let projectedDateHalved: string | null = null;
  if (traj.status !== "met" && traj.etaDays !== undefined && traj.etaDate !== undefined) {
    // The projection counts its days from its own start (the last analysed run), so the gain is
    // taken off the projected date: half the share of the days to target.
    projectedDate = traj.etaDate;
    const saved = Math.round(traj.etaDays * (share / 2));
    projectedDateHalved = new Date(Date.parse(`${traj.etaDate}T00:00:00Z`) - saved * DAY_MS)
      .toISOString()
      .slice(0, 10);
  }
  const parts = [
    task.avgDelayMinutes > 0 ? `${formatCount(task.avgDelayMinutes, 0)} min waiting for approval` : "",
    task.avgOverrunMinutes > 0 ? `${formatCount(task.avgOverrunMinutes, 0)} min over its estimate` : "",
  ].filter(Boolean);
  const pct = (x: number) => `${formatCount(x * 100, 0)} %`;
  const dateText =
    projectedDate && projectedDateHalved
      ? ` Removing half of it would bring the projected target date from ${shortDate(projectedDate)} to ${shortDate(projectedDateHalved)}.`
      : traj.status === "met"
        ? " The KPI target is already met; the gain is time and cost per run."
        : " There is no projected target date to bring forward, because the KPI is not moving toward its target at a reliable pace.";
  return {
    sentence:
      `${taskWords(task)} loses ${formatCount(lost, 0)} min per run (${listText(parts)}), ${pct(share)} of the mission's average run time of ${formatCount(cycle, 0)} min; ` +
      `removing half would save about ${formatCount(lost / 2, 0)} min per run.${dateText}`,
    basis:
      `Basis: the task's average approval delay and overrun per run over the ${plural(task.samples, "run")} it ran in among the most recent runs, ` +
      `against the mean duration of the mission's last ${plural(window.length, "run")}` +
      (projectedDate
        ? "; the projected days to target are shortened by half that share, assuming runs follow each other at a pace proportional to their duration."
        : "."),
    taskId: task.taskId,
    lostMinutesPerRun: lost,
    cycleMinutes: cycle,
    share,
    projectedDate,
    projectedDateHalved,
  };
}

/** A secondary KPI in words: its latest value, trend and target status. */
export interface SecondaryKpiWords {
  readonly kpi: string;
  /** e.g. "improving". */
  readonly trend: string;
  /** e.g. "target 80.0 % not met (latest 71.2 %)", "target 4.5 met", "no target". */
  readonly target: string;
  /** "target met", "target not met" or "no target". */
  readonly targetStatus: string;
  /** The whole line, e.g. "activation rate 71.2 % latest (baseline 62.0 %): improving; target 80.0 % not met". */
  readonly line: string;
}

/**
 * A secondary KPI in words, from its assessment (latest value, trend label, target met or not).
 *
 * @example secondaryKpiWords(activation).line
 *   // → "activation rate 71.2 % latest (baseline 62.0 %, 8 runs): improving; target 80.0 % not met"
 */
export function secondaryKpiWords(s: SecondaryKpiAssessment): SecondaryKpiWords {
  const label = kpiLabel(s.kpi);
  const f = s.figures;
  if (!f)
    return {
      kpi: label,
      trend: "no data",
      target: "no data",
      targetStatus: "no data",
      line: `${label}: no run reports it`,
    };
  const d = kpiDecimals([f.baseline, f.target, f.first, f.latest]);
  const v = (x: number) => formatKpiValue(x, d, f.unit);
  const trend = trendText(s.trend.label);
  const target =
    f.target === undefined
      ? "no target"
      : `target ${v(f.target)}${s.targetDate ? ` by ${s.targetDate}` : ""} ${f.targetMet ? "met" : "not met"}`;
  const base = f.baseline !== undefined ? `baseline ${v(f.baseline)}, ` : "";
  return {
    kpi: label,
    trend,
    target,
    targetStatus: f.target === undefined ? "no target" : f.targetMet ? "target met" : "target not met",
    line: `${label} ${v(f.latest)} latest (${base}${plural(s.runs, "run")}): ${trend}; ${target}`,
  };
}
