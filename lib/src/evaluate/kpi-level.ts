/**
 * Where the KPI stands now: the current level with its uncertainty (the `fitted` level rule), the
 * unconfirmed excursion of a last run far outside the others, and the pace in calendar time that
 * the trajectory projects from. Under the `latest` rule the last run's value is the level, as in
 * the reference engine.
 */
import type { KpiSpec } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import { scaledMad } from "../stats/mad";
import { normalQuantile } from "../stats/normal";
import { median } from "../stats/quantile";
import { hampelOutlier } from "../stats/robust-limits";
import { senSlope } from "../stats/sen-slope";
import { meetsTarget } from "./kpi-compare";
import type { TrendAssessment } from "./types";

const DAY_MS = 86_400_000;

/** The current level of the primary KPI (KPI units) and how it was estimated. */
export interface KpiLevel {
  /** `latest`: the last run; `trend_line`: the trend line at the last run; `recent_median`: median of recent runs. */
  readonly method: "latest" | "trend_line" | "recent_median";
  readonly value: number;
  /** Interval at `ciLevel` (equal to the value under `latest`). */
  readonly lower: number;
  readonly upper: number;
  readonly ciLevel: number;
  /** Runs the estimate reads. */
  readonly runs: number;
  /** True when the whole interval lies within the equivalence margin of the target (null: no target). */
  readonly intervalWithinMargin: boolean | null;
}

/** A last run far outside the others: reported, not yet acted on. */
export interface KpiExcursion {
  readonly value: number;
  /** Median and robust scale (1.4826·MAD) of the other runs of the window. */
  readonly median: number;
  readonly scale: number;
  /** |value − median| ÷ scale. */
  readonly score: number;
  readonly threshold: number;
  readonly direction: "better" | "worse";
}

/** The pace of the KPI against elapsed days (Theil–Sen on time), over the trend's stretch. */
export interface CalendarPace {
  /** KPI units per day, with its interval (the trend's confidence level and variance factor). */
  readonly slopePerDay: number;
  readonly lower: number;
  readonly upper: number;
  /** Fitted value at the last run. */
  readonly fittedAtLast: number;
  readonly runs: number;
  /** The stretch's residuals around this line, oldest first (value units). */
  readonly residuals: readonly number[];
  /** Days from the stretch's first to its last run. */
  readonly spanDays: number;
}

/**
 * Whether the last of `values` is an unconfirmed excursion against the other runs of the trend
 * window (Hampel: more than `excursionK` robust deviations from their median); undefined when it
 * is not, when the run before it already stood out on the same side (the move is confirmed), the
 * rule is not `fitted`, or there are fewer than `minRuns` other runs.
 *
 * @example kpiExcursion([10, 11, 10, 9, 10, 11, 10, 50], "lower_is_better", fitted, 6)?.direction // → "worse"
 */
export function kpiExcursion(
  values: readonly number[],
  direction: KpiSpec["direction"],
  rules: Ruleset["level"],
  minRuns: number,
  windowRuns = values.length,
): KpiExcursion | undefined {
  if (!rules || rules.method !== "fitted") return undefined;
  const window = values.length > windowRuns ? values.slice(values.length - windowRuns) : values;
  if (window.length - 1 < minRuns) return undefined;
  const last = window.length - 1;
  const h = hampelOutlier(window, last, rules.excursionK);
  if (!h.outlier) return undefined;
  const value = window[last] as number;
  // Confirmed when the run before already stood out on the same side (against the runs before
  // it): a move under way, not a single excursion.
  const before = window.slice(0, last);
  const prev = hampelOutlier(before, before.length - 1, rules.excursionK);
  const prevValue = before[before.length - 1] as number;
  if (prev.outlier && Math.sign(prevValue - prev.median) === Math.sign(value - h.median)) return undefined;
  const worse = direction === "lower_is_better" ? value > h.median : value < h.median;
  return {
    value,
    median: h.median,
    scale: h.scale,
    score: h.score,
    threshold: rules.excursionK,
    direction: worse ? "worse" : "better",
  };
}

/**
 * The pace of the trend's stretch (its last `trend.n` values) against elapsed days: Theil–Sen
 * slope per day with the Kendall interval widened by the trend's serial-correlation factor.
 * Undefined with fewer than 3 runs or all runs at one instant.
 *
 * @example calendarPace([10, 9, 8], [0, 86400000, 172800000], trend, 0.95)?.slopePerDay // → -1
 */
export function calendarPace(
  values: readonly number[],
  startMs: readonly number[],
  trend: TrendAssessment,
  ciLevel: number,
): CalendarPace | undefined {
  const n = Math.min(trend.n, values.length);
  if (n < 3) return undefined;
  const y = values.slice(values.length - n);
  const t = startMs.slice(startMs.length - n);
  const t0 = t[0] as number;
  const x = t.map((ms) => (ms - t0) / DAY_MS);
  const spanDays = (x[n - 1] as number) - (x[0] as number);
  if (!(spanDays > 0)) return undefined;
  const sen = senSlope(y, {
    x,
    ciLevel,
    varianceFactor: trend.serialCorrelation?.varianceFactor ?? 1,
  });
  return {
    slopePerDay: sen.slope,
    lower: sen.lower,
    upper: sen.upper,
    fittedAtLast: sen.intercept + sen.slope * (x[n - 1] as number),
    runs: n,
    residuals: y.map((v, i) => v - (sen.intercept + sen.slope * (x[i] as number))),
    spanDays,
  };
}

