/**
 * The standard normal distribution: density, CDF Φ, upper tail 1 − Φ and quantile Φ⁻¹, all
 * to ≈ 1e-14 relative accuracy (far inside the 1e-9 the evaluation engine needs).
 *
 * - Φ: for |z| < 2.5 the everywhere-convergent series Φ(z) = ½ + φ(z)·Σ z^(2k+1)/(2k+1)!!
 *   (Marsaglia 2004); beyond, the Laplace continued fraction for Mills' ratio
 *   (1 − Φ(z))/φ(z) = 1/(z + 1/(z + 2/(z + 3/(z + …)))), 80 terms evaluated backwards. Both
 *   sum positive terms, so upper tails far out (1 − Φ(30) ≈ 5e-198) keep full relative accuracy.
 * - Φ⁻¹: Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), ≈ 1e-16.
 */

const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);
const SERIES_LIMIT = 2.5;
const CONTINUED_FRACTION_TERMS = 80;

/**
 * Standard normal density φ(z) = exp(−z²/2)/√(2π). Returns NaN for NaN; never throws.
 *
 * @example normalPdf(0) // → 0.3989422804014327
 */
export function normalPdf(z: number): number {
  return INV_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
}

/** Σ_{k≥0} z^(2k+1)/(2k+1)!! — converges for all z, used for |z| < 2.5. */
function marsagliaSeries(z: number): number {
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let k = 1; k < 200; k++) {
    term *= z2 / (2 * k + 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** 1 − Φ(z) for z ≥ 2.5 via the continued fraction for Mills' ratio. */
function upperTailFar(z: number): number {
  let t = z;
  for (let k = CONTINUED_FRACTION_TERMS; k >= 1; k--) t = z + k / t;
  return normalPdf(z) / t;
}

/**
 * Standard normal upper tail 1 − Φ(z) = P(Z > z), accurate in relative terms even far in the
 * tail (use it for p-values instead of `1 - normalCdf(z)`). Returns NaN for NaN; never throws.
 *
 * @example normalUpperTail(1.959963984540054) // → 0.025 (to 1e-15)
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  if (z >= SERIES_LIMIT) return upperTailFar(z);
  if (z <= -SERIES_LIMIT) return 1 - upperTailFar(-z);
  return 0.5 - normalPdf(z) * marsagliaSeries(z);
}

/**
 * Standard normal cumulative distribution function Φ(z) = P(Z ≤ z), relative accuracy ≈ 1e-14
 * (lower tail included: Φ(−30) ≈ 4.9e-198 is accurate). Returns NaN for NaN; never throws.
 *
 * @example normalCdf(1.96) // → 0.9750021048517795
 * @example normalCdf(-3) // → 0.0013498980316301
 */
export function normalCdf(z: number): number {
  return normalUpperTail(-z);
}

// AS 241 coefficients (Wichura 1988), written as the shortest literals that round-trip to the
// same doubles as the published 20-digit values. Region |p − ½| ≤ 0.425.
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
] as const;
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
] as const;
// Intermediate tail, r = √(−log min(p, 1−p)) ≤ 5.
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
] as const;
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
] as const;
// Far tail, r > 5.
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
] as const;
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
] as const;

function poly(coefficients: readonly number[], x: number): number {
  let acc = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) acc = acc * x + (coefficients[i] as number);
  return acc;
}

/**
 * Standard normal quantile Φ⁻¹(p): the z with Φ(z) = p (Wichura AS 241, ≈ 1e-16 relative).
 * Returns −Infinity for p = 0 and Infinity for p = 1.
 *
 * @throws RangeError if p is NaN or outside [0, 1].
 * @example normalQuantile(0.975) // → 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
    throw new RangeError(`normalQuantile needs a probability in [0, 1], got ${String(p)}`);
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    z = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -z : z;
}
