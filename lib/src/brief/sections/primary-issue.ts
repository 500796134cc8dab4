/**
 * Section 2 — the primary issue and why: the portfolio's primary driver with its evidence and why
 * it outranked the others, the recommended action, the confidence level with its reasons, and
 * the as-of date, ruleset and generation stamp the verdict rests on.
 */
import type { ConfidenceLevel } from "../../evaluate/types";
import type { BriefContext, BriefFact } from "../brief-types";
import { formatEvidence, formatInstant, triggerText } from "../format";
import { html, type SafeHtml } from "../html";
import { factsHtml, listHtml, sectionHtml } from "./parts";

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
    };
  }
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
  };
}

/**
 * The section as HTML (`<section id="primary-issue">`).
 *
 * @example String(primaryIssueHtml(model.primaryIssue)).startsWith('<section id="primary-issue"') // → true
 */
export function primaryIssueHtml(m: PrimaryIssueModel): SafeHtml {
  const headline = m.headline
    ? html`<p class="lead"><strong>${m.headline}</strong> <span class="muted small">${m.trigger} · severity ${m.severity}</span></p>`
    : html``;
  const evidence = m.evidence.length
    ? html`<p class="label">Evidence</p>${listHtml(m.evidence, "", "evidence")}`
    : html``;
  const ranked = m.rankedBy
    ? html`<p><span class="label-inline">Why first:</span> ${m.rankedBy}.</p>`
    : html``;
  const reasons = listHtml(m.confidence.reasons, "No factor lowered confidence.", "reasons");
  return sectionHtml(
    "primary-issue",
    "Primary issue and why",
    html`<div class="issue-grid">
<div class="issue-main">
${headline}
<p>${m.explanation}</p>
${evidence}
${ranked}
<p class="action"><span class="label-inline">What to fix next:</span> ${m.action}</p>
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
