/**
 * Detection delay: after a labelled deterioration, how many runs pass before the evaluator raises
 * WATCH or ATTENTION_REQUIRED.
 *
 * A labelled deterioration (onset) is a label whose expected status is WATCH or
 * ATTENTION_REQUIRED and whose previous label for the same mission (in time) is ON_TRACK. Its
 * delay is 0 when the evaluator already flags the mission at the label's as-of point; otherwise
 * the number of runs from the label's run to the first later run whose status (as of its start)
 * is WATCH or worse. The search stops before the run of the mission's next ON_TRACK label (the
 * analyst saw a recovery) or at the end of the history: not flagged by then = missed.
 */
import type { Band } from "../rules/schema";
import type { ResolvedLabel } from "./resolve-labels";

/** One labelled deterioration and when the evaluator caught it. */
export interface DetectionEvent {
  readonly missionId: string;
  /** The onset label: where it was read and its as-of point. */
  readonly file: string;
  readonly line: number;
  readonly asOf: string;
  readonly expectedStatus: Band;
  /** 0-based index and id of the label's run. */
  readonly onsetRunIndex: number;
  readonly onsetRunId: string;
  /** First run flagged (index, id), null when missed. */
  readonly detectedRunIndex: number | null;
  readonly detectedRunId: string | null;
  /** Runs from the onset to detection; null when missed. */
  readonly delayRuns: number | null;
}

/** Detection over all labelled deteriorations. */
export interface DetectionSummary {
  readonly events: readonly DetectionEvent[];
  readonly detected: number;
  readonly missed: number;
  /** Over detected events; null when none. */
  readonly meanDelayRuns: number | null;
  readonly medianDelayRuns: number | null;
  readonly maxDelayRuns: number | null;
}

/** What detection needs of a mission's replay. */
export interface DetectionTimeline {
  readonly missionId: string;
  readonly runIds: readonly string[];
  /** Status as of each run's start. */
  readonly statuses: readonly Band[];
}

function byTime(a: ResolvedLabel, b: ResolvedLabel): number {
  return a.asOfMs - b.asOfMs || a.line - b.line;
}

/**
 * Finds labelled deteriorations and the evaluator's delay on each. `predictedAt(label)` is the
 * evaluator's status at the label's exact as-of point.
 *
 * @example detectionDelays(labels, timelines, (l) => predicted.get(l)!).events[0].delayRuns // → 2
 */
export function detectionDelays(
  labels: readonly ResolvedLabel[],
  timelines: readonly DetectionTimeline[],
  predictedAt: (label: ResolvedLabel) => Band,
): DetectionSummary {
  const byMission = new Map<string, ResolvedLabel[]>();
  for (const l of labels) {
    const list = byMission.get(l.missionId);
    if (list) list.push(l);
    else byMission.set(l.missionId, [l]);
  }
  const timelineOf = new Map(timelines.map((t) => [t.missionId, t]));
  const events: DetectionEvent[] = [];
  for (const [missionId, list] of [...byMission].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const timeline = timelineOf.get(missionId);
    if (!timeline) continue;
    const sorted = [...list].sort(byTime);
    sorted.forEach((label, k) => {
      const previous = sorted[k - 1];
      if (label.expectedStatus === "ON_TRACK" || previous?.expectedStatus !== "ON_TRACK") return;
      const recovery = sorted.slice(k + 1).find((l) => l.expectedStatus === "ON_TRACK");
      const end = recovery ? recovery.runIndex : timeline.statuses.length;
      let detected: number | null = null;
      if (predictedAt(label) !== "ON_TRACK") detected = label.runIndex;
      else {
        for (let i = label.runIndex + 1; i < end; i++) {
          if (timeline.statuses[i] !== "ON_TRACK") {
            detected = i;
            break;
          }
        }
      }
      events.push({
        missionId,
        file: label.file,
        line: label.line,
        asOf: label.asOf,
        expectedStatus: label.expectedStatus,
        onsetRunIndex: label.runIndex,
        onsetRunId: label.runId,
        detectedRunIndex: detected,
        detectedRunId: detected === null ? null : (timeline.runIds[detected] ?? null),
        delayRuns: detected === null ? null : detected - label.runIndex,
      });
    });
  }
  const delays = events.flatMap((e) => (e.delayRuns === null ? [] : [e.delayRuns])).sort((a, b) => a - b);
  const n = delays.length;
  const median =
    n === 0
      ? null
      : n % 2 === 1
        ? (delays[(n - 1) / 2] as number)
        : ((delays[n / 2 - 1] as number) + (delays[n / 2] as number)) / 2;
  return {
    events,
    detected: n,
    missed: events.length - n,
    meanDelayRuns: n === 0 ? null : delays.reduce((s, d) => s + d, 0) / n,
    medianDelayRuns: median,
    maxDelayRuns: n === 0 ? null : (delays[n - 1] as number),
  };
}
