/**
 * Stability of a mission's KPI: the reference's coefficient of variation (`cv`), or a robust
 * dispersion of the detrended KPI with control-chart limits (`robust`), which does not explode when
 * the mean is near zero and does not mistake a steady trend for instability.
 */
import type { Ruleset } from "../rules/schema";
import { scaledMad } from "../stats/mad";
import { median } from "../stats/quantile";
import { xmrChart } from "../stats/control-chart";
import { round } from "./kpi-compare";
import { MissionSeries } from "./mission-series";
import type { LedgerEntry, StabilityAssessment, TrendAssessment } from "./types";
import { clamp, mean } from "./window";

/**
 * Population coefficient of variation: st.dev ÷ |mean|; 0 for fewer than 2 values or a zero mean.
 *
 * @example coefficientOfVariation([51, 77]) // → 13 / 64 = 0.203125
 */
export function coefficientOfVariation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  if (m === 0) return 0;
  const variance = mean(values.map((v) => (v - m) ** 2));
  return Math.sqrt(variance) / Math.abs(m);
}

function band(
  value: number,
  rules: {
    bands: readonly { below: number; label: string; score: number }[];
    otherwise: { label: string; score: number };
  },
) {
  for (const b of rules.bands) if (value < b.below) return b;
  return rules.otherwise;
}

/**
 * Assesses stability over the mission's entries (oldest first). For `robust`, `trend` supplies the
 * Sen line used to detrend the most recent `trend.n` KPI values.
 *
 * @example assessStability(m002Entries, seedV3.stability, trend).score // → 62
 */
export function assessStability(
  entries: readonly LedgerEntry[],
  rules: Ruleset["stability"],
  trend: TrendAssessment,
): StabilityAssessment {
  return assessStabilityOf(MissionSeries.of(entries), rules, trend);
}

/**
 * {@link assessStability} on a mission series: the `cv` method reads running moments (Welford),
 * `robust` the trend's window (the last `trend.n` of `kpiValues`, by default the series' KPI
 * values; an unconfirmed excursion left out by the caller); `windowLevel` is that window's median
 * |value| when the caller already has it.
 *
 * @example assessStabilityOf(MissionSeries.of(m002Entries), seedV3.stability, trend).score // → 62
 */
export function assessStabilityOf(
  series: MissionSeries,
  rules: Ruleset["stability"],
  trend: TrendAssessment,
  windowLevel?: number,
  kpiValues: readonly number[] = series.kpiValues,
): StabilityAssessment {
  if (rules.method === "cv") {
    const cvDuration = series.durationCv();
    const cvKpi = series.kpiCv();
    const volatility = (cvDuration + cvKpi) / 2;
    const b = band(volatility, rules);
    return {
      label: b.label,
      score: b.score,
      dispersion: volatility,
      method: "cv",
      outOfControlRuns: 0,
      description: `Volatility ${round(volatility, 3)} (mean of the duration and KPI coefficients of variation) → ${b.label}.`,
    };
  }
  const n = Math.min(kpiValues.length, trend.n || kpiValues.length);
  const values = kpiValues.slice(kpiValues.length - n);
  if (values.length < rules.minRuns) {
    return {
      label: "not_assessed",
      score: rules.insufficientScore,
      dispersion: 0,
      method: "robust",
      outOfControlRuns: 0,
      description: `Too few runs to judge stability (${values.length}; at least ${rules.minRuns} needed).`,
    };
  }
  const slope = trend.slopePerRun ?? 0;
  const intercept = trend.intercept ?? median(values);
  const residuals = values.map((v, i) => v - (intercept + slope * i));
  const level = windowLevel ?? median(values.map(Math.abs));
  const dispersion = level > 0 ? scaledMad(residuals) / level : scaledMad(residuals) > 0 ? Infinity : 0;
  const chart = xmrChart(residuals);
  const outOfControl = chart.signals.length;
  const b = band(dispersion, rules);
  const score = clamp(b.score - outOfControl * rules.outOfControlPenalty, 0, 100);
  return {
    label: b.label,
    score,
    dispersion,
    method: "robust",
    outOfControlRuns: outOfControl,
    description:
      `Robust dispersion ${round(dispersion * 100, 1)} % of the typical level (1.4826·MAD of the detrended KPI)` +
      `${outOfControl > 0 ? `, ${outOfControl} run(s) outside the control limits` : ""} → ${b.label}.`,
  };
}
