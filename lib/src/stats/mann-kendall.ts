/**
 * Mann–Kendall trend test on a series observed at time index 1..n (input order = time order).
 *
 * S = Σ_{i<j} sign(yⱼ − yᵢ) (computed in O(n log n) by counting inversions with a merge sort),
 * Var(S) tie-corrected, p-values exact (all distinct arrangements of the multiset of values
 * equally likely; see `mann-kendall-exact.ts`) for n ≤ `exactMaxN` and from the
 * continuity-corrected normal approximation above.
 */
import { assertFiniteArray } from "./checks";
import { kendallVarianceS, tieGroupSizes } from "./kendall-ties";
import { MANN_KENDALL_EXACT_MAX_N } from "./mann-kendall-exact";
import { cachedInversionProbabilities } from "./mann-kendall-null-cache";
import { normalCdf, normalUpperTail } from "./normal";

/**
 * Default largest n that gets exact p-values (≈ 2–5 ms at n = 60). Above it the
 * normal approximation is used; with the continuity correction it is within ≈ 0.005 of the
 * exact p-value from n ≈ 40 on.
 */
export const MANN_KENDALL_DEFAULT_EXACT_MAX_N = 60;

/** How the p-values were obtained. */
export type MannKendallMethod = "exact" | "normal";

/** Options of {@link mannKendall}. */
export interface MannKendallOptions {
  /**
   * `auto` (default): exact when n ≤ `exactMaxN`, normal otherwise. `exact` forces the exact
   * distribution (n ≤ 150); `normal` forces the approximation.
   */
  readonly method?: "auto" | MannKendallMethod;
  /** Largest n for which `auto` is exact (default 60, at most 150). */
  readonly exactMaxN?: number;
}

/** Tie information of a Mann–Kendall test. */
export interface MannKendallTies {
  /** Sizes of the groups of equal values with at least two members, largest first. */
  readonly groupSizes: readonly number[];
  /** Number of observations that belong to such a group. */
  readonly tiedValues: number;
  /** Number of pairs with equal values, Σ t(t − 1)/2. */
  readonly tiedPairs: number;
}

/** Result of {@link mannKendall}. All fields are dimensionless. */
export interface MannKendallResult {
  /** Number of observations. */
  readonly n: number;
  /** S = Σ_{i<j} sign(yⱼ − yᵢ): positive = upward trend. */
  readonly s: number;
  /** Tie-corrected Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18. */
  readonly varS: number;
  /** Continuity-corrected z = (S − sign S)/√Var(S); 0 when S = 0 or Var(S) = 0. */
  readonly z: number;
  /** Two-sided p-value P(|S'| ≥ |S|) under H0 (no trend). */
  readonly pValue: number;
  /** One-sided p-value for an upward trend, P(S' ≥ S). */
  readonly pIncreasing: number;
  /** One-sided p-value for a downward trend, P(S' ≤ S). */
  readonly pDecreasing: number;
  /** Whether the p-values are exact or from the normal approximation. */
  readonly method: MannKendallMethod;
  /** Kendall's τ-b between the values and time: S/√(n₀(n₀ − tiedPairs)), n₀ = n(n−1)/2; 0 if undefined. */
  readonly tau: number;
  /** P: pairs with different values (the largest attainable |S|). */
  readonly untiedPairs: number;
  readonly ties: MannKendallTies;
}

/** Number of strict inversions (i < j, yᵢ > yⱼ) by merge sort; equal values never count. */
function countInversions(values: readonly number[]): number {
  let a = Float64Array.from(values);
  let b = new Float64Array(a.length);
  let inversions = 0;
  for (let width = 1; width < a.length; width *= 2) {
    for (let lo = 0; lo < a.length; lo += 2 * width) {
      const mid = Math.min(lo + width, a.length);
      const hi = Math.min(lo + 2 * width, a.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if ((a[i] as number) <= (a[j] as number)) b[k++] = a[i++] as number;
        else {
          inversions += mid - i;
          b[k++] = a[j++] as number;
        }
      }
      while (i < mid) b[k++] = a[i++] as number;
      while (j < hi) b[k++] = a[j++] as number;
    }
    [a, b] = [b, a];
  }
  return inversions;
}

function resolveMethod(n: number, options: MannKendallOptions): MannKendallMethod {
  const exactMaxN = options.exactMaxN ?? MANN_KENDALL_DEFAULT_EXACT_MAX_N;
  if (!Number.isSafeInteger(exactMaxN) || exactMaxN < 0 || exactMaxN > MANN_KENDALL_EXACT_MAX_N) {
    throw new RangeError(
      `exactMaxN must be an integer in 0..${MANN_KENDALL_EXACT_MAX_N}, got ${String(exactMaxN)}`,
    );
  }
  const method = options.method ?? "auto";
  if (method === "exact" && n > MANN_KENDALL_EXACT_MAX_N) {
    throw new RangeError(
      `exact Mann–Kendall p-values are limited to n ≤ ${MANN_KENDALL_EXACT_MAX_N}, got ${n}`,
    );
  }
  if (method === "auto") return n <= exactMaxN ? "exact" : "normal";
  return method;
}

