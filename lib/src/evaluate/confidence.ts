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
  if (rules.method === "run_count") {
    const n = m.runsAnalyzed;
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
  const n = m.kpiRuns;
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
  const serial = m.trend.serialCorrelation;
  if (rules.serialCorrelation && serial && serial.lag1 >= rules.serialCorrelation.minLag1) {
    lower(
      "MEDIUM",
      serial.correction === "too_short"
        ? `The KPI of ${name} is strongly serially correlated (lag-1 ${round(serial.lag1, 2)}) over too few runs (${t.n}) to tell a trend from a slow wander.`
        : `The KPI of ${name} is serially correlated (lag-1 ${round(serial.lag1, 2)}): its ${t.n} runs weigh like about ${round(t.n / serial.varianceFactor, 0)} independent ones.`,
    );
  }
  const lv = m.level;
  if (f?.targetMet && lv && lv.intervalWithinMargin === false) {
    lower(
      "MEDIUM",
      `${name} is at its target on its current level (${round(lv.value, 2)}), but the ${Math.round(lv.ciLevel * 100)} % interval (${round(lv.lower, 2)} to ${round(lv.upper, 2)}) reaches beyond the equivalence margin.`,
    );
  }
  if (m.excursion) {
    lower(
      "MEDIUM",
      `The latest run of ${name} is far outside the others (${round(m.excursion.value, 2)} against a usual ${round(m.excursion.median, 2)}); it is left out until the next run confirms it.`,
    );
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

/**
 * Confidence in the portfolio's verdict and primary driver: the lowest level among the missions
 * that decide them (those in the verdict's band and the driver's mission), with their reasons;
 * missions with too little history to judge are named apart in one sentence and do not lower it.
 * LOW when no mission decides.
 *
 * @example verdictConfidence([{ level: "HIGH", reasons: [] }], [{ missionId: "N", missionName: "New", metrics: { kpiRuns: 2 } }]).level // → "HIGH"
 */
export function verdictConfidence(
  deciding: readonly Confidence[],
  limited: readonly { missionName: string; metrics: { kpiRuns: number } }[],
): Confidence {
  const base = portfolioConfidence(deciding);
  if (limited.length === 0) return base;
  const list = limited.map(
    (m) => `${m.missionName} (${m.metrics.kpiRuns} run${m.metrics.kpiRuns === 1 ? "" : "s"})`,
  );
  return {
    level: base.level,
    reasons: [
      ...base.reasons,
      `Not yet judged, too little history (listed apart, not counted in the verdict): ${list.join(", ")}.`,
    ],
  };
}
