/**
 * "Since ‹date›" — what changed between an earlier brief and this one: the verdict, the missions
 * whose band changed, the rules that fired newly or stopped firing, and how each KPI moved. Both
 * briefs are compared through their snapshots ({@link BriefSnapshot}), so the earlier one may be a
 * stored brief JSON or the same data evaluated as of an earlier date.
 */
import type { EvaluationResult } from "../../evaluate/types";
import type { SecondaryKpiAssessment } from "../../evaluate/secondary-kpis";
import type { BriefSnapshot } from "../brief-types";
import { formatKpiValue, formatScore, kpiDecimals, kpiLabel, listText, plural, triggerText } from "../format";
import { html, type SafeHtml } from "../html";
import { listHtml, sectionHtml } from "./parts";

const BAND_WORDS: Readonly<Record<string, string>> = {
  ON_TRACK: "On track",
  WATCH: "Watch",
  ATTENTION_REQUIRED: "Attention required",
};
const bandWords = (b: string) => BAND_WORDS[b] ?? b;

/**
 * The snapshot of an evaluation a later brief compares with: verdict, and per mission its band,
 * health score, the rules that fired ("ID" or "ID:task") and its KPI values (the primary KPI's
 * fitted level when there is one, else its latest value; secondary KPIs' latest values).
 *
 * @example briefSnapshot(result).missions[0].band // → "ATTENTION_REQUIRED"
 */
export function briefSnapshot(
  result: EvaluationResult,
  secondary: readonly SecondaryKpiAssessment[] = [],
): BriefSnapshot {
  return {
    asOf: result.asOf,
    verdict: result.portfolio.verdict,
    missions: result.portfolio.missions.map((m) => {
      const f = m.metrics.figures;
      const kpis: BriefSnapshot["missions"][number]["kpis"][number][] = [];
      if (f) {
        kpis.push({
          kpi: f.kpi,
          value: f.currentLevel ? f.currentLevel.value : f.latest,
          ...(f.unit !== undefined ? { unit: f.unit } : {}),
          direction: f.direction,
          primary: true,
        });
      }
      for (const s of secondary) {
        if (s.missionId !== m.missionId || !s.figures) continue;
        kpis.push({
          kpi: s.kpi,
          value: s.figures.latest,
          ...(s.figures.unit !== undefined ? { unit: s.figures.unit } : {}),
          direction: s.figures.direction,
          primary: false,
        });
      }
      return {
        missionId: m.missionId,
        missionName: m.missionName,
        band: m.health,
        healthScore: m.metrics.healthScore,
        triggers: [
          ...new Set(
            m.triggers.map((t) =>
              t.taskId && t.id === "REPEATED_BOTTLENECK" ? `${t.id}:${t.taskId}` : t.id,
            ),
          ),
        ],
        kpis,
      };
    }),
  };
}

/** The "Since" section's content. */
export interface SinceModel {
  /** The earlier brief's as-of date, YYYY-MM-DD. */
  readonly date: string;
  /** e.g. "The verdict moved from Watch to Attention required." */
  readonly verdict: string;
  /** One line per mission whose band changed, or that is new or gone. */
  readonly bands: readonly string[];
  /** Rules that fired since, one line each ("KPI worsening in …"). */
  readonly newTriggers: readonly string[];
  /** Rules that no longer fire. */
  readonly resolvedTriggers: readonly string[];
  /** KPI movement, one line per KPI present in both. */
  readonly kpis: readonly string[];
}

function unitSymbolIsPercent(unit: string | undefined): boolean {
  return unit !== undefined && /^(%|pct|percent)$/i.test(unit.trim());
}

function triggerLine(key: string, mission: string): string {
  const [id, task] = key.split(":");
  return `${triggerText(id ?? key)}${task ? ` at ${task}` : ""} in ${mission}`;
}

/**
 * What changed from `before` to `now`. Missions match by id; KPIs by mission and name.
 *
 * @example sinceModel(earlier, now).verdict // → "The verdict stays Attention required."
 */
export function sinceModel(before: BriefSnapshot, now: BriefSnapshot): SinceModel {
  const verdict =
    before.verdict === now.verdict
      ? `The verdict stays ${bandWords(now.verdict)}.`
      : `The verdict moved from ${bandWords(before.verdict)} to ${bandWords(now.verdict)}.`;
  const prev = new Map(before.missions.map((m) => [m.missionId, m]));
  const cur = new Set(now.missions.map((m) => m.missionId));
  const bands: string[] = [];
  const newTriggers: string[] = [];
  const resolvedTriggers: string[] = [];
  const kpis: string[] = [];
  for (const m of now.missions) {
    const p = prev.get(m.missionId);
    if (!p) {
      bands.push(
        `${m.missionName}: new since then, now ${bandWords(m.band)} (health ${formatScore(m.healthScore)}).`,
      );
      continue;
    }
    if (p.band !== m.band) {
      bands.push(
        `${m.missionName}: ${bandWords(p.band)} → ${bandWords(m.band)} (health ${formatScore(p.healthScore)} → ${formatScore(m.healthScore)}).`,
      );
    }
    for (const t of m.triggers) if (!p.triggers.includes(t)) newTriggers.push(triggerLine(t, m.missionName));
    for (const t of p.triggers)
      if (!m.triggers.includes(t)) resolvedTriggers.push(triggerLine(t, m.missionName));
    for (const k of m.kpis) {
      const q = p.kpis.find((x) => x.kpi === k.kpi);
      if (!q) continue;
      const d = kpiDecimals([k.value, q.value]);
      const v = (x: number) => formatKpiValue(x, d, k.unit);
      const delta = k.value - q.value;
      const better = k.direction === "lower_is_better" ? delta < 0 : delta > 0;
      const by = unitSymbolIsPercent(k.unit)
        ? `${Math.abs(delta).toFixed(d)} percentage points`
        : v(Math.abs(delta));
      const moved = v(k.value) === v(q.value) ? "unchanged" : `${better ? "better" : "worse"} by ${by}`;
      kpis.push(`${kpiLabel(k.kpi)} in ${m.missionName}: ${v(q.value)} → ${v(k.value)} (${moved}).`);
    }
  }
  for (const p of before.missions)
    if (!cur.has(p.missionId))
      bands.push(`${p.missionName}: no longer in the portfolio (was ${bandWords(p.band)}).`);
  return { date: before.asOf.slice(0, 10), verdict, bands, newTriggers, resolvedTriggers, kpis };
}

/**
 * The section as HTML (`<section id="since">`).
 *
 * @example String(sinceHtml(model.since)).startsWith('<section id="since"') // → true
 */
export function sinceHtml(m: SinceModel): SafeHtml {
  const count = (items: readonly string[], what: string) =>
    items.length ? `${plural(items.length, what)}` : `no ${what}s`;
  return sectionHtml(
    "since",
    `Since ${m.date}`,
    html`<p class="lead">${m.verdict} ${
      m.bands.length ? `${plural(m.bands.length, "mission")} changed band.` : "No mission changed band."
    }</p>
${listHtml(m.bands, "", "since-bands")}
<p><span class="label-inline">New issues:</span> ${m.newTriggers.length ? listText(m.newTriggers) : "none"}.</p>
<p><span class="label-inline">Resolved:</span> ${m.resolvedTriggers.length ? listText(m.resolvedTriggers) : "none"}.</p>
<details class="since-kpis" open><summary>KPI movement (${count(m.kpis, "KPI")})</summary>${listHtml(m.kpis, "", "small")}</details>`,
    "avoid-break",
  );
}