interface PValues {
  readonly pValue: number;
  readonly pIncreasing: number;
  readonly pDecreasing: number;
}

function exactPValues(groupSizes: readonly number[], untiedPairs: number, s: number): PValues {
  const q = cachedInversionProbabilities(groupSizes); // q[k] = P(inv = k), S = P − 2·inv (read only)
  const observedInv = (untiedPairs - s) / 2;
  let upTo = 0; // P(inv ≤ observedInv) = P(S' ≥ S); small terms first
  for (let k = 0; k <= observedInv; k++) upTo += q[k] as number;
  let from = 0; // P(inv ≥ observedInv) = P(S' ≤ S)
  for (let k = untiedPairs; k >= observedInv; k--) from += q[k] as number;
  let pValue = 1;
  if (s !== 0) {
    const m = (untiedPairs - Math.abs(s)) / 2; // |S'| ≥ |S|  ⇔  inv ≤ m or inv ≥ P − m
    let tail = 0;
    for (let k = 0; k <= m; k++) tail += (q[k] as number) + (q[untiedPairs - k] as number);
    pValue = Math.min(1, tail);
  }
  return { pValue, pIncreasing: Math.min(1, upTo), pDecreasing: Math.min(1, from) };
}

function normalPValues(s: number, varS: number): PValues {
  if (varS <= 0) return { pValue: 1, pIncreasing: 1, pDecreasing: 1 };
  const sd = Math.sqrt(varS);
  // S moves in steps of 2, so the continuity correction is 1.
  return {
    pValue: s === 0 ? 1 : Math.min(1, 2 * normalUpperTail((Math.abs(s) - 1) / sd)),
    pIncreasing: normalUpperTail((s - 1) / sd),
    pDecreasing: normalCdf((s + 1) / sd),
  };
}

/**
 * Mann–Kendall test for a monotonic trend in `y` (time index 1..n in input order). H0: the
 * values are exchangeable (no trend). Exact p-values for n ≤ `exactMaxN` (default 60) from the
 * permutation distribution of S over all distinct arrangements of the multiset of values (so
 * correct with ties); otherwise the tie-corrected, continuity-corrected normal approximation.
 * Ties are exact equality. Series shorter than 2, or constant, give S = 0 and p = 1.
 *
 * @throws RangeError if a value is not finite, `exactMaxN` is not an integer in 0..150, or
 *   `method: "exact"` is asked for n > 150.
 * @example mannKendall([12, 10, 9, 7]) // → { s: -6, pValue: 0.08333333333333333 (= 1/12),
 *   method: "exact", … }
 */
export function mannKendall(y: readonly number[], options: MannKendallOptions = {}): MannKendallResult {
  assertFiniteArray(y, "y");
  const n = y.length;
  resolveMethod(n, options);
  const groups = tieGroupSizes(y);
  let tiedPairs = 0;
  for (const t of groups) tiedPairs += (t * (t - 1)) / 2;
  const s = (n * (n - 1)) / 2 - tiedPairs - 2 * countInversions(y);
  return mannKendallFromStatistic(n, s, groups, options);
}

/**
 * The Mann–Kendall result for a series known only by its length n, its statistic S and the sizes
 * of its groups of equal values (any order, untied values as 1s) — what a sliding window keeps
 * up to date as values enter and leave. The same computation as {@link mannKendall} after S.
 *
 * @throws RangeError if the group sizes do not sum to n, or as {@link mannKendall} for options.
 * @example mannKendallFromStatistic(4, -6, [1, 1, 1, 1]).pValue // → 0.08333333333333333 (as mannKendall([12, 10, 9, 7]))
 */
export function mannKendallFromStatistic(
  n: number,
  s: number,
  groups: readonly number[],
  options: MannKendallOptions = {},
): MannKendallResult {
  const method = resolveMethod(n, options);
  let tiedPairs = 0;
  let tiedValues = 0;
  const tied: number[] = [];
  for (const t of groups) {
    if (t < 2) continue;
    tied.push(t);
    tiedValues += t;
    tiedPairs += (t * (t - 1)) / 2;
  }
  tied.sort((a, b) => b - a);
  const allPairs = (n * (n - 1)) / 2;
  const untiedPairs = allPairs - tiedPairs;
  const varS = kendallVarianceS(n, groups);
  const z = varS > 0 && s !== 0 ? (s - Math.sign(s)) / Math.sqrt(varS) : 0;
  const tauDenominator = Math.sqrt(allPairs * untiedPairs);
  const p = method === "exact" ? exactPValues(groups, untiedPairs, s) : normalPValues(s, varS);
  return {
    n,
    s,
    varS,
    z,
    pValue: p.pValue,
    pIncreasing: p.pIncreasing,
    pDecreasing: p.pDecreasing,
    method,
    tau: tauDenominator > 0 ? s / tauDenominator : 0,
    untiedPairs,
    ties: { groupSizes: tied, tiedValues, tiedPairs },
  };
}
