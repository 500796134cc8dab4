/**
 * Stage 4 — a mission's assessment: its band (with the evidence of how it was reached), primary
 * driver, recommended action, confidence and governance findings.
 */
import type { Mission } from "../model/dataset";
import type { Band, Ruleset } from "../rules/schema";
import { missionAction } from "./actions";
import { missionConfidence } from "./confidence";
import { governanceFindings } from "./governance";
import { bandOfScore, worseBand } from "./health";
import { primaryDriver, rankTriggers } from "./primary-driver";
import type { Evidence, MissionAssessment, MissionMetrics, Trigger } from "./types";

/**
 * The band of a mission and the evidence behind it.
 *
 * `health_only`: bands of the health score. `health_with_gates`: the same, then at best
 * `insufficientDataBand` when the trend cannot be judged (too little history to confirm progress
 * or decline), then at best `highTriggerCap` with any high-severity trigger and
 * ATTENTION_REQUIRED with `attentionHighTriggers` or more of them. An unconfirmed excursion for the
 * worse (the KPI_EXCURSION trigger) makes it at best `level.excursionBand`.
 *
 * @example missionBand(m001Metrics, [], seedV3) // → { band: "WATCH", evidence: [{ rule: "health_band", … }] }
 */
export function missionBand(
  metrics: MissionMetrics,
  triggers: readonly Trigger[],
  rules: Ruleset,
): { band: Band; evidence: Evidence[] } {
  const h = rules.health.bands;
  let band = bandOfScore(metrics.healthScore, rules.health);
  const evidence: Evidence[] = [
    {
      rule: "health_band",
      metric: "health_score",
      value: metrics.healthScore,
      comparison: band === "ON_TRACK" ? "≥" : band === "WATCH" ? "≥ (watch), < (on track)" : "<",
      threshold: band === "ON_TRACK" ? h.onTrack : band === "WATCH" ? `${h.watch}|${h.onTrack}` : h.watch,
      runsConsidered: metrics.runsAnalyzed,
    },
  ];
  const gates = rules.missionBand;
  if (gates.method === "health_with_gates") {
    // With too little history this gate decides the band (whatever the health score), so it is
    // always part of the evidence.
    if (metrics.trend.label === "insufficient_data") {
      band = gates.insufficientDataBand;
      evidence.push({
        rule: "gate_insufficient_data",
        metric: "trend",
        value: metrics.trend.label,
        comparison: "→",
        threshold: gates.insufficientDataBand,
        runsConsidered: metrics.trend.n,
      });
    }
    // An unconfirmed excursion for the worse: named, and at best the level rule's band.
    const excursion = triggers.find((t) => t.id === "KPI_EXCURSION");
    if (
      excursion &&
      rules.level?.method === "fitted" &&
      worseBand(band, rules.level.excursionBand) !== band
    ) {
      band = worseBand(band, rules.level.excursionBand);
      evidence.push({
        rule: "gate_unconfirmed_excursion",
        metric: "hampel_score_last_run",
        value: metrics.excursion ? Math.round(metrics.excursion.score * 100) / 100 : null,
        comparison: "> → at best",
        threshold: rules.level.excursionBand,
        runsConsidered: metrics.kpiRuns,
      });
    }
    const high = triggers.filter((t) => t.severity === "high");
    if (high.length >= gates.attentionHighTriggers) {
      band = "ATTENTION_REQUIRED";
      evidence.push({
        rule: "gate_high_triggers",
        metric: "high_severity_triggers",
        value: high.map((t) => t.id).join(", "),
        comparison: "count ≥",
        threshold: gates.attentionHighTriggers,
        runsConsidered: metrics.runsAnalyzed,
      });
    } else if (high.length > 0 && worseBand(band, gates.highTriggerCap) !== band) {
      band = worseBand(band, gates.highTriggerCap);
      evidence.push({
        rule: "gate_high_trigger_cap",
        metric: "high_severity_triggers",
        value: high.map((t) => t.id).join(", "),
        comparison: "any → at best",
        threshold: gates.highTriggerCap,
        runsConsidered: metrics.runsAnalyzed,
      });
    }
  }
  return { band, evidence };
}

/**
 * Assesses one mission from its metrics and triggers.
 *
 * @example assessMission(m002, m002Metrics, m002Triggers, seedV3).health // → "WATCH"
 */
export function assessMission(
  mission: Mission,
  metrics: MissionMetrics,
  triggers: readonly Trigger[],
  rules: Ruleset,
): MissionAssessment {
  const { band, evidence } = missionBand(metrics, triggers, rules);
  const top = rankTriggers(triggers)[0];
  return {
    missionId: mission.missionId,
    missionName: mission.name,
    metrics,
    triggers,
    health: band,
    bandEvidence: evidence,
    primaryDriver: primaryDriver(triggers, new Map([[mission.missionId, mission.name]])),
    recommendedAction: missionAction(metrics, top, rules.actions),
    confidence: missionConfidence(metrics, rules.confidence),
    governance: governanceFindings(mission),
  };
}
