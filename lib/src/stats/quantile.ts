/**
 * Sample quantiles by Hyndman & Fan type 7 — R's default `quantile(type = 7)`, NumPy's
 * default "linear" — and the median. Hand-written (simple-statistics' `quantile` uses a
 * different definition, and its ESM-only typings do not load from this CommonJS package).
 */
import { assertFiniteArray, assertMinLength, assertProbability, sortedCopy } from "./checks";

/** Type-7 quantile of an already sorted (ascending) array; internal, no checks. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  if (lo >= n - 1) return sorted[n - 1] as number;
  const above = sorted[lo + 1] as number;
  return below + (h - lo) * (above - below);
}

/**
 * Type-7 sample quantile: with the values sorted x₍₁₎ ≤ … ≤ x₍ₙ₎ and h = (n − 1)·p,
 * Q(p) = x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎). Same units as the values; the input is
 * not reordered.
 *
 * @throws RangeError if `values` is empty or holds a non-finite number, or p ∉ [0, 1].
 * @example quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.25) // → 3.25
 */
export function quantile(values: readonly number[], p: number): number {
  assertMinLength(values, 1, "values");
  assertFiniteArray(values, "values");
  assertProbability(p, "p");
  return quantileSorted(sortedCopy(values), p);
}

/**
 * Several type-7 quantiles at once (sorts once). Returns one value per requested probability,
 * in the order given.
 *
 * @throws RangeError if `values` is empty or holds a non-finite number, or any p ∉ [0, 1].
 * @example quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0.1, 0.5, 0.9]) // → [1.9, 5.5, 9.1]
 */
export function quantiles(values: readonly number[], ps: readonly number[]): number[] {
  assertMinLength(values, 1, "values");
  assertFiniteArray(values, "values");
  ps.forEach((p, i) => assertProbability(p, `ps[${i}]`));
  const sorted = sortedCopy(values);
  return ps.map((p) => quantileSorted(sorted, p));
}

/**
 * Median (the middle value, or the mean of the two middle values for an even count).
 *
 * @throws RangeError if `values` is empty or holds a non-finite number.
 * @example median([5, 1, 4, 2]) // → 3
 */
export function median(values: readonly number[]): number {
  assertMinLength(values, 1, "values");
  assertFiniteArray(values, "values");
  return quantileSorted(sortedCopy(values), 0.5);
}
