/**
 * The calibration scenarios: each is data — a mission model to simulate, the outcome counted in
 * the evaluation, and the target rate for the `default` ruleset (from the calibration issue; keep
 * the targets exact). Groups a–h follow the order.
 */
import type { Band } from "../rules/schema";
import type { TrendLabel } from "../evaluate/types";
import { HEALTHY_TASKS, type MissionModel } from "./mission-model";

/**
 * What is counted in one simulated mission's (or portfolio's) evaluation:
 * - `trend_label`: the mission's trend label is one of `labels`;
 * - `mission_band_not` / `mission_band_is`: the mission's band is not / is `band`;
 * - `portfolio_verdict_not`: the portfolio verdict is not `band`;
 * - `eta_defined`: the trajectory projects a time to target (`trajectory.etaDays` is defined);
 * - `eta_days_within`: `etaDays` is defined and within ±`tolerance` (a share) of `days`;
 * - `eta_band_covers`: `etaDaysBand` is defined and covers `days` (a null upper end is unbounded);
 * - `autonomy_regression`: `autonomy.regression` is true.
 */
export type CalibrationOutcome =
  | { readonly kind: "trend_label"; readonly labels: readonly TrendLabel[] }
  | { readonly kind: "mission_band_not"; readonly band: Band }
  | { readonly kind: "mission_band_is"; readonly band: Band }
  | { readonly kind: "portfolio_verdict_not"; readonly band: Band }
  | { readonly kind: "eta_defined" }
  | { readonly kind: "eta_days_within"; readonly days: number; readonly tolerance: number }
  | { readonly kind: "eta_band_covers"; readonly days: number }
  | { readonly kind: "autonomy_regression" };

/** One calibration scenario. */
export interface CalibrationScenario {
  /** Stable id, e.g. `a1-ar05-30`; also the seed's stem. */
  readonly id: string;
  /** Group letter (a–h) of the issue. */
  readonly group: string;
  /** What is simulated, in plain words. */
  readonly description: string;
  /** What the rate measures, in plain words. */
  readonly measures: string;
  /** Unit of a trial: one mission evaluated alone, or one portfolio of `portfolioSize` missions. */
  readonly unit: "mission" | "portfolio";
  /** Missions per portfolio (1 for mission scenarios). */
  readonly portfolioSize: number;
  /** Trials of the full suite and of the fast subset. */
  readonly trials: { readonly full: number; readonly fast: number };
  readonly model: MissionModel;
  readonly outcome: CalibrationOutcome;
  /** The rate must be at most / at least `target` (a share, 0–1). */
  readonly comparison: "at_most" | "at_least";
  readonly target: number;
}

/**
 * Titles of the scenario groups, by letter.
 *
 * @example CALIBRATION_GROUPS.g // → "Autonomy regression (human touches per run)"
 */
export const CALIBRATION_GROUPS: Readonly<Record<string, string>> = {
  a: "False trends on autocorrelated noise",
  b: "Trend calls on short iid series",
  c: "A mission at (or better than) its target",
  d: "Healthy portfolios",
  e: "Step then flat, and a true linear trend",
  f: "Bunched runs: time to target in calendar days",
  g: "Autonomy regression (human touches per run)",
  h: "One excursion at the last run",
};

const TOUCHES_LIGHT = { mean: 0.3, escalationShare: 0.3 } as const;
const FALSE_TREND = ["improving", "worsening"] as const;

function ar1Model(runs: number, phi: number): MissionModel {
  return {
    runs,
    kpi: { direction: "lower_is_better", level: 100, target: 100, noise: { sd: 0.1, phi } },
    spacing: { kind: "daily" },
    touches: TOUCHES_LIGHT,
    tasks: HEALTHY_TASKS,
  };
}

/** A mission as in group c: iid 10 % noise, Poisson 0.3 touches per run, healthy tasks, daily. */
function healthyModel(level: number, runs = 30): MissionModel {
  return {
    runs,
    kpi: { direction: "lower_is_better", level, target: 100, noise: { sd: 0.1 } },
    spacing: { kind: "daily" },
    touches: TOUCHES_LIGHT,
    tasks: HEALTHY_TASKS,
  };
}

/** Group d's realistic healthy mission: c's "20 % better" with irregular spacing and more. */
const REALISTIC_HEALTHY: MissionModel = {
  runs: 30,
  kpi: { direction: "lower_is_better", level: 80, target: 100, noise: { sd: 0.1 }, missingShare: 0.05 },
  spacing: { kind: "irregular", meanDays: 1 },
  touches: { mean: 0.3, varianceRatio: 2, escalationShare: 0.3 },
  tasks: { ...HEALTHY_TASKS, actualToEstimate: 0.85, actualSigma: 0.2 },
};

/**
 * Group f: day offsets of 10 runs two hours apart within one day, then one run every 30 days (10
 * more).
 *
 * @example BUNCHED_DAYS[BUNCHED_DAYS.length - 1] // → 300.75
 */
