/**
 * The most recent `n` items of an ordered list (all of them when `n` is undefined or larger).
 *
 * @example recent([1, 2, 3, 4], 2) // → [3, 4]
 */
export function recent<T>(items: readonly T[], n: number | undefined): readonly T[] {
  return n === undefined || items.length <= n ? items : items.slice(items.length - n);
}

/**
 * Arithmetic mean; 0 for an empty list.
 *
 * @example mean([1, 2, 6]) // → 3
 */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Clamps `value` into [lo, hi].
 *
 * @example clamp(120, 0, 100) // → 100
 */
export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
