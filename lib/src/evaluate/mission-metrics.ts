/**
 * Stage 2 — everything measured about one mission before any rule fires: KPI figures, trend,
 * trajectory, autonomy, friction, bottlenecks, stability, risk, subscores and health score.
 */
import type { RunStatsLookup } from "../model/run-task-stat-table";
import type { KpiSpec, Mission, RiskEvent, TaskDefinition } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import { assessAutonomyOf } from "./autonomy";
import { assessBottlenecksOf } from "./bottlenecks";
import { kpiFigures } from "./figures";
import { calendarPace, kpiExcursion, kpiLevel } from "./kpi-level";
import { frictionAveragesOf, frictionSubscore } from "./friction";
import { healthScore, outcomeSubscore, trendSubscore } from "./health";
import { MissionSeries, type SeriesConfig } from "./mission-series";
import { memoized, stageKeys, type StageKeys, type StageMemo } from "./stage-memo";
import { assessRiskOf } from "./risk";
import { assessStabilityOf } from "./stability";
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
  /** Run id → the run's task aggregates (a `ReadonlyMap` will do). */
  readonly statsByRun: RunStatsLookup;
  /** The mission's risk events up to as-of. */
  readonly riskEvents: readonly RiskEvent[];
  /** Epoch ms of the as-of instant. */
  readonly asOfMs: number;
}

/** What {@link missionMetricsOf} needs beside the mission series. */
export type MissionContext = Pick<MissionInput, "mission" | "kpi" | "tasks" | "runsTotal" | "asOfMs">;

const DAY_MS = 86_400_000;

/**
 * The series settings a ruleset implies (run order, severity weights, how many of the largest run
 * ids the `seed_v3` bottleneck persistence reads).
 *
 * @example seriesConfig(seedV3).topRunIds // → 3
 */
export function seriesConfig(rules: Ruleset): SeriesConfig {
  return {
    order: rules.ledger.order,
    severityWeights: rules.ledger.severityWeights,
    topRunIds: rules.bottleneck.method === "seed_v3" ? rules.bottleneck.recentRuns : 0,
  };
}

/**
 * Task ids whose whole-history totals a ruleset reads (the `seed_v3` bottleneck score); none for
 * `lost_time`, which reads recent runs only.
 *
 * @example seriesTaskIds(seedV3, tasks) // → ["T4", "T5"]
 */
export function seriesTaskIds(rules: Ruleset, tasks: readonly TaskDefinition[]): string[] {
  return rules.bottleneck.method === "seed_v3" ? tasks.map((t) => t.taskId) : [];
}

/**
 * Computes a mission's metrics under a ruleset. Pure; linear in the mission's runs (the trend's
 * pairwise work is bounded by the ruleset's window). Builds the mission series and takes
 * {@link missionMetricsOf} — the same code a backtest replay runs after every run.
 *
 * @example missionMetrics(m003Input, seedV3).figures?.improvementFromBaselinePct // → 73.33
 */
export function missionMetrics(input: MissionInput, rules: Ruleset): MissionMetrics {
  const series = MissionSeries.of(
    input.entries,
    seriesConfig(rules),
    { statsByRun: input.statsByRun, taskIds: seriesTaskIds(rules, input.tasks) },
    input.riskEvents,
  );
  return missionMetricsOf(series, input, rules);
}

/**
 * A mission's metrics from its series (see {@link seriesConfig}) and context. Costs O(windows +
 * tasks), independent of the length of the history. With a `memo` (one per step of a replay),
 * stages whose settings another ruleset already used at this step are reused.
 *
 * @example missionMetricsOf(series, { mission, kpi, tasks, runsTotal: 3, asOfMs }, seedV3).runsAnalyzed // → 3
 */
export function missionMetricsOf(
  series: MissionSeries,
  input: MissionContext,
  rules: Ruleset,
  memo?: StageMemo,
): MissionMetrics {
  const keys = memo ? stageKeys(rules) : undefined;
  return memoized(memo, keys?.metrics ?? "", () => computeMetrics(series, input, rules, memo, keys));
}