export const BUNCHED_DAYS: readonly number[] = [
  ...Array.from({ length: 10 }, (_, i) => (2 * i) / 24),
  ...Array.from({ length: 10 }, (_, k) => 18 / 24 + 30 * (k + 1)),
];
/** Group f: the KPI falls 0.1 % of its starting level per calendar day. */
const BUNCHED_SLOPE_PER_DAY = -0.001;
/**
 * Group f: true days from the last run to the target (the target is set so that the noise-free
 * KPI reaches it exactly then).
 *
 * @example BUNCHED_TRUE_DAYS_TO_TARGET // → 180
 */
export const BUNCHED_TRUE_DAYS_TO_TARGET = 180;
const BUNCHED_TARGET =
  100 *
  (1 +
    BUNCHED_SLOPE_PER_DAY *
      ((BUNCHED_DAYS[BUNCHED_DAYS.length - 1] as number) + BUNCHED_TRUE_DAYS_TO_TARGET));
const BUNCHED_MODEL: MissionModel = {
  runs: BUNCHED_DAYS.length,
  kpi: {
    direction: "lower_is_better",
    level: 100,
    target: BUNCHED_TARGET,
    trend: { per: "day", slope: BUNCHED_SLOPE_PER_DAY },
    noise: { sd: 0.03 },
  },
  spacing: { kind: "explicit", days: BUNCHED_DAYS },
  touches: TOUCHES_LIGHT,
  tasks: HEALTHY_TASKS,
};

const STEP_MODEL: MissionModel = {
  runs: 30,
  kpi: {
    direction: "lower_is_better",
    level: 10,
    target: 5,
    step: { atRun: 15, level: 7 },
    noise: { sd: 0.03 },
  },
  spacing: { kind: "daily" },
  touches: TOUCHES_LIGHT,
  tasks: HEALTHY_TASKS,
};

function touchModel(touches: MissionModel["touches"]): MissionModel {
  return { ...healthyModel(80), touches };
}

const MISSION_TRIALS = { full: 5000, fast: 1500 } as const;

/**
 * Every calibration scenario, in report order.
 *
 * @example CALIBRATION_SCENARIOS.find((s) => s.id === "b1-iid-12")?.target // → 0.05
 */
