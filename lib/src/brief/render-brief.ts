/**
 * The executive brief as one self-contained HTML document: the brief model's sections in order,
 * every chart rendered to inline SVG in a numbered `<figure>`, the print stylesheet inline, a
 * Content-Security-Policy that allows nothing to load, no script and no external URL.
 */
import type { EvaluationResult } from "../evaluate/types";
import { BRIEF_LAYOUT_CSS } from "./brief-css";
import { briefCharts, buildBriefModel, type BriefModel } from "./brief-model";
import type { BriefChart, BriefOptions } from "./brief-types";
import { htmlDocument } from "./document";
import { html, type SafeHtml } from "./html";
import { chartFigure, renderChartSvg } from "./render-svg";
import { autonomyHtml } from "./sections/autonomy";
import { focusHtml } from "./sections/focus";
import { governanceHtml } from "./sections/governance";
import { missionDetailsHtml } from "./sections/mission-detail";
import { missionTableHtml } from "./sections/mission-table";
import { primaryIssueHtml } from "./sections/primary-issue";
import { judgedHtml } from "./sections/judged";
import { proofHtml } from "./sections/proof";
import { riskRegisterHtml } from "./sections/risks";
import { sinceHtml } from "./sections/since";
import { trajectoryHtml } from "./sections/trajectory";
import { verdictHtml } from "./sections/verdict";

/** Options of {@link renderBriefModelHtml}. */
export interface RenderBriefHtmlOptions {
  /** Told each warning from Vega-Lite or Vega while charts render (default: ignored). */
  readonly onChartWarning?: (message: string) => void;
}

/**
 * Renders every chart of a model to SVG, one after the other (Vega is single-threaded), keyed by
 * chart id.
 *
 * @throws Error when a chart spec fails to render (a bug: specs are built from validated data).
 */
async function renderCharts(
  charts: readonly BriefChart[],
  options: RenderBriefHtmlOptions,
): Promise<Map<string, string>> {
  const svgs = new Map<string, string>();
  for (const chart of charts) {
    const svg = await renderChartSvg(chart.spec, {
      inline: true,
      ...(options.onChartWarning ? { onWarning: options.onChartWarning } : {}),
    });
    svgs.set(chart.id, svg);
  }
  return svgs;
}

/**
 * The HTML document of a brief model (see {@link renderBriefHtml}).
 *
 * @throws Error when a chart fails to render.
 * @example (await renderBriefModelHtml(buildBriefModel(result))).startsWith("<!doctype html>") // → true
 */
export async function renderBriefModelHtml(
  model: BriefModel,
  options: RenderBriefHtmlOptions = {},
): Promise<string> {
  const charts = briefCharts(model);
  const svgs = await renderCharts(charts, options);
  const numbers = new Map(charts.map((c, i) => [c.id, i + 1]));
  const figure = (chart: BriefChart): SafeHtml =>
    chartFigure(svgs.get(chart.id) ?? "", {
      id: chart.id,
      title: `Figure ${numbers.get(chart.id) ?? 0}.`,
      caption: chart.caption,
    });
  const body = html`<header class="brief-header">
<p class="kicker">Executive brief</p>
<h1>${model.title}</h1>
<p class="subtitle">${model.subtitle} · generated ${model.generated}</p>
</header>
<main>
${verdictHtml(model.verdict)}
${primaryIssueHtml(model.primaryIssue)}
${focusHtml(model.focus)}
${model.since ? sinceHtml(model.since) : ""}
${riskRegisterHtml(model.risks)}
${trajectoryHtml(model.trajectory, figure)}
${proofHtml(model.proof)}
${autonomyHtml(model.autonomy, figure)}
${missionTableHtml(model.missionTable, model.missionTableNote)}
${missionDetailsHtml(model.missionDetails, figure)}
${governanceHtml(model.governance)}
${judgedHtml(model.judged)}
</main>`;
  return htmlDocument({
    title: `${model.title} · as of ${model.asOfDate}`,
    bodyHtml: body,
    paper: model.paper,
    css: BRIEF_LAYOUT_CSS,
    description: `Verdict ${model.verdict.band}: ${model.verdict.sentence}`,
  });
}

/**
 * The executive brief of an evaluation as one self-contained HTML document (UTF-8 string):
 * verdict, primary issue and confidence, portfolio trajectory, proof, key focus area, autonomy,
 * mission table, per-mission details with charts, governance and data quality. Charts are inline
 * SVG rendered in Node (no script in the document); everything from the data is escaped; the
 * document loads nothing (CSP `default-src 'none'`). Deterministic: the same result and options
 * give the same bytes (the generation stamp defaults to the as-of instant, never the clock).
 *
 * @throws RangeError when an option is invalid; Error when a chart fails to render.
 * @example const doc = await renderBriefHtml(evaluate(dataset, ruleset), { paper: "letter" });
 *   doc.includes('<section id="verdict"') // → true
 */
export async function renderBriefHtml(result: EvaluationResult, options: BriefOptions = {}): Promise<string> {
  return renderBriefModelHtml(buildBriefModel(result, options));
}
