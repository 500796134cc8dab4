/**
 * Autonomy: a level score (how few human touches a run needs) and, separately, autonomy
 * regression — human touches per run rising over time.
 */
import type { Ruleset } from "../rules/schema";
import { poissonRateTest } from "../stats/poisson-rate-test";
import { round } from "./kpi-compare";
import type { AutonomyAssessment, LedgerEntry } from "./types";
import { clamp, mean, recent } from "./window";

interface RateComparison {
  early: number;
  recent: number;
  ratio: number;
  pRising: number;
  pFalling: number;
  windowRuns: number;
}

/**
 * Compares touches per run in the first and last `w` runs with the exact conditional test for two
 * Poisson rates (given the total, the recent count is binomial under an unchanged rate) — honest
 * with small counts.
 */
function compareWindows(entries: readonly LedgerEntry[], w: number): RateComparison {
  const k1 = entries.slice(0, w).reduce((s, e) => s + e.humanTouches, 0);
  const k2 = entries.slice(entries.length - w).reduce((s, e) => s + e.humanTouches, 0);
  const input = { earlyCount: k1, earlyExposure: w, recentCount: k2, recentExposure: w };
  const rising = poissonRateTest(input, { alternative: "greater" });
  const falling = poissonRateTest(input, { alternative: "less" });
  return {
    early: rising.earlyRate,
    recent: rising.recentRate,
    ratio: rising.rateRatio ?? (k2 === 0 ? 1 : Infinity),
    pRising: rising.pValue,
    pFalling: falling.pValue,
    windowRuns: w,
  };
}

/**
 * Level score 0–100: 100 − interventions·w − escalations·w − min(cap, approval delay·w) − risk
 * share·w, over the ruleset's recent runs, rounded to an integer.
 *
 * @example autonomyLevel(m002Entries, seedV3.autonomy.level) // → 46
 */
export function autonomyLevel(entries: readonly LedgerEntry[], rules: Ruleset["autonomy"]["level"]): number {
  const window = recent(entries, rules.recentRuns);
  if (window.length === 0) return 0;
  const interventions = mean(window.map((e) => e.humanInterventions));
  const escalations = mean(window.map((e) => e.escalations));
  const delay = mean(window.map((e) => e.approvalDelayMinutes));
  const riskShare = window.filter((e) => e.riskFlagged).length / window.length;
  const raw =
    100 -
    interventions * rules.interventionWeight -
    escalations * rules.escalationWeight -
    Math.min(rules.approvalDelayCap, delay * rules.approvalDelayWeight) -
    riskShare * rules.riskShareWeight;
  return Math.round(clamp(raw, 0, 100));
}

/**
 * Assesses autonomy for a mission's ledger entries (oldest first).
 *
 * `level_below`: regression when the level score is under the threshold (the reference engine's
 * rule); the direction of touches is then a plain early-versus-recent comparison of halves.
 * `touch_rate_increase`: regression when touches per run in the recent window exceed the early
 * window significantly (exact conditional binomial test), by at least the ratio and the absolute
 * increase the ruleset asks for.
 *
 * @example assessAutonomy(m002Entries, seedV3.autonomy).regression // → true (46 < 55)
 */
export function assessAutonomy(
  entries: readonly LedgerEntry[],
  rules: Ruleset["autonomy"],
): AutonomyAssessment {
  const score = autonomyLevel(entries, rules.level);
  const reg = rules.regression;
  if (reg.method === "level_below") {
    const half = Math.floor(entries.length / 2);
    const cmp = half >= 1 ? compareWindows(entries, half) : undefined;
    const touchDirection = !cmp
      ? "unknown"
      : cmp.recent > cmp.early
        ? "rising"
        : cmp.recent < cmp.early
          ? "falling"
          : "steady";
    const regression = score < reg.threshold;
    return {
      score,
      regression,
      touchDirection,
      description: `Autonomy score ${score} ${regression ? "is below" : "meets"} the threshold ${reg.threshold}.`,
    };
  }
  const w = Math.max(reg.minRunsPerWindow, Math.floor(entries.length * reg.windowFraction));
  if (entries.length < 2 * w) {
    return {
      score,
      regression: false,
      touchDirection: "unknown",
      description: `Autonomy score ${score}; too few runs (${entries.length}) to compare early and recent human touches (needs ${2 * reg.minRunsPerWindow}).`,
    };
  }
  const cmp = compareWindows(entries, w);
  const regression =
    cmp.pRising <= reg.alpha &&
    cmp.ratio >= reg.minRateRatio &&
    cmp.recent - cmp.early >= reg.minRateIncrease;
  const falling = cmp.pFalling <= reg.alpha && cmp.early - cmp.recent >= reg.minRateIncrease;
  const touchDirection = regression ? "rising" : falling ? "falling" : "steady";
  const ratioText = Number.isFinite(cmp.ratio) ? `×${round(cmp.ratio, 2)}` : "from zero";
  return {
    score,
    regression,
    earlyTouchRate: round(cmp.early, 3),
    recentTouchRate: round(cmp.recent, 3),
    rateRatio: Number.isFinite(cmp.ratio) ? round(cmp.ratio, 3) : cmp.ratio,
    pValue: cmp.pRising,
    windowRuns: w,
    touchDirection,
    description:
      `Autonomy score ${score}. Human touches per run: ${round(cmp.early, 2)} in the first ${w} runs, ` +
      `${round(cmp.recent, 2)} in the last ${w} (${ratioText}, one-sided p = ${round(cmp.pRising, 4)}) → ${touchDirection}.`,
  };
}
