/**
 * Stage 2b — many missions, many tests: the p-values of the alarms that can move a band (a
 * worsening trend or level shift, rising human touches) are adjusted for the false discovery rate
 * across every test of the portfolio (Benjamini–Hochberg, or Benjamini–Yekutieli under any
 * dependence), so adding healthy missions does not make a portfolio more likely to be flagged.
 * Each mission's trend label stays its own test's; only the alarms read the q-values.
 */
import type { Ruleset } from "../rules/schema";
import { benjaminiHochberg, benjaminiYekutieli } from "../stats/fdr";
import type { AlarmQValues, MissionMetrics, TrendAssessment } from "./types";

/**
 * The p-value behind a trend alarm: the level shift's (Pettitt) when the trend is a shift, else
 * the Mann–Kendall test's; undefined when no test was run.
 *
 * @example trendAlarmP({ label: "worsening", method: "mann_kendall", n: 30, mannKendall: { s: -120, pValue: 0.01, method: "exact" }, description: "" }) // → 0.01
 */
export function trendAlarmP(trend: TrendAssessment): number | undefined {
  return trend.levelShift?.pValue ?? trend.mannKendall?.pValue;
}

/**
 * Mission metrics with the q-values of their alarm tests (`alarmQ`), adjusted across all the
 * given missions by the ruleset's `multiplicity` method, one family per kind of alarm: the trend
 * tests together, the touch tests together (each family's false discovery rate is at most `q`). Returns the metrics unchanged
 * (the same objects) when the ruleset adjusts nothing. Pure: the inputs are not modified.
 *
 * @example adjustAlarms([m1, m2], defaultRules)[0].alarmQ?.trend // → the BH q-value of m1's trend test among the 2–4 tests
 */
export function adjustAlarms(metrics: readonly MissionMetrics[], rules: Ruleset): MissionMetrics[] {
  const m = rules.multiplicity;
  if (!m || m.method === "none") return [...metrics];
  const method = m.method;
  const p: number[] = [];
  const slots: { mission: number; test: "trend" | "touches" }[] = [];
  metrics.forEach((x, i) => {
    const trendP = trendAlarmP(x.trend);
    if (trendP !== undefined) {
      p.push(trendP);
      slots.push({ mission: i, test: "trend" });
    }
    if (x.autonomy.pValue !== undefined) {
      p.push(x.autonomy.pValue);
      slots.push({ mission: i, test: "touches" });
    }
  });
  // One family per kind of alarm (trend tests across missions; touch tests across missions).
  const adjust = m.method === "by" ? benjaminiYekutieli : benjaminiHochberg;
  const found: { trend?: number; touches?: number }[] = metrics.map(() => ({}));
  const sizes = { trend: 0, touches: 0 };
  for (const test of ["trend", "touches"] as const) {
    const ks = slots.flatMap((slot, k) => (slot.test === test ? [k] : []));
    const q = adjust(ks.map((k) => p[k]!));
    ks.forEach((k, j) => {
      found[slots[k]!.mission]![test] = q[j]!;
    });
    sizes[test] = ks.length;
  }
  return metrics.map((x, i) => {
    const alarmQ: AlarmQValues = {
      method,
      q: m.q,
      trendTests: sizes.trend,
      touchTests: sizes.touches,
      ...found[i],
    };
    return { ...x, alarmQ };
  });
}
