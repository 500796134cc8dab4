/**
 * Comparing rulesets in a notebook: two evaluations of the same data side by side (one row per
 * mission), the portfolio-health chart of an evaluation, and backtest reports as flat rows and a
 * confusion-matrix chart input. What differs between two assessments is decided by the validation
 * module's `diffEvaluations`; the backtest figures are flattened by its `sweepRows`. Pure.
 */
import type { ConfusionMatrixChartInput } from "../brief/charts/confusion-matrix";
import type { HealthThresholds, PortfolioStatusChartInput } from "../brief/charts/portfolio-status";
import { weakestFirst } from "../brief/brief-model";
import type { EvaluationResult, MissionAssessment } from "../evaluate/types";
import type { ConfusionMatrix } from "../validation/agreement";
import type { BacktestReport } from "../validation/backtest";
import { diffEvaluations } from "../validation/ruleset-diff";
import { sweepRows } from "../validation/sweep";

/** One mission under two rulesets A and B (see {@link rulesetComparisonRows}). */
export interface RulesetComparisonRow {
  readonly missionId: string;
  readonly missionName: string;
  /** What differs ("status", "primaryDriver", "confidence", comma-separated); "" when nothing. */
  readonly differs: string;
  readonly statusA: string | null;
  readonly statusB: string | null;
  readonly healthScoreA: number | null;
  readonly healthScoreB: number | null;
  readonly driverA: string | null;
  readonly driverB: string | null;
  readonly confidenceA: string | null;
  readonly confidenceB: string | null;
  /** Rules that fired under A only / B only, comma-separated. */
  readonly onlyA: string;
  readonly onlyB: string;
}

const ids = (m: MissionAssessment | undefined): string[] => [
  ...new Set((m?.triggers ?? []).map((t) => t.id)),
];

/**
 * Two evaluations of the same dataset (typically under two rulesets) side by side, one row per
 * mission (A's order, then missions only B has): each side's status, health score, primary driver
 * and confidence, the rules that fired on one side only, and what differs as `diffEvaluations`
 * decides it (status, primary driver, confidence). A mission missing on one side has nulls there.
 *
 * @example rulesetComparisonRows(evaluate(ds, builtinRuleset("default")), evaluate(ds, builtinRuleset("seed-v3")))
 *   .find((r) => r.missionId === "onboarding-time") // → { statusA: "ON_TRACK", statusB: "ATTENTION_REQUIRED", differs: "status, primaryDriver", … } on the demo data
 */
export function rulesetComparisonRows(a: EvaluationResult, b: EvaluationResult): RulesetComparisonRow[] {
  const differs = new Map(diffEvaluations(a, b).missions.map((m) => [m.missionId, m.differs.join(", ")]));
  const byIdA = new Map(a.portfolio.missions.map((m) => [m.missionId, m]));
  const byIdB = new Map(b.portfolio.missions.map((m) => [m.missionId, m]));
  const order = [...byIdA.keys(), ...[...byIdB.keys()].filter((id) => !byIdA.has(id))];
  return order.map((missionId) => {
    const ma = byIdA.get(missionId);
    const mb = byIdB.get(missionId);
    const firedA = ids(ma);
    const firedB = ids(mb);
    const oneSided = ma && mb ? "" : ma ? "missing in B" : "missing in A";
    return {
      missionId,
      missionName: (ma ?? mb)?.missionName ?? missionId,
      differs: oneSided || (differs.get(missionId) ?? ""),
      statusA: ma?.health ?? null,
      statusB: mb?.health ?? null,
      healthScoreA: ma?.metrics.healthScore ?? null,
      healthScoreB: mb?.metrics.healthScore ?? null,
      driverA: ma ? (ma.primaryDriver?.trigger ?? "none") : null,
      driverB: mb ? (mb.primaryDriver?.trigger ?? "none") : null,
      confidenceA: ma?.confidence.level ?? null,
      confidenceB: mb?.confidence.level ?? null,
      onlyA: firedA.filter((t) => !firedB.includes(t)).join(", "),
      onlyB: firedB.filter((t) => !firedA.includes(t)).join(", "),
    };
  });
}

/**
 * Input of `portfolioStatusChartSpec` for an evaluation: every mission (weakest first) at its
 * health score (clamped to 0–100) with the status the rules decided, over the ruleset's bands
 * (a ruleset's `health.bands` fits).
 *
 * @example portfolioHealthInput(result, rules.health.bands).missions[0] // → { missionName: "Accounts-payable invoice processing", healthScore: 37.58, status: "ATTENTION_REQUIRED" } on the demo data
 */
export function portfolioHealthInput(
  result: EvaluationResult,
  thresholds: HealthThresholds,
): PortfolioStatusChartInput {
  return {
    missions: weakestFirst(result.portfolio.missions).map((m) => ({
      missionName: m.missionName,
      healthScore: Math.min(100, Math.max(0, m.metrics.healthScore)),
      status: m.health,
    })),
    thresholds: { onTrack: thresholds.onTrack, watch: thresholds.watch },
  };
}

/**
 * Input of `confusionMatrixChartSpec` from a backtest's confusion matrix (every expected ×
 * predicted pair, zeros included).
 *
 * @example confusionMatrixInput({ statuses: ["ON_TRACK", "WATCH"], counts: [[2, 1], [0, 3]], total: 6 }).counts[1]
 *   // → { expected: "ON_TRACK", predicted: "WATCH", count: 1 }
 */
export function confusionMatrixInput(matrix: ConfusionMatrix): ConfusionMatrixChartInput {
  return {
    counts: matrix.statuses.flatMap((expected, i) =>
      matrix.statuses.map((predicted, j) => ({ expected, predicted, count: matrix.counts[i]?.[j] ?? 0 })),
    ),
  };
}

/** One backtest's headline figures as a flat row (see {@link backtestRows}). */
export type BacktestRow = Readonly<Record<string, string | number | null>>;

/**
 * One flat row per backtest report, for comparing rulesets: `ruleset` ("id version"), the same
 * figures as a sweep table row (labels, accuracy, kappa, the alert's precision, recall and F1,
 * precision and recall per status, expected-trigger rate, detection, flapping per 100 runs), then
 * the number of disagreements.
 *
 * @example backtestRows([reportDefault, reportSeedV3]).map((r) => r.kappa) // → [0.39, …] on the demo data
 */
export function backtestRows(reports: readonly BacktestReport[]): BacktestRow[] {
  return reports.map((r) => {
    const [figures] = sweepRows({
      base: r.ruleset,
      params: [],
      points: [{ setting: {}, metrics: r.metrics }],
    });
    return {
      ruleset: `${r.ruleset.id} ${r.ruleset.version}`,
      ...figures,
      disagreements: r.disagreements.length,
    };
  });
}
