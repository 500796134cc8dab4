/**
 * Exact Poisson distribution: probability mass and both tails, summed term by term from the
 * tail end with a multiplicative recurrence (no cancellation in the far tails). Cost is
 * O(terms until negligible) — about k for the lower tail, a few √λ beyond k for the upper.
 */
import { assertFinite } from "./checks";
import { logFactorial } from "./log-gamma";

function assertPoissonArgs(k: number, lambda: number): void {
  if (!Number.isSafeInteger(k)) throw new RangeError(`k must be an integer, got ${String(k)}`);
  assertFinite(lambda, "lambda");
  if (lambda < 0) throw new RangeError(`lambda must be ≥ 0, got ${lambda}`);
}

function pmf(k: number, lambda: number): number {
  return Math.exp(k * Math.log(lambda) - lambda - logFactorial(k));
}

/** Σ_{i=0..k} P(X = i), k below the mode. */
function sumDownFrom(k: number, lambda: number): number {
  let term = pmf(k, lambda);
  let sum = term;
  for (let i = k; i >= 1 && term > 0; i--) {
    term *= i / lambda;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Σ_{i≥k} P(X = i), k above the mode. */
function sumUpFrom(k: number, lambda: number): number {
  let term = pmf(k, lambda);
  let sum = term;
  for (let i = k; term > 0; i++) {
    term *= lambda / (i + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/**
 * Poisson probability mass P(X = k) for X ~ Poisson(λ) (λ = expected count); 0 for k < 0.
 *
 * @throws RangeError if k is not an integer or λ is negative / not finite.
 * @example poissonPmf(2, 3) // → 0.22404180765538775 (= 4.5·e⁻³)
 */
export function poissonPmf(k: number, lambda: number): number {
  assertPoissonArgs(k, lambda);
  if (k < 0) return 0;
  if (lambda === 0) return k === 0 ? 1 : 0;
  return pmf(k, lambda);
}

/**
 * Poisson lower tail P(X ≤ k) (inclusive) for X ~ Poisson(λ).
 *
 * @throws RangeError if k is not an integer or λ is negative / not finite.
 * @example poissonLowerTail(1, 2) // → 0.4060058497098381 (= 3·e⁻²)
 */
export function poissonLowerTail(k: number, lambda: number): number {
  assertPoissonArgs(k, lambda);
  if (k < 0) return 0;
  if (lambda === 0) return 1;
  if (k < Math.floor(lambda)) return Math.min(1, sumDownFrom(k, lambda));
  return Math.max(0, 1 - sumUpFrom(k + 1, lambda));
}

/**
 * Poisson upper tail P(X ≥ k) (inclusive — note: not P(X > k)) for X ~ Poisson(λ).
 *
 * @throws RangeError if k is not an integer or λ is negative / not finite.
 * @example poissonUpperTail(2, 2) // → 0.5939941502901619 (= 1 − 3·e⁻²)
 */
export function poissonUpperTail(k: number, lambda: number): number {
  assertPoissonArgs(k, lambda);
  if (k <= 0) return 1;
  if (lambda === 0) return 0;
  if (k > Math.floor(lambda)) return Math.min(1, sumUpFrom(k, lambda));
  return Math.max(0, 1 - sumDownFrom(k - 1, lambda));
}
