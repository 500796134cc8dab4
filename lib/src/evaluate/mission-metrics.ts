/**
 * Stage 2 — everything measured about one mission before any rule fires: KPI figures, trend,
 * trajectory, autonomy, friction, bottlenecks, stability, risk, subscores and health score.
 */
import type { KpiSpec, Mission, RiskEvent, RunTaskStat, TaskDefinition } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import { assessAutonomy } from "./autonomy";
import { assessBottlenecks } from "./bottlenecks";
import { kpiFigures } from "./figures";
import { frictionAverages, frictionSubscore } from "./friction";
import { healthScore, outcomeSubscore, trendSubscore } from "./health";
import { assessRisk } from "./risk";
import { assessStability } from "./stability";
import { assessTrajectory } from "./trajectory";
import { assessTrend } from "./trend";
import type { LedgerEntry, MissionMetrics, Subscores } from "./types";

/** Everything {@link missionMetrics} needs about one mission. */
export interface MissionInput {
  readonly mission: Mission;
  /** The primary KPI, when the mission has one. */
  readonly kpi: KpiSpec | undefined;
  readonly tasks: readonly TaskDefinition[];
  /** Ledger entries, oldest first. */
  readonly entries: readonly LedgerEntry[];
  /** Runs of the mission up to as-of, excluded ones included. */
  readonly runsTotal: number;
  readonly statsByRun: ReadonlyMap<string, readonly RunTaskStat[]>;
  /** The mission's risk events up to as-of. */
  readonly riskEvents: readonly RiskEvent[];
  /** Epoch ms of the as-of instant. */
  readonly asOfMs: number;
}

const DAY_MS = 86_400_000;

/**
 * Computes a mission's metrics under a ruleset. Pure; linear in the mission's runs (the trend's
 * pairwise work is bounded by the ruleset's window).
 *
 * @example missionMetrics(m003Input, seedV3).figures?.improvementFromBaselinePct // → 73.33
 */
export function missionMetrics(input: MissionInput, rules: Ruleset): MissionMetrics {
  const { mission, kpi, entries } = input;
  const values = entries.map((e) => e.kpiValue);
  const direction = kpi?.direction ?? "lower_is_better";
  const trend = assessTrend(values, direction, rules.trend, kpi?.unit);
  const figures = kpi && values.length > 0 ? kpiFigures(kpi, values) : null;
  const trajectory =
    kpi && values.length > 0
      ? assessTrajectory(
          { spec: kpi, values, startMs: entries.map((e) => e.startMs), trend },
          rules.trajectory,
        )
      : { status: "unknown" as const, description: "No primary KPI values." };
  const autonomy = assessAutonomy(entries, rules.autonomy);
  const escalationRule = rules.triggers.ESCALATION_BURDEN_RISING;
  const friction = frictionAverages(
    entries,
    rules.friction,
    escalationRule.method === "trend" ? escalationRule.alpha : undefined,
  );
  const bottlenecks = assessBottlenecks(
    {
      entries,
      tasks: input.tasks,
      statsByRun: input.statsByRun,
      riskEvents: input.riskEvents,
      severityWeights: rules.ledger.severityWeights,
    },
    rules.bottleneck,
  );
  const stability = assessStability(entries, rules.stability, trend);
  const risk = assessRisk(entries, input.riskEvents, rules);
  const latest = values[values.length - 1];
  const subscores: Subscores = {
    outcome:
      kpi && latest !== undefined
        ? outcomeSubscore(kpi, latest, rules.health)
        : rules.health.outcomeMissingScore,
    trajectory: trendSubscore(trend.label, rules.health),
    friction: frictionSubscore(friction, rules.friction),
    risk: risk.subscore,
    stability: stability.score,
  };
  const last = entries[entries.length - 1];
  return {
    missionId: mission.missionId,
    missionName: mission.name,
    runsAnalyzed: entries.length,
    runsTotal: input.runsTotal,
    ...(entries[0] ? { firstRunDate: entries[0].date } : {}),
    ...(last ? { lastRunDate: last.date } : {}),
    figures,
    trend,
    trajectory,
    autonomy,
    friction,
    tasks: bottlenecks.tasks,
    topBottleneck: bottlenecks.top,
    stability,
    risk,
    subscores,
    healthScore: healthScore(subscores, rules.health),
    daysSinceLastRun: last ? Math.max(0, (input.asOfMs - last.startMs) / DAY_MS) : null,
    kpiCompleteness: input.runsTotal === 0 ? 0 : entries.length / input.runsTotal,
  };
}
