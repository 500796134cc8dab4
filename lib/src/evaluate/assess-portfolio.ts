/**
 * Stage 5 — the portfolio's verdict: the worst mission band, the primary driver across all
 * missions, one recommended action, confidence and average autonomy.
 */
import type { Band, Ruleset } from "../rules/schema";
import { fillTemplate } from "./actions";
import { portfolioConfidence, verdictConfidence } from "./confidence";
import { worseBand } from "./health";
import { round } from "./kpi-compare";
import { primaryDriver } from "./primary-driver";
import type {
  Evidence,
  MissionAssessment,
  NotStartedMission,
  PortfolioAssessment,
  TrendLabel,
} from "./types";

/**
 * Combines mission assessments into the portfolio's. Verdict: any ATTENTION_REQUIRED →
 * ATTENTION_REQUIRED; else any WATCH → WATCH; else ON_TRACK; the ruleset's `emptyVerdict` without
 * missions. Under `portfolio.verdict: worst_established` only missions with enough history to
 * judge a trend count while there is one; the others are listed in `limitedHistory`. The primary
 * driver is ranked among the triggers of the missions in the verdict's band first. Missions with
 * no run yet are passed as `notStarted` and only listed.
 *
 * @example assessPortfolio(seedMissions, seedV3).verdict // → "WATCH"
 */
export function assessPortfolio(
  missions: readonly MissionAssessment[],
  rules: Ruleset,
  notStarted: readonly NotStartedMission[] = [],
): PortfolioAssessment {
  // Missions with enough history to judge a trend decide the verdict (under `worst_established`);
  // the others are listed apart, and decide only when no mission has enough.
  const established = missions.filter((m) => m.metrics.trend.label !== "insufficient_data");
  const limited = missions.filter((m) => m.metrics.trend.label === "insufficient_data");
  const apart = rules.portfolio.verdict === "worst_established" && established.length > 0;
  const deciding = apart ? established : missions;
  let verdict: Band = missions.length === 0 ? rules.portfolio.emptyVerdict : "ON_TRACK";
  for (const m of deciding) verdict = worseBand(verdict, m.health);
  const inVerdictBand = deciding.filter((m) => m.health === verdict);
  const verdictEvidence: Evidence[] = inVerdictBand.map((m) => ({
    rule: apart ? "portfolio_worst_established_mission" : "portfolio_worst_mission",
    metric: `${m.missionId} band`,
    value: m.health,
    comparison: apart ? "worst of missions with enough history" : "worst of missions",
    threshold: null,
    runsConsidered: m.metrics.runsAnalyzed,
  }));
  const names = new Map(missions.map((m) => [m.missionId, m.missionName]));
  // The primary driver comes from the worst band first (any mission's triggers when none fired there).
  const worstTriggers = inVerdictBand.flatMap((m) => m.triggers);
  const driver = primaryDriver(
    worstTriggers.length > 0 ? worstTriggers : missions.flatMap((m) => m.triggers),
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
    confidence:
      rules.confidence.method === "factors" && rules.confidence.portfolio === "verdict_and_driver"
        ? verdictConfidence(
            [...new Set([...inVerdictBand, ...(driverMission ? [driverMission] : [])])].map(
              (m) => m.confidence,
            ),
            apart ? limited : [],
          )
        : portfolioConfidence(missions.map((m) => m.confidence)),
    averageAutonomy,
    trendCounts,
    missions,
    limitedHistory: limited.map((m) => ({
      missionId: m.missionId,
      missionName: m.missionName,
      kpiRuns: m.metrics.kpiRuns,
    })),
    notStarted,
    governance: missions.flatMap((m) => m.governance),
  };
}
