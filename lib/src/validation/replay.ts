/**
 * Replaying the evaluator through time: each mission's status as of the start of every one of its
 * runs (a status timeline), plus full assessments at requested instants (label points). The
 * replay is incremental — runs and risk events enter a mission series as time passes — so its cost
 * grows linearly with the runs instead of re-evaluating every prefix. Several rulesets replay in
 * one pass, sharing each step's stage results between rulesets whose stage settings agree (a sweep
 * of a trigger threshold computes the metrics once per step; a sweep of `trend.alpha` only the
 * trend's classification and what depends on it).
 */
import { assessMission, missionBand } from "../evaluate/assess-mission";
import { seriesKey } from "../evaluate/stage-memo";
import { missionTriggers } from "../evaluate/triggers";
import type { ConfidenceLevel, MissionAssessment } from "../evaluate/types";
import type { Dataset } from "../model/dataset";
import type { Band, Ruleset, TriggerId } from "../rules/schema";
import { missionHistories, type MissionHistory } from "./mission-history";
import { ReplayState } from "./replay-state";

/** The evaluator's verdict on a mission as of one run's start. */
export interface TimelinePoint {
  readonly runId: string;
  /** 1-based position of the run among the mission's runs, in start order. */
  readonly runIndex: number;
  readonly startTime: string;
  readonly status: Band;
  readonly healthScore: number;
  /** Triggers that fired, in rule order. */
  readonly triggers: readonly TriggerId[];
  readonly primaryDriver: TriggerId | null;
  readonly confidence: ConfidenceLevel;
}

/** One mission's status timeline under one ruleset. */
export interface MissionTimeline {
  readonly missionId: string;
  readonly missionName: string;
  /** The mission's runs in start order. */
  readonly runIds: readonly string[];
  /** Their start instants, epoch ms. */
  readonly startMs: readonly number[];
  /** Status as of each run's start (same order). */
  readonly statuses: readonly Band[];
  /** Per-run detail (when `detail` is on). */
  readonly points?: readonly TimelinePoint[];
  /** Full assessments at the requested instants (epoch ms). */
  readonly snapshots: ReadonlyMap<number, MissionAssessment>;
}

/** Timelines of every replayed mission under one ruleset. */
export interface ReplayResult {
  readonly ruleset: { readonly id: string; readonly version: string };
  readonly timelines: readonly MissionTimeline[];
}

/** Options of {@link replay} and {@link replayMany}. */
export interface ReplayOptions {
  /** Instants (epoch ms) per mission id at which to keep the full assessment. */
  readonly snapshotsAt?: ReadonlyMap<string, readonly number[]>;
  /** Keep per-run points with triggers, driver and confidence (default true). */
  readonly detail?: boolean;
  /** Only these missions (default: all). */
  readonly missions?: readonly string[];
}

interface Collector {
  readonly rules: Ruleset;
  readonly statuses: Band[];
  readonly points: TimelinePoint[] | undefined;
  readonly snapshots: Map<number, MissionAssessment>;
}

/**
 * Replays one mission under several rulesets: returns one timeline per ruleset, in order.
 *
 * @example replayMission(missionHistories(ds)[0], [rules])[0].statuses.length // → runs of the mission
 */
export function replayMission(
  history: MissionHistory,
  rulesets: readonly Ruleset[],
  options: Omit<ReplayOptions, "missions"> = {},
): MissionTimeline[] {
  const detail = options.detail ?? true;
  const wanted = new Set(options.snapshotsAt?.get(history.mission.missionId) ?? []);
  const collectors: Collector[] = rulesets.map((rules) => ({
    rules,
    statuses: [],
    points: detail ? [] : undefined,
    snapshots: new Map(),
  }));
  // Rulesets that shape the series alike share it, and share each step's stage results.
  const groups = new Map<string, Collector[]>();
  for (const c of collectors) {
    const key = seriesKey(c.rules);
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const runs = history.runs;
  const instants = [...new Set([...runs.map((r) => r.startMs), ...wanted])].sort((a, b) => a - b);
  for (const group of groups.values()) {
    const state = new ReplayState(history, (group[0] as Collector).rules);
    let next = 0; // next run to record
    for (const t of instants) {
      state.advanceTo(t);
      const memo = group.length > 1 ? new Map<string, unknown>() : undefined;
      for (const c of group) {
        const metrics = state.metrics(c.rules, memo);
        const triggers = missionTriggers(metrics, c.rules);
        const full = c.points !== undefined || wanted.has(t);
        // Only the band is needed between label points of a compact replay.
        const a = full ? assessMission(history.mission, metrics, triggers, c.rules) : undefined;
        const health = a ? a.health : missionBand(metrics, triggers, c.rules).band;
        if (a && wanted.has(t)) c.snapshots.set(t, a);
        for (let i = next; i < state.runsTotal; i++) {
          c.statuses.push(health);
          if (c.points && a) {
            const run = runs[i] as (typeof runs)[number];
            c.points.push({
              runId: run.runId,
              runIndex: i + 1,
              startTime: run.startTime,
              status: a.health,
              healthScore: a.metrics.healthScore,
              triggers: a.triggers.map((x) => x.id),
              primaryDriver: a.primaryDriver?.trigger ?? null,
              confidence: a.confidence.level,
            });
          }
        }
      }
      next = state.runsTotal;
    }
  }
  return collectors.map((c) => ({
    missionId: history.mission.missionId,
    missionName: history.mission.name,
    runIds: runs.map((r) => r.runId),
    startMs: runs.map((r) => r.startMs),
    statuses: c.statuses,
    ...(c.points ? { points: c.points } : {}),
    snapshots: c.snapshots,
  }));
}

/**
 * Replays a dataset under several rulesets in one pass (one result per ruleset, in order).
 *
 * @example replayMany(ds, [rules, withRulesetValue(rules, "health.bands.watch", 60)]).length // → 2
 */
export function replayMany(
  dataset: Dataset,
  rulesets: readonly Ruleset[],
  options: ReplayOptions = {},
): ReplayResult[] {
  const only = options.missions ? new Set(options.missions) : undefined;
  const histories = missionHistories(dataset).filter((h) => !only || only.has(h.mission.missionId));
  const perMission = histories.map((h) => replayMission(h, rulesets, options));
  return rulesets.map((rules, i) => ({
    ruleset: { id: rules.id, version: rules.version },
    timelines: perMission.map((timelines) => timelines[i] as MissionTimeline),
  }));
}

/**
 * Replays a dataset under one ruleset: every mission's status as of the start of each of its runs,
 * equal to `evaluate(dataset, rules, { asOf: that run's start })` for that mission, in time linear
 * in the number of runs.
 *
 * @example replay(ds, rules).timelines[0].statuses.at(-1) // → evaluate(ds, rules)'s band for that mission
 */
export function replay(dataset: Dataset, rules: Ruleset, options: ReplayOptions = {}): ReplayResult {
  return replayMany(dataset, [rules], options)[0] as ReplayResult;
}
