/**
 * Section 2 — the primary issue and why: the portfolio's primary driver with its evidence and why
 * it outranked the others, the recommended action, the confidence level with its reasons, and
 * the as-of date, ruleset and generation stamp the verdict rests on.
 */
import type { ConfidenceLevel } from "../../evaluate/types";
import type { BriefContext, BriefFact } from "../brief-types";
import { formatEvidence, formatInstant, listText, triggerText } from "../format";
import { html, type SafeHtml } from "../html";
import { factsHtml, listHtml, sectionHtml } from "./parts";
import { issueInWords } from "./plain";

/** The primary issue section's content. */
export interface PrimaryIssueModel {
  /** e.g. "Autonomy regression in Accelerate Sales Pipeline Progression (M002)"; null when no rule fired. */
  readonly headline: string | null;
  /** The trigger id, e.g. "AUTONOMY_REGRESSION". */
  readonly trigger: string | null;
  readonly missionId: string | null;
  readonly missionName: string | null;
  readonly severity: string | null;
  /** The rule's explanation (one or two sentences). */
  readonly explanation: string;
  /** One line per piece of evidence, e.g. "autonomy score 46 < 55 (over 2 runs)". */
  readonly evidence: readonly string[];
  /** Why this issue ranks first. */
  readonly rankedBy: string | null;
  /** The recommended action (also shown with the key focus area). */
  readonly action: string;
  readonly confidence: { readonly level: ConfidenceLevel; readonly reasons: readonly string[] };
  /** As of, ruleset, generated. */
  readonly basis: readonly BriefFact[];
  /** The issue in plain words with its figures (no rule id, no test statistic). */
  readonly inWords: string;
  /** Open high-severity risk events elsewhere in the portfolio, in words; null when none. */
  readonly alsoOpen: string | null;
  /** Anchor of the mission's entry in the "How this was judged" appendix, e.g. "judged-1". */
  readonly judgedAnchor: string | null;
  /** Anchor of the mission's detail block, e.g. "mission-1", when it has one. */
  readonly missionAnchor?: string | null;
}

function sentenceCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The primary issue of an evaluation, formatted.
 *
 * @example primaryIssueModel(ctx).headline // → "Autonomy regression in Accelerate Sales Pipeline Progression (M002)"
 */
export function primaryIssueModel(ctx: BriefContext): PrimaryIssueModel {
  const { result, options } = ctx;
  const p = result.portfolio;
  const d = p.primaryDriver;
  const basis: BriefFact[] = [
    { label: "As of", value: formatInstant(result.asOf) },
    { label: "Ruleset", value: `${result.ruleset.id} ${result.ruleset.version}` },
    { label: "Generated", value: formatInstant(options.generatedAt) },
  ];
  const confidence = { level: p.confidence.level, reasons: [...p.confidence.reasons] };
  const openElsewhere = ctx.missions
    .filter((m) => m.missionId !== d?.missionId || d?.trigger !== "OPEN_HIGH_RISK")
    .filter((m) => m.metrics.risk.openHighRiskEvents.length > 0);
  const events = openElsewhere.reduce((s, m) => s + m.metrics.risk.openHighRiskEvents.length, 0);
  const alsoOpen = openElsewhere.length
    ? `${d ? "Also open: " : "Open: "}${events === 1 ? "a high-severity risk event" : `${events} high-severity risk events`} in ${listText(openElsewhere.map((m) => m.missionName))}; each keeps its mission at Watch or below until closed or mitigated (see the risk register).`
    : null;
  if (!d) {
    return {
      headline: null,
      trigger: null,
      missionId: null,
      missionName: null,
      severity: null,
      explanation: "No rule fired on any mission: there is no primary issue.",
      evidence: [],
      rankedBy: null,
      action: p.recommendedAction,
      confidence,
      basis,
      inWords: "No rule fired on any mission.",
      alsoOpen,
      judgedAnchor: null,
    };
  }
  const mission = ctx.missions.find((m) => m.missionId === d.missionId);
  const trigger = mission?.triggers.find((t) => t.id === d.trigger);
  const index = ctx.missions.findIndex((m) => m.missionId === d.missionId);
  return {
    headline: `${sentenceCase(triggerText(d.trigger))} in ${d.missionName} (${d.missionId})`,
    trigger: d.trigger,
    missionId: d.missionId,
    missionName: d.missionName,
    severity: d.severity,
    explanation: d.explanation,
    evidence: d.evidence.map(formatEvidence),
    rankedBy: d.rankedBy,
    action: p.recommendedAction,
    confidence,
    basis,
    inWords: mission && trigger ? issueInWords(mission, trigger) : d.explanation,
    alsoOpen,
    judgedAnchor: index >= 0 ? `judged-${index + 1}` : null,
    missionAnchor: index >= 0 && index < options.maxDetailMissions ? `mission-${index + 1}` : null,
  };
}

/**
 * The section as HTML (`<section id="primary-issue">`).
 *
 * @example String(primaryIssueHtml(model.primaryIssue)).startsWith('<section id="primary-issue"') // → true
 */
export function primaryIssueHtml(m: PrimaryIssueModel): SafeHtml {
  const headline = m.headline
    ? m.missionAnchor
      ? html`<p class="lead"><a href="#${m.missionAnchor}"><strong>${m.headline}</strong></a></p>`
      : html`<p class="lead"><strong>${m.headline}</strong></p>`
    : html``;
  const also = m.alsoOpen ? html`<p class="also-open"><a href="#risks">${m.alsoOpen}</a></p>` : html``;
  const judged = m.judgedAnchor
    ? html`<p class="small muted"><a href="#${m.judgedAnchor}">How this was judged: the rule, its figures and thresholds</a></p>`
    : html``;
  const reasons = listHtml(m.confidence.reasons, "No factor lowered confidence.", "reasons");
  return sectionHtml(
    "primary-issue",
    "The primary issue",
    html`<div class="issue-grid">
<div class="issue-main">
${headline}
<p>${m.inWords}</p>
${also}
${judged}
</div>
<aside class="issue-side">
<p class="label">Confidence</p>
<p class="confidence confidence-${m.confidence.level.toLowerCase()}"><strong>${m.confidence.level}</strong></p>
${reasons}
${factsHtml(m.basis, "facts facts-compact")}
</aside>
</div>`,
  );
}
