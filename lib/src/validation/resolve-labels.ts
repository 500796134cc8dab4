/**
 * Labels checked against a dataset: each label's mission must exist and its as-of point must fall
 * within that mission's history; the point becomes an instant and the run it refers to.
 */
import { asOfToMs } from "../evaluate/as-of";
import type { Dataset, Run } from "../model/dataset";
import { LabelsError, parseLabels, type LabelIssue, type LabelRow } from "./labels";

/** A label placed on a mission's history. */
export interface ResolvedLabel extends LabelRow {
  /** The as-of instant, epoch ms: the end of the day for a date, the run's start for a run id. */
  readonly asOfMs: number;
  readonly asOfKind: "date" | "date-time" | "run";
  /** 0-based index (in start order) of the mission's last run started at or before the instant. */
  readonly runIndex: number;
  /** That run's id. */
  readonly runId: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Index of the last run started at or before `ms` (−1 when none). */
function lastRunAtOrBefore(runs: readonly Run[], ms: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((runs[mid] as Run).startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Places labels on the dataset. A label is rejected when its mission is unknown or has no runs,
 * when its date lies before the mission's first run date or after its last, when its date-time
 * precedes the first run, or when its run id is not a run of that mission.
 *
 * @example resolveLabels(rows, dataset).labels[0].runId // → the run the label refers to
 */
export function resolveLabels(
  rows: readonly LabelRow[],
  dataset: Dataset,
): { labels: ResolvedLabel[]; issues: LabelIssue[] } {
  const runsOf = new Map<string, Run[]>();
  for (const m of dataset.missions) runsOf.set(m.missionId, []);
  const runById = new Map<string, Run>();
  for (const r of dataset.runs) {
    runsOf.get(r.missionId)?.push(r);
    runById.set(r.runId, r);
  }
  for (const list of runsOf.values())
    list.sort((a, b) => a.startMs - b.startMs || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  const missionIds = [...runsOf.keys()].sort();
  const sample = missionIds.slice(0, 5).join(", ") + (missionIds.length > 5 ? ", …" : "");

  const labels: ResolvedLabel[] = [];
  const issues: LabelIssue[] = [];
  for (const row of rows) {
    const problem = (field: string, message: string, expected: string, found: string) =>
      issues.push({ file: row.file, line: row.line, field, expected, found, message });
    const runs = runsOf.get(row.missionId);
    if (!runs) {
      problem(
        "mission_id",
        "unknown mission",
        `a mission of the dataset (${sample})`,
        JSON.stringify(row.missionId),
      );
      continue;
    }
    const first = runs[0];
    const last = runs[runs.length - 1];
    if (!first || !last) {
      problem("mission_id", "the mission has no runs", "a mission with runs", JSON.stringify(row.missionId));
      continue;
    }
    const span = `from ${isoDay(first.startMs)} to ${isoDay(last.startMs)} (the history of ${row.missionId})`;
    let asOfMs: number;
    let kind: ResolvedLabel["asOfKind"];
    if (DATE_ONLY.test(row.asOf) || DATE_TIME.test(row.asOf)) {
      try {
        asOfMs = asOfToMs(row.asOf);
      } catch {
        problem("as_of", "not a valid date", "a date (YYYY-MM-DD) or a run id", JSON.stringify(row.asOf));
        continue;
      }
      kind = DATE_ONLY.test(row.asOf) ? "date" : "date-time";
      const day = kind === "date" ? row.asOf : isoDay(asOfMs);
      if (day < isoDay(first.startMs) || (kind === "date-time" && asOfMs < first.startMs)) {
        problem("as_of", "before the mission's first run", `a date ${span}`, JSON.stringify(row.asOf));
        continue;
      }
      if (day > isoDay(last.startMs)) {
        problem("as_of", "after the mission's last run", `a date ${span}`, JSON.stringify(row.asOf));
        continue;
      }
    } else {
      const run = runById.get(row.asOf);
      if (!run) {
        problem(
          "as_of",
          "neither a date nor a known run id",
          `a date (YYYY-MM-DD) or a run id of ${row.missionId} (e.g. ${first.runId})`,
          JSON.stringify(row.asOf),
        );
        continue;
      }
      if (run.missionId !== row.missionId) {
        problem(
          "as_of",
          `run ${run.runId} belongs to mission ${run.missionId}`,
          `a run of ${row.missionId}`,
          JSON.stringify(row.asOf),
        );
        continue;
      }
      asOfMs = run.startMs;
      kind = "run";
    }
    const index = lastRunAtOrBefore(runs, asOfMs);
    if (index < 0) {
      problem("as_of", "before the mission's first run", `a date ${span}`, JSON.stringify(row.asOf));
      continue;
    }
    labels.push({ ...row, asOfMs, asOfKind: kind, runIndex: index, runId: (runs[index] as Run).runId });
  }
  return { labels, issues };
}

/** Options of {@link readLabels}. */
export interface ReadLabelsOptions {
  /** Told each warning (e.g. an exact duplicate label, which is ignored). */
  readonly onWarning?: (issue: LabelIssue) => void;
}

/**
 * Parses and resolves a labels file in one go; warnings go to `options.onWarning`.
 *
 * @throws LabelsError listing every problem (file, line, field, expected, found).
 * @example readLabels("mission_id,as_of,expected_status\nNOPE,2026-01-09,WATCH\n", "l.csv", ds) // throws LabelsError: unknown mission
 */
export function readLabels(
  text: string,
  file: string,
  dataset: Dataset,
  format?: "csv" | "json",
  options: ReadLabelsOptions = {},
): ResolvedLabel[] {
  const parsed = parseLabels(text, file, format);
  for (const w of parsed.warnings) options.onWarning?.(w);
  const resolved = resolveLabels(parsed.rows, dataset);
  const issues = [...parsed.issues, ...resolved.issues].sort((a, b) => a.line - b.line);
  if (issues.length > 0) throw new LabelsError(issues);
  return resolved.labels;
}
