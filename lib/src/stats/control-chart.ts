/**
 * Individuals control chart (XmR, Shewhart/Wheeler): a centre line, natural process limits
 * from the average moving range, and the points that fall outside them.
 */
import { assertFiniteArray, assertMinLength, sortedCopy } from "./checks";
import { quantileSorted } from "./quantile";

/**
 * Scaling constant for natural process limits from the average moving range: 3/d₂ with
 * d₂ = 1.128 for ranges of two points.
 */
export const XMR_LIMIT_FACTOR = 2.66;

/** Upper limit of the moving-range chart: D₄ · MR̄ with D₄ = 3.267 for ranges of two points. */
export const XMR_RANGE_LIMIT_FACTOR = 3.267;

/** Which statistic draws the centre line of an XmR chart. */
export type XmrCentre = "mean" | "median";

/** Options of {@link xmrChart}. */
export interface XmrOptions {
  /** Centre line: arithmetic mean (Shewhart's default) or median (robust to a few outliers). */
  readonly centre?: XmrCentre;
}

/** One value outside the natural process limits. */
export interface XmrSignal {
  /** 0-based position in the input. */
  readonly index: number;
  readonly value: number;
  /** `above` the upper limit or `below` the lower limit. */
  readonly side: "above" | "below";
}

/** An individuals (XmR) chart; every level is in the units of the input values. */
export interface XmrChart {
  readonly n: number;
  readonly centreKind: XmrCentre;
  /** Centre line (mean or median of the values). */
  readonly centre: number;
  /** |xᵢ − xᵢ₋₁| for i = 1..n−1 (length n − 1). */
  readonly movingRanges: readonly number[];
  /** MR̄, the average moving range. */
  readonly averageMovingRange: number;
  /** centre + 2.66·MR̄. */
  readonly upperLimit: number;
  /** centre − 2.66·MR̄ (may be negative even for counts; not truncated). */
  readonly lowerLimit: number;
  /** 3.267·MR̄, the upper limit of the moving-range chart. */
  readonly movingRangeUpperLimit: number;
  /** Values strictly outside [lowerLimit, upperLimit], in input order. */
  readonly signals: readonly XmrSignal[];
}

/**
 * Builds an individuals control chart: centre = mean (default) or median of the values,
 * MR̄ = mean of the n − 1 moving ranges, limits = centre ± 2.66·MR̄; lists the points strictly
 * outside the limits (`signals`). The input order is the time order.
 *
 * @throws RangeError if fewer than 2 values are given or any value is not finite.
 * @example xmrChart([10, 12, 11, 13, 30]).signals
 *   // → [{ index: 4, value: 30, side: "above" }] (centre 15.2, MR̄ 5.5, limits 0.57 … 29.83)
 */
export function xmrChart(values: readonly number[], options: XmrOptions = {}): XmrChart {
  assertMinLength(values, 2, "values");
  assertFiniteArray(values, "values");
  const centreKind = options.centre ?? "mean";
  const n = values.length;
  let total = 0;
  for (const v of values) total += v;
  const centre = centreKind === "median" ? quantileSorted(sortedCopy(values), 0.5) : total / n;
  const movingRanges: number[] = [];
  let rangeTotal = 0;
  for (let i = 1; i < n; i++) {
    const range = Math.abs((values[i] as number) - (values[i - 1] as number));
    movingRanges.push(range);
    rangeTotal += range;
  }
  const averageMovingRange = rangeTotal / (n - 1);
  const upperLimit = centre + XMR_LIMIT_FACTOR * averageMovingRange;
  const lowerLimit = centre - XMR_LIMIT_FACTOR * averageMovingRange;
  const signals: XmrSignal[] = [];
  values.forEach((value, index) => {
    if (value > upperLimit) signals.push({ index, value, side: "above" });
    else if (value < lowerLimit) signals.push({ index, value, side: "below" });
  });
  return {
    n,
    centreKind,
    centre,
    movingRanges,
    averageMovingRange,
    upperLimit,
    lowerLimit,
    movingRangeUpperLimit: XMR_RANGE_LIMIT_FACTOR * averageMovingRange,
    signals,
  };
}
