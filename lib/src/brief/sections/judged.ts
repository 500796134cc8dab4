/**
 * The closing appendix "How this was judged": for the portfolio and then mission by mission
 * (weakest first), every claim of the brief with the rule that made it (its id), the figures, the
 * comparison and the threshold, and the statistics behind the trend and the trajectory (test
 * statistics, p- and q-values) that the plain-language pages leave out.
 */
import type { BriefContext } from "../brief-types";
import { formatCount, formatEvidence, formatScore, triggerText } from "../format";
import { html, type SafeHtml } from "../html";
import { listHtml, sectionHtml, statusBadge } from "./parts";
import type { Band } from "../../rules/schema";

/** One rule that fired, with its evidence. */
export interface JudgedRule {
  /** Plain words, e.g. "KPI worsening". */
  readonly claim: string;
  /** The rule id, e.g. "MISSION_TREND_WORSENING". */
  readonly rule: string;
  readonly severity: string;
  /** The rule's own explanation, statistics included. */
  readonly explanation: string;
  /** Figure, comparison and threshold per line. */
  readonly evidence: readonly string[];
}

/** One mission's entry. */
export interface JudgedMission {
  /** e.g. "judged-1". */
  readonly anchor: string;
  /** Anchor of the mission's detail block, or null. */
  readonly detailAnchor: string | null;
  readonly missionId: string;
  readonly missionName: string;
  readonly band: Band;
  readonly healthScore: string;
  /** How the band was reached (health score against the band thresholds, gates). */
  readonly band_evidence: readonly string[];
  readonly rules: readonly JudgedRule[];
  /** Statistics of the trend and the trajectory not already in a rule's explanation. */
  readonly statistics: readonly string[];
}

/** The appendix's content. */
export interface JudgedModel {
  /** The verdict's evidence and why the primary issue ranks first. */
  readonly portfolio: readonly string[];
  readonly missions: readonly JudgedMission[];
}

const SEVERITY_RANK: ReadonlyMap<string, number> = new Map([
  ["high", 0],
  ["medium", 1],
  ["low", 2],
]);

/**
 * The appendix of an evaluation.
 *
 * @example judgedModel(ctx).missions[0].rules[0].rule // → "MISSION_TREND_WORSENING" (demo)
 */
export function judgedModel(ctx: BriefContext): JudgedModel {
  const p = ctx.result.portfolio;
  const portfolio = [
    ...p.verdictEvidence.map((e) => `Verdict (${e.rule}): ${formatEvidence(e)}.`),
    ...(p.primaryDriver
      ? [
          `Primary issue: ${p.primaryDriver.trigger} in ${p.primaryDriver.missionId}, ranked first by ${p.primaryDriver.rankedBy}.`,
        ]
      : []),
  ];
  const missions = ctx.missions.map((m, i): JudgedMission => {
    // A figure two rules share (the trend test behind a worsening KPI and a gap) is listed once.
    const shown = new Set<string>();
    const rules = [...m.triggers]
      .map((t, j) => ({ t, j }))
      .sort(
        (a, b) =>
          (SEVERITY_RANK.get(a.t.severity) ?? 3) - (SEVERITY_RANK.get(b.t.severity) ?? 3) || a.j - b.j,
      )
      .map(({ t }): JudgedRule => ({
        claim: triggerText(t.id),
        rule: t.id,
        severity: t.severity,
        explanation: t.explanation,
        evidence: t.evidence.map(formatEvidence).filter((e) => {
          if (shown.has(e)) return false;
          shown.add(e);
          return true;
        }),
      }));
    const explained = rules.map((r) => r.explanation).join(" ");
    const statistics: string[] = [];
    const met = m.metrics;
    if (met.trend.description && !explained.includes(met.trend.description))
      statistics.push(`Trend test: ${met.trend.description}`);
    if (met.trajectory.description && !explained.includes(met.trajectory.description))
      statistics.push(`Trajectory: ${met.trajectory.description}`);
    const q = met.alarmQ;
    if (q && (q.trend !== undefined || q.touches !== undefined)) {
      const parts = [
        q.trend !== undefined ? `trend test q = ${formatCount(q.trend, 4)} (of ${q.trendTests})` : "",
        q.touches !== undefined
          ? `rising-touches test q = ${formatCount(q.touches, 4)} (of ${q.touchTests})`
          : "",
      ].filter(Boolean);
      statistics.push(
        `False-discovery control (${q.method.toUpperCase()}, threshold q ≤ ${formatCount(q.q, 2)}): ${parts.join("; ")}.`,
      );
    }
    if (met.autonomy.description && !explained.includes(met.autonomy.description))
      statistics.push(`Autonomy: ${met.autonomy.description}`);
    return {
      anchor: `judged-${i + 1}`,
      detailAnchor: i < ctx.options.maxDetailMissions ? `mission-${i + 1}` : null,
      missionId: m.missionId,
      missionName: m.missionName,
      band: m.health,
      healthScore: formatScore(met.healthScore),
      band_evidence: m.bandEvidence.map((e) => `${e.rule}: ${formatEvidence(e)}`),
      rules,
      statistics,
    };
  });
  return { portfolio, missions };
}

/**
 * The appendix as HTML (`<section id="judged">`).
 *
 * @example String(judgedHtml(model.judged)).startsWith('<section id="judged"') // → true
 */
export function judgedHtml(m: JudgedModel): SafeHtml {
  const missions = m.missions.map((j) => {
    const rules = j.rules.map(
      (
        r,
      ) => html`<li><strong>${r.claim}</strong> <span class="muted small">rule ${r.rule} · severity ${r.severity}</span>
<p class="small">${r.explanation}${r.evidence.length ? html` <span class="muted">Figures: ${r.evidence.join(" · ")}.</span>` : ""}</p></li>`,
    );
    return html`<article id="${j.anchor}" class="judged-mission">
<h3>${j.detailAnchor ? html`<a href="#${j.detailAnchor}">${j.missionName}</a>` : j.missionName} <span class="muted small">${j.missionId}</span> ${statusBadge(j.band)} <span class="small">health ${j.healthScore} / 100</span></h3>
<p class="small"><span class="label-inline">Band:</span> ${j.band_evidence.join(" · ")}.</p>
${j.rules.length ? html`<ul class="judged-rules">${rules}</ul>` : html`<p class="small muted">No rule fired.</p>`}
${listHtml(j.statistics, "", "small")}
</article>
`;
  });
  return sectionHtml(
    "judged",
    "How this was judged",
    html`<p class="small">Every claim of the pages before, with the rule that made it, its figures and the threshold it was compared with.</p>
${listHtml(m.portfolio, "", "small")}
${missions}`,
    "page-break-auto",
  );
}
