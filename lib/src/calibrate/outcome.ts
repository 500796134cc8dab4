/**
 * Whether a scenario's counted outcome ({@link CalibrationOutcome}) holds in one evaluation.
 */
import type { EvaluationResult } from "../evaluate/types";
import type { CalibrationOutcome } from "./scenarios";

/**
 * True when `outcome` holds in `result`. Mission outcomes read the first mission (a mission
 * scenario evaluates one mission per dataset); a mission that is missing counts as not holding.
 *
 * @example outcomeHolds({ kind: "portfolio_verdict_not", band: "ON_TRACK" }, result) // → result.portfolio.verdict !== "ON_TRACK"
 */
export function outcomeHolds(outcome: CalibrationOutcome, result: EvaluationResult): boolean {
  if (outcome.kind === "portfolio_verdict_not") return result.portfolio.verdict !== outcome.band;
  const mission = result.portfolio.missions[0];
  if (mission === undefined) return false;
  const m = mission.metrics;
  switch (outcome.kind) {
    case "trend_label":
      return outcome.labels.includes(m.trend.label);
    case "mission_band_not":
      return mission.health !== outcome.band;
    case "mission_band_is":
      return mission.health === outcome.band;
    case "eta_defined":
      return m.trajectory.etaDays !== undefined;
    case "eta_days_within": {
      const eta = m.trajectory.etaDays;
      return eta !== undefined && Math.abs(eta - outcome.days) <= outcome.tolerance * outcome.days;
    }
    case "eta_band_covers": {
      const band = m.trajectory.etaDaysBand;
      return band !== undefined && band[0] <= outcome.days && (band[1] === null || outcome.days <= band[1]);
    }
    case "autonomy_regression":
      return m.autonomy.regression;
  }
}
