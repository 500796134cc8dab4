/**
 * Risk of a mission as rates per run, weighted by severity (`rate`), or the reference engine's
 * formula (`seed_v3`), whose share-in-percent defect drives any risk-flagged run to 0.
 */
import type { RiskEvent } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import type { LedgerEntry, RiskAssessment } from "./types";
import { clamp, recent } from "./window";

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
  const weights = rules.ledger.severityWeights;
  const r = rules.risk;
  const window = r.method === "rate" ? recent(entries, r.recentRuns) : entries;
  const n = window.length;
  const share = n === 0 ? 0 : window.filter((e) => e.riskFlagged).length / n;
  const weightSum = events.reduce((s, ev) => s + weights[ev.severity], 0);
  const windowWeight = window.reduce((s, e) => s + e.riskWeight, 0);
  const weightedRate = n === 0 ? 0 : windowWeight / n;
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
  return {
    riskRunShare: share,
    weightedRiskPerRun: weightedRate,
    riskWeightSum: weightSum,
    events: events.length,
    subscore,
  };
}
