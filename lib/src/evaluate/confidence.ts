/**
 * Confidence HIGH / MEDIUM / LOW of a mission's assessment and of the portfolio's, with one plain
 * sentence per factor that lowered it. It never overstates certainty: the portfolio takes the
 * lowest level among its missions.
 */
import type { Ruleset } from "../rules/schema";
import { round } from "./kpi-compare";
import type { Confidence, ConfidenceLevel, MissionMetrics } from "./types";

const RANK: Record<ConfidenceLevel, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

/**
 * The lower of two levels.
 *
 * @example lowerLevel("HIGH", "MEDIUM") // → "MEDIUM"
 */
export function lowerLevel(a: ConfidenceLevel, b: ConfidenceLevel): ConfidenceLevel {
  return RANK[a] <= RANK[b] ? a : b;
}

/**
 * Confidence in one mission's assessment.
 *
 * `run_count`: LOW below `lowBelowRuns` runs, MEDIUM below `mediumBelowRuns`, else HIGH.
 * `factors`: starts HIGH and lowers for sample size (LOW or MEDIUM), imprecise slope, unstable
 * KPI, missing KPI values and stale data (each MEDIUM).
 *
 * @example missionConfidence(m002Metrics, seedV3.confidence) // → { level: "MEDIUM", reasons: ["Accelerate … has only 2 runs (3 needed for HIGH)."] }
 */
export function missionConfidence(m: MissionMetrics, rules: Ruleset["confidence"]): Confidence {
  const name = m.missionName;
  const n = m.runsAnalyzed;
  if (rules.method === "run_count") {
    if (n < rules.lowBelowRuns)
      return {
        level: "LOW",
        reasons: [
          `${name} has only ${n} run${n === 1 ? "" : "s"} (${rules.lowBelowRuns} needed for MEDIUM).`,
        ],
      };
    if (n < rules.mediumBelowRuns)
      return {
        level: "MEDIUM",
        reasons: [`${name} has only ${n} runs (${rules.mediumBelowRuns} needed for HIGH).`],
      };
    return { level: "HIGH", reasons: [] };
  }
  let level: ConfidenceLevel = "HIGH";
  const reasons: string[] = [];
  const lower = (to: ConfidenceLevel, reason: string) => {
    level = lowerLevel(level, to);
    reasons.push(reason);
  };
  if (n < rules.sampleSize.lowBelowRuns) {
    lower(
      "LOW",
      `${name} has only ${n} run${n === 1 ? "" : "s"} with the primary KPI (${rules.sampleSize.lowBelowRuns} needed to judge a trend).`,
    );
  } else if (n < rules.sampleSize.mediumBelowRuns) {
    lower(
      "MEDIUM",
      `${name} has ${n} runs with the primary KPI (${rules.sampleSize.mediumBelowRuns} needed for HIGH).`,
    );
  }
  const t = m.trend;
  const f = m.figures;
  if (t.slopeCi && f && t.n >= 2) {
    const levelValue = Math.max(Math.abs(f.latest), Math.abs(f.first), 1e-9);
    const width = ((t.slopeCi[1] - t.slopeCi[0]) * (t.n - 1)) / levelValue;
    if (width > rules.slopePrecision.maxRelativeCiWidth) {
      lower(
        "MEDIUM",
        `The trend of ${name} is imprecise: its ${round(width * 100, 0)} % confidence band across the window exceeds ${round(rules.slopePrecision.maxRelativeCiWidth * 100, 0)} %.`,
      );
    }
  }
  if (rules.dispersion.lowerOnLabels.includes(m.stability.label)) {
    lower("MEDIUM", `The KPI of ${name} is ${m.stability.label} (${m.stability.description})`);
  }
  if (m.kpiCompleteness < rules.completeness.minKpiShare) {
    lower(
      "MEDIUM",
      `Only ${round(m.kpiCompleteness * 100, 0)} % of the runs of ${name} carry the primary KPI (${round(rules.completeness.minKpiShare * 100, 0)} % expected).`,
    );
  }
  if (m.daysSinceLastRun !== null && m.daysSinceLastRun > rules.recency.maxDaysSinceLastRun) {
    lower(
      "MEDIUM",
      `The last run of ${name} is ${round(m.daysSinceLastRun, 0)} days old (more than ${rules.recency.maxDaysSinceLastRun}).`,
    );
  }
  return { level, reasons };
}

/**
 * Portfolio confidence: the lowest mission level, with the reasons of the missions at that level
 * first (then the others'), duplicates removed. HIGH with no reasons when all missions are HIGH;
 * LOW when there are no missions.
 *
 * @example portfolioConfidence([{ level: "HIGH", reasons: [] }, { level: "MEDIUM", reasons: ["x"] }]) // → { level: "MEDIUM", reasons: ["x"] }
 */
export function portfolioConfidence(missions: readonly Confidence[]): Confidence {
  if (missions.length === 0) return { level: "LOW", reasons: ["The portfolio has no mission with runs."] };
  const level = missions.map((c) => c.level).reduce(lowerLevel);
  const ordered = [...missions].sort((a, b) => RANK[a.level] - RANK[b.level]);
  const reasons = [...new Set(ordered.flatMap((c) => c.reasons))];
  return { level, reasons };
}
