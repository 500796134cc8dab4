/**
 * Trajectory sufficiency: is the pace fast enough to reach the target (by its date, when there is
 * one)? Estimates the runs and days to target from Sen's slope and a band from its interval.
 */
import type { KpiSpec } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import { median } from "../stats/quantile";
import { meetsTarget } from "./kpi-compare";
import type { CalendarPace, KpiLevel } from "./kpi-level";
import { round } from "./kpi-compare";
import type { TrajectoryAssessment, TrendAssessment } from "./types";

const DAY_MS = 86_400_000;

/** Inputs of {@link assessTrajectory}. */
export interface TrajectoryInput {
  readonly spec: KpiSpec;
  /** Primary KPI values, oldest first. */
  readonly values: readonly number[];
  /** Start instants of the same runs (epoch ms). */
  readonly startMs: readonly number[];
  readonly trend: TrendAssessment;
  /**
   * Median days between consecutive runs, when the caller tracks it (a mission series does);
   * otherwise computed from `startMs`.
   */
  readonly daysPerRun?: number;
  /** The current level (the `fitted` level rule) and the target judged on it. */
  readonly level?: KpiLevel;
  readonly targetMet?: boolean | null;
  /** The pace against elapsed days (`timeBasis: calendar`). */
  readonly pace?: CalendarPace;
}

/** Latest date reported; later estimates (a near-zero slope) are capped here instead of throwing. */
const LATEST_DATE_MS = Date.parse("9999-12-31T00:00:00Z");

function isoDate(ms: number): string {
  return new Date(Number.isFinite(ms) ? Math.min(ms, LATEST_DATE_MS) : LATEST_DATE_MS)
    .toISOString()
    .slice(0, 10);
}

/** Runs needed to cover `gap` at `slope` per run; null when the slope does not move toward it. */
function runsToCover(gap: number, slope: number): number | null {
  if (slope === 0 || Math.sign(slope) !== Math.sign(gap)) return null;
  return gap / slope;
}

function medianInterval(startMs: readonly number[]): number {
  const intervals: number[] = [];
  for (let i = 1; i < startMs.length; i++)
    intervals.push(((startMs[i] as number) - (startMs[i - 1] as number)) / DAY_MS);
  return intervals.length > 0 ? median(intervals) : 0;
}

/**
 * Assesses whether the KPI reaches its target in time.
 *
 * - `met`: the latest value (and the fitted current level, when there is one) meets the target;
 * - `on_track`: improving and, with a target date, the estimated date is on or before it;
 * - `at_risk`: moving toward the target but either not significantly, or only the optimistic end
 *   of the band reaches the target date;
 * - `off_track`: flat, worsening, moving away, beyond the horizon, or even the optimistic
 *   estimate misses the target date;
 * - `unknown`: no target, too few runs, or the ruleset has no trajectory rule.
 *
 * @example assessTrajectory({ spec, values, startMs, trend }, defaultRules.trajectory).status // → "on_track"
 */
