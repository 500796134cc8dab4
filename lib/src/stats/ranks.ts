/**
 * Ranks with ties averaged ("mid-ranks"): R's `rank(x)` default and SciPy's
 * `rankdata(x, method="average")`. Used by the rank-based tests (Hamed–Rao, Pettitt).
 */
import { assertFiniteArray } from "./checks";

/**
 * Ranks 1..n of the values, in input order, with the mean rank given to every member of a group of
 * exactly equal values. Dimensionless; O(n log n). The input is not modified.
 *
 * @throws RangeError if a value is not finite.
 * @example averageRanks([10, 30, 20, 20]) // → [1, 4, 2.5, 2.5]
 */
export function averageRanks(values: readonly number[]): number[] {
  assertFiniteArray(values, "values");
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  const ranks = new Array<number>(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j] as number] === values[order[i] as number]) j++;
    const rank = (i + 1 + j) / 2; // mean of ranks i+1..j
    for (let k = i; k < j; k++) ranks[order[k] as number] = rank;
    i = j;
  }
  return ranks;
}
