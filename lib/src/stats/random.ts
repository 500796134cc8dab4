/**
 * Seeded pseudo-random numbers for reproducible simulations and demo data: sfc32 (Doolittle's
 * Small Fast Counting generator, 128-bit state, passes PractRand) seeded by hashing the seed's
 * text with cyrb128. The same seed gives the same sequence on every run and platform: the
 * uniform stream uses only 32-bit integer arithmetic; normal and Poisson draws also use
 * `Math.log`/`Math.cos`/`Math.sin`, which V8 (Node) computes in software (an fdlibm port), so
 * they are reproducible for a given engine — another JS engine could differ in the last bit.
 * Not for cryptography.
 */
import { assertFinite } from "./checks";
import { logGamma } from "./log-gamma";

/**
 * A seeded random stream. Methods advance its state; two streams never share state. Methods
 * throw `RangeError` on invalid parameters (non-finite bounds, sd < 0, λ < 0, p ∉ [0, 1],
 * non-integer or reversed `int` bounds).
 */
export interface Rng {
  /** The seed text the stream was created from. */
  readonly seed: string;
  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform double in [min, max) (default [0, 1)). */
  uniform(min?: number, max?: number): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Normal draw (Box–Muller, the second variate of each pair is kept for the next call). */
  normal(mean?: number, sd?: number): number;
  /** Poisson draw with mean λ ≥ 0 (multiplication method below 10, Hörmann's PTRS above). */
  poisson(lambda: number): number;
  /** True with probability p. */
  bernoulli(p: number): boolean;
  /** A new independent stream seeded from this stream's seed and `label` (state untouched). */
  derive(label: string): Rng;
}

/** cyrb128 string hash → four 32-bit words. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 step function over a closed-over state; returns unsigned 32-bit integers. */
function sfc32(seedWords: [number, number, number, number]): () => number {
  let [a, b, c, d] = seedWords;
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/**
 * Creates a seeded random stream. Numbers and strings are seeded through their text, so `7`
 * and `"7"` give the same stream. Deterministic: equal seeds give equal sequences.
 *
 * @throws RangeError if a numeric seed is not finite.
 * @example createRng("demo").int(1, 6) === createRng("demo").int(1, 6) // → true
 */
export function createRng(seed: number | string): Rng {
  if (typeof seed === "number") assertFinite(seed, "seed");
  const seedText = String(seed);
  const step = sfc32(cyrb128(seedText));
  for (let i = 0; i < 15; i++) step(); // warm-up, as recommended for sfc32
  let spareNormal: number | undefined;

  const next = (): number => {
    const high = step() >>> 5; // 27 bits
    const low = step() >>> 6; // 26 bits
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  };

  const standardNormal = (): number => {
    if (spareNormal !== undefined) {
      const z = spareNormal;
      spareNormal = undefined;
      return z;
    }
    const u1 = 1 - next(); // (0, 1]: log is finite
    const u2 = next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spareNormal = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };

  const poissonSmall = (lambda: number): number => {
    const limit = Math.exp(-lambda);
    let k = 0;
    let product = next();
    while (product > limit) {
      k++;
      product *= next();
    }
    return k;
  };

  // Hörmann (1993), "The transformed rejection method for generating Poisson random
  // variables" (PTRS), valid for λ ≥ 10.
  const poissonLarge = (lambda: number): number => {
    const sqrtLambda = Math.sqrt(lambda);
    const logLambda = Math.log(lambda);
    const b = 0.931 + 2.53 * sqrtLambda;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = next() - 0.5;
      const v = next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
        -lambda + k * logLambda - logGamma(k + 1)
      ) {
        return k;
      }
    }
  };

  return {
    seed: seedText,
    next,
    uniform(min = 0, max = 1) {
      assertFinite(min, "min");
      assertFinite(max, "max");
      return min + (max - min) * next();
    },
    int(min, max) {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
        throw new RangeError(`int needs integers min ≤ max, got ${String(min)}, ${String(max)}`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    normal(mean = 0, sd = 1) {
      assertFinite(mean, "mean");
      assertFinite(sd, "sd");
      if (sd < 0) throw new RangeError(`sd must be ≥ 0, got ${sd}`);
      return mean + sd * standardNormal();
    },
    poisson(lambda) {
      assertFinite(lambda, "lambda");
      if (lambda < 0) throw new RangeError(`lambda must be ≥ 0, got ${lambda}`);
      if (lambda === 0) return 0;
      return lambda < 10 ? poissonSmall(lambda) : poissonLarge(lambda);
    },
    bernoulli(p) {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${String(p)}`);
      return next() < p;
    },
    derive(label) {
      return createRng(`${seedText}\u0000${label}`);
    },
  };
}
