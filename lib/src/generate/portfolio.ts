/**
 * A generated portfolio: the mission plans for a set of options, and lazy row sources for every
 * canonical table. Plans (one per mission) are held in memory; runs, task executions and risk
 * events are produced on demand, one run at a time, so a million runs never sit in memory.
 */
import type { KpiSpec, Mission, RiskEvent, Run, TaskDefinition } from "../model/dataset";
import { demoMissionPlans } from "./demo-preset";
import type { MissionPlan } from "./mission-plan";
import { missionRuns } from "./mission-runs";
import { resolveGenerateOptions, type GenerateOptions } from "./options";
import { planRandomMission } from "./random-mission";
import type { RunRecord, TaskExecutionRow } from "./simulate-run";

/** The plans of a generated data set plus what the writers need to know up front. */
export interface Portfolio {
  /** Resolved options the portfolio was planned from. */
  readonly options: GenerateOptions;
  readonly plans: readonly MissionPlan[];
  /** Sum of the plans' run counts. */
  readonly totalRuns: number;
  /** Every KPI name, in first-appearance order (the `kpi.<name>` columns of `runs.csv`). */
  readonly kpiNames: readonly string[];
}

/**
 * Plans a portfolio: the demo missions (`preset: "demo"`, which ignores `missions`, `runs`,
 * `tasks` and `stories`) or `missions` random missions.
 *
 * @param options partial options, completed with the defaults
 *   (the same options always give the same portfolio)
 * @throws RangeError for invalid options (see {@link resolveGenerateOptions})
 * @example planPortfolio({ preset: "demo" }).plans.length // → 6
 * @example planPortfolio({ missions: 3, runs: { min: 10, max: 10 } }).totalRuns // → 30 (no too_little_history by default)
 */
export function planPortfolio(options: Partial<GenerateOptions> = {}): Portfolio {
  const resolved = resolveGenerateOptions(options);
  const plans =
    resolved.preset === "demo"
      ? demoMissionPlans()
      : Array.from({ length: resolved.missions }, (_, i) => planRandomMission(resolved, i));
  const kpiNames: string[] = [];
  const seen = new Set<string>();
  for (const plan of plans) {
    for (const k of plan.kpis) {
      if (!seen.has(k.spec.kpi)) {
        seen.add(k.spec.kpi);
        kpiNames.push(k.spec.kpi);
      }
    }
  }
  const totalRuns = plans.reduce((s, p) => s + p.runCount, 0);
  return { options: resolved, plans, totalRuns, kpiNames };
}

/**
 * Rows of the `missions` table.
 *
 * @example [...missionRows(planPortfolio({ preset: "demo" }))][0]?.missionId // → "onboarding-time"
 */
export function* missionRows(portfolio: Portfolio): Generator<Mission, void, undefined> {
  for (const plan of portfolio.plans) yield plan.mission;
}

/**
 * Rows of the `kpis` table (per mission: the primary KPI first).
 *
 * @example [...kpiRows(planPortfolio({ preset: "demo" }))].filter((k) => k.primary).length // → 6
 */
export function* kpiRows(portfolio: Portfolio): Generator<KpiSpec, void, undefined> {
  for (const plan of portfolio.plans) for (const k of plan.kpis) yield k.spec;
}

/**
 * Rows of the `tasks` table, in plan order per mission.
 *
 * @example [...taskRows(planPortfolio({ missions: 2, tasks: 8 }))].length // → 16
 */
export function* taskRows(portfolio: Portfolio): Generator<TaskDefinition, void, undefined> {
  for (const plan of portfolio.plans) for (const t of plan.tasks) yield t.definition;
}

/**
 * Every run with its task executions and risk events, mission by mission, each mission's runs in
 * chronological order. One pass feeds the `runs`, `task_executions` and `risk_events` tables.
 *
 * @example [...runRecords(planPortfolio({ preset: "demo" }))].length // → 160
 */
export function* runRecords(portfolio: Portfolio): Generator<RunRecord, void, undefined> {
  const { seed, start, cadenceDays } = portfolio.options;
  for (const plan of portfolio.plans) yield* missionRuns(plan, { seed, start, cadenceDays });
}

/**
 * Rows of the `runs` table (re-simulates; use {@link runRecords} to fill several tables at once).
 *
 * @example [...runRows(planPortfolio({ missions: 2, runs: { min: 5, max: 5 } }))].length // → 10
 */
export function* runRows(portfolio: Portfolio): Generator<Run, void, undefined> {
  for (const r of runRecords(portfolio)) yield r.run;
}

/**
 * Rows of the `task_executions` table (re-simulates).
 *
 * @example [...taskExecutionRows(planPortfolio({ preset: "demo" }))].every((e) => e.actualMinutes >= 0) // → true
 */
export function* taskExecutionRows(portfolio: Portfolio): Generator<TaskExecutionRow, void, undefined> {
  for (const r of runRecords(portfolio)) yield* r.executions;
}

/**
 * Rows of the `risk_events` table (re-simulates).
 *
 * @example [...riskEventRows(planPortfolio({ preset: "demo" }))].every((e) => e.eventId.startsWith(e.runId)) // → true
 */
export function* riskEventRows(portfolio: Portfolio): Generator<RiskEvent, void, undefined> {
  for (const r of runRecords(portfolio)) yield* r.riskEvents;
}
