/**
 * Plain-text rendering of an evaluation summary for the terminal.
 */
import type { EvaluationSummary } from "./summary";

function pct(value: number | null): string {
  return value === null ? "n/a" : `${value >= 0 ? "+" : ""}${value.toFixed(2)} %`;
}

/**
 * Formats a summary as readable text: verdict, why, confidence, action, then one block per
 * mission.
 *
 * @example formatSummary(summary).split("\n")[0] // → "Verdict: WATCH  (ruleset seed-v3 3.0.0, as of 2026-02-06T11:18:00.000Z)"
 */
export function formatSummary(s: EvaluationSummary): string {
  const lines: string[] = [];
  lines.push(`Verdict: ${s.verdict}  (ruleset ${s.ruleset.id} ${s.ruleset.version}, as of ${s.asOf})`);
  lines.push(`  ${s.interpretation}`);
  if (s.primaryDriver) {
    lines.push(
      `Primary driver: ${s.primaryDriver.trigger} in ${s.primaryDriver.missionName} (${s.primaryDriver.missionId})`,
    );
    lines.push(`  ${s.primaryDriver.explanation}`);
    lines.push(`  Ranked first: ${s.primaryDriver.rankedBy}.`);
  } else {
    lines.push("Primary driver: none (no rule fired)");
  }
  lines.push(`Confidence: ${s.confidence.level}`);
  for (const r of s.confidence.reasons) lines.push(`  - ${r}`);
  lines.push(`Recommended action: ${s.recommendedAction}`);
  lines.push(`Average autonomy: ${s.averageAutonomy ?? "n/a"}`);
  lines.push("");
  for (const m of s.missions) {
    lines.push(
      `${m.missionId}  ${m.missionName}: ${m.health} (health ${m.healthScore}), confidence ${m.confidence.level}`,
    );
    lines.push(
      `  runs ${m.runsAnalyzed}; KPI ${m.kpi ?? "n/a"}${m.unit ? ` (${m.unit})` : ""}; trend ${m.trend}; trajectory ${m.trajectory}${m.timeToTargetDays !== null ? ` (about ${m.timeToTargetDays} days to target)` : ""}`,
    );
    lines.push(
      `  vs baseline ${pct(m.improvementFromBaselinePct)}; since first run ${pct(m.changeSinceFirstRunPct)}; gap to target ${m.remainingGapToTargetPct === null ? "n/a" : `${m.remainingGapToTargetPct.toFixed(2)} %`}`,
    );
    lines.push(`  autonomy ${m.autonomyScore} (human touches ${m.humanTouches}); stability ${m.stability}`);
    if (m.topBottleneck)
      lines.push(
        `  top bottleneck ${m.topBottleneck.taskId} ${m.topBottleneck.taskName}: ${m.topBottleneck.status} ${m.topBottleneck.driver}`,
      );
    for (const t of m.triggers)
      lines.push(`  ! ${t.id}${t.detail ? ` ${t.detail}` : ""} [${t.severity}]: ${t.explanation}`);
    for (const g of m.governance) lines.push(`  governance: ${g}`);
    lines.push(`  action: ${m.recommendedAction}`);
  }
  return lines.join("\n") + "\n";
}
