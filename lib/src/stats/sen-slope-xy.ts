/**
 * Theil–Sen slope of y against an arbitrary x (e.g. elapsed days, ties allowed) with the
 * Kendall-based confidence interval, optionally widened for serial correlation by a variance
 * factor n/n* (see `modified-mann-kendall.ts`).
 */
import { assertFiniteArray, assertMinLength, assertOpenUnit, sortedCopy } from "./checks";
import { kendallVarianceS, tieGroupSizes } from "./kendall-ties";
import { normalQuantile } from "./normal";
import { pairwiseSlopeRanks } from "./pairwise-slopes";
import { quantileSorted } from "./quantile";
import { SEN_SLOPE_MAX_N, roundHalfEven } from "./sen-slope";

/** Result of {@link senSlopeXY}. Slopes in y-units per x-unit, the intercept in y-units. */
export interface SenSlopeXYResult {
  /** Median of the N' pairwise slopes (yⱼ − yᵢ)/(xⱼ − xᵢ) over pairs with xᵢ ≠ xⱼ. */
  readonly slope: number;
  /** Lower confidence limit: the slope of rank round((N' − C)/2), clamped to 1. */
  readonly lower: number;
  /** Upper confidence limit: the slope of rank round((N' + C)/2) + 1, clamped to N'. */
  readonly upper: number;
  /** median(yᵢ − slope·xᵢ): the line is y = intercept + slope·x. */
  readonly intercept: number;
  /** N': number of pairs with different x. */
  readonly pairs: number;
}

/**
 * Theil–Sen slope for arbitrary x with the distribution-free interval of `senSlope` (Gilbert
 * 1987 / R `trend::sens.slope` ranks, halves rounded to even, no interpolation, ranks outside
 * 1..N' clamped): C = z_{1−(1−ciLevel)/2}·√(varianceFactor·Var(S)), Var(S) Kendall's null
 * variance with ties in y and in x (`kendallVarianceS`), N' = pairs with different x, limits the
 * slopes of 1-based ranks round((N' − C)/2) and round((N' + C)/2) + 1. With varianceFactor = 1 it
 * is exactly `senSlope(y, { x, ciLevel })`. O(n²) time, at most `SEN_SLOPE_MAX_N` points; order
 * of the points does not matter; inputs are not modified.
 *
 * @param x positions (any finite numbers, ties allowed), same length as y.
 * @param y values.
 * @param ciLevel two-sided confidence level, strictly between 0 and 1 (default 0.95).
 * @param varianceFactor n/n*, a finite number > 0 multiplying Var(S) (default 1).
 * @throws RangeError if y has fewer than 2 or more than SEN_SLOPE_MAX_N values, x has another
 *   length, a value is not finite, all x are equal, ciLevel ∉ (0, 1), or varianceFactor is not a
 *   finite positive number.
 * @example senSlopeXY([0, 1, 3, 6], [0, 2, 3, 9]) // → { slope: 1.45, intercept: 0.15, lower: 0.5, upper: 2, pairs: 6 }
 */
export function senSlopeXY(
  x: readonly number[],
  y: readonly number[],
  ciLevel = 0.95,
  varianceFactor = 1,
): SenSlopeXYResult {
  assertMinLength(y, 2, "y");
  assertFiniteArray(y, "y");
  const n = y.length;
  if (n > SEN_SLOPE_MAX_N) {
    throw new RangeError(`senSlopeXY accepts at most ${SEN_SLOPE_MAX_N} points, got ${n}; cap the window`);
  }
  if (x.length !== n) throw new RangeError(`x has ${x.length} values but y has ${n}`);
  assertFiniteArray(x, "x");
  assertOpenUnit(ciLevel, "ciLevel");
  if (typeof varianceFactor !== "number" || !Number.isFinite(varianceFactor) || !(varianceFactor > 0)) {
    throw new RangeError(`varianceFactor must be a finite positive number, got ${String(varianceFactor)}`);
  }

  const xGroups = tieGroupSizes(x);
  let pairs = (n * (n - 1)) / 2;
  for (const u of xGroups) pairs -= (u * (u - 1)) / 2;
  if (pairs === 0) throw new RangeError("senSlopeXY needs at least two different x values");

  const varS = varianceFactor * kendallVarianceS(n, tieGroupSizes(y), xGroups);
  const c = normalQuantile(1 - (1 - ciLevel) / 2) * Math.sqrt(varS);
  const lowerRank = Math.max(1, roundHalfEven((pairs - c) / 2));
  const upperRank = Math.min(pairs, roundHalfEven((pairs + c) / 2) + 1);

  const medianRanks = pairs % 2 === 1 ? [(pairs - 1) / 2] : [pairs / 2 - 1, pairs / 2];
  const values = pairwiseSlopeRanks(y, x, pairs, [...medianRanks, lowerRank - 1, upperRank - 1]);
  const at = (rank: number): number => values.get(rank) as number;
  const slope = pairs % 2 === 1 ? at((pairs - 1) / 2) : 0.5 * (at(pairs / 2 - 1) + at(pairs / 2));
  const intercept = quantileSorted(sortedCopy(y.map((v, i) => v - slope * (x[i] as number))), 0.5);
  return { slope, lower: at(lowerRank - 1), upper: at(upperRank - 1), intercept, pairs };
}
