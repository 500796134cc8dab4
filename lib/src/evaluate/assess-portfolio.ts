/**
 * Stage 5 — the portfolio's verdict: the worst mission band, the primary driver across all
 * missions, one recommended action, confidence and average autonomy.
 */
import type { Band, Ruleset } from "../rules/schema";
import { fillTemplate } from "./actions";
import { portfolioConfidence } from "./confidence";
import { worseBand } from "./health";
import { round } from "./kpi-compare";
import { primaryDriver } from "./primary-driver";
import type { Evidence, MissionAssessment, PortfolioAssessment, TrendLabel } from "./types";

/**
 * Combines mission assessments into the portfolio's. Verdict: any ATTENTION_REQUIRED →
 * ATTENTION_REQUIRED; else any WATCH → WATCH; else ON_TRACK; the ruleset's `emptyVerdict` without
 * missions.
 *
 * @example assessPortfolio(seedMissions, seedV3).verdict // → "WATCH"
 */
export function assessPortfolio(missions: readonly MissionAssessment[], rules: Ruleset): PortfolioAssessment {
  let verdict: Band = missions.length === 0 ? rules.portfolio.emptyVerdict : "ON_TRACK";
  for (const m of missions) verdict = worseBand(verdict, m.health);
  const verdictEvidence: Evidence[] = missions
    .filter((m) => m.health === verdict)
    .map((m) => ({
      rule: "portfolio_worst_mission",
      metric: `${m.missionId} band`,
      value: m.health,
      comparison: "worst of missions",
      threshold: null,
      runsConsidered: m.metrics.runsAnalyzed,
    }));
  const names = new Map(missions.map((m) => [m.missionId, m.missionName]));
  const driver = primaryDriver(
    missions.flatMap((m) => m.triggers),
    names,
  );
  const driverMission = driver ? missions.find((m) => m.missionId === driver.missionId) : undefined;
  const action = driverMission
    ? fillTemplate(rules.actions.portfolio, { action: driverMission.recommendedAction })
    : fillTemplate(rules.actions.noTrigger, { missionName: "the portfolio" });
  const scored = missions.filter((m) => m.metrics.runsAnalyzed > 0);
  const averageAutonomy =
    scored.length === 0
      ? null
      : round(scored.reduce((s, m) => s + m.metrics.autonomy.score, 0) / scored.length, 2);
  const trendCounts: Record<TrendLabel, number> = {
    improving: 0,
    worsening: 0,
    flat: 0,
    no_clear_trend: 0,
    insufficient_data: 0,
  };
  for (const m of missions) trendCounts[m.metrics.trend.label]++;
  return {
    verdict,
    interpretation: rules.interpretation[verdict],
    verdictEvidence,
    primaryDriver: driver,
    recommendedAction: action,
    confidence: portfolioConfidence(missions.map((m) => m.confidence)),
    averageAutonomy,
    trendCounts,
    missions,
    governance: missions.flatMap((m) => m.governance),
  };
}
