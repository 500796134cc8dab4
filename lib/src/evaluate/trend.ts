/**
 * The primary KPI's trend, by the ruleset's method: the reference engine's three-point comparison
 * (`three_point`) or a Mann–Kendall test with Sen's slope and a practical-effect threshold
 * (`mann_kendall`), which keeps apart improving, worsening, flat (evidence of no material change),
 * no clear trend (not enough evidence either way) and insufficient data.
 */
import type { KpiDirection } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import { biasCorrectedLag1 } from "../stats/autocorrelation";
import { mannKendall, type MannKendallResult } from "../stats/mann-kendall";
import { hamedRaoFactor, modifiedMannKendall, yueWangFactor } from "../stats/modified-mann-kendall";
import { hingeFit } from "../stats/hinge-fit";
import { scaledMad } from "../stats/mad";
import { pettitt } from "../stats/pettitt";
import { stepVersusLine } from "../stats/segment-fit";
import { senSlope, type SenSlopeResult } from "../stats/sen-slope";
import { median } from "../stats/quantile";
import { formatP, isBetter, isFlat, round } from "./kpi-compare";
import type { LevelShift, SerialCorrelation, TrendAssessment, TrendLabel } from "./types";

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

/** The Mann–Kendall classification of one stretch of values (the window, or the runs after a level shift). */
interface StretchTrend {
  readonly label: TrendLabel;
  readonly mk: Pick<MannKendallResult, "s" | "pValue" | "method">;
  readonly sen: Pick<SenSlopeResult, "slope" | "lower" | "upper" | "intercept">;
  readonly level: number;
  readonly relativeChange: number;
  readonly serial?: SerialCorrelation;
}

/**
 * Detrended residuals of `values`: around the Sen line per run (senSlope's x = 1..n) or, when the
 * runs' times are known and not all equal, around the Sen line against elapsed time if that fits
 * better (smaller 1.4826·MAD) — a line per run leaves a pattern in bunched runs that looks like
 * serial correlation.
 */
function senResiduals(
  values: readonly number[],
  sen: { slope: number; intercept: number },
  times: readonly number[] | undefined,
): number[] {
  if (times && times.length === values.length && times[times.length - 1]! > times[0]!) {
    const x = times.map((t) => (t - times[0]!) / 86_400_000);
    const onTime = senSlope(values, { x });
    const byTime = values.map((v, i) => v - (onTime.intercept + onTime.slope * x[i]!));
    const byRun = values.map((v, i) => v - (sen.intercept + sen.slope * (i + 1)));
    // The line that fits better (smaller robust spread) is the trend the residuals leave.
    return scaledMad(byTime) <= scaledMad(byRun) ? byTime : byRun;
  }
  return values.map((v, i) => v - (sen.intercept + sen.slope * (i + 1)));
}

/**
 * The serial correlation of a stretch's residuals and what it does to the test: from
 * `minRuns` runs an effective-sample-size factor inflates Var(S); below, a strong lag-1 estimate
 * only says that a trend cannot be told from a slow wander.
 */
function serialCorrelationOf(
  residuals: readonly number[],
  rules: NonNullable<MannKendallRules["serialCorrelation"]>,
  scale: number,
): SerialCorrelation | undefined {
  const n = residuals.length;
  if (n < 6) return undefined;
  // Residuals at rounding level (a line or bend fitted exactly) have no correlation to speak of.
  const spread = Math.max(...residuals.map(Math.abs));
  if (!(spread > 1e-9 * Math.max(1, scale))) return { lag1: 0, varianceFactor: 1, correction: "none" };
  const lag1 = biasCorrectedLag1(residuals);
  if (n < rules.minRuns) {
    // Too few runs for a routine correction: only a strong lag-1 estimate counts, and then the
    // trend must survive the AR(1) effective-sample-size correction to be called.
    if (lag1 < rules.strongLag1) return { lag1, varianceFactor: 1, correction: "none" };
    return { lag1, varianceFactor: yueWangFactor(residuals, lag1), correction: "too_short" };
  }
  const factor = rules.correction === "yue_wang" ? yueWangFactor(residuals, lag1) : hamedRaoFactor(residuals);
  return factor > 1
    ? { lag1, varianceFactor: factor, correction: rules.correction }
    : { lag1, varianceFactor: 1, correction: "none" };
}

