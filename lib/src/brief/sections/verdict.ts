/**
 * Section 1 — the verdict banner: ON_TRACK / WATCH / ATTENTION_REQUIRED, one sentence of
 * interpretation, and the few facts that frame it (confidence, missions by band, runs, autonomy).
 */
import type { Band } from "../../rules/schema";
import type { BriefContext, BriefFact } from "../brief-types";
import { formatScore, plural } from "../format";
import { html, type SafeHtml } from "../html";
import { bandClass } from "./parts";

/** The verdict banner's content. */
export interface VerdictModel {
  readonly band: Band;
  /** The band in words, e.g. "Attention required". */
  readonly title: string;
  /** The evaluator's interpretation, one sentence. */
  readonly sentence: string;
  /** Confidence, missions by band, runs analysed, average autonomy. */
  readonly facts: readonly BriefFact[];
}

const BAND_TITLES: Readonly<Record<Band, string>> = {
  ON_TRACK: "On track",
  WATCH: "Watch",
  ATTENTION_REQUIRED: "Attention required",
};

/**
 * The verdict banner of an evaluation.
 *
 * @example verdictModel(ctx).band // → "WATCH" (seed portfolio, seed-v3)
 */
export function verdictModel(ctx: BriefContext): VerdictModel {
  const p = ctx.result.portfolio;
  const order: Band[] = ["ATTENTION_REQUIRED", "WATCH", "ON_TRACK"];
  const byBand = order
    .map((b) => [b, p.missions.filter((m) => m.health === b).length] as const)
    .filter(([, n]) => n > 0)
    .map(([b, n]) => `${n} ${BAND_TITLES[b].toLowerCase()}`)
    .join(", ");
  const runs = p.missions.reduce((s, m) => s + m.metrics.runsAnalyzed, 0);
  const facts: BriefFact[] = [
    { label: "Confidence", value: p.confidence.level },
    { label: "Missions", value: `${p.missions.length}${byBand ? ` (${byBand})` : ""}` },
    { label: "Runs analysed", value: plural(runs, "run") },
    {
      label: "Average autonomy",
      value: p.averageAutonomy === null ? "n/a" : `${formatScore(p.averageAutonomy)} / 100`,
    },
  ];
  return { band: p.verdict, title: BAND_TITLES[p.verdict] ?? p.verdict, sentence: p.interpretation, facts };
}

/**
 * The banner as HTML (`<section id="verdict">`).
 *
 * @example String(verdictHtml(model.verdict)).startsWith('<section id="verdict"') // → true
 */
export function verdictHtml(m: VerdictModel): SafeHtml {
  const facts = m.facts.map((f) => html`<div><dt>${f.label}</dt><dd>${f.value}</dd></div>`);
  return html`<section id="verdict" class="brief-section verdict banner banner-${bandClass(m.band)}" aria-label="Verdict">
<p class="verdict-label"><span class="verdict-kicker">Verdict</span> <strong class="verdict-band">${m.band}</strong> <span class="verdict-title">${m.title}</span></p>
<p class="verdict-sentence">${m.sentence}</p>
<dl class="verdict-facts">${facts}</dl>
</section>
`;
}
