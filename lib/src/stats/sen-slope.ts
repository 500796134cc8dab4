/**
 * Sen's (Theil–Sen) slope: the median of all pairwise slopes, with the distribution-free
 * confidence interval of Gilbert (1987, §16.5) / Hollander & Wolfe, and an intercept for
 * drawing the trend line.
 *
 * CI convention (the one of R's `trend::sens.slope`): with the N pairwise slopes sorted
 * ascending, C = z_{1−α/2}·√Var(S), M₁ = (N − C)/2, M₂ = (N + C)/2, the limits are the slopes of
 * rank round(M₁) and round(M₂) + 1 (1-based), where round goes to the nearest integer (halves to
 * even, like R's `round`). No interpolation between neighbouring slopes. When a rank falls
 * outside 1..N (tiny samples: e.g. n = 4 at 95 %), it is clamped to the smallest/largest slope
 * and `ciClamped` is set — the interval then has less than the nominal coverage.
 *
 * Cost: O(n²) time (every pairwise slope is computed once), but the slopes are not all stored or
 * sorted: the few needed ranks are selected in linear time from the band of slopes around the
 * median (a few % of them; see `pairwise-slopes.ts`). n = 2000 (2 M slopes) takes ≈ 10–20 ms.
 * Callers cap the window (e.g. the most recent N runs); n above {@link SEN_SLOPE_MAX_N} is refused.
 */
import { assertFiniteArray, assertMinLength, assertOpenUnit, sortedCopy } from "./checks";
import { kendallVarianceS, tieGroupSizes } from "./kendall-ties";
import { normalQuantile } from "./normal";
import { pairwiseSlopeRanks } from "./pairwise-slopes";
import { quantileSorted } from "./quantile";

/** Largest series length {@link senSlope} accepts (≈ 12.5 M pairs, 100 MB of slopes). */
export const SEN_SLOPE_MAX_N = 5000;

/** Options of {@link senSlope}. */
export interface SenSlopeOptions {
  /**
   * Positions of the observations (e.g. day numbers), same length as y; default 1..n (the run
   * index). Pairs with equal x are ignored. Order does not matter.
   */
  readonly x?: readonly number[];
  /** Two-sided confidence level of the interval, default 0.95. */
  readonly ciLevel?: number;
  /**
   * Multiplies Var(S) before the interval's ranks are found (default 1): an effective-sample-size
   * correction for serially correlated series (Var*(S) = factor × Var(S), as in the modified
   * Mann–Kendall tests). Any positive number; 1 leaves the interval unchanged.
   */
  readonly varianceFactor?: number;
}

/** Result of {@link senSlope}. Slopes are in y-units per x-unit; the intercept in y-units. */
export interface SenSlopeResult {
  /** Number of observations. */
  readonly n: number;
  /** N: number of pairwise slopes (pairs with different x). */
  readonly pairs: number;
  /** Median of the pairwise slopes. */
  readonly slope: number;
  /** median(yᵢ − slope·xᵢ): the trend line is y = intercept + slope·x (x as given, default 1..n). */
  readonly intercept: number;
  /** Two-sided confidence level of [lower, upper], e.g. 0.95. */
  readonly ciLevel: number;
  /** Lower confidence limit: the slope of rank `lowerRank`. */
  readonly lower: number;
  /** Upper confidence limit: the slope of rank `upperRank`. */
  readonly upper: number;
  /** 1-based rank (among the N ascending slopes) used for `lower`, after clamping. */
  readonly lowerRank: number;
  /** 1-based rank used for `upper`, after clamping. */
  readonly upperRank: number;
  /** True when a rank fell outside 1..N and was clamped (coverage below nominal). */
  readonly ciClamped: boolean;
  /** Var(S) used for C: Kendall's null variance with ties in y and in x. */
  readonly varS: number;
}

/**
 * Round half to even (IEC 60559, R's `round`).
 * @internal Not part of the package entry.
 */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Sen's slope of y against x (default x = 1..n) with a distribution-free confidence interval
 * (Gilbert 1987 ranks, rounded to the nearest rank as in R's `trend::sens.slope`) and the
 * intercept median(y − slope·x). Inputs are not modified.
 *
 * @throws RangeError if y has fewer than 2 values or more than {@link SEN_SLOPE_MAX_N}, a
 *   value is not finite, x has a different length, all x are equal, or `ciLevel` is not
 *   strictly between 0 and 1, or `varianceFactor` is not a positive number.
 * @example senSlope([3, 4, 4, 6, 5, 7]) // → { slope: 0.75, lower: 0, upper: 2, … }
 */
export function senSlope(y: readonly number[], options: SenSlopeOptions = {}): SenSlopeResult {
  assertMinLength(y, 2, "y");
  assertFiniteArray(y, "y");
  const n = y.length;
  if (n > SEN_SLOPE_MAX_N) {
    throw new RangeError(`senSlope accepts at most ${SEN_SLOPE_MAX_N} points, got ${n}; cap the window`);
  }
  const ciLevel = options.ciLevel ?? 0.95;
  assertOpenUnit(ciLevel, "ciLevel");
  const x = options.x ?? Array.from({ length: n }, (_, i) => i + 1);
  if (x.length !== n) throw new RangeError(`x has ${x.length} values but y has ${n}`);
  assertFiniteArray(x, "x");

  const xGroups = tieGroupSizes(x);
  let pairs = (n * (n - 1)) / 2;
  for (const u of xGroups) pairs -= (u * (u - 1)) / 2;
  if (pairs === 0) throw new RangeError("senSlope needs at least two different x values");

  const varS = kendallVarianceS(n, tieGroupSizes(y), xGroups);
  const factor = options.varianceFactor ?? 1;
  if (!(factor > 0) || !Number.isFinite(factor)) {
    throw new RangeError(`varianceFactor must be a positive number, got ${factor}`);
  }
  const c = normalQuantile(1 - (1 - ciLevel) / 2) * Math.sqrt(varS * factor);
  let lowerRank = roundHalfEven((pairs - c) / 2);
  let upperRank = roundHalfEven((pairs + c) / 2) + 1;
  let ciClamped = false;
  if (lowerRank < 1) {
    lowerRank = 1;
    ciClamped = true;
  }
  if (upperRank > pairs) {
    upperRank = pairs;
    ciClamped = true;
  }

  const medianRanks = pairs % 2 === 1 ? [(pairs - 1) / 2] : [pairs / 2 - 1, pairs / 2];
  const values = pairwiseSlopeRanks(y, x, pairs, [...medianRanks, lowerRank - 1, upperRank - 1]);
  const at = (rank: number): number => values.get(rank) as number;
  const slope =
    medianRanks.length === 1 ? at(medianRanks[0] as number) : 0.5 * (at(pairs / 2 - 1) + at(pairs / 2));

  const residuals = y.map((v, i) => v - slope * (x[i] as number));
  const intercept = quantileSorted(sortedCopy(residuals), 0.5);
  return {
    n,
    pairs,
    slope,
    intercept,
    ciLevel,
    lower: at(lowerRank - 1),
    upper: at(upperRank - 1),
    lowerRank,
    upperRank,
    ciClamped,
    varS,
  };
}
