/**
 * Median absolute deviation — a robust spread measure that ignores a few wild runs.
 */
import { assertFiniteArray, assertMinLength, sortedCopy } from "./checks";
import { quantileSorted } from "./quantile";

/**
 * Consistency constant 1.4826 ≈ 1/Φ⁻¹(¾): scaled MAD estimates the standard deviation of
 * normal data (the constant R's `mad()` uses).
 */
export const MAD_NORMAL_CONSTANT = 1.4826;

/**
 * Raw median absolute deviation: median(|xᵢ − median(x)|), in the units of the values.
 *
 * @throws RangeError if `values` is empty or holds a non-finite number.
 * @example mad([1, 1, 2, 2, 4, 6, 9]) // → 1
 */
export function mad(values: readonly number[]): number {
  assertMinLength(values, 1, "values");
  assertFiniteArray(values, "values");
  const centre = quantileSorted(sortedCopy(values), 0.5);
  const deviations = Float64Array.from(values, (v) => Math.abs(v - centre));
  deviations.sort();
  return quantileSorted(deviations, 0.5);
}

/**
 * Scaled MAD = 1.4826 · {@link mad}: a robust estimate of the standard deviation (equals R's
 * default `mad(x)`), in the units of the values.
 *
 * @throws RangeError if `values` is empty or holds a non-finite number.
 * @example scaledMad([1, 1, 2, 2, 4, 6, 9]) // → 1.4826
 */
export function scaledMad(values: readonly number[]): number {
  return MAD_NORMAL_CONSTANT * mad(values);
}