export const CALIBRATION_SCENARIOS: readonly CalibrationScenario[] = [
  {
    id: "a1-ar05-30",
    group: "a",
    description: "AR(1) noise, phi 0.5, marginal SD 10 % of the level, no trend; 30 daily runs",
    measures: "false trend (improving or worsening)",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: ar1Model(30, 0.5),
    outcome: { kind: "trend_label", labels: FALSE_TREND },
    comparison: "at_most",
    target: 0.1,
  },
  {
    id: "a2-ar05-60",
    group: "a",
    description: "AR(1) noise, phi 0.5, marginal SD 10 %, no trend; 60 daily runs",
    measures: "false trend (improving or worsening)",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: ar1Model(60, 0.5),
    outcome: { kind: "trend_label", labels: FALSE_TREND },
    comparison: "at_most",
    target: 0.07,
  },
  {
    id: "a3-ar08-60",
    group: "a",
    description: "AR(1) noise, phi 0.8, marginal SD 10 %, no trend; 60 daily runs",
    measures: "false trend (improving or worsening)",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: ar1Model(60, 0.8),
    outcome: { kind: "trend_label", labels: FALSE_TREND },
    comparison: "at_most",
    target: 0.12,
  },
  {
    id: "b1-iid-12",
    group: "b",
    description: "iid noise 10 %, no trend; 12 daily runs",
    measures: "false trend (improving or worsening)",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: ar1Model(12, 0),
    outcome: { kind: "trend_label", labels: FALSE_TREND },
    comparison: "at_most",
    target: 0.05,
  },
  {
    id: "b2-trend3-12",
    group: "b",
    description: "value_i = 100·(1 − 0.03 i)·(1 + N(0, 0.1)), lower is better; 12 daily runs",
    measures: "trend detected as improving",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: {
      ...ar1Model(12, 0),
      kpi: { ...ar1Model(12, 0).kpi, trend: { per: "run", slope: -0.03 } },
    },
    outcome: { kind: "trend_label", labels: ["improving"] },
    comparison: "at_least",
    target: 0.9,
  },
  {
    id: "c1-at-target",
    group: "c",
    description:
      "KPI at its target (level 100, target 100), iid noise 10 %, Poisson 0.3 touches/run, healthy tasks; 30 daily runs",
    measures: "mission band not ON_TRACK",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: healthyModel(100),
    outcome: { kind: "mission_band_not", band: "ON_TRACK" },
    comparison: "at_most",
    target: 0.1,
  },
  {
    id: "c2-better-20",
    group: "c",
    description: "as c1 but 20 % better than target (level 80, target 100, lower is better)",
    measures: "mission band not ON_TRACK",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: healthyModel(80),
    outcome: { kind: "mission_band_not", band: "ON_TRACK" },
    comparison: "at_most",
    target: 0.05,
  },
  ...(
    [
      [5, 2000, 200],
      [20, 1000, 60],
      [50, 600, 30],
      [100, 400, 20],
    ] as const
  ).map(([size, full, fast]): CalibrationScenario => ({
    id: `d-portfolio-${size}`,
    group: "d",
    description: `portfolio of ${size} healthy missions (as c2, plus irregular spacing, 5 % missing KPI values, touches overdispersed ×2, log-normal task times); 30 runs each`,
    measures: "portfolio verdict not ON_TRACK",
    unit: "portfolio",
    portfolioSize: size,
    trials: { full, fast },
    model: REALISTIC_HEALTHY,
    outcome: { kind: "portfolio_verdict_not", band: "ON_TRACK" },
    comparison: "at_most",
    target: 0.1,
  })),
  {
    id: "e1-step-flat",
    group: "e",
    description: "level 10 for 15 runs, then 7 for 15 runs, target 5 (lower is better), 3 % noise; daily",
    measures: "projected to reach the target (trajectory.etaDays defined)",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: STEP_MODEL,
    outcome: { kind: "eta_defined" },
    comparison: "at_most",
    target: 0.05,
  },
  {
    id: "e2-linear-10-7",
    group: "e",
    description: "linear trend from 10 to 7 over 30 runs, target 5, 3 % noise; daily",
    measures: "trend detected as improving",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: {
      ...STEP_MODEL,
      kpi: {
        direction: "lower_is_better",
        level: 10,
        target: 5,
        trend: { per: "run", slope: -0.3 / 29 },
        noise: { sd: 0.03 },
      },
    },
    outcome: { kind: "trend_label", labels: ["improving"] },
    comparison: "at_least",
    target: 0.9,
  },
  {
    id: "f1-bunched-eta",
    group: "f",
    description: `10 runs within one day, then one every 30 days (10 more); KPI falls linearly in calendar time, 3 % noise; true time from the last run to target ${BUNCHED_TRUE_DAYS_TO_TARGET} days`,
    measures: `trajectory.etaDays within ±50 % of ${BUNCHED_TRUE_DAYS_TO_TARGET}`,
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: BUNCHED_MODEL,
    outcome: { kind: "eta_days_within", days: BUNCHED_TRUE_DAYS_TO_TARGET, tolerance: 0.5 },
    comparison: "at_least",
    target: 0.9,
  },
  {
    id: "f2-bunched-band",
    group: "f",
    description: "as f1",
    measures: `trajectory.etaDaysBand covers ${BUNCHED_TRUE_DAYS_TO_TARGET} (null upper end = unbounded)`,
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: BUNCHED_MODEL,
    outcome: { kind: "eta_band_covers", days: BUNCHED_TRUE_DAYS_TO_TARGET },
    comparison: "at_least",
    target: 0.9,
  },
  {
    id: "g1-touch-doubling",
    group: "g",
    description: "human touches Poisson 1.0/run, doubling to 2.0/run from run 16 of 30 (KPI as c2); daily",
    measures: "autonomy.regression flagged",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: touchModel({ mean: 1, change: { atRun: 15, mean: 2 }, escalationShare: 0.3 }),
    outcome: { kind: "autonomy_regression" },
    comparison: "at_least",
    target: 0.55,
  },
  {
    id: "g2-touch-poisson",
    group: "g",
    description: "human touches constant Poisson 1.0/run; 30 daily runs (KPI as c2)",
    measures: "autonomy.regression flagged",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: touchModel({ mean: 1, escalationShare: 0.3 }),
    outcome: { kind: "autonomy_regression" },
    comparison: "at_most",
    target: 0.05,
  },
  {
    id: "g3-touch-negbin",
    group: "g",
    description:
      "human touches constant negative binomial, mean 1.0/run, variance 2.5× the mean; 30 daily runs (KPI as c2)",
    measures: "autonomy.regression flagged",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: touchModel({ mean: 1, varianceRatio: 2.5, escalationShare: 0.3 }),
    outcome: { kind: "autonomy_regression" },
    comparison: "at_most",
    target: 0.05,
  },
  {
    id: "h1-last-excursion",
    group: "h",
    description:
      "as c2 (20 % better than target), with the last run's KPI 5× its expected value (the bad direction)",
    measures: "mission band ATTENTION_REQUIRED",
    unit: "mission",
    portfolioSize: 1,
    trials: MISSION_TRIALS,
    model: { ...healthyModel(80), kpi: { ...healthyModel(80).kpi, excursion: { factor: 5 } } },
    outcome: { kind: "mission_band_is", band: "ATTENTION_REQUIRED" },
    comparison: "at_most",
    target: 0.05,
  },
];