export function assessTrajectory(input: TrajectoryInput, rules: Ruleset["trajectory"]): TrajectoryAssessment {
  const { spec, values, startMs, trend } = input;
  if (rules.method === "none")
    return { status: "unknown", description: "The ruleset assesses no trajectory." };
  const targetDate = spec.targetDate;
  const withDate = targetDate !== undefined ? { targetDate } : {};
  if (spec.target === undefined) return { status: "unknown", ...withDate, description: "No target is set." };
  const latest = values[values.length - 1];
  if (latest === undefined) return { status: "unknown", ...withDate, description: "No KPI value." };
  if (rules.timeBasis === "calendar" && input.level) return calendarTrajectory(input, rules, input.level);
  const target = spec.target;
  const n = trend.n;
  const fitted =
    trend.slopePerRun !== undefined && trend.intercept !== undefined
      ? trend.intercept + trend.slopePerRun * (n - 1)
      : undefined;
  if (
    meetsTarget(latest, target, spec.direction) &&
    (fitted === undefined || meetsTarget(fitted, target, spec.direction))
  ) {
    return {
      status: "met",
      ...withDate,
      description: `The target ${target} is met (latest ${round(latest, 2)}).`,
    };
  }
  if (
    values.length < rules.minRuns ||
    trend.slopePerRun === undefined ||
    trend.slopeCi === undefined ||
    fitted === undefined
  ) {
    return {
      status: "unknown",
      ...withDate,
      description: `Too few runs to project the trajectory (${values.length}; at least ${rules.minRuns} needed).`,
    };
  }
  const level = fitted;
  const gap = target - level;
  const slope = trend.slopePerRun;
  const eta = runsToCover(gap, slope);
  const movingToward = eta !== null;
  if (!movingToward || trend.label === "worsening" || trend.label === "flat") {
    return {
      status: "off_track",
      ...withDate,
      description: `At the current pace (${round(slope, 3)} per run) the KPI does not move toward the target ${target}.`,
    };
  }
  const [lo, hi] = trend.slopeCi;
  const candidates = [runsToCover(gap, lo), runsToCover(gap, hi)];
  const fastest = Math.min(...candidates.map((c) => (c === null ? Infinity : c)));
  const slowestFinite = candidates.every((c) => c !== null);
  const slowest = slowestFinite ? Math.max(...(candidates as number[])) : null;
  const daysPerRun = input.daysPerRun ?? medianInterval(startMs);
  const lastMs = startMs[startMs.length - 1] as number;
  const etaRuns = Math.ceil(eta);
  const etaDays = Math.ceil(eta * daysPerRun);
  const etaDate = isoDate(lastMs + eta * daysPerRun * DAY_MS);
  const band: [number, number | null] = [Math.ceil(fastest), slowest === null ? null : Math.ceil(slowest)];
  const daysBand: [number, number | null] = [
    Math.ceil(fastest * daysPerRun),
    slowest === null ? null : Math.ceil(slowest * daysPerRun),
  ];
  const base = {
    etaRuns,
    etaRunsBand: band,
    etaDays,
    etaDaysBand: daysBand,
    etaDate,
    ...withDate,
  };
  const bandText = `band ${band[0]}–${band[1] === null ? "unbounded" : band[1]} runs`;
  const pace = `At the current pace (${round(slope, 3)} per run, about one run every ${round(daysPerRun, 1)} days) the target ${target} is reached in about ${etaRuns} runs (${etaDays} days, by ${etaDate}; ${bandText})`;
  if (eta > rules.horizonRuns) {
    return {
      status: "off_track",
      ...base,
      description: `${pace}, beyond the ${rules.horizonRuns}-run horizon.`,
    };
  }
  const fastestDate = Number.isFinite(fastest) ? isoDate(lastMs + fastest * daysPerRun * DAY_MS) : undefined;
  if (targetDate !== undefined)
    return {
      ...base,
      ...againstTargetDate(pace, etaDate, fastestDate, targetDate, trend.label === "improving"),
    };
  const status = trend.label === "improving" ? "on_track" : "at_risk";
  return {
    status,
    ...base,
    description: `${pace}${status === "at_risk" ? "; the trend is not yet significant" : ""}.`,
  };
}

/**
 * The status against a target date: on track when the estimate is on or before it (at risk when
 * the trend is not yet significant), at risk when only the optimistic end of the band meets it,
 * off track when even that misses it. `pace` opens the description.
 */
function againstTargetDate(
  pace: string,
  etaDate: string,
  fastestDate: string | undefined,
  targetDate: string,
  significant: boolean,
): Pick<TrajectoryAssessment, "status" | "description"> {
  if (etaDate <= targetDate) {
    return significant
      ? { status: "on_track", description: `${pace}: before the target date ${targetDate}.` }
      : {
          status: "at_risk",
          description: `${pace}: before, but the trend is not yet significant, by the target date ${targetDate}.`,
        };
  }
  if (fastestDate !== undefined && fastestDate <= targetDate) {
    return {
      status: "at_risk",
      description: `${pace}: after the target date ${targetDate}, which only the optimistic end of the band meets.`,
    };
  }
  return {
    status: "off_track",
    description: `${pace}: even the optimistic estimate misses the target date ${targetDate}.`,
  };
}

/** An assessment with `status` first and `description` last, as every other branch builds it. */
function withStatusFirst(
  base: Omit<TrajectoryAssessment, "status" | "description">,
  v: Pick<TrajectoryAssessment, "status" | "description">,
): TrajectoryAssessment {
  return { status: v.status, ...base, description: v.description };
}

/**
 * The calendar-time trajectory: the target judged on the current level; a time to target only
 * for a significant improving trend, from its pace per day; the band from the pace's interval and
 * the level's interval together (fastest: the nearer end of the level at the faster pace).
 */
