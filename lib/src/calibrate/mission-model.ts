/**
 * The parameters of one simulated mission — plain data, so a calibration scenario is a value,
 * not a code branch. Units: KPI units for levels and targets, shares (0–1) for noise, slopes and
 * missing values, days for run spacing, minutes for task times.
 */
import type { KpiDirection } from "../model/dataset";

/**
 * The primary KPI's series: value_i = mean_i × (1 + e_i) (× `excursion.factor` at the last run),
 * where mean_i = (the step's level from `step.atRun` on, otherwise `level`) × (1 + slope × x_i),
 * x_i is the run index (0-based) or the days since the first run, and e is AR(1) noise with
 * lag-1 autocorrelation `phi` and marginal SD `sd` (a share of the mean).
 */
export interface KpiModel {
  readonly direction: KpiDirection;
  /** Level at the first run (KPI units, > 0). */
  readonly level: number;
  /** The KPI's target (KPI units); none when omitted. */
  readonly target?: number;
  /** Linear trend: relative change of the mean per run or per day (share of the level, signed). */
  readonly trend?: { readonly per: "run" | "day"; readonly slope: number };
  /** Multiplicative noise: marginal SD as a share of the mean, lag-1 autocorrelation phi ∈ (−1, 1). */
  readonly noise: { readonly sd: number; readonly phi?: number };
  /** A level shift: from run index `atRun` (0-based) on, the level is `level`. */
  readonly step?: { readonly atRun: number; readonly level: number };
  /** The last run's value multiplied by `factor` (e.g. 5: five times the expected value). */
  readonly excursion?: { readonly factor: number };
  /** Share of runs (0–1) that do not report the KPI, drawn independently per run. */
  readonly missingShare?: number;
}

/**
 * When runs start: every day, with exponential gaps of mean `meanDays` (a Poisson process), or at
 * the given day offsets from the first run (then their count is the number of runs).
 */
export type RunSpacing =
  | { readonly kind: "daily" }
  | { readonly kind: "irregular"; readonly meanDays: number }
  | { readonly kind: "explicit"; readonly days: readonly number[] };

/**
 * Human touches per run (interventions + escalations): a count with mean `mean` and variance
 * `varianceRatio` × mean (1: Poisson; above 1: negative binomial), the mean becoming
 * `change.mean` from run index `change.atRun` on. Each touch is an escalation with probability
 * `escalationShare`, otherwise an intervention.
 */
export interface TouchModel {
  readonly mean: number;
  readonly varianceRatio?: number;
  readonly change?: { readonly atRun: number; readonly mean: number };
  readonly escalationShare: number;
}

/**
 * The plan's tasks and their telemetry: `count` tasks (drawn uniformly in the inclusive range),
 * estimates drawn uniformly in `estimateMinutes`, actual minutes log-normal with mean
 * `actualToEstimate` × estimate and log-scale spread `actualSigma`; every `approvalEvery`-th task
 * needs approval, with a log-normal approval delay of mean `approvalDelayMinutes` (spread 0.5).
 * The same distribution for every task: friction is small and evenly spread.
 */
export interface TaskModel {
  readonly count: readonly [number, number];
  readonly estimateMinutes: readonly [number, number];
  readonly actualToEstimate: number;
  readonly actualSigma: number;
  readonly approvalEvery: number;
  readonly approvalDelayMinutes: number;
}

/** Everything that defines one simulated mission. */
export interface MissionModel {
  /** Number of runs (ignored by, and must equal the length of, explicit spacing). */
  readonly runs: number;
  readonly kpi: KpiModel;
  readonly spacing: RunSpacing;
  readonly touches: TouchModel;
  readonly tasks: TaskModel;
  /** Share of runs (0–1) flagged risky with one low-severity risk event; none when omitted. */
  readonly riskRunShare?: number;
}

/**
 * Healthy tasks: 2–4 tasks of 10–30 minutes finishing on average at 90 % of the estimate with a
 * 10 % log-scale spread, every second task with approval waits of about 1.5 minutes.
 *
 * @example HEALTHY_TASKS.count // → [2, 4]
 */
export const HEALTHY_TASKS: TaskModel = {
  count: [2, 4],
  estimateMinutes: [10, 30],
  actualToEstimate: 0.9,
  actualSigma: 0.1,
  approvalEvery: 2,
  approvalDelayMinutes: 1.5,
};
