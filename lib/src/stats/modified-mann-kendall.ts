/**
 * Mann–Kendall trend test for serially correlated series: the null variance of S is inflated by
 * a factor n/n* (n* = effective sample size) estimated from the autocorrelation of the detrended
 * series. Two estimators of the factor — Yue & Wang (2004) with an AR(1) structure and
 * Hamed & Rao (1998) from the ranks — and the test given a factor.
 *
 * Detrending is the caller's: pymannkendall uses residuals eᵢ = yᵢ − b·i (i = 1..n, b = Sen's
 * slope, no intercept; the intercept does not change autocorrelations or ranks).
 */
import { assertFiniteArray } from "./checks";
import { lagAutocorrelation } from "./autocorrelation";
import { mannKendall } from "./mann-kendall";
import { normalQuantile, normalUpperTail } from "./normal";
import { averageRanks } from "./ranks";

/** Result of {@link modifiedMannKendall}. All fields are dimensionless. */
export interface ModifiedMannKendallResult {
  /** S = Σ_{i<j} sign(yⱼ − yᵢ): positive = upward trend. */
  readonly s: number;
  /** Var*(S) = varianceFactor × tie-corrected Var(S). */
  readonly varS: number;
  /** Continuity-corrected z = (S − sign S)/√Var*(S); 0 when S = 0 or Var*(S) = 0. */
  readonly z: number;
  /** Two-sided normal p-value 2·(1 − Φ(|z|)); 1 when z = 0. */
  readonly pValue: number;
}

/**
 * Yue & Wang (2004) variance inflation n/n* of the Mann–Kendall S under serial correlation,
 * assuming an AR(1) structure: n/n* = 1 + 2 Σ_{k=1}^{n−1} (1 − k/n) ρ₁^k (Yue & Wang 2004,
 * "Modified Mann–Kendall test considering effective sample size", Water Resources Management 18,
 * eq. for n*, with the AR(1) autocorrelations ρ_k = ρ₁^k). Only positive serial correlation
 * inflates: rho1 ≤ 0 gives 1. Dimensionless, ≥ 1. O(n).
 *
 * Note: pymannkendall's `yue_wang_modification_test` instead plugs in every sample
 * autocorrelation r_k of the residuals (lag = None) or r₁ alone (lag = 1); this function is the
 * AR(1) model version (use e.g. `biasCorrectedLag1(residuals)` for rho1).
 *
 * @param residuals the detrended series; only its length n is used (n ≥ 2).
 * @param rho1 lag-1 autocorrelation of the residuals, finite and < 1.
 * @throws RangeError if fewer than 2 residuals, a residual is not finite, or rho1 is not a finite
 *   number below 1.
 * @example yueWangFactor([0, 0, 0, 0], 0.5) // → 2.0625 (1 + 2·(¾·½ + ½·¼ + ¼·⅛))
 */
export function yueWangFactor(residuals: readonly number[], rho1: number): number {
  assertFiniteArray(residuals, "residuals");
  const n = residuals.length;
  if (n < 2) throw new RangeError(`yueWangFactor needs at least 2 residuals, got ${n}`);
  if (typeof rho1 !== "number" || !Number.isFinite(rho1) || rho1 >= 1) {
    throw new RangeError(`rho1 must be a finite number below 1, got ${String(rho1)}`);
  }
  if (rho1 <= 0) return 1;
  let sum = 0;
  let power = 1;
  for (let k = 1; k < n; k++) {
    power *= rho1;
    if (power < 1e-300) break; // the remaining terms are below double precision
    sum += (1 - k / n) * power;
  }
  return 1 + 2 * sum;
}

/**
 * Hamed & Rao (1998) variance inflation n/n* of the Mann–Kendall S ("A modified Mann–Kendall
 * trend test for autocorrelated data", J. Hydrology 204, eq. 18), computed exactly as
 * pymannkendall 1.4.3's `hamed_rao_modification_test` (lag = None):
 *
 * n/n* = 1 + 2/(n(n−1)(n−2)) · |Σ_{k=1}^{n−1} (n−k)(n−k−1)(n−k−2) ρ_k^R|,
 *
 * where ρ_k^R is the sample autocorrelation ({@link lagAutocorrelation}) of the average ranks of
 * the residuals, and only lags with |ρ_k^R| > z_{1−α/2}/√n enter the sum (lags inside the
 * two-sided band, bounds included, are dropped). The absolute value of the sum is pymannkendall's
 * choice (it keeps the factor ≥ 1; Hamed & Rao's formula has no absolute value). Dimensionless.
 * O(n²) (every lag).
 *
 * @param residuals the detrended series (e.g. yᵢ − Sen slope·i), n ≥ 3.
 * @param alpha significance level of the lag screening, strictly between 0 and 1 (default 0.05).
 * @throws RangeError if fewer than 3 residuals, a residual is not finite, or alpha ∉ (0, 1).
 * @example hamedRaoFactor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) // → 1.98 (only lag 1 passes: r₁ = 0.7 > 1.96/√10; 1 + 2·504·0.7/720)
 */
export function hamedRaoFactor(residuals: readonly number[], alpha = 0.05): number {
  assertFiniteArray(residuals, "residuals");
  const n = residuals.length;
  if (n < 3) throw new RangeError(`hamedRaoFactor needs at least 3 residuals, got ${n}`);
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) {
    throw new RangeError(`alpha must lie strictly between 0 and 1, got ${String(alpha)}`);
  }
  const ranks = averageRanks(residuals);
  const bound = normalQuantile(1 - alpha / 2) / Math.sqrt(n);
  let sum = 0;
  for (let k = 1; k < n - 2; k++) {
    // k = n − 2 and n − 1 have a zero weight.
    const rho = lagAutocorrelation(ranks, k);
    if (Math.abs(rho) > bound) sum += (n - k) * (n - k - 1) * (n - k - 2) * rho;
  }
  return 1 + (2 / (n * (n - 1) * (n - 2))) * Math.abs(sum);
}

/**
 * Mann–Kendall test with the null variance of S multiplied by `varianceFactor` (n/n* from
 * {@link yueWangFactor} or {@link hamedRaoFactor}; 1 = the ordinary test with the normal
 * approximation). S and the tie-corrected Var(S) are those of `mannKendall`; z is
 * continuity-corrected and the p-value two-sided normal, as pymannkendall's modified tests.
 *
 * @param values the series in time order.
 * @param varianceFactor n/n*, a finite number > 0.
 * @throws RangeError if a value is not finite or varianceFactor is not a finite positive number.
 * @example modifiedMannKendall([1, 2, 3, 4, 5], 2) // → { s: 10, varS: 33.33…, z: 1.5588…, pValue: 0.1190… }
 */
export function modifiedMannKendall(
  values: readonly number[],
  varianceFactor: number,
): ModifiedMannKendallResult {
  if (typeof varianceFactor !== "number" || !Number.isFinite(varianceFactor) || !(varianceFactor > 0)) {
    throw new RangeError(`varianceFactor must be a finite positive number, got ${String(varianceFactor)}`);
  }
  const base = mannKendall(values, { method: "normal" });
  const s = base.s;
  const varS = varianceFactor * base.varS;
  const z = varS > 0 && s !== 0 ? (s - Math.sign(s)) / Math.sqrt(varS) : 0;
  const pValue = z === 0 ? 1 : Math.min(1, 2 * normalUpperTail(Math.abs(z)));
  return { s, varS, z, pValue };
}
