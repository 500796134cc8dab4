/**
 * The HTML validation report of a backtest: headline agreement, the confusion matrix and status
 * timelines as charts, precision and recall per status, detection delays, flapping, and every
 * disagreement with its evidence. A self-contained document (no script, no external URL) built
 * with the brief's escaping `html` template and chart modules.
 */
import { confusionMatrixChartSpec } from "../brief/charts/confusion-matrix";
import { statusTimelineChartSpec, type StatusTimelineCell } from "../brief/charts/status-timeline";
import { htmlDocument } from "../brief/document";
import { html, joinHtml, type SafeHtml } from "../brief/html";
import { chartFigure, renderChartSvg } from "../brief/render-svg";
import type { Band } from "../rules/schema";
import { STATUS_ORDER } from "./agreement";
import type { BacktestMetrics, BacktestReport, Disagreement } from "./backtest";
import { fixed } from "./format-backtest";
import type { MissionTimeline } from "./replay";
import { formatEvidence } from "./status-evidence";

/**
 * Most missions drawn in the status timeline chart.
 *
 * @example TIMELINE_MAX_MISSIONS // → 30
 */
export const TIMELINE_MAX_MISSIONS = 30;
/**
 * Most columns per mission in the status timeline chart; longer histories are bucketed.
 *
 * @example TIMELINE_MAX_COLUMNS // → 120
 */
export const TIMELINE_MAX_COLUMNS = 120;

const RANK: Record<Band, number> = { ON_TRACK: 0, WATCH: 1, ATTENTION_REQUIRED: 2 };

/**
 * Cells of the status timeline chart: labelled missions first (then the most flapping), at most
 * {@link TIMELINE_MAX_MISSIONS}; histories longer than {@link TIMELINE_MAX_COLUMNS} runs are cut
 * into equal buckets showing the worst status of each. Marker "✓" on a run (bucket) with labels
 * that agree, "✗" where a label disagrees.
 *
 * @example timelineCells(report).bucket // → 1 (every run is a column)
 */
export function timelineCells(report: BacktestReport): {
  cells: StatusTimelineCell[];
  bucket: number;
  missionsShown: number;
} {
  const labelled = new Map<string, Map<number, boolean>>();
  for (const c of report.cases) {
    const m = labelled.get(c.missionId) ?? new Map<number, boolean>();
    m.set(c.runIndex, (m.get(c.runIndex) ?? true) && c.agree);
    labelled.set(c.missionId, m);
  }
  const changes = new Map(report.metrics.flapping.byMission.map((f) => [f.missionId, f.changes]));
  const chosen = [...report.timelines]
    .sort(
      (a, b) =>
        Number(labelled.has(b.missionId)) - Number(labelled.has(a.missionId)) ||
        (changes.get(b.missionId) ?? 0) - (changes.get(a.missionId) ?? 0) ||
        (a.missionId < b.missionId ? -1 : 1),
    )
    .slice(0, TIMELINE_MAX_MISSIONS)
    .sort((a, b) => (a.missionId < b.missionId ? -1 : 1));
  const longest = Math.max(1, ...chosen.map((t) => t.statuses.length));
  const bucket = Math.ceil(longest / TIMELINE_MAX_COLUMNS);
  const cells: StatusTimelineCell[] = [];
  for (const t of chosen as MissionTimeline[]) {
    const marks = labelled.get(t.missionId);
    for (let start = 0; start < t.statuses.length; start += bucket) {
      let worst: Band = "ON_TRACK";
      let mark: string | undefined;
      for (let i = start; i < Math.min(t.statuses.length, start + bucket); i++) {
        const s = t.statuses[i] as Band;
        if (RANK[s] > RANK[worst]) worst = s;
        const agree = marks?.get(i);
        if (agree === false) mark = "✗";
        else if (agree === true && mark === undefined) mark = "✓";
      }
      cells.push({
        missionName: `${t.missionName} (${t.missionId})`,
        runIndex: start / bucket + 1,
        status: worst,
        ...(mark ? { marker: mark } : {}),
      });
    }
  }
  return { cells, bucket, missionsShown: chosen.length };
}

