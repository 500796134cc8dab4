/**
 * Subscores and the health score of a mission, and its band.
 */
import type { KpiSpec } from "../model/dataset";
import type { Band, Ruleset } from "../rules/schema";
import { round } from "./kpi-compare";
import type { Subscores, TrajectoryStatus, TrendLabel } from "./types";
import { clamp } from "./window";

/**
 * Outcome subscore 0–100: share of the baseline→target span covered by the latest value; the
 * ruleset's fallback when baseline or target is missing or the span is not positive.
 *
 * @example outcomeSubscore(m002Spec, 8, seedV3.health) // → 85.714… (baseline 14, target 7, lower is better)
 */
export function outcomeSubscore(spec: KpiSpec, latest: number, rules: Ruleset["health"]): number {
  const { baseline, target } = spec;
  if (baseline === undefined || target === undefined) return rules.outcomeMissingScore;
  const span = spec.direction === "lower_is_better" ? baseline - target : target - baseline;
  if (!(span > 0)) return rules.outcomeMissingScore;
  const covered = spec.direction === "lower_is_better" ? baseline - latest : latest - baseline;
  return 100 * clamp(covered / span, 0, 1);
}

/**
 * Trajectory subscore: the ruleset's score for the trajectory status when the ruleset scores
 * statuses and the status is known; otherwise its score for the trend label.
 *
 * @example trendSubscore("improving", seedV3.health) // → 92
 * @example trendSubscore("improving", defaultRules.health, "off_track") // → 30
 */
export function trendSubscore(
  label: TrendLabel,
  rules: Ruleset["health"],
  status?: TrajectoryStatus,
): number {
  const byStatus = rules.trajectoryStatusScores;
  if (byStatus && status !== undefined && status !== "unknown") return byStatus[status];
  return rules.trendScores[label];
}

/**
 * Weighted health score (2 decimals).
 *
 * @example healthScore({ outcome: 85.714, trajectory: 92, friction: 69.4, risk: 0, stability: 62 }, seedV3.health) // → 73.08
 */
export function healthScore(sub: Subscores, rules: Ruleset["health"]): number {
  const w = rules.weights;
  return round(
    w.outcome * sub.outcome +
      w.trajectory * sub.trajectory +
      w.friction * sub.friction +
      w.risk * sub.risk +
      w.stability * sub.stability,
    2,
  );
}

/**
 * Band of a health score: ≥ onTrack → ON_TRACK, ≥ watch → WATCH, else ATTENTION_REQUIRED.
 *
 * @example bandOfScore(80.34, seedV3.health) // → "WATCH"
 */
export function bandOfScore(score: number, rules: Ruleset["health"]): Band {
  if (score >= rules.bands.onTrack) return "ON_TRACK";
  if (score >= rules.bands.watch) return "WATCH";
  return "ATTENTION_REQUIRED";
}

const BAND_RANK: Record<Band, number> = { ON_TRACK: 0, WATCH: 1, ATTENTION_REQUIRED: 2 };

/**
 * The worse of two bands.
 *
 * @example worseBand("WATCH", "ON_TRACK") // → "WATCH"
 */
export function worseBand(a: Band, b: Band): Band {
  return BAND_RANK[a] >= BAND_RANK[b] ? a : b;
}
