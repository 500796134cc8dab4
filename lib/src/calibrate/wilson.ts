/**
 * Wilson score interval for a binomial proportion (Wilson 1927; method 3 of Newcombe 1998, "Two-
 * sided confidence intervals for the single proportion: comparison of seven methods", Statistics
 * in Medicine 17:857–872), without continuity correction. Kept inside `calibrate/` until the
 * shared `stats/wilson.ts` lands; the two are then reconciled.
 */
import { normalQuantile } from "../stats/normal";

/**
 * The Wilson score interval [lower, upper] (proportions, 0–1) for `successes` out of `trials` at
 * confidence `level` (default 0.95). Unlike the Wald interval it stays inside [0, 1] and keeps
 * near-nominal coverage for small counts and rates near 0 or 1.
 *
 * @throws RangeError when `trials` is not a positive integer, `successes` is not an integer in
 *   [0, trials], or `level` ∉ (0, 1).
 * @example wilsonInterval(81, 263).map((x) => x.toFixed(4)) // → ["0.2553", "0.3662"] (Newcombe 1998)
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): [number, number] {
  if (!Number.isSafeInteger(trials) || trials < 1) {
    throw new RangeError(`trials must be a positive integer, got ${String(trials)}`);
  }
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`successes must be an integer in [0, ${trials}], got ${String(successes)}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${String(level)}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const p = successes / trials;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // Clamp the rounding residue at the ends (0/n and n/n give exactly 0 and 1 in exact arithmetic).
  return [
    successes === 0 ? 0 : Math.max(0, centre - half),
    successes === trials ? 1 : Math.min(1, centre + half),
  ];
}
