/**
 * Selection of order statistics in expected linear time (internal; used by Sen's slope on up
 * to millions of pairwise slopes, where a full sort would dominate the cost).
 */

const MAX_PARTITION_ROUNDS = 64;

/**
 * Rearranges `arr[lo..hi]` in place so that `arr[k]` holds the value of rank k (0-based) within
 * that range, everything left of k is ≤ it and everything right is ≥ it. Hoare partition with a
 * median-of-three pivot (fine with many equal values); falls back to sorting the remaining
 * range after 64 rounds, so the worst case stays O(m log m).
 * @internal Operates on a scratch array owned by the caller.
 */
export function selectInPlace(arr: Float64Array, k: number, lo: number, hi: number): void {
  let left = lo;
  let right = hi;
  for (let round = 0; right > left; round++) {
    if (round >= MAX_PARTITION_ROUNDS) {
      arr.subarray(left, right + 1).sort();
      return;
    }
    const mid = (left + right) >>> 1;
    // Median of three into arr[mid].
    if ((arr[mid] as number) < (arr[left] as number)) swap(arr, mid, left);
    if ((arr[right] as number) < (arr[left] as number)) swap(arr, right, left);
    if ((arr[right] as number) < (arr[mid] as number)) swap(arr, right, mid);
    const pivot = arr[mid] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((arr[i] as number) < pivot) i++;
      while ((arr[j] as number) > pivot) j--;
      if (i <= j) {
        swap(arr, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return; // j < k < i: arr[k] equals the pivot and sits in its final place
  }
}

function swap(arr: Float64Array, i: number, j: number): void {
  const t = arr[i] as number;
  arr[i] = arr[j] as number;
  arr[j] = t;
}

/**
 * Values of several ranks (0-based) of `arr[0..length−1]`, reordering `arr` in place. Selects
 * the middle requested rank, then recurses on each side with the ranks that fall there.
 * @internal Operates on a scratch array owned by the caller; ranks must lie in 0..length−1.
 */
export function selectRanks(
  arr: Float64Array,
  length: number,
  ranks: readonly number[],
): Map<number, number> {
  const wanted = [...new Set(ranks)].sort((a, b) => a - b);
  const found = new Map<number, number>();
  const solve = (lo: number, hi: number, from: number, to: number): void => {
    if (from > to) return;
    const middle = (from + to) >>> 1;
    const k = wanted[middle] as number;
    selectInPlace(arr, k, lo, hi);
    found.set(k, arr[k] as number);
    solve(lo, k - 1, from, middle - 1);
    solve(k + 1, hi, middle + 1, to);
  };
  solve(0, length - 1, 0, wanted.length - 1);
  return found;
}
