/**
 * A continuous broken line (a hinge) fitted by least squares: y = a + b·x + c·max(0, x − k) over
 * x = 1..n, the break k chosen among the run positions that leave at least `minSide` points on each
 * side. Its residuals are what is left of a series once a trend that bends (flat, then falling) is
 * taken out — used to judge serial correlation without mistaking the bend for it.
 */
import { assertFiniteArray, assertMinLength } from "./checks";

/** Result of {@link hingeFit}. */
export interface HingeFit {
  /** Break position (1-based x at which the slope changes). */
  readonly knot: number;
  /** a, b, c of y = a + b·x + c·max(0, x − knot). */
  readonly intercept: number;
  readonly slope: number;
  readonly slopeChange: number;
  /** Residual sum of squares (value units²). */
  readonly rss: number;
  /** yᵢ − fitted, in input order. */
  readonly residuals: readonly number[];
}

/** Solves the 3×3 system m·v = r by Gaussian elimination with partial pivoting; null if singular. */
function solve3(m: number[][], r: number[]): [number, number, number] | null {
  const a = m.map((row, i) => [...row, r[i] as number]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let i = col + 1; i < 3; i++) if (Math.abs(a[i]![col]!) > Math.abs(a[pivot]![col]!)) pivot = i;
    if (Math.abs(a[pivot]![col]!) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let i = 0; i < 3; i++) {
      if (i === col) continue;
      const f = a[i]![col]! / a[col]![col]!;
      for (let j = col; j < 4; j++) a[i]![j] = a[i]![j]! - f * a[col]![j]!;
    }
  }
  return [a[0]![3]! / a[0]![0]!, a[1]![3]! / a[1]![1]!, a[2]![3]! / a[2]![2]!];
}

/**
 * The least-squares hinge over every admissible break (O(n²)). Ties keep the earliest break.
 *
 * @throws RangeError when fewer than 2·minSide + 1 values or a value is not finite, or minSide < 2.
 * @example hingeFit([5, 5, 5, 5, 4, 3, 2, 1]).knot // → 4 (flat to x = 4, then −1 per run)
 */
export function hingeFit(values: readonly number[], minSide = 3): HingeFit {
  if (!Number.isInteger(minSide) || minSide < 2)
    throw new RangeError(`minSide must be an integer ≥ 2, got ${minSide}`);
  assertMinLength(values, 2 * minSide + 1, "values");
  assertFiniteArray(values, "values");
  const n = values.length;
  let best: HingeFit | undefined;
  for (let knot = minSide; knot <= n - minSide; knot++) {
    // Normal equations of the design [1, x, max(0, x − knot)].
    const s = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    const r = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const x = i + 1;
      const row = [1, x, Math.max(0, x - knot)];
      const y = values[i] as number;
      for (let p = 0; p < 3; p++) {
        r[p]! += row[p]! * y;
        for (let q = 0; q < 3; q++) s[p]![q]! += row[p]! * row[q]!;
      }
    }
    const coef = solve3(s, r);
    if (!coef) continue;
    const [a, b, c] = coef;
    const residuals = values.map((y, i) => y - (a + b * (i + 1) + c * Math.max(0, i + 1 - knot)));
    const rss = residuals.reduce((sum, e) => sum + e * e, 0);
    if (!best || rss < best.rss - 1e-12 * Math.max(1, best.rss))
      best = { knot, intercept: a, slope: b, slopeChange: c, rss, residuals };
  }
  if (!best) throw new RangeError("hingeFit: no admissible break (degenerate positions)");
  return best;
}