function calendarTrajectory(
  input: TrajectoryInput,
  rules: Extract<Ruleset["trajectory"], { method: "sen_eta" }>,
  level: KpiLevel,
): TrajectoryAssessment {
  const { spec, values, startMs, trend } = input;
  const target = spec.target as number;
  const withDate = spec.targetDate !== undefined ? { targetDate: spec.targetDate } : {};
  const u = spec.unit ? ` ${spec.unit}` : "";
  const levelText = `current level ${round(level.value, 2)}${u}${level.method === "latest" ? "" : ` (${Math.round(level.ciLevel * 100)} % interval ${round(level.lower, 2)} to ${round(level.upper, 2)})`}`;
  if (input.targetMet) {
    return {
      status: "met",
      ...withDate,
      description: `The target ${target}${u} is met: ${levelText}.`,
    };
  }
  if (values.length < rules.minRuns || trend.slopePerRun === undefined) {
    return {
      status: "unknown",
      ...withDate,
      description: `Too few runs to project the trajectory (${values.length}; at least ${rules.minRuns} needed).`,
    };
  }
  const since = trend.levelShift?.date ? ` since the level shift on ${trend.levelShift.date}` : "";
  const toward = Math.sign(target - level.value);
  if (trend.label === "worsening" || trend.label === "flat") {
    return {
      status: "off_track",
      ...withDate,
      description: `The KPI is ${trend.label === "flat" ? "flat" : "worsening"}${since} (${levelText}): it does not move toward the target ${target}${u}, so there is no time to target.`,
    };
  }
  const pace = input.pace;
  const slope = pace ? pace.slopePerDay : trend.slopePerRun / Math.max(input.daysPerRun ?? 1, 1e-9);
  if (trend.label !== "improving") {
    const moving = Math.sign(slope) === toward && slope !== 0;
    return {
      status: moving ? "at_risk" : "off_track",
      ...withDate,
      description: moving
        ? `The KPI drifts toward the target ${target}${u}${since}, but the trend is not yet significant (${levelText}): no time to target is projected.`
        : `The KPI does not move toward the target ${target}${u}${since} (${levelText}).`,
    };
  }
  const distance = (v: number) => Math.max(0, toward * (target - v));
  const near = Math.min(distance(level.lower), distance(level.upper));
  const far = Math.max(distance(level.lower), distance(level.upper));
  const speed = (s: number) => Math.max(0, toward * s);
  const v = speed(slope);
  if (v === 0) {
    return {
      status: "off_track",
      ...withDate,
      description: `At the current pace the KPI does not move toward the target ${target}${u}.`,
    };
  }
  const lo = pace ? pace.lower : (trend.slopeCi?.[0] ?? slope);
  const hi = pace ? pace.upper : (trend.slopeCi?.[1] ?? slope);
  const fast = Math.max(speed(lo), speed(hi), v);
  const slow = Math.min(speed(lo), speed(hi));
  const etaDays = distance(level.value) / v;
  const fastestDays = near / fast;
  const slowestDays = slow > 0 ? far / slow : null;
  const daysPerRun = input.daysPerRun ?? medianInterval(startMs);
  const etaRuns = daysPerRun > 0 ? Math.ceil(etaDays / daysPerRun) : Math.ceil(etaDays);
  const lastMs = startMs[startMs.length - 1] as number;
  const etaDate = isoDate(lastMs + etaDays * DAY_MS);
  const daysBand: [number, number | null] = [
    Math.floor(fastestDays),
    slowestDays === null ? null : Math.ceil(slowestDays),
  ];
  const runsBand: [number, number | null] = [
    daysPerRun > 0 ? Math.floor(fastestDays / daysPerRun) : daysBand[0],
    slowestDays === null ? null : daysPerRun > 0 ? Math.ceil(slowestDays / daysPerRun) : daysBand[1],
  ];
  const base = {
    etaRuns,
    etaRunsBand: runsBand,
    etaDays: Math.ceil(etaDays),
    etaDaysBand: daysBand,
    etaDate,
    ...withDate,
  };
  const perWeek = round(slope * 7, 3);
  const bandText = `band ${daysBand[0]}–${daysBand[1] === null ? "unbounded" : daysBand[1]} days`;
  const pace_ = `At the current pace (${perWeek}${u} per week${since}; ${levelText}) the target ${target}${u} is reached in about ${Math.ceil(etaDays)} days, by ${etaDate} (${bandText})`;
  if (etaRuns > rules.horizonRuns) {
    return {
      status: "off_track",
      ...base,
      description: `${pace_}, beyond the ${rules.horizonRuns}-run horizon.`,
    };
  }
  const targetDate = spec.targetDate;
  if (targetDate !== undefined) {
    const fastestDate = isoDate(lastMs + fastestDays * DAY_MS);
    return withStatusFirst(base, againstTargetDate(pace_, etaDate, fastestDate, targetDate, true));
  }
  return { status: "on_track", ...base, description: `${pace_}.` };
}
