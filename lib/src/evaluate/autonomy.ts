/**
 * Autonomy: a level score (how few human touches a run needs) and, separately, autonomy
 * regression — human touches per run rising over time.
 */
import type { Ruleset } from "../rules/schema";
import { binomialLowerTail, binomialUpperTail } from "../stats/binomial";
import { countTrendTest } from "../stats/count-trend";
import { rankSumTest } from "../stats/rank-sum";
import { formatP, round } from "./kpi-compare";
import { MissionSeries } from "./mission-series";
import type { AutonomyAssessment, LedgerEntry } from "./types";
import { clamp } from "./window";

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
 * Poisson rates (given the total, the recent count is Bin(k, ½) under an unchanged rate, equal
 * exposures) — honest with small counts. The same p-values as `poissonRateTest`, without its
 * confidence interval; the window counts come from prefix sums (touches are whole numbers).
 */
function compareWindows(series: MissionSeries, w: number): RateComparison {
  const n = series.length;
  const k1 = series.countSum("humanTouches", 0, w);
  const k2 = series.countSum("humanTouches", n - w, n);
  const k = k1 + k2;
  const p0 = w / (w + w);
  const early = k1 / w;
  const recent = k2 / w;
  return {
    early,
    recent,
    ratio: k === 0 ? 1 : k1 === 0 ? Infinity : recent / early,
    pRising: binomialUpperTail(k2, k, p0),
    pFalling: binomialLowerTail(k2, k, p0),
    windowRuns: w,
  };
}

function levelOf(series: MissionSeries, rules: Ruleset["autonomy"]["level"]): number {
  if (series.length === 0) return 0;
  const w = rules.recentRuns;
  const interventions = series.recentMean("humanInterventions", w);
  const escalations = series.recentMean("escalations", w);
  const delay = series.recentMean("approvalDelayMinutes", w);
  const riskShare = series.recentMean("riskFlagged", w);
  const raw =
    100 -
    interventions * rules.interventionWeight -
    escalations * rules.escalationWeight -
    Math.min(rules.approvalDelayCap, delay * rules.approvalDelayWeight) -
    riskShare * rules.riskShareWeight;
  return Math.round(clamp(raw, 0, 100));
}

/**
 * Level score 0–100: 100 − interventions·w − escalations·w − min(cap, approval delay·w) − risk
 * share·w, over the ruleset's recent runs, rounded to an integer.
 *
 * @example autonomyLevel(m002Entries, seedV3.autonomy.level) // → 46
 */
export function autonomyLevel(entries: readonly LedgerEntry[], rules: Ruleset["autonomy"]["level"]): number {
  return levelOf(MissionSeries.of(entries), rules);
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
  return assessAutonomyOf(MissionSeries.of(entries), rules);
}

/**
 * {@link assessAutonomy} on a mission series: O(1) for the whole-history figures, O(window) for
 * the recent level.
 *
 * @example assessAutonomyOf(MissionSeries.of(m002Entries), seedV3.autonomy).score // → 46
 */
export function assessAutonomyOf(series: MissionSeries, rules: Ruleset["autonomy"]): AutonomyAssessment {
  const entries = series.entries;
  const score = levelOf(series, rules.level);
  const reg = rules.regression;
  if (reg.method === "level_below") {
    const half = Math.floor(entries.length / 2);
    const cmp = half >= 1 ? compareWindows(series, half) : undefined;
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
  if (reg.method === "touch_trend") return touchTrend(series, score, reg);
  const w = Math.max(reg.minRunsPerWindow, Math.floor(entries.length * reg.windowFraction));
  if (entries.length < 2 * w) {
    return {
      score,
      regression: false,
      touchDirection: "unknown",
      description: `Autonomy score ${score}; too few runs (${entries.length}) to compare early and recent human touches (needs ${2 * reg.minRunsPerWindow}).`,
    };
  }
  const cmp = compareWindows(series, w);
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
      `${round(cmp.recent, 2)} in the last ${w} (${ratioText}, one-sided p ${formatP(cmp.pRising)}) → ${touchDirection}.`,
  };
}

type TouchTrendRules = Extract<Ruleset["autonomy"]["regression"], { method: "touch_trend" }>;

/**
 * Autonomy regression as a one-sided rank test on human touches per run over the window (runs
 * without a KPI value included) — Mann–Kendall over every run, or the recent half against the
 * early half — so overdispersed counts do not inflate it. The rise must also be material: the recent half's rate at least `minRateRatio` ×
 * and `minRateIncrease` above the early half's. Reports the smallest rise the data could detect.
 */
function touchTrend(series: MissionSeries, score: number, reg: TouchTrendRules): AutonomyAssessment {
  const entries = series.entries;
  const from = Math.max(0, entries.length - reg.windowRuns);
  const counts: number[] = [];
  for (let i = from; i < entries.length; i++) counts.push((entries[i] as LedgerEntry).humanTouches);
  if (counts.length < reg.minRuns) {
    return {
      score,
      regression: false,
      touchDirection: "unknown",
      description: `Autonomy score ${score}; too few runs (${counts.length}) to test whether human touches are rising (needs ${reg.minRuns}).`,
    };
  }
  const test = countTrendTest(counts, reg.alpha);
  const half = Math.floor(counts.length / 2);
  const halves = reg.test === "rank_sum_halves";
  const rankSum = halves ? rankSumTest(counts.slice(counts.length - half), counts.slice(0, half)) : undefined;
  const pRising = rankSum ? rankSum.pGreater : test.pRising;
  const pFalling = rankSum ? rankSum.pLess : test.pFalling;
  const early = test.earlyMean;
  const recent = test.recentMean;
  const ratio = early === 0 ? (recent === 0 ? 1 : Infinity) : recent / early;
  const material = ratio >= reg.minRateRatio && recent - early >= reg.minRateIncrease;
  const regression = pRising <= reg.alpha && material;
  const falling = pFalling <= reg.alpha && early - recent >= reg.minRateIncrease;
  const touchDirection = regression ? "rising" : falling ? "falling" : "steady";
  const ratioText = Number.isFinite(ratio) ? `×${round(ratio, 2)}` : "from zero";
  return {
    score,
    regression,
    earlyTouchRate: round(early, 3),
    recentTouchRate: round(recent, 3),
    rateRatio: Number.isFinite(ratio) ? round(ratio, 3) : ratio,
    pValue: pRising,
    windowRuns: half,
    testedRuns: counts.length,
    minDetectableRise: round(test.minDetectableRise, 3),
    touchDirection,
    description:
      `Autonomy score ${score}. Human touches per run: ${round(early, 2)} in the first ${half} runs, ` +
      `${round(recent, 2)} in the last ${half} (${ratioText}); ${halves ? `rank-sum test of the last ${half} against the first ${half}` : `Mann–Kendall on all ${counts.length} runs`}, one-sided p ${formatP(pRising)} → ${touchDirection}. ` +
      `The smallest rise these runs could reliably detect is about ${round(test.minDetectableRise, 2)} touches per run.`,
  };
}
