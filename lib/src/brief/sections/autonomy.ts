/**
 * Section 6 — autonomy: the portfolio average and each mission's autonomy score (0–100, 100 =
 * runs without human touches), with the direction of human touches per run, and a bar chart.
 */
import type { AutonomyAssessment } from "../../evaluate/types";
import { autonomyChartSpec } from "../charts/autonomy";
import type { BriefChart, BriefContext } from "../brief-types";
import { formatCount, formatScore, listText } from "../format";
import { html, type SafeHtml } from "../html";
import { sectionHtml } from "./parts";

/** One mission's autonomy. */
export interface AutonomyRow {
  readonly missionId: string;
  readonly missionName: string;
  /** Score as shown, e.g. "46". */
  readonly score: string;
  /** e.g. "rising (0.77 → 3.23 per run, first vs last 13 runs)" or "too little data". */
  readonly touches: string;
  /** Direction of human touches per run: "rising", "falling", "steady" or "too little data". */
  readonly direction: string;
  /** e.g. "0.77 → 3.23 per run", or "". */
  readonly rates: string;
}

/** Missions whose human touches per run move the same way. */
export interface TouchGroup {
  /** "Rising", "Falling", "Steady" or "Too little data". */
  readonly direction: string;
  /** e.g. ["Sales pipeline acceleration (score 12; 0.77 → 3.23 per run)"]. */
  readonly missions: readonly string[];
}

/** The autonomy section's content. */
export interface AutonomyModel {
  /** e.g. "61", or null when no mission has a score. */
  readonly average: string | null;
  /** The summary sentence(s). */
  readonly summary: string;
  readonly rows: readonly AutonomyRow[];
  /** Missions grouped by the direction of their human touches (rising first). */
  readonly touchGroups: readonly TouchGroup[];
  readonly chart: BriefChart | null;
}

/**
 * The direction of human touches per run in words, with the early and recent rates when the
 * evaluator compared windows.
 *
 * @example touchesText({ score: 12, regression: true, touchDirection: "rising", earlyTouchRate: 0.77,
 *   recentTouchRate: 3.23, windowRuns: 13, description: "" }) // → "rising (0.77 → 3.23 per run, first vs last 13 runs)"
 */
export function touchesText(a: AutonomyAssessment): string {
  if (a.touchDirection === "unknown") return "too little data";
  const rates = ratesText(a);
  const window = a.windowRuns ? `, first vs last ${a.windowRuns} run${a.windowRuns === 1 ? "" : "s"}` : "";
  return rates ? `${a.touchDirection} (${rates}${window})` : a.touchDirection;
}

/** "0.77 → 3.23 per run" when the evaluator compared windows, else "". */
function ratesText(a: AutonomyAssessment): string {
  return a.earlyTouchRate !== undefined && a.recentTouchRate !== undefined
    ? `${formatCount(a.earlyTouchRate)} → ${formatCount(a.recentTouchRate)} per run`
    : "";
}

/** At most `max` items, the last one saying how many more there are. */
function capped(items: readonly string[], max: number): string[] {
  return items.length <= max ? [...items] : [...items.slice(0, max), `and ${items.length - max} more`];
}

/**
 * The autonomy section of an evaluation.
 *
 * @example autonomyModel(ctx).average // → "61" (seed portfolio)
 */
export function autonomyModel(ctx: BriefContext): AutonomyModel {
  const p = ctx.result.portfolio;
  const rows: AutonomyRow[] = ctx.missions.map((m) => ({
    missionId: m.missionId,
    missionName: m.missionName,
    score: formatScore(m.metrics.autonomy.score),
    touches: touchesText(m.metrics.autonomy),
    direction:
      m.metrics.autonomy.touchDirection === "unknown" ? "too little data" : m.metrics.autonomy.touchDirection,
    rates: ratesText(m.metrics.autonomy),
  }));
  const touchGroups: TouchGroup[] = (["rising", "falling", "steady", "too little data"] as const)
    .map((d) => ({
      direction: d.charAt(0).toUpperCase() + d.slice(1),
      missions: capped(
        rows
          .filter((r) => r.direction === d)
          .map((r) => `${r.missionName} (score ${r.score}${r.rates ? `; ${r.rates}` : ""})`),
        ctx.options.maxListItems,
      ),
    }))
    .filter((g) => g.missions.length > 0);
  const average = p.averageAutonomy === null ? null : formatScore(p.averageAutonomy);
  const parts: string[] = [];
  if (average !== null)
    parts.push(`Average autonomy score ${average} / 100 (100 = runs without human touches).`);
  if (ctx.missions.length > 1) {
    const sorted = [...ctx.missions].sort((a, b) => a.metrics.autonomy.score - b.metrics.autonomy.score);
    const lo = sorted[0];
    const hi = sorted[sorted.length - 1];
    if (lo && hi) {
      const spread = hi.metrics.autonomy.score - lo.metrics.autonomy.score;
      parts.push(
        `${spread >= 20 ? "Uneven" : "Even"} across missions: from ${formatScore(lo.metrics.autonomy.score)} ` +
          `(${lo.missionName}) to ${formatScore(hi.metrics.autonomy.score)} (${hi.missionName}).`,
      );
    }
  }
  const directions = (["rising", "falling", "steady", "unknown"] as const)
    .map((d) => [d, ctx.missions.filter((m) => m.metrics.autonomy.touchDirection === d).length] as const)
    .filter(([, n]) => n > 0)
    .map(([d, n]) => `${d === "unknown" ? "too little data" : d} in ${n}`);
  if (directions.length) parts.push(`Human touches per run: ${listText(directions)}.`);
  const charted = [...ctx.missions]
    .sort((a, b) => a.metrics.autonomy.score - b.metrics.autonomy.score)
    .slice(0, ctx.options.maxChartMissions);
  const chart: BriefChart | null = ctx.missions.length
    ? {
        id: "chart-autonomy",
        kind: "autonomy",
        caption:
          "Autonomy score per mission (0–100; 100 = runs without human interventions, escalations or approval waits), " +
          "least autonomous first; the dashed line is the portfolio average." +
          (charted.length < ctx.missions.length
            ? ` Shown: the ${charted.length} least autonomous of ${ctx.missions.length} missions.`
            : ""),
        spec: autonomyChartSpec({
          missions: charted.map((m) => ({
            missionName: m.missionName,
            autonomyScore: Math.min(100, Math.max(0, m.metrics.autonomy.score)),
          })),
          ...(p.averageAutonomy !== null ? { average: Math.min(100, Math.max(0, p.averageAutonomy)) } : {}),
        }),
      }
    : null;
  return { average, summary: parts.join(" "), rows, touchGroups, chart };
}

/**
 * The section as HTML (`<section id="autonomy">`); `figure` renders a chart.
 *
 * @example String(autonomyHtml(model.autonomy, figure)).startsWith('<section id="autonomy"') // → true
 */
export function autonomyHtml(m: AutonomyModel, figure: (chart: BriefChart) => SafeHtml): SafeHtml {
  const groups = m.touchGroups.map(
    (g) => html`<li><span class="label-inline">${g.direction}:</span> ${g.missions.join("; ")}</li>`,
  );
  return sectionHtml(
    "autonomy",
    "Autonomy",
    html`<p class="lead">${m.summary}</p>
${groups.length ? html`<p class="label">Human touches per run (interventions + escalations)</p><ul class="touches">${groups}</ul>` : ""}
${m.chart ? figure(m.chart) : ""}`,
  );
}
