/**
 * Backtest: replay the evaluator over a dataset and score it against analyst labels — confusion
 * matrix, precision and recall per status, Cohen's kappa, the "WATCH or worse" alert, detection
 * delay, flapping — listing every disagreement with the evidence behind the evaluator's status.
 */
import type { MissionAssessment } from "../evaluate/types";
import type { Dataset } from "../model/dataset";
import type { Band, Ruleset, TriggerId } from "../rules/schema";
import {
  accuracy,
  alertScores,
  cohensKappa,
  confusionMatrix,
  statusScores,
  type AlertScore,
  type ConfusionMatrix,
  type StatusScore,
} from "./agreement";
import { detectionDelays, type DetectionSummary } from "./detection";
import { flapping, type FlappingSummary } from "./flapping";
import { replay, type MissionTimeline, type ReplayResult } from "./replay";
import { replayParallel, type ParallelReplayOptions } from "./replay-parallel";
import type { ResolvedLabel } from "./resolve-labels";
import { statusEvidence, type StatusEvidence } from "./status-evidence";

/** One label and the evaluator's status at its as-of point. */
export interface LabelCase {
  readonly missionId: string;
  readonly file: string;
  readonly line: number;
  readonly asOf: string;
  /** The label's run (the last one started at or before the as-of point). */
  readonly runId: string;
  readonly runIndex: number;
  readonly expectedStatus: Band;
  readonly predicted: Band;
  readonly agree: boolean;
  readonly expectedTrigger?: TriggerId;
  /** Whether the expected trigger fired (only with an expected trigger). */
  readonly triggerFired?: boolean;
  readonly note?: string;
  readonly labeler?: string;
}

/** A case where the evaluator and the label disagree, with the evaluator's evidence. */
export interface Disagreement extends LabelCase {
  readonly reason: "status" | "trigger" | "status and trigger";
  readonly evidence: StatusEvidence;
}

/** Every backtest figure. */
export interface BacktestMetrics {
  readonly labels: number;
  readonly confusion: ConfusionMatrix;
  readonly perStatus: readonly StatusScore[];
  readonly accuracy: number | null;
  readonly kappa: number | null;
  /** The alert "WATCH or worse". */
  readonly alert: AlertScore;
  /** Labels naming an expected trigger, and how many of those triggers fired. */
  readonly triggers: { readonly labeled: number; readonly fired: number; readonly rate: number | null };
  readonly detection: DetectionSummary;
  readonly flapping: FlappingSummary;
}

/** A backtest's full result. */
export interface BacktestReport {
  readonly ruleset: { readonly id: string; readonly version: string };
  readonly dataset: {
    readonly folder: string;
    readonly fingerprint: string;
    readonly missions: number;
    readonly runs: number;
  };
  readonly metrics: BacktestMetrics;
  readonly cases: readonly LabelCase[];
  readonly disagreements: readonly Disagreement[];
  /** Per mission: status as of every run (with the assessments at label points). */
  readonly timelines: readonly MissionTimeline[];
}

/**
 * The label instants per mission, for `snapshotsAt` of a replay.
 *
 * @example labelInstants(labels).get("M1") // → [Date.parse("2026-01-09T23:59:59.999Z"), …]
 */
export function labelInstants(labels: readonly ResolvedLabel[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const l of labels) {
    const list = out.get(l.missionId);
    if (list) list.push(l.asOfMs);
    else out.set(l.missionId, [l.asOfMs]);
  }
  return out;
}

/**
 * Scores replayed timelines (with snapshots at the label instants) against labels.
 *
 * @throws Error when a timeline lacks the snapshot of a label (replay without `snapshotsAt`).
 * @example scoreTimelines(labels, replay(ds, rules, { snapshotsAt: labelInstants(labels) }).timelines).metrics.kappa // → 0.71
 */
