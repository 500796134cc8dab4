/**
 * Section 3 — portfolio trajectory: the direction of the missions' KPIs, where they stand against
 * their targets, which missions are constrained and by what, and the portfolio health chart.
 */
import type { EvaluationResult, MissionAssessment, Trigger, TrendLabel } from "../../evaluate/types";
import type { Severity } from "../../rules/schema";
import { portfolioStatusChartSpec } from "../charts/portfolio-status";
import type { BriefChart, BriefContext, BriefHealthBands } from "../brief-types";
import { driverText, formatScore, listText, plural, trajectoryText, trendText, triggerText } from "../format";
import { taskWords } from "./plain";
import { html, type SafeHtml } from "../html";
import { sectionHtml } from "./parts";

/** A mission and what constrains it. */
export interface ConstrainedMission {
  readonly missionId: string;
  readonly missionName: string;
  /** Trend in words, e.g. "improving". */
  readonly trend: string;
  /** One phrase per rule that fired, most severe first. */
  readonly constraints: readonly string[];
}

/** The trajectory section's content. */
export interface TrajectoryModel {
  /** e.g. "Improving across all 3 missions." */
  readonly direction: string;
  /** e.g. "Against target: 1 met, 2 on track, 3 not projected." */
  readonly againstTarget: string;
  /** e.g. "3 of 3 missions are constrained:" or "No mission is constrained by a rule." */
  readonly constrainedSummary: string;
  /** Constrained missions, weakest first (at most `maxListItems`). */
  readonly constrained: readonly ConstrainedMission[];
  /** Constrained missions not listed. */
  readonly moreConstrained: number;
  /** The portfolio health chart, when the health bands are known. */
  readonly chart: BriefChart | null;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2 };
const TREND_ORDER: readonly TrendLabel[] = [
  "improving",
  "worsening",
  "flat",
  "no_clear_trend",
  "insufficient_data",
];

/**
 * The short phrase for one rule that fired on a mission: the rule in words, and for a repeated
 * bottleneck the task and what drives it.
 *
 * @example constraintText(t5Trigger, m002) // → "repeated bottleneck in T5 Draft personalized outreach email (recurring task overrun)"
 */
export function constraintText(t: Trigger, m: MissionAssessment): string {
  const what = triggerText(t.id);
  if (t.id !== "REPEATED_BOTTLENECK" || !t.taskId) return what;
  const task = m.metrics.tasks.find((x) => x.taskId === t.taskId);
  return `${what} in ${task ? `${taskWords(task)}, ${driverText(task.driver, task.status)}` : t.taskId}`;
}

/**
 * The ruleset's health bands recovered from the missions' band evidence (the `health_band` rule
 * records the thresholds it compared with), or null when they cannot all be recovered.
 *
 * @example healthBandsFromEvidence(seedResult) // → { onTrack: 85, watch: 70 } (seed-v3's bands)
 */
export function healthBandsFromEvidence(result: EvaluationResult): BriefHealthBands | null {
  let onTrack: number | undefined;
  let watch: number | undefined;
  for (const m of result.portfolio.missions) {
    for (const e of m.bandEvidence) {
      if (e.rule !== "health_band") continue;
      if (typeof e.threshold === "string") {
        const [w, o] = e.threshold.split("|").map(Number);
        if (Number.isFinite(w) && Number.isFinite(o)) [watch, onTrack] = [w, o];
      } else if (typeof e.threshold === "number") {
        if (e.comparison === "≥") onTrack = e.threshold;
        else if (e.comparison === "<") watch = e.threshold;
      }
    }
  }
  return onTrack !== undefined && watch !== undefined ? { onTrack, watch } : null;
}

function directionSentence(missions: readonly MissionAssessment[]): string {
  const n = missions.length;
  if (n === 0) return "No mission to assess.";
  const counts = TREND_ORDER.map(
    (l) => [l, missions.filter((m) => m.metrics.trend.label === l).length] as const,
  );
  const present = counts.filter(([, c]) => c > 0);
  if (present.length === 1) {
    const [label] = present[0] as readonly [TrendLabel, number];
    if (label === "insufficient_data")
      return `Too little data to judge a direction in any of the ${plural(n, "mission")}.`;
    return n === 1
      ? `The one mission is ${trendText(label)}.`
      : `${trendText(label).replace(/^./, (c) => c.toUpperCase())} across all ${n} missions.`;
  }
  const parts = present.map(([l, c]) =>
    l === "insufficient_data" ? `${c} with too little data` : `${c} ${trendText(l)}`,
  );
  return `Direction across ${n} missions: ${listText(parts)}.`;
}

