/**
 * The few draws the generator needs beyond the seeded stream of `stats/random` ({@link Rng}:
 * uniform, integer, normal, Poisson, Bernoulli, derived sub-streams): log-normal waiting times,
 * weighted choices and picking from a list. Pure apart from advancing the stream they are given.
 */
import type { Rng } from "../stats/random";

/**
 * Log-normal draw with the given arithmetic `mean` (> 0) and log-scale spread `sigma` ≥ 0;
 * positive and right-skewed — the shape of waiting times and durations.
 *
 * @throws RangeError when `sigma` is negative or not finite (from {@link Rng.normal})
 * @example logNormalWithMean(createRng(1), 40, 0) // → 40 (no spread; floating-point exact up to 1e-12)
 */
export function logNormalWithMean(rng: Rng, mean: number, sigma: number): number {
  return Math.exp(rng.normal(Math.log(mean) - (sigma * sigma) / 2, sigma));
}

/**
 * Index drawn with probability proportional to `weights` (non-negative, at least one positive).
 * Consumes exactly one uniform number.
 *
 * @throws RangeError when no weight is positive
 * @example weightedIndex({ next: () => 0.9 }, [1, 0, 1]) // → 2
 */
export function weightedIndex(rng: Pick<Rng, "next">, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (!(total > 0)) throw new RangeError("weightedIndex: no positive weight");
  let x = rng.next() * total;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = Math.max(0, weights[i] ?? 0);
    if (w <= 0) continue;
    if (x < w) return i;
    x -= w;
    last = i;
  }
  return last; // only reached through rounding at the very top of the range
}

/**
 * One element drawn uniformly from a non-empty list. Consumes exactly one uniform number.
 *
 * @throws RangeError when `items` is empty
 * @example pickUniform({ next: () => 0.5 }, ["a", "b", "c"]) // → "b"
 */
export function pickUniform<T>(rng: Pick<Rng, "next">, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError("pick: empty list");
  return items[Math.min(items.length - 1, Math.floor(rng.next() * items.length))] as T;
}
