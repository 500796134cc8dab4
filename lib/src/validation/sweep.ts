/**
 * Threshold sweeps: backtest a grid of rulesets in one replay pass (settings that only change
 * trigger thresholds, bands, gates or confidence share each step's metrics), and tabulate the
 * metrics per setting for CSV, JSON and a precision/recall chart.
 */
import { stringify } from "csv-stringify/sync";
import { thresholdSweepChartSpec } from "../brief/charts/threshold-sweep";
import type { ChartSpec } from "../brief/charts/theme";
import type { Dataset } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import { STATUS_ORDER } from "./agreement";
import { labelInstants, scoreTimelines, type BacktestMetrics } from "./backtest";
import { missionHistories } from "./mission-history";
import { replayMission, type MissionTimeline, type ReplayResult } from "./replay";
import { replayParallel, type ParallelReplayOptions } from "./replay-parallel";
import type { ResolvedLabel } from "./resolve-labels";
import { sweepGrid, sweepRulesets, type SweepParam } from "./sweep-grid";

/** One setting of the grid and its backtest metrics. */
export interface SweepPoint {
  /** Swept path → value. */
  readonly setting: Readonly<Record<string, number>>;
  readonly metrics: BacktestMetrics;
}

/** A sweep's result. */
export interface SweepResult {
  readonly base: { readonly id: string; readonly version: string };
  readonly params: readonly SweepParam[];
  readonly points: readonly SweepPoint[];
}

/** Progress of a sweep: missions replayed so far (each under every setting). */
export interface SweepProgress {
  readonly missionsDone: number;
  readonly missions: number;
  readonly settings: number;
}

/**
 * The sweep as a generator: yields after each mission replayed (under every setting), returns the
 * result — so a caller can report progress or yield to the event loop between missions.
 *
 * @throws SweepParamError or RulesetError for a bad grid (before the first yield).
 * @example const it = sweepSteps(ds, labels, rules, params); for (let s = it.next(); !s.done; s = it.next()) {}
 */
export function* sweepSteps(
  dataset: Dataset,
  labels: readonly ResolvedLabel[],
  base: Ruleset,
  params: readonly SweepParam[],
): Generator<SweepProgress, SweepResult> {
  const grid = sweepGrid(params);
  const rulesets = sweepRulesets(base, grid);
  const histories = missionHistories(dataset);
  const snapshotsAt = labelInstants(labels);
  const timelines: MissionTimeline[][] = rulesets.map(() => []);
  let done = 0;
  for (const h of histories) {
    const perRuleset = replayMission(h, rulesets, { detail: false, snapshotsAt });
    perRuleset.forEach((t, i) => (timelines[i] as MissionTimeline[]).push(t));
    done++;
    yield { missionsDone: done, missions: histories.length, settings: rulesets.length };
  }
  return {
    base: { id: base.id, version: base.version },
    params,
    points: grid.map((setting, i) => ({
      setting,
      metrics: scoreTimelines(labels, timelines[i] as MissionTimeline[]).metrics,
    })),
  };
}

/**
 * The sweep with the replay shared out among worker threads (see `replayParallel`): the same
 * result as {@link sweep}; `onMission` reports progress.
 *
 * @throws SweepParamError or RulesetError for a bad grid.
 * @example (await sweepParallel(ds, labels, rules, params, { workers: 2 })).points.length // → grid size
 */
export async function sweepParallel(
  dataset: Dataset,
  labels: readonly ResolvedLabel[],
  base: Ruleset,
  params: readonly SweepParam[],
  options: Pick<ParallelReplayOptions, "workers" | "onMission"> = {},
): Promise<SweepResult> {
  const grid = sweepGrid(params);
  const rulesets = sweepRulesets(base, grid);
  const results = await replayParallel(dataset, rulesets, {
    ...options,
    detail: false,
    snapshotsAt: labelInstants(labels),
  });
  return {
    base: { id: base.id, version: base.version },
    params,
    points: grid.map((setting, i) => ({
      setting,
      metrics: scoreTimelines(labels, (results[i] as ReplayResult).timelines).metrics,
    })),
  };
}