function computeMetrics(
  series: MissionSeries,
  input: MissionContext,
  rules: Ruleset,
  memo: StageMemo | undefined,
  keys: StageKeys | undefined,
): MissionMetrics {
  const { mission, kpi } = input;
  const entries = series.entries;
  const values = series.kpiValues;
  const times = series.kpiStartMs;
  const direction = kpi?.direction ?? "lower_is_better";
  const t = rules.trend;
  const k = (key: string | undefined) => key ?? "";
  // A last run far outside the others is reported and left out until the next run confirms it.
  const excursion = memoized(memo, k(keys?.trend) + "|excursion", () =>
    kpiExcursion(
      values,
      direction,
      rules.level,
      t.minRuns,
      t.method === "mann_kendall" ? t.maxWindowRuns : undefined,
    ),
  );
  const analysed = excursion ? values.slice(0, -1) : values;
  const analysedTimes = excursion ? times.slice(0, -1) : times;
  // The Mann–Kendall window's statistics, from the series' sliding window (computed once).
  const stats =
    t.method === "mann_kendall" && analysed.length >= t.minRuns && !excursion
      ? series.trendStats(t.maxWindowRuns, t.ciLevel)
      : undefined;
  const trend = memoized(memo, k(keys?.trend), () =>
    assessTrend(analysed, direction, t, kpi?.unit, stats && (() => stats), analysedTimes),
  );
  const pace = memoized(memo, k(keys?.trajectory) + "|pace", () =>
    rules.trajectory.method === "sen_eta" && rules.trajectory.timeBasis === "calendar" && analysed.length > 0
      ? calendarPace(analysed, analysedTimes, trend, t.method === "mann_kendall" ? t.ciLevel : 0.95)
      : undefined,
  );
  const level = memoized(memo, k(keys?.trajectory) + "|level", () =>
    kpi && analysed.length > 0 && rules.level?.method === "fitted"
      ? kpiLevel(analysed, kpi, trend, pace, rules.level)
      : undefined,
  );
  const figures = memoized(memo, k(keys?.trajectory) + "|figures", () =>
    kpi && values.length > 0 ? kpiFigures(kpi, values, level, rules.level) : null,
  );
  const trajectory = memoized(memo, k(keys?.trajectory), () =>
    kpi && analysed.length > 0
      ? assessTrajectory(
          {
            spec: kpi,
            values: analysed,
            startMs: analysedTimes,
            trend,
            daysPerRun: series.medianIntervalDays(),
            ...(level ? { level, targetMet: figures?.targetMet ?? null } : {}),
            ...(pace ? { pace } : {}),
          },
          rules.trajectory,
        )
      : { status: "unknown" as const, description: "No primary KPI values." },
  );
  const autonomy = memoized(memo, k(keys?.autonomy), () => assessAutonomyOf(series, rules.autonomy));
  const escalationRule = rules.triggers.ESCALATION_BURDEN_RISING;
  const friction = memoized(memo, k(keys?.friction), () =>
    frictionAveragesOf(
      series,
      rules.friction,
      escalationRule.method === "trend" ? escalationRule.alpha : undefined,
    ),
  );
  const bottlenecks = memoized(memo, k(keys?.bottleneck), () =>
    assessBottlenecksOf(series, input.tasks, rules.bottleneck),
  );
  // With a Mann–Kendall trend, the robust stability reads the same window (its last trend.n runs);
  // it depends on the trend's window, slope and intercept only, not on its label.
  const stability = memoized(
    memo,
    `${k(keys?.stability)}|${trend.n}|${trend.slopePerRun}|${trend.intercept}|${excursion ? 1 : 0}`,
    () =>
      assessStabilityOf(
        series,
        rules.stability,
        trend,
        trend.levelShift ? undefined : stats?.level,
        analysed,
      ),
  );
  const risk = memoized(memo, k(keys?.risk), () => assessRiskOf(series, rules));
  const current = level ? level.value : values[values.length - 1];
  const subscores: Subscores = {
    outcome:
      kpi && current !== undefined
        ? outcomeSubscore(kpi, current, rules.health)
        : rules.health.outcomeMissingScore,
    trajectory: trendSubscore(trend.label, rules.health, trajectory.status),
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
    ...(excursion ? { excursion } : {}),
    ...(level ? { level } : {}),
    ...(pace ? { pace } : {}),
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
    kpiRuns: values.length,
    kpiCompleteness: input.runsTotal === 0 ? 0 : values.length / input.runsTotal,
  };
}

/**
 * A key of every ruleset setting {@link missionMetricsOf} reads: two rulesets with the same key
 * give the same metrics, so a sweep over trigger thresholds, bands, gates or confidence computes
 * the metrics once per step. Keep `stageKeys` in step with the stages above (a test compares
 * shared and separate replays).
 *
 * @example metricsRulesKey(withRulesetValue(rules, "health.bands.watch", 60)) === metricsRulesKey(rules) // → true
 */
export function metricsRulesKey(rules: Ruleset): string {
  return stageKeys(rules).metrics;
}