function statusBadge(s: Band): SafeHtml {
  const cls = s === "ON_TRACK" ? "status-on-track" : s === "WATCH" ? "status-watch" : "status-attention";
  return html`<span class="status ${cls}">${s}</span>`;
}

function metricsTables(m: BacktestMetrics): SafeHtml {
  const rows = m.perStatus.map(
    (s) =>
      html`<tr><td>${statusBadge(s.status)}</td><td class="num">${fixed(s.precision)}</td><td class="num">${fixed(
        s.recall,
      )}</td><td class="num">${fixed(s.f1)}</td><td class="num">${s.support}</td><td class="num">${s.predicted}</td></tr>`,
  );
  const d = m.detection;
  const detection = d.events.map(
    (e) =>
      html`<tr><td>${e.missionId}</td><td>${e.asOf}</td><td>${e.expectedStatus}</td><td>${e.onsetRunId}</td><td>${
        e.detectedRunId ?? "missed"
      }</td><td class="num">${e.delayRuns ?? "—"}</td></tr>`,
  );
  const flap = [...m.flapping.byMission]
    .sort((a, b) => b.per100Runs - a.per100Runs)
    .slice(0, 15)
    .map(
      (f) =>
        html`<tr><td>${f.missionId}</td><td class="num">${f.changes}</td><td class="num">${f.runs}</td><td class="num">${fixed(
          f.per100Runs,
          1,
        )}</td></tr>`,
    );
  return html`<h2>Precision and recall per status</h2>
<p class="muted small">Precision: share of the evaluator's calls of a status that the labels agree with. Recall: share of the labelled cases of a status the evaluator found.</p>
<table><thead><tr><th>Status</th><th class="num">Precision</th><th class="num">Recall</th><th class="num">F1</th><th class="num">Labelled</th><th class="num">Evaluator</th></tr></thead><tbody>${rows}</tbody></table>
<p>Alert “WATCH or worse”: precision ${fixed(m.alert.precision)}, recall ${fixed(m.alert.recall)} (${m.alert.truePositives} caught, ${m.alert.falsePositives} false alarms, ${m.alert.falseNegatives} missed).${
    m.triggers.labeled > 0
      ? ` Expected triggers fired in ${m.triggers.fired} of ${m.triggers.labeled} labels.`
      : ""
  }</p>
<h2>Detection delay</h2>
<p>${d.events.length} labelled deterioration${d.events.length === 1 ? "" : "s"} (a label of WATCH or worse after an ON_TRACK label), ${d.detected} caught, ${d.missed} missed; delay in runs: median ${fixed(d.medianDelayRuns, 1)}, mean ${fixed(d.meanDelayRuns, 1)}, max ${d.maxDelayRuns ?? "n/a"}.</p>
${d.events.length > 0 ? html`<table><thead><tr><th>Mission</th><th>Labelled as of</th><th>Label</th><th>Onset run</th><th>First flagged run</th><th class="num">Delay (runs)</th></tr></thead><tbody>${detection}</tbody></table>` : ""}
<h2>Flapping</h2>
<p>${m.flapping.changes} status changes in ${m.flapping.runs} runs: ${fixed(m.flapping.per100Runs, 1)} per 100 runs.</p>
<table><thead><tr><th>Mission</th><th class="num">Changes</th><th class="num">Runs</th><th class="num">Per 100 runs</th></tr></thead><tbody>${flap}</tbody></table>`;
}