function withinMargin(value: number, spec: KpiSpec, margin: number): boolean {
  if (spec.target === undefined) return false;
  // The target moved by the margin in the worse direction, then the one target comparison.
  const tolerance = margin * Math.abs(spec.target);
  const lenient = spec.direction === "lower_is_better" ? spec.target + tolerance : spec.target - tolerance;
  return meetsTarget(value, lenient, spec.direction);
}

/**
 * True when a level meets the target within the ruleset's equivalence margin (a share of |target|;
 * 0 under `latest`, where the comparison is strict as in the reference engine).
 *
 * @example levelMeetsTarget(5.2, { ...spec, target: 5, direction: "lower_is_better" }, fitted) // → true (within 5 %)
 */
export function levelMeetsTarget(value: number, spec: KpiSpec, rules: Ruleset["level"]): boolean {
  return withinMargin(value, spec, rules?.method === "fitted" ? rules.equivalenceMargin : 0);
}

/**
 * The current level of the KPI from the values the trend read (oldest first, an excursion left
 * out). `fitted`: on a significant trend the trend line at the last run (calendar pace when
 * given, else the Sen line per run), raised or lowered by the median residual of the last
 * `lineAnchorRuns` runs, with the interval of a fitted value, its variance inflated by
 * the trend's serial-correlation factor; otherwise the median of the last `recentRuns` runs of
 * the trend's stretch with the interval of a median (1.2533·σ/√n_eff); σ is the 1.4826·MAD of the
 * residuals. `latest`: the last value, no interval.
 *
 * @example kpiLevel([10, 10.2, 9.8, 10.1, 9.9, 10], spec, flatTrend, undefined, fitted).method // → "recent_median"
 */
export function kpiLevel(
  values: readonly number[],
  spec: KpiSpec,
  trend: TrendAssessment,
  pace: CalendarPace | undefined,
  rules: Ruleset["level"],
): KpiLevel {
  const latest = values[values.length - 1] as number;
  // Too little history to judge a trend: the last run is all there is to say (no fitted level).
  if (!rules || rules.method === "latest" || values.length < 3 || trend.label === "insufficient_data") {
    return {
      method: "latest",
      value: latest,
      lower: latest,
      upper: latest,
      ciLevel: 0,
      runs: 1,
      intervalWithinMargin: spec.target === undefined ? null : levelMeetsTarget(latest, spec, rules),
    };
  }
  const factor = trend.serialCorrelation?.varianceFactor ?? 1;
  const z = normalQuantile(1 - (1 - rules.ciLevel) / 2);
  const stretch = values.slice(values.length - Math.min(trend.n || values.length, values.length));
  const m = stretch.length;
  const trending = trend.label === "improving" || trend.label === "worsening";
  let value: number;
  let se: number;
  let runs: number;
  let method: KpiLevel["method"];
  if (trending && trend.slopePerRun !== undefined && trend.intercept !== undefined && m >= 3) {
    // The fitted line at the last run (x in runs: the Sen line), its height anchored on the most
    // recent runs: a trend that slows down is not extrapolated past where the runs are.
    const xs = Array.from({ length: m }, (_, i) => i);
    const slope = trend.slopePerRun;
    const residuals = stretch.map((v, i) => v - ((trend.intercept as number) + slope * i));
    const own = pace ? pace.residuals : residuals;
    const anchor = median(own.slice(Math.max(0, own.length - rules.lineAnchorRuns)));
    value = (pace ? pace.fittedAtLast : trend.intercept + slope * (m - 1)) + anchor;
    const sigma = scaledMad(residuals);
    const mean = (m - 1) / 2;
    const sxx = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
    se = sigma * Math.sqrt(factor * (1 / m + (m - 1 - mean) ** 2 / sxx));
    runs = m;
    method = "trend_line";
  } else {
    const recentValues = stretch.slice(Math.max(0, m - rules.recentRuns));
    const k = recentValues.length;
    value = median(recentValues);
    const sigma = scaledMad(stretch.map((v) => v - median(stretch)));
    se = (1.2533 * sigma) / Math.sqrt(Math.max(1, k / factor));
    runs = k;
    method = "recent_median";
  }
  const lower = value - z * se;
  const upper = value + z * se;
  return {
    method,
    value,
    lower,
    upper,
    ciLevel: rules.ciLevel,
    runs,
    intervalWithinMargin:
      spec.target === undefined
        ? null
        : withinMargin(lower, spec, rules.equivalenceMargin) &&
          withinMargin(upper, spec, rules.equivalenceMargin),
  };
}
