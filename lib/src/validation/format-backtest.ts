/**
 * The readable text of a backtest: headline agreement, the confusion matrix, precision and recall
 * per status, expected triggers, detection delays, flapping, and every disagreement with its
 * evidence.
 */
import { round } from "../evaluate/kpi-compare";
import type { BacktestMetrics, BacktestReport, Disagreement } from "./backtest";
import { formatEvidence, type StatusEvidence } from "./status-evidence";

/**
 * A 0–1 figure with 2 decimals, or "n/a".
 *
 * @example fixed(0.8333) // → "0.83"
 */
export function fixed(x: number | null, decimals = 2): string {
  return x === null ? "n/a" : x.toFixed(decimals);
}

function pct(x: number | null): string {
  return x === null ? "n/a" : `${round(x * 100, 1)} %`;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/**
 * The metrics part of a backtest as lines of text (shared with sweeps).
 *
 * @example formatBacktestMetrics(report.metrics)[0] // → "Agreement: 31 of 40 labels (77.5 %), Cohen's kappa 0.64"
 */
export function formatBacktestMetrics(m: BacktestMetrics): string[] {
  const agreed = m.confusion.counts.reduce((s, row, i) => s + (row[i] ?? 0), 0);
  const lines = [
    `Agreement: ${agreed} of ${m.labels} labels (${pct(m.accuracy)}), Cohen's kappa ${fixed(m.kappa)}`,
    `Alert "WATCH or worse": precision ${fixed(m.alert.precision)}, recall ${fixed(m.alert.recall)} ` +
      `(${m.alert.truePositives} caught, ${m.alert.falsePositives} false alarms, ${m.alert.falseNegatives} missed)`,
    "",
    "Confusion matrix (rows: labels, columns: evaluator)",
  ];
  const w = 20;
  lines.push(`  ${pad("", w)}${m.confusion.statuses.map((s) => pad(s, w, true)).join("")}`);
  m.confusion.statuses.forEach((s, i) =>
    lines.push(`  ${pad(s, w)}${(m.confusion.counts[i] ?? []).map((c) => pad(String(c), w, true)).join("")}`),
  );
  lines.push(
    "",
    `  ${pad("status", w)}${["precision", "recall", "F1", "labelled", "evaluator"].map((h) => pad(h, 11, true)).join("")}`,
  );
  for (const s of m.perStatus) {
    lines.push(
      `  ${pad(s.status, w)}${[
        fixed(s.precision),
        fixed(s.recall),
        fixed(s.f1),
        String(s.support),
        String(s.predicted),
      ]
        .map((v) => pad(v, 11, true))
        .join("")}`,
    );
  }
  lines.push("");
  if (m.triggers.labeled > 0)
    lines.push(
      `Expected triggers: ${m.triggers.fired} of ${m.triggers.labeled} fired (${pct(m.triggers.rate)})`,
    );
  const d = m.detection;
  if (d.events.length === 0)
    lines.push("Detection: no labelled deterioration (ON_TRACK followed by WATCH or worse)");
  else {
    lines.push(
      `Detection: ${d.events.length} labelled deterioration${d.events.length === 1 ? "" : "s"}, ${d.detected} caught ` +
        `(delay in runs: median ${fixed(d.medianDelayRuns, 1)}, mean ${fixed(d.meanDelayRuns, 1)}, max ${d.maxDelayRuns ?? "n/a"}), ${d.missed} missed`,
    );
    for (const e of d.events) {
      lines.push(
        `  ${e.missionId} from ${e.asOf} (${e.file}:${e.line}, ${e.expectedStatus}): ` +
          (e.delayRuns === null
            ? "never flagged before the next ON_TRACK label or the end"
            : e.delayRuns === 0
              ? "flagged at once"
              : `flagged at run ${e.detectedRunId}, ${e.delayRuns} run${e.delayRuns === 1 ? "" : "s"} later`),
      );
    }
  }
  const f = m.flapping;
  const worst = [...f.byMission].sort((a, b) => b.per100Runs - a.per100Runs)[0];
  lines.push(
    `Flapping: ${f.changes} status change${f.changes === 1 ? "" : "s"} in ${f.runs} runs (${fixed(f.per100Runs, 1)} per 100 runs)` +
      (worst && worst.changes > 0
        ? `; most: ${worst.missionId} (${worst.changes} in ${worst.runs} runs)`
        : ""),
  );
  return lines;
}

/**
 * The evidence behind a status as indented lines.
 *
 * @example formatStatusEvidence(evidence, "    ")[0] // → "    health score 71.2 (outcome 60, trajectory 60, friction 88, risk 100, stability 75)"
 */
export function formatStatusEvidence(e: StatusEvidence, indent: string): string[] {
  const s = e.subscores;
  const lines = [
    `${indent}health score ${e.healthScore} (outcome ${round(s.outcome, 1)}, trajectory ${round(s.trajectory, 1)}, ` +
      `friction ${round(s.friction, 1)}, risk ${round(s.risk, 1)}, stability ${round(s.stability, 1)}) over ${e.runsAnalyzed} runs`,
    `${indent}trend ${e.trend.label}: ${e.trend.description}`,
    `${indent}band: ${e.bandEvidence.map((b) => `${b.rule} ${formatEvidence(b)}`).join("; ")}`,
  ];
  if (e.triggers.length === 0) lines.push(`${indent}triggers: none`);
  for (const t of e.triggers)
    lines.push(`${indent}trigger ${t.id} (${t.severity}): ${t.evidence.map(formatEvidence).join("; ")}`);
  lines.push(`${indent}primary driver: ${e.primaryDriver ? e.primaryDriver.trigger : "none"}`);
  lines.push(
    `${indent}confidence ${e.confidence.level}${e.confidence.reasons.length ? `: ${e.confidence.reasons.join(" ")}` : ""}`,
  );
  return lines;
}

function disagreementLines(d: Disagreement): string[] {
  const head =
    `${d.file}:${d.line} ${d.missionId} as of ${d.asOf} (run ${d.runId}): ` +
    (d.reason === "trigger"
      ? `${d.expectedTrigger} expected to fire, did not (status ${d.predicted} agrees)`
      : `expected ${d.expectedStatus}, evaluator ${d.predicted}` +
        (d.reason === "status and trigger" ? `; ${d.expectedTrigger} did not fire` : ""));
  const lines = [`  ${head}`];
  if (d.note) lines.push(`    label note: ${d.note}${d.labeler ? ` (${d.labeler})` : ""}`);
  return [...lines, ...formatStatusEvidence(d.evidence, "    ")];
}

/**
 * The whole backtest as readable text.
 *
 * @example formatBacktest(report).startsWith("Backtest of ruleset default") // → true
 */
export function formatBacktest(report: BacktestReport): string {
  const r = report;
  const lines = [
    `Backtest of ruleset ${r.ruleset.id} ${r.ruleset.version} on ${r.dataset.folder} ` +
      `(${r.dataset.missions} missions, ${r.dataset.runs} runs replayed) against ${r.metrics.labels} labels`,
    ...formatBacktestMetrics(r.metrics),
    "",
  ];
  if (r.disagreements.length === 0) lines.push("No disagreement.");
  else {
    lines.push(`Disagreements (${r.disagreements.length}):`);
    for (const d of r.disagreements) lines.push(...disagreementLines(d));
  }
  return `${lines.join("\n")}\n`;
}