function disagreementItem(d: Disagreement): SafeHtml {
  const e = d.evidence;
  const s = e.subscores;
  const triggers = e.triggers.length
    ? e.triggers.map(
        (t) =>
          html`<li><strong>${t.id}</strong> (${t.severity}): ${t.evidence.map(formatEvidence).join("; ")}</li>`,
      )
    : [html`<li>none</li>`];
  return html`<div class="avoid-break"><h3>${d.missionId} as of ${d.asOf} (run ${d.runId})</h3>
<p>Label ${statusBadge(d.expectedStatus)}${d.expectedTrigger ? ` with ${d.expectedTrigger}` : ""}, evaluator ${statusBadge(
    d.predicted,
  )} — ${d.reason === "trigger" ? "the expected trigger did not fire" : `disagreement on the ${d.reason}`}. <span class="muted small">${d.file}:${d.line}</span></p>
${d.note ? html`<p class="muted">Label note: ${d.note}${d.labeler ? ` (${d.labeler})` : ""}</p>` : ""}
<ul class="small"><li>Health score ${e.healthScore} over ${e.runsAnalyzed} runs (outcome ${fixed(s.outcome, 1)}, trajectory ${fixed(
    s.trajectory,
    1,
  )}, friction ${fixed(s.friction, 1)}, risk ${fixed(s.risk, 1)}, stability ${fixed(s.stability, 1)}).</li>
<li>Trend ${e.trend.label}: ${e.trend.description}</li>
<li>Band: ${e.bandEvidence.map((b) => `${b.rule}: ${formatEvidence(b)}`).join("; ")}</li>
<li>Triggers:<ul>${triggers}</ul></li>
<li>Primary driver: ${e.primaryDriver?.trigger ?? "none"}; confidence ${e.confidence.level}${
    e.confidence.reasons.length ? ` (${e.confidence.reasons.join(" ")})` : ""
  }</li></ul></div>`;
}

/**
 * The validation report as a complete HTML document (charts rendered to inline SVG).
 *
 * @throws Error when a chart cannot be rendered (a bug in the chart specs).
 * @example (await validationReportHtml(report)).startsWith("<!doctype html>") // → true
 */
export async function validationReportHtml(report: BacktestReport): Promise<string> {
  const m = report.metrics;
  const counts = STATUS_ORDER.flatMap((expected, i) =>
    STATUS_ORDER.map((predicted, j) => ({ expected, predicted, count: m.confusion.counts[i]?.[j] ?? 0 })),
  );
  const matrixSvg = await renderChartSvg(confusionMatrixChartSpec({ counts }));
  const { cells, bucket, missionsShown } = timelineCells(report);
  const timelineSvg =
    cells.length > 0
      ? await renderChartSvg(
          statusTimelineChartSpec(
            { cells },
            {
              title:
                bucket > 1 ? `Status by run (each column: ${bucket} runs, worst status)` : "Status by run",
              markerNote: "✓ label agrees, ✗ label disagrees",
            },
          ),
        )
      : undefined;
  const agreed = m.confusion.counts.reduce((s, row, i) => s + (row[i] ?? 0), 0);
  const title = `Rule validation: ${report.ruleset.id} ${report.ruleset.version} on ${report.dataset.folder}`;
  const body = html`<h1>${title}</h1>
<p class="muted">Backtest: the evaluator replayed as of every run of ${report.dataset.missions} missions (${report.dataset.runs} runs) and compared with ${m.labels} analyst labels.</p>
<div class="banner banner-info"><strong>Agreement ${agreed} of ${m.labels} (${m.accuracy === null ? "n/a" : `${fixed(m.accuracy * 100, 1)} %`}), Cohen's kappa ${fixed(m.kappa)}.</strong> Alert “WATCH or worse”: precision ${fixed(m.alert.precision)}, recall ${fixed(m.alert.recall)}. ${report.disagreements.length} disagreement${report.disagreements.length === 1 ? "" : "s"}.</div>
<h2>Confusion matrix</h2>
${chartFigure(matrixSvg, { title: "Labels against the evaluator", caption: "Rows: the analysts' labels; columns: the evaluator's status at the same point. The diagonal is agreement." })}
${metricsTables(m)}
<h2>Status timelines</h2>
${
  timelineSvg
    ? chartFigure(timelineSvg, {
        title: "Status as of every run",
        caption: `${missionsShown} of ${report.timelines.length} missions (labelled ones first).`,
      })
    : html`<p>No runs.</p>`
}
<h2>Disagreements</h2>
${report.disagreements.length === 0 ? html`<p>None: the evaluator agrees with every label.</p>` : joinHtml(report.disagreements.map(disagreementItem))}`;
  return htmlDocument({
    title,
    bodyHtml: body,
    description: "Backtest of the evaluator's rules against analyst labels.",
  });
}
