/**
 * Pettitt's (1979) rank test for a single change point in the level of a series.
 */
import { assertFiniteArray, assertMinLength } from "./checks";
import { averageRanks } from "./ranks";

/** Result of {@link pettitt}. */
export interface PettittResult {
  /** K = max_t |U_t| (dimensionless count of pairs; R's `statistic` "U*"). */
  readonly k: number;
  /**
   * The first t (1-based, 1..n−1) with |U_t| = K: the last index of the first segment, as R's
   * `trend::pettitt.test` `estimate` (R lists every maximising t; this is the first of them).
   */
  readonly location: number;
  /** Approximate two-sided p-value min(1, 2·exp(−6K²/(n³ + n²))); good for p ≤ 0.5. */
  readonly pValue: number;
  /** U_t at `location`, signed: positive = the later segment is higher (upward shift). */
  readonly u: number;
}

/**
 * Pettitt (1979) change-point test ("A non-parametric approach to the change-point problem",
 * Applied Statistics 28): U_t = Σ_{i≤t} Σ_{j>t} sign(x_j − x_i) for t = 1..n, K = max|U_t|,
 * location = the first maximising t, p ≈ min(1, 2 exp(−6K²/(n³ + n²))). Computed in O(n log n)
 * from the average ranks r: U_t = t(n + 1) − 2 Σ_{i≤t} rᵢ (R's `trend::pettitt.test` computes
 * −U_t the same way; |U_t| and K agree). Ties are exact equality and count 0. Input order is
 * time order; the input is not modified.
 *
 * @throws RangeError if fewer than 2 values or a value is not finite.
 * @example pettitt([1, 1, 1, 5, 5, 5]) // → { k: 9, location: 3, u: 9, pValue: 0.2907… (= 2e^(−486/252)) }
 */
export function pettitt(values: readonly number[]): PettittResult {
  assertMinLength(values, 2, "values");
  assertFiniteArray(values, "values");
  const n = values.length;
  const ranks = averageRanks(values);
  let rankSum = 0;
  let k = -1;
  let location = 1;
  let u = 0;
  for (let t = 1; t < n; t++) {
    rankSum += ranks[t - 1] as number;
    const ut = t * (n + 1) - 2 * rankSum; // an integer: rank sums of tie groups are (half-)integers
    if (Math.abs(ut) > k) {
      k = Math.abs(ut);
      location = t;
      u = ut;
    }
  }
  const pValue = Math.min(1, 2 * Math.exp((-6 * k * k) / (n * n * n + n * n)));
  return { k, location, pValue, u };
}