function classifyStretch(
  values: readonly number[],
  direction: KpiDirection,
  rules: MannKendallRules,
  tracked?: TrendWindowStats,
  times?: readonly number[],
): StretchTrend {
  const n = values.length;
  let mk: StretchTrend["mk"] = tracked?.mannKendall ?? mannKendall(values);
  let sen: StretchTrend["sen"] = tracked?.sen ?? senSlope(values, { ciLevel: rules.ciLevel });
  const level = tracked?.level ?? median(values.map(Math.abs));
  const sc = rules.serialCorrelation;
  // On few runs a bend (flat, then falling) would read as serial correlation around a straight
  // line: judge it around the best broken line instead.
  const residuals =
    sc && n < sc.minRuns && n >= 7 ? hingeFit(values).residuals : senResiduals(values, sen, times);
  const serial = sc ? serialCorrelationOf(residuals, sc, level) : undefined;
  if (serial && serial.varianceFactor > 1) {
    const modified = modifiedMannKendall(values, serial.varianceFactor);
    mk = { s: modified.s, pValue: modified.pValue, method: "normal" };
    sen = senSlope(values, { ciLevel: rules.ciLevel, varianceFactor: serial.varianceFactor });
  }
  const scale = level > 0 ? (n - 1) / level : 0;
  const sign = direction === "lower_is_better" ? -1 : 1;
  // Relative change across the stretch, signed so that positive means better.
  const relativeChange = sign * sen.slope * scale;
  const ciRel: [number, number] = [sen.lower * scale, sen.upper * scale];
  const significant = mk.pValue <= rules.alpha;
  const material = Math.abs(relativeChange) >= rules.minRelativeChange;
  let label: TrendLabel;
  if (serial?.correction === "too_short" && !(significant && material)) label = "no_clear_trend";
  else if (significant && material && relativeChange !== 0)
    label = relativeChange > 0 ? "improving" : "worsening";
  else if (level > 0 && Math.max(Math.abs(ciRel[0]), Math.abs(ciRel[1])) <= rules.flatMargin) label = "flat";
  else label = "no_clear_trend";
  return { label, mk, sen, level, relativeChange, ...(serial ? { serial } : {}) };
}

/**
 * A level shift in the window: the best single split by least squares, kept when it fits better
 * than a straight line (BIC), moves the level by at least `minRelativeShift` of the typical
 * level, leaves `minSegmentRuns` on each side, and Pettitt's test — its variance inflated for the
 * serial correlation left around the two levels — is significant at `alpha`.
 */
function levelShiftOf(
  values: readonly number[],
  direction: KpiDirection,
  rules: MannKendallRules,
  times: readonly number[] | undefined,
): LevelShift | undefined {
  const cp = rules.changePoint;
  const n = values.length;
  if (!cp || n < 2 * cp.minSegmentRuns) return undefined;
  // The line is fitted on elapsed time when it is known: a steady pace over bunched runs is not a step.
  const x =
    times && times.length === n && times[n - 1]! > times[0]!
      ? times.map((t) => (t - times[0]!) / 86_400_000)
      : undefined;
  const fit = stepVersusLine(values, x);
  if (fit.preferred !== "step") return undefined;
  const { location, before, after } = fit.step;
  if (location < cp.minSegmentRuns || n - location < cp.minSegmentRuns) return undefined;
  const level = median(values.map(Math.abs));
  if (!(level > 0) || Math.abs(after - before) < cp.minRelativeShift * level) return undefined;
  const residuals = values.map((v, i) => v - (i < location ? before : after));
  const serial = rules.serialCorrelation
    ? serialCorrelationOf(residuals, rules.serialCorrelation, level)
    : undefined;
  const factor = serial?.varianceFactor ?? 1;
  const { k } = pettitt(values);
  const pValue = Math.min(1, 2 * Math.exp((-6 * k * k) / ((n ** 3 + n ** 2) * factor)));
  if (pValue > cp.alpha) return undefined;
  const better = direction === "lower_is_better" ? after < before : after > before;
  const at = times?.[location];
  return {
    index: location,
    before,
    after,
    pValue,
    direction: better ? "better" : "worse",
    ...(at !== undefined ? { date: new Date(at).toISOString().slice(0, 10) } : {}),
  };
}

