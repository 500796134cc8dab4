/**
 * Section 7 — the mission table: one row per mission (weakest first) with its trend, trajectory
 * and time to target, health, autonomy, top bottleneck and confidence.
 */
import type { SecondaryKpiAssessment } from "../../evaluate/secondary-kpis";
import type { MissionAssessment } from "../../evaluate/types";
import type { Band } from "../../rules/schema";
import type { BriefContext } from "../brief-types";
import { driverText, formatScore, plural, trajectoryText, trendText } from "../format";
import { secondaryKpiWords, taskWords } from "./plain";
import { html, type SafeHtml } from "../html";
import { sectionHtml, statusBadge } from "./parts";

/** One row of the mission table (every cell plain text). */
export interface MissionRow {
  readonly missionId: string;
  readonly missionName: string;
  /** e.g. "improving" or "too little data (2 runs)". */
  readonly trend: string;
  /** e.g. "on track · about 29 days (2026-04-03)" or "not projected". */
  readonly trajectory: string;
  readonly health: Band;
  /** Health score as shown, e.g. "68". */
  readonly healthScore: string;
  /** e.g. "12 · touches rising". */
  readonly autonomy: string;
  /** e.g. "draft-outreach Draft personalised outreach (persistent approval delay)" or "none". */
  readonly bottleneck: string;
  readonly confidence: string;
  /** Secondary KPIs, e.g. "activation rate: improving, target not met". */
  readonly otherKpis: readonly string[];
  /** Anchor of the mission's detail block, or null. */
  readonly anchor: string | null;
}

const BAND_WORDS: Readonly<Record<Band, string>> = {
  ON_TRACK: "On track",
  WATCH: "Watch",
  ATTENTION_REQUIRED: "Attention required",
};

/** The mission table's content. */
export interface MissionTableModel {
  readonly rows: readonly MissionRow[];
}

/**
 * Trajectory and time to target in words.
 *
 * @example timeToTargetText(salesPipeline) // → "on track · about 29 days (2026-04-03)" (demo)
 */
export function timeToTargetText(m: MissionAssessment): string {
  const t = m.metrics.trajectory;
  let text = trajectoryText(t.status);
  if (t.status !== "met" && t.etaDays !== undefined) {
    text += ` · about ${plural(Math.round(t.etaDays), "day")}${t.etaDate ? ` (${t.etaDate})` : ""}`;
  } else if (t.status !== "met" && t.etaRuns !== undefined) {
    text += ` · about ${plural(Math.round(t.etaRuns), "run")}`;
  }
  return text;
}

/**
 * One table row for a mission.
 *
 * @example missionRow(m002).trend // → "improving"
 */
export function missionRow(
  m: MissionAssessment,
  secondary: readonly SecondaryKpiAssessment[] = [],
  anchor: string | null = null,
): MissionRow {
  const met = m.metrics;
  const top = met.topBottleneck;
  const trend =
    met.trend.label === "insufficient_data"
      ? `${trendText(met.trend.label)} (${plural(met.runsAnalyzed, "run")})`
      : trendText(met.trend.label);
  const bottleneck = top ? `${taskWords(top)}: ${driverText(top.driver, top.status)}` : "none";
  const touches =
    met.autonomy.touchDirection === "unknown" ? "" : ` · touches ${met.autonomy.touchDirection}`;
  return {
    missionId: m.missionId,
    missionName: m.missionName,
    trend,
    trajectory: timeToTargetText(m),
    health: m.health,
    healthScore: formatScore(met.healthScore),
    autonomy: `${formatScore(met.autonomy.score)}${touches}`,
    bottleneck,
    confidence: m.confidence.level,
    otherKpis: secondary
      .filter((s) => s.missionId === m.missionId)
      .map((s) => {
        const w = secondaryKpiWords(s);
        return `${w.kpi}: ${w.trend}, ${w.targetStatus}`;
      }),
    anchor,
  };
}

/**
 * The mission table of an evaluation (weakest mission first).
 *
 * @example missionTableModel(ctx).rows.length // → 3 (seed portfolio)
 */
export function missionTableModel(ctx: BriefContext): MissionTableModel {
  const secondary = ctx.options.data.secondaryKpis ?? [];
  return {
    rows: ctx.missions.map((m, i) =>
      missionRow(m, secondary, i < ctx.options.maxDetailMissions ? `mission-${i + 1}` : null),
    ),
  };
}

/**
 * The section as HTML (`<section id="missions">`).
 *
 * @example String(missionTableHtml(model.missionTable, model.missionTableNote)).startsWith('<section id="missions"') // → true
 */
export function missionTableHtml(m: MissionTableModel, runsNote: string): SafeHtml {
  const rows = m.rows.map(
    (r) => html`<tr>
<th scope="row">${r.anchor ? html`<a class="mission-name" href="#${r.anchor}">${r.missionName}</a>` : html`<span class="mission-name">${r.missionName}</span>`}<br><span class="muted small">${r.missionId}</span></th>
<td>${r.trend}${r.otherKpis.length ? html`<br><span class="small muted">${r.otherKpis.join("; ")}</span>` : ""}</td>
<td>${r.trajectory}</td>
<td>${statusBadge(r.health, BAND_WORDS[r.health] ?? r.health)}<br><span class="nowrap">health ${r.healthScore} / 100</span></td>
<td>${r.autonomy}</td>
<td>${r.bottleneck}</td>
<td>${r.confidence}</td>
</tr>`,
  );
  return sectionHtml(
    "missions",
    "Missions at a glance",
    html`<p class="small muted">${runsNote}</p>
<table class="mission-table">
<colgroup><col class="c-mission"><col class="c-trend"><col class="c-trajectory"><col class="c-health"><col class="c-autonomy"><col class="c-bottleneck"><col class="c-confidence"></colgroup>
<thead><tr><th scope="col">Mission</th><th scope="col">Trend</th><th scope="col">Trajectory · time to target</th><th scope="col">Health</th><th scope="col">Autonomy</th><th scope="col">Top bottleneck</th><th scope="col">Confidence</th></tr></thead>
<tbody>${rows}</tbody>
</table>`,
  );
}

/**
 * The note under the table: what the scores mean.
 *
 * @example missionTableNote() // → "Health and autonomy are scores from 0 to 100 (higher is better). …"
 */
export function missionTableNote(): string {
  return (
    "Health and autonomy are scores from 0 to 100 (higher is better). Time to target is projected at the " +
    `current pace from the KPI's trend; "not projected" when there is no reliable pace.`
  );
}
