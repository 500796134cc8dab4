/**
 * Exact binomial distribution: probability mass and both tails, summed term by term from the
 * tail end with a multiplicative recurrence (no cancellation; the far tails keep full relative
 * accuracy). Cost is O(number of terms until they become negligible), at most O(n).
 */
import { assertCount, assertProbability } from "./checks";
import { logChoose } from "./log-gamma";

function assertBinomialArgs(k: number, n: number, p: number): void {
  if (!Number.isSafeInteger(k)) throw new RangeError(`k must be an integer, got ${String(k)}`);
  assertCount(n, "n");
  assertProbability(p, "p");
}

/** P(X = k) without argument checks, for 0 ≤ k ≤ n and 0 < p < 1. */
function pmf(k: number, n: number, p: number): number {
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** Σ_{i=0..k} P(X = i) for k below the mode (terms shrink as i decreases). */
function sumDownFrom(k: number, n: number, p: number): number {
  const ratio = (1 - p) / p;
  let term = pmf(k, n, p);
  let sum = term;
  for (let i = k; i >= 1 && term > 0; i--) {
    term *= (i / (n - i + 1)) * ratio;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Σ_{i=k..n} P(X = i) for k above the mode (terms shrink as i increases). */
function sumUpFrom(k: number, n: number, p: number): number {
  const ratio = p / (1 - p);
  let term = pmf(k, n, p);
  let sum = term;
  for (let i = k; i < n && term > 0; i++) {
    term *= ((n - i) / (i + 1)) * ratio;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/**
 * Binomial probability mass P(X = k) for X ~ Binomial(n, p); 0 when k is outside 0..n.
 *
 * @throws RangeError if k is not an integer, n is not a non-negative integer, or p ∉ [0, 1].
 * @example binomialPmf(8, 10, 0.5) // → 0.0439453125 (= 45/1024)
 */
export function binomialPmf(k: number, n: number, p: number): number {
  assertBinomialArgs(k, n, p);
  if (k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return pmf(k, n, p);
}

/**
 * Binomial lower tail P(X ≤ k) (inclusive) for X ~ Binomial(n, p).
 *
 * @throws RangeError if k is not an integer, n is not a non-negative integer, or p ∉ [0, 1].
 * @example binomialLowerTail(2, 10, 0.5) // → 0.0546875 (= 56/1024)
 */
export function binomialLowerTail(k: number, n: number, p: number): number {
  assertBinomialArgs(k, n, p);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  const mode = Math.floor((n + 1) * p);
  if (k < mode) return Math.min(1, sumDownFrom(k, n, p));
  return Math.max(0, 1 - sumUpFrom(k + 1, n, p));
}

/**
 * Binomial upper tail P(X ≥ k) (inclusive — note: not P(X > k)) for X ~ Binomial(n, p).
 *
 * @throws RangeError if k is not an integer, n is not a non-negative integer, or p ∉ [0, 1].
 * @example binomialUpperTail(8, 10, 0.5) // → 0.0546875 (= 56/1024)
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  assertBinomialArgs(k, n, p);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const mode = Math.floor((n + 1) * p);
  if (k > mode) return Math.min(1, sumUpFrom(k, n, p));
  return Math.max(0, 1 - sumDownFrom(k - 1, n, p));
}