function mannKendallTrend(
  allValues: readonly number[],
  direction: KpiDirection,
  rules: MannKendallRules,
  unit?: string,
  windowStats?: () => TrendWindowStats,
  allTimes?: readonly number[],
): TrendAssessment {
  const cut = Math.max(0, allValues.length - rules.maxWindowRuns);
  const windowValues = cut > 0 ? allValues.slice(cut) : allValues;
  const times = allTimes && cut > 0 ? allTimes.slice(cut) : allTimes;
  const windowRuns = windowValues.length;
  const windowNote = cut > 0 ? ` (most recent ${windowRuns} of ${allValues.length} runs)` : "";
  if (windowRuns < rules.minRuns) {
    return {
      label: "insufficient_data",
      method: "mann_kendall",
      n: windowRuns,
      description: `Too few runs to judge a trend (${windowRuns}; at least ${rules.minRuns} needed): the KPI ${rawChange(windowValues, unit)}. This is a description, not a trend.`,
    };
  }
  const shift = levelShiftOf(windowValues, direction, rules, times);
  const values = shift ? windowValues.slice(shift.index) : windowValues;
  const n = values.length;
  const stretchTimes = times && shift ? times.slice(shift.index) : times;
  const stretch = classifyStretch(
    values,
    direction,
    rules,
    shift ? undefined : windowStats?.(),
    stretchTimes,
  );
  const { mk, sen, relativeChange, serial } = stretch;
  // A shift for the worse is a deterioration, however flat the runs since.
  const label: TrendLabel = shift?.direction === "worse" ? "worsening" : stretch.label;
  const pct = (x: number) => `${x >= 0 ? "+" : ""}${round(x * 100, 1)} %`;
  const u = unit ? ` ${unit}` : "";
  const corrected =
    serial && serial.varianceFactor > 1 && serial.correction !== "too_short"
      ? ` corrected for serial correlation (lag-1 ${fmt(serial.lag1)}: the runs count as about ${round(n / serial.varianceFactor, 0)} independent ones)`
      : "";
  const shiftText = shift
    ? `Level shift ${shift.direction === "better" ? "for the better" : "for the worse"} from about ${fmt(shift.before)}${u} to ${fmt(shift.after)}${u}${shift.date ? ` on ${shift.date}` : ""} (Pettitt p ${formatP(shift.pValue)}, a step fits better than a line); since then, `
    : "";
  const tooShort =
    serial?.correction === "too_short"
      ? label === "no_clear_trend"
        ? ` The runs are strongly serially correlated (lag-1 ${fmt(serial.lag1)}) and too few (${n}) to tell a trend from a slow wander → no clear trend.`
        : ` The runs are strongly serially correlated (lag-1 ${fmt(serial.lag1)}); the trend holds even counted as about ${round(n / serial.varianceFactor, 0)} independent runs.`
      : "";
  const description =
    `${shiftText}Mann–Kendall over ${n} runs${shift ? "" : windowNote}${corrected}: S = ${mk.s}, p ${formatP(mk.pValue)}; ` +
    `Sen slope ${fmt(sen.slope)}${u} per run (${Math.round(rules.ciLevel * 100)} % CI ${fmt(sen.lower)} to ${fmt(sen.upper)}), ` +
    `${pct(relativeChange)} of the typical level across ${shift ? "those runs" : "the window"} in the better direction → ${label.replace(/_/g, " ")}.${tooShort}`;
  return {
    label,
    method: "mann_kendall",
    n,
    windowRuns,
    mannKendall: { s: mk.s, pValue: mk.pValue, method: mk.method },
    slopePerRun: sen.slope,
    slopeCi: [sen.lower, sen.upper],
    // senSlope's x is 1..n; shift to a 0-based run index within the stretch.
    intercept: sen.intercept + sen.slope,
    relativeChange,
    ...(serial ? { serialCorrelation: serial } : {}),
    ...(shift ? { levelShift: shift } : {}),
    description,
  };
}

/**
 * Classifies the trend of a primary-KPI series (ordered oldest first) by the ruleset's method.
 * `unit` only decorates the description. `windowStats` supplies the Mann–Kendall window's
 * statistics when the caller tracks them incrementally (the results are the same). `times`
 * (epoch ms, aligned with `values`) dates a level shift.
 *
 * @example assessTrend([3.1, 2.6, 2.1], "lower_is_better", seedV3.trend).label // → "improving"
 */
export function assessTrend(
  values: readonly number[],
  direction: KpiDirection,
  rules: Ruleset["trend"],
  unit?: string,
  windowStats?: () => TrendWindowStats,
  times?: readonly number[],
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
    : mannKendallTrend(values, direction, rules, unit, windowStats, times);
}
