/**
 * Wilson (1927) score confidence interval for a binomial proportion.
 */
import { assertOpenUnit } from "./checks";
import { normalQuantile } from "./normal";

/** Result of {@link wilsonInterval}: proportions in [0, 1]. */
export interface WilsonInterval {
  /** Lower confidence limit. */
  readonly lower: number;
  /** Upper confidence limit. */
  readonly upper: number;
  /** The observed proportion successes/trials (NaN when trials = 0). */
  readonly estimate: number;
}

/**
 * Wilson score interval without continuity correction (Newcombe 1998, method 3; R's
 * `prop.test(x, n, correct = FALSE)$conf.int`, `binom::binom.wilson`): with p̂ = x/n and
 * z = z_{1−(1−level)/2}, the limits are
 * (2x + z² ∓ z·√(z² + 4x(n − x)/n)) / (2(n + z²)),
 * exactly 0 when x = 0 and exactly 1 when x = n. trials = 0 gives [0, 1] and estimate NaN.
 *
 * @param successes x, an integer in 0..trials.
 * @param trials n, a non-negative integer.
 * @param level two-sided confidence level, strictly between 0 and 1 (default 0.95).
 * @throws RangeError if successes or trials is negative or not an integer, successes > trials,
 *   or level ∉ (0, 1).
 * @example wilsonInterval(81, 263) // → { lower: 0.2553…, upper: 0.3662…, estimate: 0.3080… } (Newcombe 1998, Table I)
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): WilsonInterval {
  for (const [value, name] of [
    [successes, "successes"],
    [trials, "trials"],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
    }
  }
  if (successes > trials) {
    throw new RangeError(`successes (${successes}) must not exceed trials (${trials})`);
  }
  assertOpenUnit(level, "level");
  if (trials === 0) return { lower: 0, upper: 1, estimate: Number.NaN };
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const x = successes;
  const n = trials;
  const half = z * Math.sqrt(z2 + (4 * x * (n - x)) / n);
  const denominator = 2 * (n + z2);
  const lower = x === 0 ? 0 : Math.max(0, (2 * x + z2 - half) / denominator);
  const upper = x === n ? 1 : Math.min(1, (2 * x + z2 + half) / denominator);
  return { lower, upper, estimate: x / n };
}
