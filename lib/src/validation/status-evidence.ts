/**
 * The evidence behind a mission's status, flattened for reports: health score and subscores, the
 * trend, how the band was reached, the triggers that fired with their figures, the primary driver
 * and the confidence.
 */
import type { Confidence, Evidence, MissionAssessment, Subscores, TrendLabel } from "../evaluate/types";
import type { Band, Severity, TriggerId } from "../rules/schema";

/** What a report shows about one assessment. */
export interface StatusEvidence {
  readonly status: Band;
  readonly healthScore: number;
  readonly subscores: Subscores;
  readonly runsAnalyzed: number;
  readonly trend: { readonly label: TrendLabel; readonly description: string };
  /** How the band was reached (health score bands and gates). */
  readonly bandEvidence: readonly Evidence[];
  readonly triggers: readonly {
    readonly id: TriggerId;
    readonly severity: Severity;
    readonly explanation: string;
    readonly evidence: readonly Evidence[];
  }[];
  readonly primaryDriver: { readonly trigger: TriggerId; readonly explanation: string } | null;
  readonly confidence: Confidence;
}

/**
 * Flattens an assessment into its {@link StatusEvidence}.
 *
 * @example statusEvidence(assessment).triggers.map((t) => t.id) // → ["KPI_PLATEAU"]
 */
export function statusEvidence(a: MissionAssessment): StatusEvidence {
  return {
    status: a.health,
    healthScore: a.metrics.healthScore,
    subscores: a.metrics.subscores,
    runsAnalyzed: a.metrics.runsAnalyzed,
    trend: { label: a.metrics.trend.label, description: a.metrics.trend.description },
    bandEvidence: a.bandEvidence,
    triggers: a.triggers.map((t) => ({
      id: t.id,
      severity: t.severity,
      explanation: t.explanation,
      evidence: t.evidence,
    })),
    primaryDriver: a.primaryDriver
      ? { trigger: a.primaryDriver.trigger, explanation: a.primaryDriver.explanation }
      : null,
    confidence: a.confidence,
  };
}

/**
 * One evidence item as text: `metric value comparison threshold (n runs)`.
 *
 * @example formatEvidence({ rule: "health_band", metric: "health_score", value: 71.2, comparison: "<", threshold: 80, runsConsidered: 12 }) // → "health_score 71.2 < 80 (12 runs)"
 */
export function formatEvidence(e: Evidence): string {
  const v = (x: Evidence["value"]) => (x === null ? "n/a" : String(x));
  return `${e.metric} ${v(e.value)} ${e.comparison} ${v(e.threshold)} (${e.runsConsidered} runs)`;
}
