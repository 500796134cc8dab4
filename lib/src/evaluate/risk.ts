/**
 * Risk of a mission as rates per run, weighted by severity (`rate`), or the reference engine's
 * formula (`seed_v3`), whose share-in-percent defect drives any risk-flagged run to 0.
 */
import type { RiskEvent } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import { MissionSeries } from "./mission-series";
import type { LedgerEntry, RiskAssessment } from "./types";
import { clamp } from "./window";

/**
 * Assesses risk for a mission's entries (oldest first) and its risk events up to as-of.
 *
 * @example assessRisk(m002Entries, m002Events, seedV3).subscore // → 0
 */
export function assessRisk(
  entries: readonly LedgerEntry[],
  events: readonly RiskEvent[],
  rules: Pick<Ruleset, "risk" | "ledger">,
): RiskAssessment {
  return assessRiskOf(
    MissionSeries.of(entries, { severityWeights: rules.ledger.severityWeights }, undefined, events),
    rules,
  );
}

/**
 * {@link assessRisk} on a mission series (whose visible risk events were added to it): O(1) over
 * the whole history, O(window) for the `rate` method's recent runs. The severity-weighted sum is
 * Σ count(severity)·weight(severity).
 *
 * @example assessRiskOf(MissionSeries.of(m002Entries, {}, undefined, m002Events), seedV3).riskWeightSum // → 4
 */
export function assessRiskOf(series: MissionSeries, rules: Pick<Ruleset, "risk" | "ledger">): RiskAssessment {
  const r = rules.risk;
  const w = r.method === "rate" ? r.recentRuns : undefined;
  const n = w === undefined ? series.length : Math.min(w, series.length);
  const share = n === 0 ? 0 : series.recentMean("riskFlagged", w);
  const { count, weight: weightSum } = series.missionRiskTotals();
  const weightedRate = n === 0 ? 0 : series.recentMean("riskWeight", w);
  const subscore =
    r.method === "seed_v3"
      ? clamp(
          100 -
            (share * 100 * r.sharePercentWeight + Math.min(r.weightSumCap, weightSum * r.weightSumWeight)),
          0,
          100,
        )
      : clamp(
          100 - (share * r.shareWeight + Math.min(r.weightedRateCap, weightedRate * r.weightedRateWeight)),
          0,
          100,
        );
  // Oldest first by detection (then id): the same whatever order the events became visible in.
  const openHigh = [...series.openHighRiskEvents()].sort(
    (a, b) => a.detectedMs - b.detectedMs || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
  return {
    openHighRiskEvents: openHigh.map((e) => ({
      eventId: e.eventId,
      runId: e.runId,
      ...(e.taskId !== undefined ? { taskId: e.taskId } : {}),
      riskType: e.riskType,
      detectedAt: e.detectedAt,
    })),
    riskRunShare: share,
    weightedRiskPerRun: weightedRate,
    riskWeightSum: weightSum,
    events: count,
    subscore,
  };
}
