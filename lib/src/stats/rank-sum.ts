/**
 * Wilcoxon–Mann–Whitney rank-sum test of whether one sample tends to be larger than another:
 * U = R₁ − n₁(n₁ + 1)/2 from the average ranks of the pooled values, the tie-corrected null
 * variance n₁n₂/12 · [(N + 1) − Σ(t³ − t)/(N(N − 1))], and continuity-corrected normal p-values
 * (as `scipy.stats.mannwhitneyu(…, method="asymptotic", use_continuity=True)`). Rank-based, so
 * valid for any continuous or discrete distribution shared by both samples under the null —
 * overdispersed counts included.
 */
import { assertFiniteArray, assertMinLength } from "./checks";
import { normalUpperTail } from "./normal";
import { averageRanks } from "./ranks";

/** Result of {@link rankSumTest}. */
export interface RankSumResult {
  /** Mann–Whitney U of `sample` (pairs where it is larger, ties counting ½). */
  readonly u: number;
  /** One-sided p-value that `sample` tends to be larger than `reference`. */
  readonly pGreater: number;
  /** One-sided p-value that it tends to be smaller. */
  readonly pLess: number;
}

/**
 * Rank-sum test of `sample` against `reference`. All values equal: both p-values 1.
 *
 * @throws RangeError when either sample is empty or holds a non-finite value.
 * @example rankSumTest([2, 3, 1, 4, 2, 2, 5, 3], [1, 0, 2, 1, 1, 0, 3, 1]).pGreater // → 0.00884 (scipy 1.17)
 */
export function rankSumTest(sample: readonly number[], reference: readonly number[]): RankSumResult {
  assertMinLength(sample, 1, "sample");
  assertMinLength(reference, 1, "reference");
  assertFiniteArray(sample, "sample");
  assertFiniteArray(reference, "reference");
  const n1 = sample.length;
  const n2 = reference.length;
  const n = n1 + n2;
  const ranks = averageRanks([...sample, ...reference]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i] as number;
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const counts = new Map<number, number>();
  for (const v of [...sample, ...reference]) counts.set(v, (counts.get(v) ?? 0) + 1);
  let ties = 0;
  for (const t of counts.values()) ties += t ** 3 - t;
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  if (!(variance > 0)) return { u, pGreater: 1, pLess: 1 };
  const mean = (n1 * n2) / 2;
  const sd = Math.sqrt(variance);
  return {
    u,
    pGreater: normalUpperTail((u - mean - 0.5) / sd),
    pLess: normalUpperTail((mean - u - 0.5) / sd),
  };
}
