/**
 * Section 4 — proof: concrete wins, i.e. missions whose primary KPI is improving or has met its
 * target, each with its labelled figures (vs baseline, vs the first observed run, gap to target —
 * never mixed). When there is none, the section says so.
 */
import type { BriefContext } from "../brief-types";
import { trendText } from "../format";
import { html, type SafeHtml } from "../html";
import { kpiText, type LabelledFigure } from "../kpi-text";
import { sectionHtml } from "./parts";

/** One win. */
export interface ProofItem {
  readonly missionId: string;
  readonly missionName: string;
  /** Why it counts: "improving", "target met" or "improving, target met". */
  readonly why: string;
  /** e.g. "resolution time 12.0 h baseline → 3.2 h latest". */
  readonly headline: string;
  readonly figures: readonly LabelledFigure[];
  /** Headline and figures as one sentence. */
  readonly sentence: string;
}

/** The proof section's content. */
export interface ProofModel {
  /** Wins, weakest mission first (at most `maxListItems`). */
  readonly items: readonly ProofItem[];
  /** Wins not listed. */
  readonly more: number;
  /** Shown when there is no win. */
  readonly none: string | null;
}

/**
 * The wins of an evaluation: missions whose trend is improving or whose target is met (weakest
 * mission first, like the rest of the brief).
 *
 * @example proofModel(ctx).items.find((i) => i.missionId === "M003")?.sentence
 *   // → "resolution time 12.0 h baseline → 3.2 h latest: 73.33 % better than baseline; 38.46 % better than the first observed run (5.2 h); target 4.0 h met."
 */
export function proofModel(ctx: BriefContext): ProofModel {
  const items: ProofItem[] = [];
  for (const m of ctx.missions) {
    const f = m.metrics.figures;
    if (!f) continue;
    const improving = m.metrics.trend.label === "improving";
    const met = f.targetMet === true;
    if (!improving && !met) continue;
    const t = kpiText(f, m.metrics.runsAnalyzed);
    items.push({
      missionId: m.missionId,
      missionName: m.missionName,
      why: [improving ? trendText("improving") : "", met ? "target met" : ""].filter(Boolean).join(", "),
      headline: t.headline,
      figures: t.figures,
      sentence: t.sentence,
    });
  }
  return {
    items: items.slice(0, ctx.options.maxListItems),
    more: Math.max(0, items.length - ctx.options.maxListItems),
    none: items.length
      ? null
      : "No proof of progress yet: no mission has an improving KPI trend or has reached its target.",
  };
}

/**
 * The section as HTML (`<section id="proof">`).
 *
 * @example String(proofHtml(model.proof)).startsWith('<section id="proof"') // → true
 */
export function proofHtml(m: ProofModel): SafeHtml {
  const items = m.items.map(
    (i) =>
      html`<li><strong>${i.missionName}</strong> <span class="muted">(${i.missionId}; ${i.why})</span><br>${i.sentence}</li>`,
  );
  return sectionHtml(
    "proof",
    "Proof of progress",
    m.items.length
      ? html`<ul class="proof">${items}</ul>${m.more ? html`<p class="small muted">… and ${m.more} more missions improving or at target (see the mission table).</p>` : ""}`
      : html`<p>${m.none}</p>`,
  );
}
