/**
 * Robust outlier screening of one value against the others (Hampel identifier).
 */
import { assertFiniteArray, assertMinLength } from "./checks";
import { scaledMad } from "./mad";
import { median } from "./quantile";

/** Result of {@link hampelOutlier}. `median` and `scale` are in value units; `score` is dimensionless. */
export interface HampelResult {
  /** Median of the other values. */
  readonly median: number;
  /** 1.4826·MAD of the other values (a robust standard deviation). */
  readonly scale: number;
  /** |x − median| / scale; 0 or Infinity when scale = 0 (x equal to / different from the median). */
  readonly score: number;
  /** score > k. */
  readonly outlier: boolean;
}

/**
 * Hampel identifier, leave-one-out: is values[index] an outlier against the OTHER values? Their
 * median and scaled MAD (1.4826·MAD, R's `mad()`, from `mad.ts`) give score = |x − median|/scale
 * and outlier = score > k. When the others have MAD 0 (more than half of them equal), x is an
 * outlier iff x ≠ median (score Infinity; 0 when equal). Inputs are not modified.
 *
 * @param values the sample, at least 2 values (so at least one other).
 * @param index 0-based position of the value under test.
 * @param k threshold in robust standard deviations, finite and ≥ 0 (default 3).
 * @throws RangeError if fewer than 2 values, a value is not finite, index is not an integer in
 *   0..n−1, or k is negative or not finite.
 * @example hampelOutlier([10, 11, 9, 10, 12, 30], 5) // → { median: 10, scale: 1.4826, score: 13.49…, outlier: true }
 */
export function hampelOutlier(values: readonly number[], index: number, k = 3): HampelResult {
  assertMinLength(values, 2, "values");
  assertFiniteArray(values, "values");
  if (!Number.isSafeInteger(index) || index < 0 || index >= values.length) {
    throw new RangeError(`index must be an integer in 0..${values.length - 1}, got ${String(index)}`);
  }
  if (typeof k !== "number" || !Number.isFinite(k) || k < 0) {
    throw new RangeError(`k must be a finite number ≥ 0, got ${String(k)}`);
  }
  const x = values[index] as number;
  const others = values.filter((_, i) => i !== index);
  const centre = median(others);
  const scale = scaledMad(others);
  const deviation = Math.abs(x - centre);
  const score = scale > 0 ? deviation / scale : deviation === 0 ? 0 : Infinity;
  return { median: centre, scale, score, outlier: score > k };
}
