/**
 * The evidence items triggers carry, each stating the comparison that actually held with its
 * threshold, and the multiplicity gate of the alarms (q-values against the ruleset's q).
 */
import type { Ruleset, TriggerId } from "../rules/schema";
import { round } from "./kpi-compare";
import type { Evidence, MissionMetrics } from "./types";

/**
 * One evidence item; numbers rounded to 4 decimals.
 *
 * @example ev("KPI_PLATEAU", "target_met", false, "=", false, 12).comparison // → "="
 */
export function ev(
  rule: TriggerId,
  metric: string,
  value: Evidence["value"],
  comparison: string,
  threshold: Evidence["threshold"],
  runsConsidered: number,
): Evidence {
  return {
    rule,
    metric,
    value: typeof value === "number" ? round(value, 4) : value,
    comparison,
    threshold,
    runsConsidered,
  };
}

/** "≤" or ">" — the comparison of `value` with `threshold` that actually holds. */
/** @example atMost(0.03, 0.05) // → "≤" */
export function atMost(value: number, threshold: number): string {
  return value <= threshold ? "≤" : ">";
}

/** "≥" or "<" — likewise. */
/** @example atLeast(0.03, 0.05) // → "<" */
export function atLeast(value: number, threshold: number): string {
  return value >= threshold ? "≥" : "<";
}

export function trendEvidence(
  rule: TriggerId,
  m: MissionMetrics,
  expected: string,
  rules: Ruleset,
): Evidence[] {
  const t = m.trend;
  const tr = rules.trend;
  const listed = expected.split("|").includes(t.label);
  const many = expected.includes("|");
  const out = [
    ev(rule, "trend", t.label, many ? (listed ? "in" : "not in") : listed ? "=" : "≠", expected, t.n),
  ];
  if (t.levelShift) {
    const cp = tr.method === "mann_kendall" ? tr.changePoint : undefined;
    out.push(
      ev(
        rule,
        "level_shift_pettitt_p_value",
        t.levelShift.pValue,
        atMost(t.levelShift.pValue, cp?.alpha ?? 1),
        cp?.alpha ?? null,
        t.windowRuns ?? t.n,
      ),
    );
  }
  if (t.mannKendall && tr.method === "mann_kendall") {
    out.push(
      ev(
        rule,
        "mann_kendall_p_value",
        t.mannKendall.pValue,
        atMost(t.mannKendall.pValue, tr.alpha),
        tr.alpha,
        t.n,
      ),
    );
  }
  if (t.serialCorrelation && t.serialCorrelation.varianceFactor > 1) {
    out.push(
      ev(
        rule,
        "variance_inflation_serial_correlation",
        t.serialCorrelation.varianceFactor,
        "applied ×",
        null,
        t.n,
      ),
    );
  }
  if (t.relativeChange !== undefined && tr.method === "mann_kendall") {
    const size = Math.abs(t.relativeChange);
    out.push(
      ev(rule, "abs_relative_change", size, atLeast(size, tr.minRelativeChange), tr.minRelativeChange, t.n),
    );
  }
  return out;
}

/** Evidence of an alarm's q-value against the ruleset's q (none without an adjustment). */
export function qEvidence(
  rule: TriggerId,
  m: MissionMetrics,
  q: number | undefined,
  family: "trendTests" | "touchTests",
): Evidence[] {
  if (q === undefined || !m.alarmQ) return [];
  const a = m.alarmQ;
  const kind = family === "trendTests" ? "trend" : "touch";
  return [
    ev(rule, `q_value_${a.method}_of_${a[family]}_${kind}_tests`, q, atMost(q, a.q), a.q, m.runsAnalyzed),
  ];
}

/** True when the alarm survives the multiplicity adjustment (always, without one). */
export function survives(m: MissionMetrics, q: number | undefined): boolean {
  return !m.alarmQ || q === undefined || q <= m.alarmQ.q;
}
