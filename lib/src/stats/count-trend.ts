/**
 * Trend test for counts per run (e.g. human touches per run): overdispersed, many ties. The test
 * is rank-based, so it needs no count model; the minimum detectable rise is a normal-theory
 * planning figure.
 */
import { assertFiniteArray } from "./checks";
import { mannKendall } from "./mann-kendall";
import { normalQuantile } from "./normal";

/** Power at which {@link countTrendTest} reports the minimum detectable rise. */
const MDE_POWER = 0.8;

/** Result of {@link countTrendTest}. */
export interface CountTrendResult {
  /** Mann–Kendall S of the counts against run order (positive = rising). */
  readonly s: number;
  /** One-sided p-value for a rising trend, 1 − Φ((S − 1)/√Var(S)). */
  readonly pRising: number;
  /** One-sided p-value for a falling trend, Φ((S + 1)/√Var(S)). */
  readonly pFalling: number;
  /** Mean count per run of the first floor(n/2) runs. */
  readonly earlyMean: number;
  /** Mean count per run of the last floor(n/2) runs. */
  readonly recentMean: number;
  /**
   * Smallest rise in mean count per run (recent half − early half) that a one-sided two-sample
   * z-comparison of the halves detects with 80 % power at level alpha:
   * (z_{1−α} + z_{0.8})·s_p·√(2/h), s_p the pooled within-half SD, h = floor(n/2). Counts per run.
   */
  readonly minDetectableRise: number;
}

/**
 * Trend test for counts per run in time order: the one-sided Mann–Kendall test with the
 * tie-corrected Var(S) and continuity-corrected normal p-values on both sides (never the exact
 * distribution). Being rank-based it is valid for any iid count distribution, Poisson or
 * overdispersed; heavy ties only shrink Var(S). Both p-values are 1 for a constant series.
 *
 * Also reports the means of the first and last floor(n/2) runs (the middle run is left out when
 * n is odd) and `minDetectableRise` = (z_{1−α} + z_{0.8})·s_p·√(2/h), with s_p² = (SS_early +
 * SS_recent)/(2h − 2) — an approximation: it treats the halves as two independent normal samples
 * with a common variance (no serial correlation, no trend within halves) and ignores that the
 * estimated SD is random.
 *
 * @param counts counts per run in time order: finite, ≥ 0, at least 4 (non-integers accepted).
 * @param alpha one-sided significance level for the detectable rise, strictly between 0 and 1
 *   (default 0.05).
 * @throws RangeError if fewer than 4 counts, a count is negative or not finite, or alpha ∉ (0, 1).
 * @example countTrendTest([0, 1, 0, 2, 1, 3]) // → { s: 9, pRising: 0.0595…, earlyMean: 1/3, recentMean: 2, minDetectableRise: 1.6576… }
 */
export function countTrendTest(counts: readonly number[], alpha = 0.05): CountTrendResult {
  const n = counts.length;
  if (n < 4) throw new RangeError(`countTrendTest needs at least 4 counts, got ${n}`);
  assertFiniteArray(counts, "counts");
  counts.forEach((c, i) => {
    if (c < 0) throw new RangeError(`counts[${i}] must be ≥ 0, got ${c}`);
  });
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) {
    throw new RangeError(`alpha must lie strictly between 0 and 1, got ${String(alpha)}`);
  }
  const mk = mannKendall(counts, { method: "normal" });

  const h = Math.floor(n / 2);
  const early = counts.slice(0, h);
  const recent = counts.slice(n - h);
  const meanOf = (a: readonly number[]): number => a.reduce((acc, v) => acc + v, 0) / a.length;
  const earlyMean = meanOf(early);
  const recentMean = meanOf(recent);
  let ss = 0;
  for (const v of early) ss += (v - earlyMean) * (v - earlyMean);
  for (const v of recent) ss += (v - recentMean) * (v - recentMean);
  const pooledSd = Math.sqrt(ss / (2 * h - 2));
  const minDetectableRise =
    (normalQuantile(1 - alpha) + normalQuantile(MDE_POWER)) * pooledSd * Math.sqrt(2 / h);

  return {
    s: mk.s,
    pRising: mk.pIncreasing,
    pFalling: mk.pDecreasing,
    earlyMean,
    recentMean,
    minDetectableRise,
  };
}
