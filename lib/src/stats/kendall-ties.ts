/**
 * Ties and the null variance of Kendall's S (the Mann–Kendall statistic). Values are tied when
 * they are exactly equal (`===`); round beforehand if near-equal values should count as ties.
 */
import { assertFiniteArray } from "./checks";

/**
 * Sizes of the groups of equal values, one entry per distinct value in ascending value order
 * (so untied values contribute a 1). The sizes sum to `values.length`.
 *
 * @throws RangeError if a value is not finite.
 * @example tieGroupSizes([3, 4, 4, 6, 5, 7]) // → [1, 2, 1, 1, 1]
 */
export function tieGroupSizes(values: readonly number[]): number[] {
  assertFiniteArray(values, "values");
  const sorted = Float64Array.from(values);
  sorted.sort();
  const sizes: number[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    sizes.push(j - i);
    i = j;
  }
  return sizes;
}

function checkGroups(n: number, groups: readonly number[], name: string): void {
  let total = 0;
  for (const t of groups) {
    if (!Number.isSafeInteger(t) || t < 1) {
      throw new RangeError(`${name} must hold positive integers, got ${String(t)}`);
    }
    total += t;
  }
  if (total !== n) throw new RangeError(`${name} must sum to n = ${n}, got ${total}`);
}

/** Σ t(t − 1)(2t + 5) over groups. */
function sumVarianceTerm(groups: readonly number[]): number {
  let s = 0;
  for (const t of groups) s += t * (t - 1) * (2 * t + 5);
  return s;
}

/**
 * Null variance of Kendall's S = Σ_{i<j} sign(xⱼ − xᵢ)·sign(yⱼ − yᵢ), exact under random
 * ordering, with ties in y (group sizes t) and optionally in x (group sizes u) — Kendall (1970):
 *
 * Var(S) = [n(n−1)(2n+5) − Σt(t−1)(2t+5) − Σu(u−1)(2u+5)]/18
 *        + [Σt(t−1)(t−2)]·[Σu(u−1)(u−2)] / [9n(n−1)(n−2)]
 *        + [Σt(t−1)]·[Σu(u−1)] / [2n(n−1)].
 *
 * Without x groups (a time index, all distinct) this is the Mann–Kendall
 * [n(n−1)(2n+5) − Σt(t−1)(2t+5)]/18. Dimensionless (S is a count of pairs).
 *
 * @param n number of observations.
 * @param yGroups tie-group sizes of y (from {@link tieGroupSizes}); must sum to n.
 * @param xGroups tie-group sizes of x; omitted = all x distinct.
 * @throws RangeError if n is not a non-negative integer or a group list does not sum to n.
 * @example kendallVarianceS(6, [1, 2, 1, 1, 1]) // → 27.333333333333332 (= 492/18)
 */
export function kendallVarianceS(n: number, yGroups: readonly number[], xGroups?: readonly number[]): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${String(n)}`);
  }
  checkGroups(n, yGroups, "yGroups");
  const xs = xGroups ?? new Array<number>(n).fill(1);
  checkGroups(n, xs, "xGroups");
  if (n < 2) return 0;
  let variance = (n * (n - 1) * (2 * n + 5) - sumVarianceTerm(yGroups) - sumVarianceTerm(xs)) / 18;
  let y2 = 0;
  let y3 = 0;
  for (const t of yGroups) {
    y2 += t * (t - 1);
    y3 += t * (t - 1) * (t - 2);
  }
  let x2 = 0;
  let x3 = 0;
  for (const u of xs) {
    x2 += u * (u - 1);
    x3 += u * (u - 1) * (u - 2);
  }
  if (n > 2) variance += (y3 * x3) / (9 * n * (n - 1) * (n - 2));
  variance += (y2 * x2) / (2 * n * (n - 1));
  return Math.max(0, variance);
}
