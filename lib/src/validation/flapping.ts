/**
 * Flapping: how often the evaluator's status changes from one run to the next — a verdict that
 * flips back and forth is noise leadership learns to ignore.
 */
import type { Band } from "../rules/schema";

/** Status changes of one mission. */
export interface MissionFlapping {
  readonly missionId: string;
  /** Runs replayed (timeline points). */
  readonly runs: number;
  /** Consecutive points with different statuses. */
  readonly changes: number;
  /** 100 × changes ÷ runs (0 without runs). */
  readonly per100Runs: number;
}

/** Status changes over all missions. */
export interface FlappingSummary {
  readonly runs: number;
  readonly changes: number;
  /** 100 × changes ÷ runs over all missions. */
  readonly per100Runs: number;
  readonly byMission: readonly MissionFlapping[];
}

/**
 * Counts status changes between consecutive runs, per mission and overall.
 *
 * @example flapping([{ missionId: "M1", statuses: ["ON_TRACK", "WATCH", "ON_TRACK", "ON_TRACK"] }]).per100Runs // → 50
 */
export function flapping(
  timelines: readonly { missionId: string; statuses: readonly Band[] }[],
): FlappingSummary {
  let runs = 0;
  let changes = 0;
  const byMission = timelines.map((t) => {
    let c = 0;
    for (let i = 1; i < t.statuses.length; i++) if (t.statuses[i] !== t.statuses[i - 1]) c++;
    runs += t.statuses.length;
    changes += c;
    const n = t.statuses.length;
    return { missionId: t.missionId, runs: n, changes: c, per100Runs: n === 0 ? 0 : (100 * c) / n };
  });
  return { runs, changes, per100Runs: runs === 0 ? 0 : (100 * changes) / runs, byMission };
}
