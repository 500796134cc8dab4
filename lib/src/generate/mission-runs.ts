/**
 * Lazily produces a mission's run history: run start times on the mission's cadence, each run
 * simulated by {@link simulateRun}. Only one run is in memory at a time.
 */
import type { MissionPlan } from "./mission-plan";
import type { IntRange } from "./options";
import { createRng } from "../stats/random";
import { simulateRun, type RunRecord } from "./simulate-run";

/** When runs happen: the calendar the missions share. */
export interface RunSchedule {
  /** Master seed of the portfolio. */
  readonly seed: number;
  /** YYYY-MM-DD (UTC): day 0 of the portfolio. */
  readonly start: string;
  /** Whole days between consecutive runs of a mission. */
  readonly cadenceDays: IntRange;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Runs start between 08:00 and 16:00 UTC. */
const FIRST_START_MINUTE = 8 * 60;
const LAST_START_MINUTE = 16 * 60;
/** A run never starts sooner than this after the previous one ended. */
const MIN_GAP_MS = 30 * MINUTE_MS;

/**
 * The runs of one mission in chronological order, generated on demand. Depends only on the plan,
 * the schedule and the seed (not on other missions), so any mission can be regenerated alone.
 *
 * @param plan the mission's plan (not modified)
 * @param schedule seed, start date and cadence
 * @example [...missionRuns(plan, { seed: 1, start: "2026-01-05", cadenceDays: { min: 1, max: 2 } })].length
 *   // → plan.runCount
 */
export function* missionRuns(
  plan: MissionPlan,
  schedule: RunSchedule,
): Generator<RunRecord, void, undefined> {
  const rng = createRng(schedule.seed).derive(`runs ${plan.mission.missionId}`);
  let dayMs = Date.parse(`${schedule.start}T00:00:00Z`) + plan.startOffsetDays * DAY_MS;
  let previousEndMs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < plan.runCount; i++) {
    if (i > 0) dayMs += rng.int(schedule.cadenceDays.min, schedule.cadenceDays.max) * DAY_MS;
    const planned = dayMs + rng.int(FIRST_START_MINUTE, LAST_START_MINUTE) * MINUTE_MS;
    const earliest = Math.ceil((previousEndMs + MIN_GAP_MS) / MINUTE_MS) * MINUTE_MS;
    const startMs = Math.max(planned, earliest);
    const record = simulateRun(plan, i, startMs, rng);
    previousEndMs = record.run.endMs;
    yield record;
  }
}
