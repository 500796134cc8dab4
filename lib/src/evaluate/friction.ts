/**
 * Friction averages per run (interventions, escalations, approval delay, overrun) over the
 * ruleset's recent runs, and the friction subscore.
 */
import type { Ruleset } from "../rules/schema";
import { mannKendall } from "../stats/mann-kendall";
import { MissionSeries } from "./mission-series";
import type { FrictionAverages, LedgerEntry } from "./types";
import { clamp, recent } from "./window";

/**
 * Averages per run over the most recent `rules.recentRuns` entries (all when unset). When
 * `risingAlpha` is given and there are at least 6 runs, also tests whether escalations per run
 * rise (Mann–Kendall, S > 0 and p ≤ alpha, over the same window).
 *
 * @example frictionAverages(m002Entries, seedV3.friction).interventionsPerRun // → 1.5
 */
export function frictionAverages(
  entries: readonly LedgerEntry[],
  rules: Ruleset["friction"],
  risingAlpha?: number,
): FrictionAverages {
  return frictionAveragesOf(MissionSeries.of(entries), rules, risingAlpha);
}

/**
 * {@link frictionAverages} on a mission series: O(1) over the whole history, O(window) over recent
 * runs (the Mann–Kendall test reads the window's escalations).
 *
 * @example frictionAveragesOf(MissionSeries.of(m002Entries), seedV3.friction).interventionsPerRun // → 1.5
 */
export function frictionAveragesOf(
  series: MissionSeries,
  rules: Ruleset["friction"],
  risingAlpha?: number,
): FrictionAverages {
  const w = rules.recentRuns;
  const runs = w === undefined ? series.length : Math.min(w, series.length);
  let escalationsRising: boolean | undefined;
  if (risingAlpha !== undefined && runs >= 6) {
    const mk = mannKendall(recent(series.entries, w).map((e) => e.escalations));
    escalationsRising = mk.s > 0 && mk.pValue <= risingAlpha;
  }
  return {
    interventionsPerRun: series.recentMean("humanInterventions", w),
    escalationsPerRun: series.recentMean("escalations", w),
    approvalDelayPerRun: series.recentMean("approvalDelayMinutes", w),
    overrunPerRun: series.recentMean("overrunMinutes", w),
    runs,
    ...(escalationsRising !== undefined ? { escalationsRising } : {}),
  };
}

/**
 * Friction subscore 0–100: 100 − (interventions·w + escalations·w + min(cap, approval delay·w)).
 *
 * @example frictionSubscore({ interventionsPerRun: 1.5, escalationsPerRun: 0.5, approvalDelayPerRun: 4.5, … }, seedV3.friction) // → 69.4
 */
export function frictionSubscore(avg: FrictionAverages, rules: Ruleset["friction"]): number {
  const penalty =
    avg.interventionsPerRun * rules.interventionWeight +
    avg.escalationsPerRun * rules.escalationWeight +
    Math.min(rules.approvalDelayCap, avg.approvalDelayPerRun * rules.approvalDelayWeight);
  return clamp(100 - penalty, 0, 100);
}
