/**
 * Random draws the calibration simulator needs beyond the seeded stream of `stats/random`
 * ({@link Rng}): gamma, negative binomial (a gamma–Poisson mixture) and exponential. Each is pure
 * apart from advancing the stream it is given.
 */
import type { Rng } from "../stats/random";

function assertPositive(value: number, name: string): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${name} must be a finite number > 0, got ${String(value)}`);
  }
}

/**
 * Gamma draw with the given `shape` (> 0) and `scale` (> 0): mean shape·scale, variance
 * shape·scale². Marsaglia & Tsang (2000), "A simple method for generating gamma variables", with
 * their boost U^(1/shape) for shapes below 1.
 *
 * @throws RangeError when `shape` or `scale` is not a finite number > 0.
 * @example gammaDraw(createRng("g"), 2, 3) > 0 // → true
 */
export function gammaDraw(rng: Rng, shape: number, scale: number): number {
  assertPositive(shape, "shape");
  assertPositive(scale, "scale");
  if (shape < 1) {
    const boost = Math.pow(1 - rng.next(), 1 / shape); // (0, 1]
    return gammaDraw(rng, shape + 1, scale) * boost;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const base = 1 + c * x;
    if (base <= 0) continue;
    const v = base * base * base;
    const u = 1 - rng.next(); // (0, 1]: log is finite
    if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/**
 * Count with the given `mean` (≥ 0) and variance = `varianceRatio` × mean. A ratio of 1 is a
 * Poisson draw; a ratio above 1 a negative binomial drawn as Poisson(λ) with λ ~ Gamma(k, mean/k),
 * k = mean / (ratio − 1), whose variance is mean + mean²/k = ratio × mean.
 *
 * @throws RangeError when `mean` is negative or not finite, or `varianceRatio` < 1 (a count with
 *   less variance than a Poisson one is not modelled).
 * @example countDraw(createRng("c"), 0, 2.5) // → 0
 */
export function countDraw(rng: Rng, mean: number, varianceRatio = 1): number {
  if (!(Number.isFinite(mean) && mean >= 0)) throw new RangeError(`mean must be ≥ 0, got ${String(mean)}`);
  if (!(Number.isFinite(varianceRatio) && varianceRatio >= 1)) {
    throw new RangeError(`varianceRatio must be ≥ 1, got ${String(varianceRatio)}`);
  }
  if (mean === 0) return 0;
  if (varianceRatio === 1) return rng.poisson(mean);
  const shape = mean / (varianceRatio - 1);
  return rng.poisson(gammaDraw(rng, shape, mean / shape));
}

/**
 * Exponential draw with the given `mean` (> 0): the gap between events of a Poisson process.
 *
 * @throws RangeError when `mean` is not a finite number > 0.
 * @example exponentialDraw(createRng("e"), 1) >= 0 // → true
 */
export function exponentialDraw(rng: Rng, mean: number): number {
  assertPositive(mean, "mean");
  return -mean * Math.log(1 - rng.next());
}
