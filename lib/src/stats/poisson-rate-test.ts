/**
 * Is a count per run rising? Exact conditional test comparing two Poisson rates (e.g. human
 * touches per run in an early window vs. a recent window).
 *
 * With k₁ events over exposure n₁ (early) and k₂ over n₂ (recent), given the total k = k₁ + k₂,
 * k₂ ~ Binomial(k, π₀) with π₀ = n₂/(n₁ + n₂) when the two rates are equal (Przyborowski &
 * Wilenski 1940; R's `poisson.test` for two samples). The rate ratio (recent/early) maps to the
 * binomial proportion by RR = π/(1 − π) · n₁/n₂, so its exact (Clopper–Pearson) interval follows
 * from the binomial one.
 */
import { binomialLowerTail, binomialPmf, binomialUpperTail } from "./binomial";
import { assertCount, assertFinite, assertOpenUnit } from "./checks";

/** Counts and exposures of the two windows. Exposure is e.g. the number of runs. */
export interface PoissonRateTestInput {
  /** Events in the early (reference) window, a non-negative integer. */
  readonly earlyCount: number;
  /** Exposure of the early window (runs, days …), > 0. */
  readonly earlyExposure: number;
  /** Events in the recent window, a non-negative integer. */
  readonly recentCount: number;
  /** Exposure of the recent window, same unit as `earlyExposure`, > 0. */
  readonly recentExposure: number;
}

/** Alternative hypothesis about the recent rate relative to the early one. */
export type RateAlternative = "greater" | "less" | "two-sided";

/** Options of {@link poissonRateTest}. */
export interface PoissonRateTestOptions {
  /** `greater` (default): the recent rate is higher. `two-sided` uses R's binom.test rule. */
  readonly alternative?: RateAlternative;
  /** Two-sided confidence level of the rate-ratio interval, default 0.95. */
  readonly ciLevel?: number;
}

/** Result of {@link poissonRateTest}. */
export interface PoissonRateTestResult {
  /** k₁/n₁: events per unit of exposure in the early window. */
  readonly earlyRate: number;
  /** k₂/n₂: events per unit of exposure in the recent window. */
  readonly recentRate: number;
  /** recentRate / earlyRate; Infinity when only the early count is 0; null when both are 0. */
  readonly rateRatio: number | null;
  /** Exact conditional p-value for `alternative`. */
  readonly pValue: number;
  readonly alternative: RateAlternative;
  /** k = k₁ + k₂, the number of binomial trials conditioned on. */
  readonly totalCount: number;
  /** π₀ = n₂/(n₁ + n₂): the share of events expected in the recent window under H0. */
  readonly nullProportion: number;
  readonly ciLevel: number;
  /** Exact lower confidence limit of the rate ratio (0 when k₂ = 0). */
  readonly ratioLower: number;
  /** Exact upper confidence limit of the rate ratio (Infinity when k₁ = 0). */
  readonly ratioUpper: number;
}

/** Solves f(π) = target for π in (0, 1) by bisection, f monotone (increasing if `rising`). */
function bisect(f: (p: number) => number, target: number, rising: boolean): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-16; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < target === rising) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function twoSidedP(k2: number, k: number, p0: number): number {
  // R binom.test: sum the probabilities of outcomes no more likely than the observed one.
  const observed = binomialPmf(k2, k, p0) * (1 + 1e-7);
  let p = 0;
  for (let i = 0; i <= k; i++) {
    const d = binomialPmf(i, k, p0);
    if (d <= observed) p += d;
  }
  return Math.min(1, p);
}

/**
 * Exact conditional test of whether the recent Poisson rate differs from (by default: exceeds)
 * the early one, with the rate ratio and its exact confidence interval. Inputs are not modified.
 *
 * @throws RangeError if a count is not a non-negative integer, an exposure is not a positive
 *   finite number, or `ciLevel` is not strictly between 0 and 1.
 * @example poissonRateTest({ earlyCount: 2, earlyExposure: 10, recentCount: 8, recentExposure: 10 })
 *   // → { earlyRate: 0.2, recentRate: 0.8, rateRatio: 4, pValue: 0.0546875 (= 56/1024), … }
 */
export function poissonRateTest(
  input: PoissonRateTestInput,
  options: PoissonRateTestOptions = {},
): PoissonRateTestResult {
  const { earlyCount: k1, earlyExposure: n1, recentCount: k2, recentExposure: n2 } = input;
  assertCount(k1, "earlyCount");
  assertCount(k2, "recentCount");
  assertFinite(n1, "earlyExposure");
  assertFinite(n2, "recentExposure");
  if (n1 <= 0 || n2 <= 0) throw new RangeError("exposures must be positive");
  const alternative = options.alternative ?? "greater";
  const ciLevel = options.ciLevel ?? 0.95;
  assertOpenUnit(ciLevel, "ciLevel");

  const k = k1 + k2;
  const p0 = n2 / (n1 + n2);
  const earlyRate = k1 / n1;
  const recentRate = k2 / n2;
  const rateRatio = k === 0 ? null : k1 === 0 ? Infinity : recentRate / earlyRate;

  let pValue: number;
  if (alternative === "greater") pValue = binomialUpperTail(k2, k, p0);
  else if (alternative === "less") pValue = binomialLowerTail(k2, k, p0);
  else pValue = twoSidedP(k2, k, p0);

  // Clopper–Pearson limits for π, then RR = π/(1 − π)·n₁/n₂.
  const halfAlpha = (1 - ciLevel) / 2;
  const toRatio = (pi: number): number => (pi / (1 - pi)) * (n1 / n2);
  const piLower = k2 === 0 ? 0 : bisect((pi) => binomialUpperTail(k2, k, pi), halfAlpha, true);
  const piUpper = k1 === 0 ? 1 : bisect((pi) => binomialLowerTail(k2, k, pi), halfAlpha, false);
  return {
    earlyRate,
    recentRate,
    rateRatio,
    pValue,
    alternative,
    totalCount: k,
    nullProportion: p0,
    ciLevel,
    ratioLower: toRatio(piLower),
    ratioUpper: piUpper === 1 ? Infinity : toRatio(piUpper),
  };
}
