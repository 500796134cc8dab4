/**
 * The primary KPI's headline figures, each labelled and never mixed: improvement versus the
 * baseline, change since the first observed run, and the remaining gap to the target.
 */
import type { KpiSpec } from "../model/dataset";
import { improvementPct, meetsTarget, round } from "./kpi-compare";
import type { Ruleset } from "../rules/schema";
import { levelMeetsTarget, type KpiLevel } from "./kpi-level";
import type { KpiFigures } from "./types";

export { meetsTarget } from "./kpi-compare";

/**
 * Computes the figures of a KPI series (oldest first, at least one value). Percentages are
 * rounded to 2 decimals; positive means better in the KPI's direction. The gap is 0 when the
 * target is met and null without a (non-zero) target. With a `level` (the `fitted` level rule),
 * the improvement versus the baseline, the gap and whether the target is met are judged on that
 * current level, the target counting as met within the ruleset's equivalence margin; without
 * one, on the latest value.
 *
 * @example kpiFigures(m003Spec, [5.2, 3.9, 3.2]).improvementFromBaselinePct // → 73.33
 */
export function kpiFigures(
  spec: KpiSpec,
  values: readonly number[],
  level?: KpiLevel,
  levelRules?: Ruleset["level"],
): KpiFigures {
  const first = values[0] as number;
  const latest = values[values.length - 1] as number;
  const current = level && level.method !== "latest" ? level.value : latest;
  const previous = values.length >= 2 ? values[values.length - 2] : undefined;
  const pct = (x: number | null) => (x === null ? null : round(x, 2));
  const fromBaseline =
    spec.baseline === undefined ? null : improvementPct(current, spec.baseline, spec.direction);
  let gap: number | null = null;
  let met: boolean | null = null;
  if (spec.target !== undefined) {
    met = level
      ? levelMeetsTarget(current, spec, levelRules)
      : meetsTarget(latest, spec.target, spec.direction);
    if (met) gap = 0;
    else if (spec.target !== 0) gap = (100 * Math.abs(current - spec.target)) / Math.abs(spec.target);
  }
  return {
    kpi: spec.kpi,
    ...(spec.unit !== undefined ? { unit: spec.unit } : {}),
    direction: spec.direction,
    ...(spec.baseline !== undefined ? { baseline: spec.baseline } : {}),
    ...(spec.target !== undefined ? { target: spec.target } : {}),
    first,
    ...(previous !== undefined ? { previous } : {}),
    latest,
    ...(level && level.method !== "latest"
      ? { currentLevel: { value: level.value, lower: level.lower, upper: level.upper, method: level.method } }
      : {}),
    improvementFromBaselinePct: pct(fromBaseline),
    changeSinceFirstRunPct: pct(values.length >= 2 ? improvementPct(latest, first, spec.direction) : null),
    remainingGapToTargetPct: pct(gap),
    targetMet: met,
  };
}
