/**
 * Sample autocorrelation of a series (input order = time order) and the small-sample bias
 * correction of the lag-1 coefficient, the inputs of the variance-corrected Mann–Kendall tests.
 */
import { assertFiniteArray } from "./checks";

/** Smallest and largest value {@link biasCorrectedLag1} returns. */
const LAG1_CLAMP = 0.99;

/**
 * Sample autocorrelation at lag k:
 * r_k = Σ_{t=1}^{n−k} (x_t − x̄)(x_{t+k} − x̄) / Σ_{t=1}^{n} (x_t − x̄)²
 * (the usual biased estimator, as R's `acf` and pymannkendall's `__acf`). Dimensionless, in
 * [−1, 1]; 0 when the series is constant (zero denominator). O(n).
 *
 * @param x the series, in time order.
 * @param lag k, an integer with 1 ≤ k ≤ n − 1.
 * @throws RangeError if a value is not finite, or `lag` is not an integer in 1..n−1.
 * @example lagAutocorrelation([1, 2, 3, 4, 5], 1) // → 0.4 (= 4/10)
 */
export function lagAutocorrelation(x: readonly number[], lag: number): number {
  assertFiniteArray(x, "x");
  const n = x.length;
  if (!Number.isSafeInteger(lag) || lag < 1 || lag >= n) {
    throw new RangeError(`lag must be an integer in 1..n−1 = 1..${n - 1}, got ${String(lag)}`);
  }
  let total = 0;
  for (const v of x) total += v;
  const mean = total / n;
  let denominator = 0;
  for (const v of x) denominator += (v - mean) * (v - mean);
  if (denominator === 0) return 0;
  let numerator = 0;
  for (let t = 0; t + lag < n; t++) numerator += ((x[t] as number) - mean) * ((x[t + lag] as number) - mean);
  return numerator / denominator;
}

/**
 * Lag-1 autocorrelation with the first-order small-sample bias correction for an AR(1) process
 * around an unknown mean: E[r₁] ≈ ρ − (1 + 4ρ)/n (Kendall 1954, "Note on bias in the estimation
 * of autocorrelation", Biometrika 41; Marriott & Pope 1954, Biometrika 41), solved for ρ:
 * r̂_bc = (n·r₁ + 1)/(n − 4), then clamped to [−0.99, 0.99] so that AR(1) formulas built on it
 * stay finite. Dimensionless. A constant series has r₁ = 0 and gives 1/(n − 4).
 *
 * @param x the series (or detrended residuals), in time order; at least 6 values.
 * @throws RangeError if x has fewer than 6 values or a value is not finite.
 * @example biasCorrectedLag1([1, 2, 3, 4, 5, 6]) // → 0.99 (r₁ = 0.5; (6·0.5 + 1)/(6 − 4) = 2, clamped)
 */
export function biasCorrectedLag1(x: readonly number[]): number {
  const n = x.length;
  if (n < 6) throw new RangeError(`biasCorrectedLag1 needs at least 6 values, got ${n}`);
  const r1 = lagAutocorrelation(x, 1);
  const corrected = (n * r1 + 1) / (n - 4);
  return Math.min(LAG1_CLAMP, Math.max(-LAG1_CLAMP, corrected));
}
