/**
 * The primary KPI's trend, by the ruleset's method: the reference engine's three-point comparison
 * (`three_point`) or a Mann–Kendall test with Sen's slope and a practical-effect threshold
 * (`mann_kendall`), which keeps apart improving, worsening, flat (evidence of no material change),
 * no clear trend (not enough evidence either way) and insufficient data.
 */
import type { KpiDirection } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import { mannKendall, type MannKendallResult } from "../stats/mann-kendall";
import { senSlope, type SenSlopeResult } from "../stats/sen-slope";
import { median } from "../stats/quantile";
import { formatP, isBetter, isFlat, round } from "./kpi-compare";
import type { TrendAssessment, TrendLabel } from "./types";

/**
 * Mann–Kendall, Sen's slope and the median |value| of the trend window, when the caller keeps them
 * up to date (a mission series' sliding window does): must equal what `mannKendall`, `senSlope`
 * and `median` give on the window's values.
 */
export interface TrendWindowStats {
  readonly mannKendall: Pick<MannKendallResult, "s" | "pValue" | "method">;
  readonly sen: Pick<SenSlopeResult, "slope" | "lower" | "upper" | "intercept">;
  readonly level: number;
}

type ThreePoint = Extract<Ruleset["trend"], { method: "three_point" }>;
type MannKendallRules = Extract<Ruleset["trend"], { method: "mann_kendall" }>;

function fmt(value: number): string {
  return String(round(value, 2));
}

function rawChange(values: readonly number[], unit: string | undefined): string {
  const first = values[0] as number;
  const latest = values[values.length - 1] as number;
  const u = unit ? ` ${unit}` : "";
  if (values.length === 1) return `one observation (${fmt(first)}${u})`;
  return `moved from ${fmt(first)}${u} to ${fmt(latest)}${u} over ${values.length} runs`;
}

function threePoint(
  values: readonly number[],
  direction: KpiDirection,
  rules: ThreePoint,
  unit?: string,
): TrendAssessment {
  const n = values.length;
  if (n < rules.minRuns) {
    return {
      label: "insufficient_data",
      method: "three_point",
      n,
      description: `Too few runs to judge a trend (${n} < ${rules.minRuns}): the KPI ${rawChange(values, unit)}.`,
    };
  }
  const first = values[0] as number;
  const prev = values[n - 2] as number;
  const latest = values[n - 1] as number;
  const tol = rules.tolerance;
  let label: TrendLabel;
  if (isFlat(latest, prev, tol) && isFlat(latest, first, tol)) label = "flat";
  else if (isBetter(latest, prev, direction, tol) && isBetter(latest, first, direction, tol))
    label = "improving";
  else if (isBetter(prev, latest, direction, tol) && isBetter(first, latest, direction, tol))
    label = "worsening";
  else label = "flat";
  return {
    label,
    method: "three_point",
    n,
    description: `Latest ${fmt(latest)} compared with the previous run (${fmt(prev)}) and the first (${fmt(first)}) at ±${round(tol * 100, 2)} %: ${label.replace("_", " ")}.`,
  };
}

function mannKendallTrend(
  allValues: readonly number[],
  direction: KpiDirection,
  rules: MannKendallRules,
  unit?: string,
  windowStats?: () => TrendWindowStats,
): TrendAssessment {
  const values = allValues.length > rules.maxWindowRuns ? allValues.slice(-rules.maxWindowRuns) : allValues;
  const n = values.length;
  const windowNote =
    values.length < allValues.length ? ` (most recent ${n} of ${allValues.length} runs)` : "";
  if (n < rules.minRuns) {
    return {
      label: "insufficient_data",
      method: "mann_kendall",
      n,
      description: `Too few runs to judge a trend (${n}; at least ${rules.minRuns} needed): the KPI ${rawChange(values, unit)}. This is a description, not a trend.`,
    };
  }
  const tracked = windowStats?.();
  const mk = tracked?.mannKendall ?? mannKendall(values);
  const sen = tracked?.sen ?? senSlope(values, { ciLevel: rules.ciLevel });
  const level = tracked?.level ?? median(values.map(Math.abs));
  const scale = level > 0 ? (n - 1) / level : 0;
  const sign = direction === "lower_is_better" ? -1 : 1;
  // Relative change across the window, signed so that positive means better.
  const relativeChange = sign * sen.slope * scale;
  const ciRel: [number, number] = [sen.lower * scale, sen.upper * scale];
  const significant = mk.pValue <= rules.alpha;
  const material = Math.abs(relativeChange) >= rules.minRelativeChange;
  let label: TrendLabel;
  if (significant && material && relativeChange !== 0) label = relativeChange > 0 ? "improving" : "worsening";
  else if (level > 0 && Math.max(Math.abs(ciRel[0]), Math.abs(ciRel[1])) <= rules.flatMargin) label = "flat";
  else label = "no_clear_trend";
  const pct = (x: number) => `${x >= 0 ? "+" : ""}${round(x * 100, 1)} %`;
  const u = unit ? ` ${unit}` : "";
  const description =
    `Mann–Kendall over ${n} runs${windowNote}: S = ${mk.s}, p ${formatP(mk.pValue)}; ` +
    `Sen slope ${fmt(sen.slope)}${u} per run (${Math.round(rules.ciLevel * 100)} % CI ${fmt(sen.lower)} to ${fmt(sen.upper)}), ` +
    `${pct(relativeChange)} of the typical level across the window in the better direction → ${label.replace(/_/g, " ")}.`;
  return {
    label,
    method: "mann_kendall",
    n,
    mannKendall: { s: mk.s, pValue: mk.pValue, method: mk.method },
    slopePerRun: sen.slope,
    slopeCi: [sen.lower, sen.upper],
    // senSlope's x is 1..n; shift to a 0-based run index within the window.
    intercept: sen.intercept + sen.slope,
    relativeChange,
    description,
  };
}

/**
 * Classifies the trend of a primary-KPI series (ordered oldest first) by the ruleset's method.
 * `unit` only decorates the description. `windowStats` supplies the Mann–Kendall window's
 * statistics when the caller tracks them incrementally (the results are the same).
 *
 * @example assessTrend([3.1, 2.6, 2.1], "lower_is_better", seedV3.trend).label // → "improving"
 */
export function assessTrend(
  values: readonly number[],
  direction: KpiDirection,
  rules: Ruleset["trend"],
  unit?: string,
  windowStats?: () => TrendWindowStats,
): TrendAssessment {
  if (values.length === 0) {
    return {
      label: "insufficient_data",
      method: rules.method,
      n: 0,
      description: "No run carries the primary KPI.",
    };
  }
  return rules.method === "three_point"
    ? threePoint(values, direction, rules, unit)
    : mannKendallTrend(values, direction, rules, unit, windowStats);
}