export function scoreTimelines(
  labels: readonly ResolvedLabel[],
  timelines: readonly MissionTimeline[],
): { metrics: BacktestMetrics; cases: LabelCase[]; assessments: MissionAssessment[] } {
  const byMission = new Map(timelines.map((t) => [t.missionId, t]));
  const cases: LabelCase[] = [];
  const assessments: MissionAssessment[] = [];
  const predicted = new Map<ResolvedLabel, Band>();
  for (const l of labels) {
    const a = byMission.get(l.missionId)?.snapshots.get(l.asOfMs);
    if (!a) throw new Error(`no replay snapshot for ${l.missionId} at ${l.asOf} (${l.file}:${l.line})`);
    predicted.set(l, a.health);
    const fired =
      l.expectedTrigger === undefined ? undefined : a.triggers.some((t) => t.id === l.expectedTrigger);
    cases.push({
      missionId: l.missionId,
      file: l.file,
      line: l.line,
      asOf: l.asOf,
      runId: l.runId,
      runIndex: l.runIndex,
      expectedStatus: l.expectedStatus,
      predicted: a.health,
      agree: a.health === l.expectedStatus,
      ...(l.expectedTrigger !== undefined ? { expectedTrigger: l.expectedTrigger, triggerFired: fired } : {}),
      ...(l.note !== undefined ? { note: l.note } : {}),
      ...(l.labeler !== undefined ? { labeler: l.labeler } : {}),
    });
    assessments.push(a);
  }
  const confusion = confusionMatrix(
    cases.map((c) => ({ expected: c.expectedStatus, predicted: c.predicted })),
  );
  const withTrigger = cases.filter((c) => c.expectedTrigger !== undefined);
  const firedCount = withTrigger.filter((c) => c.triggerFired).length;
  const metrics: BacktestMetrics = {
    labels: cases.length,
    confusion,
    perStatus: statusScores(confusion),
    accuracy: accuracy(confusion),
    kappa: cohensKappa(confusion),
    alert: alertScores(confusion),
    triggers: {
      labeled: withTrigger.length,
      fired: firedCount,
      rate: withTrigger.length === 0 ? null : firedCount / withTrigger.length,
    },
    detection: detectionDelays(labels, timelines, (l) => predicted.get(l) as Band),
    flapping: flapping(timelines),
  };
  return { metrics, cases, assessments };
}

/**
 * Replays `dataset` under `rules` (as of every run of every mission, incrementally) and scores
 * it against `labels` (from {@link readLabels}). Every disagreement — a different status, or an
 * expected trigger that did not fire — comes with the evidence behind the evaluator's status.
 *
 * @example backtest(dataset, labels, builtinRuleset("default")).metrics.confusion.total // → labels.length
 */
export function backtest(dataset: Dataset, labels: readonly ResolvedLabel[], rules: Ruleset): BacktestReport {
  return backtestReport(
    dataset,
    labels,
    replay(dataset, rules, { snapshotsAt: labelInstants(labels), detail: false }),
  );
}

/**
 * {@link backtest} with the replay shared out among worker threads (see `replayParallel`); the
 * same report.
 *
 * @example (await backtestParallel(dataset, labels, rules, { workers: 2 })).metrics.kappa // → as backtest()
 */
export async function backtestParallel(
  dataset: Dataset,
  labels: readonly ResolvedLabel[],
  rules: Ruleset,
  options: Pick<ParallelReplayOptions, "workers" | "onMission"> = {},
): Promise<BacktestReport> {
  const [result] = await replayParallel(dataset, [rules], {
    ...options,
    snapshotsAt: labelInstants(labels),
    detail: false,
  });
  return backtestReport(dataset, labels, result as ReplayResult);
}

/**
 * Scores a replay (made with snapshots at the label instants) into a backtest report.
 *
 * @example backtestReport(ds, labels, replay(ds, rules, { snapshotsAt: labelInstants(labels) })).cases.length // → labels.length
 */
export function backtestReport(
  dataset: Dataset,
  labels: readonly ResolvedLabel[],
  result: ReplayResult,
): BacktestReport {
  const { metrics, cases, assessments } = scoreTimelines(labels, result.timelines);
  const disagreements: Disagreement[] = [];
  cases.forEach((c, i) => {
    const statusOff = !c.agree;
    const triggerOff = c.triggerFired === false;
    if (!statusOff && !triggerOff) return;
    disagreements.push({
      ...c,
      reason: statusOff && triggerOff ? "status and trigger" : statusOff ? "status" : "trigger",
      evidence: statusEvidence(assessments[i] as MissionAssessment),
    });
  });
  return {
    ruleset: result.ruleset,
    dataset: {
      folder: dataset.source.folder,
      fingerprint: dataset.source.fingerprint,
      missions: result.timelines.length,
      runs: result.timelines.reduce((s, t) => s + t.statuses.length, 0),
    },
    metrics,
    cases,
    disagreements,
    timelines: result.timelines,
  };
}

/**
 * The report as plain JSON data: timelines become run ids and statuses (no assessments).
 *
 * @example JSON.stringify(backtestToJson(report)).length > 0 // → true
 */
export function backtestToJson(report: BacktestReport): object {
  return {
    ...report,
    timelines: report.timelines.map((t) => ({
      missionId: t.missionId,
      missionName: t.missionName,
      runIds: t.runIds,
      statuses: t.statuses,
    })),
  };
}
