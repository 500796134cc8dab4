/**
 * The flat, documented JSON view of an evaluation (what `mission evaluate --json` prints and the
 * README documents): the verdict and, per mission, the headline figures — with the full stages
 * available beside it in {@link EvaluationResult}.
 */
import type { Band, TriggerId, Severity } from "../rules/schema";
import type {
  BottleneckDriver,
  BottleneckStatus,
  Confidence,
  Evidence,
  EvaluationResult,
  TrajectoryAssessment,
  TrendAssessment,
} from "./types";

/** One mission in the summary. */
export interface MissionSummary {
  readonly missionId: string;
  readonly missionName: string;
  readonly runsAnalyzed: number;
  readonly kpi: string | null;
  readonly unit: string | null;
  readonly trend: TrendAssessment["label"];
  readonly trendDescription: string;
  readonly trajectory: TrajectoryAssessment["status"];
  readonly trajectoryDescription: string;
  /** Estimated days to target, when projected. */
  readonly timeToTargetDays: number | null;
  readonly autonomyScore: number;
  readonly humanTouches: "rising" | "falling" | "steady" | "unknown";
  readonly healthScore: number;
  readonly health: Band;
  readonly stability: string;
  readonly improvementFromBaselinePct: number | null;
  readonly changeSinceFirstRunPct: number | null;
  readonly remainingGapToTargetPct: number | null;
  readonly topBottleneck: {
    readonly taskId: string;
    readonly taskName: string;
    readonly status: BottleneckStatus;
    readonly driver: BottleneckDriver;
  } | null;
  readonly triggers: readonly {
    readonly id: TriggerId;
    readonly severity: Severity;
    readonly detail?: string;
    readonly explanation: string;
    readonly evidence: readonly Evidence[];
  }[];
  readonly recommendedAction: string;
  readonly confidence: Confidence;
  readonly governance: readonly string[];
}

/** The portfolio summary. */
export interface EvaluationSummary {
  readonly verdict: Band;
  readonly interpretation: string;
  readonly confidence: Confidence;
  readonly primaryDriver: {
    readonly missionId: string;
    readonly missionName: string;
    readonly trigger: TriggerId;
    readonly taskId: string | null;
    readonly explanation: string;
    readonly rankedBy: string;
    readonly evidence: readonly Evidence[];
  } | null;
  readonly recommendedAction: string;
  readonly ruleset: { readonly id: string; readonly version: string };
  readonly asOf: string;
  readonly averageAutonomy: number | null;
  readonly inputFingerprint: string;
  readonly runsExcluded: number;
  readonly dataWarnings: number;
  readonly missions: readonly MissionSummary[];
}

/**
 * Flattens an evaluation result into its summary. Pure.
 *
 * @example summarizeEvaluation(evaluate(seed, seedV3)).missions[2].improvementFromBaselinePct // → 73.33
 */
export function summarizeEvaluation(result: EvaluationResult): EvaluationSummary {
  const p = result.portfolio;
  return {
    verdict: p.verdict,
    interpretation: p.interpretation,
    confidence: p.confidence,
    primaryDriver: p.primaryDriver
      ? {
          missionId: p.primaryDriver.missionId,
          missionName: p.primaryDriver.missionName,
          trigger: p.primaryDriver.trigger,
          taskId: p.primaryDriver.taskId ?? null,
          explanation: p.primaryDriver.explanation,
          rankedBy: p.primaryDriver.rankedBy,
          evidence: p.primaryDriver.evidence,
        }
      : null,
    recommendedAction: p.recommendedAction,
    ruleset: result.ruleset,
    asOf: result.asOf,
    averageAutonomy: p.averageAutonomy,
    inputFingerprint: result.inputFingerprint,
    runsExcluded: result.ledger.excluded.length,
    dataWarnings: result.dataWarnings.length,
    missions: p.missions.map((a) => {
      const m = a.metrics;
      const top = m.topBottleneck;
      return {
        missionId: a.missionId,
        missionName: a.missionName,
        runsAnalyzed: m.runsAnalyzed,
        kpi: m.figures?.kpi ?? null,
        unit: m.figures?.unit ?? null,
        trend: m.trend.label,
        trendDescription: m.trend.description,
        trajectory: m.trajectory.status,
        trajectoryDescription: m.trajectory.description,
        timeToTargetDays: m.trajectory.etaDays ?? null,
        autonomyScore: m.autonomy.score,
        humanTouches: m.autonomy.touchDirection,
        healthScore: m.healthScore,
        health: a.health,
        stability: m.stability.label,
        improvementFromBaselinePct: m.figures?.improvementFromBaselinePct ?? null,
        changeSinceFirstRunPct: m.figures?.changeSinceFirstRunPct ?? null,
        remainingGapToTargetPct: m.figures?.remainingGapToTargetPct ?? null,
        topBottleneck: top
          ? { taskId: top.taskId, taskName: top.taskName, status: top.status, driver: top.driver }
          : null,
        triggers: a.triggers.map((t) => ({
          id: t.id,
          severity: t.severity,
          ...(t.detail !== undefined ? { detail: t.detail } : {}),
          explanation: t.explanation,
          evidence: t.evidence,
        })),
        recommendedAction: a.recommendedAction,
        confidence: a.confidence,
        governance: a.governance.map((g) => g.message),
      };
    }),
  };
}