function targetSentence(missions: readonly MissionAssessment[]): string {
  const order = ["met", "on_track", "at_risk", "off_track", "unknown"] as const;
  const parts = order
    .map((s) => [s, missions.filter((m) => m.metrics.trajectory.status === s).length] as const)
    .filter(([, c]) => c > 0)
    .map(([s, c]) => `${c} ${trajectoryText(s)}`);
  return parts.length ? `Against target: ${listText(parts)}.` : "";
}

/**
 * The trajectory section of an evaluation.
 *
 * @example trajectoryModel(ctx).direction // → "Improving across all 3 missions." (seed portfolio)
 */
export function trajectoryModel(ctx: BriefContext): TrajectoryModel {
  const missions = ctx.missions;
  const constrained: ConstrainedMission[] = missions
    .filter((m) => m.triggers.length > 0)
    .map((m) => ({
      missionId: m.missionId,
      missionName: m.missionName,
      trend: trendText(m.metrics.trend.label),
      constraints: [...m.triggers]
        .map((t, i) => ({ t, i }))
        .sort((a, b) => (SEVERITY_RANK[a.t.severity] ?? 3) - (SEVERITY_RANK[b.t.severity] ?? 3) || a.i - b.i)
        .map(({ t }) => constraintText(t, m)),
    }));
  const constrainedSummary =
    constrained.length === 0
      ? "No mission is constrained by a rule."
      : `${constrained.length} of ${plural(missions.length, "mission")} ${constrained.length === 1 ? "is" : "are"} constrained:`;
  const bands = ctx.options.healthBands ?? healthBandsFromEvidence(ctx.result);
  let chart: BriefChart | null = null;
  if (bands && missions.length > 0) {
    const charted = missions.slice(0, ctx.options.maxChartMissions);
    const gated = charted.filter(
      (m) =>
        m.health !==
        (m.metrics.healthScore >= bands.onTrack
          ? "ON_TRACK"
          : m.metrics.healthScore >= bands.watch
            ? "WATCH"
            : "ATTENTION_REQUIRED"),
    );
    chart = {
      id: "chart-portfolio-health",
      kind: "portfolio-health",
      caption:
        `Health score (0–100) per mission, weakest first` +
        (charted.length < missions.length ? ` (the ${charted.length} weakest of ${missions.length})` : "") +
        `, over the ruleset's bands: attention required below ` +
        `${formatScore(bands.watch)}, watch from ${formatScore(bands.watch)}, on track from ${formatScore(bands.onTrack)}.` +
        (gated.length
          ? ` Colour and shape show the status the rules decided; for ${listText(gated.map((m) => m.missionName))} a rule gate sets it apart from the score.`
          : ""),
      spec: portfolioStatusChartSpec(
        {
          missions: charted.map((m) => ({
            missionName: m.missionName,
            healthScore: Math.min(100, Math.max(0, m.metrics.healthScore)),
            status: m.health,
          })),
          thresholds: bands,
        },
        { title: "Portfolio health" },
      ),
    };
  }
  return {
    direction: directionSentence(missions),
    againstTarget: targetSentence(missions),
    constrainedSummary,
    constrained: constrained.slice(0, ctx.options.maxListItems),
    moreConstrained: Math.max(0, constrained.length - ctx.options.maxListItems),
    chart,
  };
}

/**
 * The section as HTML (`<section id="trajectory">`); `figure` renders a chart.
 *
 * @example String(trajectoryHtml(model.trajectory, figure)).startsWith('<section id="trajectory"') // → true
 */
export function trajectoryHtml(m: TrajectoryModel, figure: (chart: BriefChart) => SafeHtml): SafeHtml {
  const items = m.constrained.map(
    (c) =>
      html`<li><strong>${c.missionName}</strong> <span class="muted">(${c.trend})</span>: ${c.constraints.join(" · ")}</li>`,
  );
  return sectionHtml(
    "trajectory",
    "Portfolio trajectory",
    html`<p class="lead">${m.direction} ${m.againstTarget}</p>
<p>${m.constrainedSummary}</p>
${items.length ? html`<ul class="constrained">${items}</ul>` : ""}
${m.moreConstrained ? html`<p class="small muted">… and ${m.moreConstrained} more constrained missions (see the mission table).</p>` : ""}
${m.chart ? figure(m.chart) : ""}`,
  );
}