/**
 * Runs a whole sweep synchronously.
 *
 * @example sweep(ds, labels, rules, [parseSweepParam("health.bands.watch=55:75:5")]).points.length // → 5
 */
export function sweep(
  dataset: Dataset,
  labels: readonly ResolvedLabel[],
  base: Ruleset,
  params: readonly SweepParam[],
): SweepResult {
  const it = sweepSteps(dataset, labels, base, params);
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
  }
}

/** A flat row of the sweep table. */
export type SweepRow = Readonly<Record<string, number | null>>;

/**
 * One flat row per setting: the swept values, then accuracy, kappa, the alert's precision, recall
 * and F1, precision and recall per status, expected-trigger rate, detection (caught, missed,
 * median and mean delay in runs) and flapping per 100 runs.
 *
 * @example sweepRows(result)[0]["kappa"] // → 0.64
 */
export function sweepRows(result: SweepResult): SweepRow[] {
  return result.points.map(({ setting, metrics: m }) => {
    const row: Record<string, number | null> = { ...setting };
    row.labels = m.labels;
    row.accuracy = m.accuracy;
    row.kappa = m.kappa;
    row.alert_precision = m.alert.precision;
    row.alert_recall = m.alert.recall;
    row.alert_f1 = m.alert.f1;
    for (const s of m.perStatus) {
      row[`precision_${s.status}`] = s.precision;
      row[`recall_${s.status}`] = s.recall;
    }
    row.trigger_rate = m.triggers.rate;
    row.deteriorations_caught = m.detection.detected;
    row.deteriorations_missed = m.detection.missed;
    row.median_delay_runs = m.detection.medianDelayRuns;
    row.mean_delay_runs = m.detection.meanDelayRuns;
    row.flapping_per_100_runs = m.flapping.per100Runs;
    return row;
  });
}

/**
 * The sweep table as CSV (header row; empty cell for an undefined figure).
 *
 * @example sweepCsv(sweepRows(result)).split("\n")[0] // → "trend.alpha,labels,accuracy,kappa,…"
 */
export function sweepCsv(rows: readonly SweepRow[]): string {
  const first = rows[0];
  if (!first) return "";
  const columns = Object.keys(first);
  return stringify(
    rows.map((r) => columns.map((c) => r[c] ?? "")),
    { header: true, columns },
  );
}

/**
 * Precision and recall of the alert "WATCH or worse" against the first swept parameter: one chart
 * per combination of the other parameters' values (at most `max`).
 *
 * @example sweepChartSpecs(result).length // → 1 for a one-parameter sweep
 */
export function sweepChartSpecs(result: SweepResult, max = 12): { title: string; spec: ChartSpec }[] {
  const [first, ...others] = result.params;
  if (!first) return [];
  const groups = new Map<
    string,
    { title: string; points: { threshold: number; precision: number | null; recall: number | null }[] }
  >();
  for (const p of result.points) {
    const fixedPart = others.map((o) => `${o.path} = ${p.setting[o.path]}`).join(", ");
    const g = groups.get(fixedPart) ?? { title: fixedPart, points: [] };
    g.points.push({
      threshold: p.setting[first.path] as number,
      precision: p.metrics.alert.precision,
      recall: p.metrics.alert.recall,
    });
    groups.set(fixedPart, g);
  }
  return [...groups.values()].slice(0, max).map((g) => ({
    title: g.title,
    spec: thresholdSweepChartSpec(
      { points: g.points, thresholdLabel: first.path },
      { title: `Alert precision and recall by ${first.path}${g.title ? ` (${g.title})` : ""}` },
    ),
  }));
}

/**
 * Column names of the per-status figures, for documentation.
 *
 * @example SWEEP_STATUS_COLUMNS[0] // → "precision_ON_TRACK"
 */
export const SWEEP_STATUS_COLUMNS: readonly string[] = STATUS_ORDER.flatMap((s) => [
  `precision_${s}`,
  `recall_${s}`,
]);
