/**
 * The task-execution fold on two threads. A large CSV or NDJSON task-execution file is cut in two
 * at a line where the run changes, a little past the middle; this thread folds the first part while a
 * worker folds the second into the same (shared) slot columns. Each thread claims the runs it
 * folds; the result is kept only when both parts were folded entirely by the fast paths, with no
 * problem and no run folded by both threads — the sums are then exactly the sequential ones (each
 * run's executions are summed by one thread, in file order). Otherwise the columns are cleared and
 * the file folded again on this thread, which reports every problem with its line.
 */
import { existsSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { runScan } from "../io/row-visitor";
import type { ReadOptions, TableFile } from "../io/source-record";
import { scanTableFile } from "../io/table-reader";
import type { SourceFile } from "../model/dataset";
import type { DataIssue } from "../model/issues";
import { aliasesFor } from "../validate/field-aliases";
import type { OrderedRuns, RunTaskAccumulator } from "../validate/run-task-accumulator";
import { TaskExecutionLayout } from "../validate/task-execution-fast";
import type { TaskExecutionContext } from "../validate/task-executions";
import { checkedHeader, executionVisitor } from "./task-execution-reader";
import { FOLD_WORKER_KIND, packRuns, type FoldWorkerInput, type FoldWorkerResult } from "./fold-part";

/**
 * Files smaller than this (64 MiB, about 110,000 runs of 8 tasks as CSV) are folded on one thread:
 * starting a worker and sharing the run list with it costs more than it saves.
 *
 * @example PARALLEL_FOLD_MIN_BYTES // → 67108864
 */
export const PARALLEL_FOLD_MIN_BYTES = 64 * 1024 * 1024;

/**
 * The compiled worker script: beside this module in `dist/`, or — when running from the
 * TypeScript sources (tests) — the built one in `lib/dist/`; undefined when neither exists (the
 * fold then stays on one thread).
 *
 * @example FOLD_WORKER_SCRIPT // → "/…/lib/dist/load/task-execution-worker.js"
 */
export const FOLD_WORKER_SCRIPT = [
  join(__dirname, "task-execution-worker.js"),
  join(__dirname, "..", "..", "dist", "load", "task-execution-worker.js"),
].find((p) => existsSync(p));

/** How the task executions of a load were folded. */
export interface FoldReport {
  /** 2: on two threads; 1: on this thread only. */
  readonly threads: 1 | 2;
  /** Why on one thread (absent on two). */
  readonly reason?: string;
}

/** How a load may fold task executions (see `LoadOptions`). */
export interface FoldThreads {
  /** Threads for the task-execution fold: 1, or 2 (default: 2 when the machine has 2 cores or more). */
  readonly threads?: number;
  /** Smallest file folded on two threads, bytes (default {@link PARALLEL_FOLD_MIN_BYTES}). */
  readonly minBytes?: number;
  /** Told how the task executions were folded. */
  readonly onFold?: (report: FoldReport) => void;
}

/** Where a file is cut: the byte offset of the second part's first line and that line's run id. */
export interface FoldSplit {
  readonly boundary: number;
  readonly firstRunId: string;
}

/**
 * Where the cut is looked for, as a share of the file: a little past the middle, because this
 * thread also starts the worker and hashes the worker's part, and the worker starts later and
 * runs with a smaller heap. Measured at 1M runs: at 0.5 this thread waited for the worker, at 0.55
 * the worker finished 0.8 s (CSV) and 1.5 s (NDJSON) before this thread.
 */
const SPLIT_AT = 0.52;

/** Bytes read around the middle to find where the run changes. */
const SPLIT_WINDOW_BYTES = 1024 * 1024;

/**
 * Where to cut `file` for a two-thread fold: at the first line, at or after 52 % of it, whose run
 * id differs from the line before it. Otherwise why not: the file is not CSV or NDJSON, is smaller
 * than `minBytes`, the header or a line near the middle is quoted (CSV) or not an object (NDJSON),
 * or no run changes within a megabyte of the middle.
 *
 * @example await findFoldSplit({ table: "task_executions", path: "te.csv", format: "csv" }, 0) // → { boundary: 285000123, firstRunId: "M0501-R0001" }
 */
export async function findFoldSplit(file: TableFile, minBytes: number): Promise<FoldSplit | string> {
  if (file.format !== "csv" && file.format !== "ndjson")
    return "a JSON array is not cut (CSV and NDJSON are)";
  const size = (await stat(file.path)).size;
  if (size < Math.max(minBytes, 1)) return `the file has ${size} bytes, under ${minBytes}`;
  const layout = new TaskExecutionLayout(aliasesFor(file.table));
  const handle = await open(file.path, "r");
  try {
    const read = async (from: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - from)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
      return buffer.subarray(0, bytesRead);
    };
    let runOf: (line: string) => string | undefined;
    if (file.format === "csv") {
      const head = await read(0, 64 * 1024);
      const end = head.indexOf(10);
      if (end < 0) return "no header line";
      const header = head.toString("utf8", 0, end).replace(/\r$/, "");
      if (header.includes('"')) return "a quoted header";
      const column = header
        .split(",")
        .map((name) => name.trim())
        .indexOf(layout.run);
      if (column < 0) return `no ${layout.run} column`;
      runOf = (line) => (line.includes('"') ? undefined : line.split(",")[column]);
    } else {
      runOf = (line) => {
        try {
          const value = (JSON.parse(line) as Record<string, unknown> | null)?.[layout.run];
          return typeof value === "string" ? value : undefined;
        } catch {
          return undefined;
        }
      };
    }
    const middle = Math.floor(size * SPLIT_AT);
    const window = await read(middle, SPLIT_WINDOW_BYTES);
    let start = window.indexOf(10) + 1; // the first whole line
    if (start === 0) return "no line end near the middle";
    let previous: string | undefined;
    for (let nl = window.indexOf(10, start); nl !== -1; nl = window.indexOf(10, start)) {
      const line = window.toString("utf8", start, nl).replace(/\r$/, "");
      if (line.trim() !== "") {
        const runId = runOf(line);
        if (runId === undefined || runId === "") return "a line near the middle without a plain run id";
        if (previous !== undefined && runId !== previous)
          return { boundary: middle + start, firstRunId: runId };
        previous = runId;
      }
      start = nl + 1;
    }
    return "no change of run within a megabyte of the middle";
  } finally {
    await handle.close();
  }
}

/** What the two-thread fold needs beyond the sequential one. */
export interface ParallelFoldPlan {
  readonly split: FoldSplit;
  /** The runs the accumulator was given, in its order. */
  readonly runs: OrderedRuns;
  /** The tasks the accumulator was given (mission id → task id → estimate). */
  readonly tasks: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The claims array the accumulator was given (shared), and this thread's mark in it. */
  readonly owner: Int32Array;
  readonly mark: number;
  readonly script: string;
}

/** Starts the worker on the second part; resolves to its result (a failed worker: not ok). */
function startWorker(
  plan: ParallelFoldPlan,
  input: FoldWorkerInput,
): { result: Promise<FoldWorkerResult>; stop: () => void } {
  // A small heap: the worker's garbage is short-lived text and its memory adds to the process's
  // peak. Its live data is the run ids (about 50 bytes a run); the old generation is capped at
  // twice that and more, so that it is collected rather than left to grow (measured at 1M runs:
  // 35 MB less at the peak, no time lost). A worker out of memory ends the attempt: the file is
  // then folded on one thread.
  const oldGenerationMb = Math.ceil(96 + (plan.runs.runIds.length * 100) / 2 ** 20);
  const worker = new Worker(plan.script, {
    workerData: input,
    resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: oldGenerationMb },
  });
  const result = new Promise<FoldWorkerResult>((resolve) => {
    const fail = (why: string): void =>
      resolve({ ok: false, stoppedAt: why, rows: 0, count: 0, conflict: false, agentLists: [] });
    worker.once("message", (m: FoldWorkerResult) => resolve(m));
    worker.once("error", (e) => fail(`worker error: ${e.message}`));
    worker.once("exit", (code) => fail(`worker exited with code ${code}`));
  });
  return { result, stop: () => void worker.terminate() };
}

/**
 * Folds `file` on two threads as the module doc describes. Resolves to true when the fold is
 * complete (issues and the file's record go to `options` as a sequential fold sends them); to why
 * it was abandoned otherwise — the accumulator is then cleared and nothing was reported, and the
 * caller folds the file sequentially.
 */
export async function foldOnTwoThreads(
  file: TableFile,
  accumulator: RunTaskAccumulator,
  context: TaskExecutionContext,
  options: ReadOptions & { readonly onIssue: (issue: DataIssue) => void },
  plan: ParallelFoldPlan,
): Promise<true | string> {
  const issues: DataIssue[] = [];
  let source: SourceFile | undefined;
  let worker: ReturnType<typeof startWorker> | undefined;
  const columns = accumulator.slotColumns;
  const start = (header?: readonly (string | undefined)[]): void => {
    const input: FoldWorkerInput = {
      kind: FOLD_WORKER_KIND,
      path: file.path,
      format: file.format as "csv" | "ndjson",
      table: file.table,
      ...(header ? { header } : {}),
      fromByte: plan.split.boundary,
      ...packRuns(plan.runs.runIds, plan.runs.missionIds),
      next: plan.runs.next ?? new Int32Array(plan.runs.runIds.length).fill(-1),
      tasks: [...plan.tasks].map(([missionId, byId]) => [missionId, [...byId]] as const),
      columns,
      owner: plan.owner,
      mark: plan.mark + 1,
      firstRun: plan.runs.runIds.indexOf(plan.split.firstRunId),
    };
    worker = startWorker(plan, input);
  };
  const sink = (issue: DataIssue): void => {
    issues.push(issue);
  };
  const { visitor, slowRows } = executionVisitor(file, accumulator, context, sink, (header) => start(header));
  try {
    if (file.format === "ndjson") start();
    await runScan(
      scanTableFile(
        file,
        visitor,
        checkedHeader(file, {
          ...options,
          onIssue: sink,
          onComplete: (s) => (source = s),
          parseBytes: plan.split.boundary,
        }),
      ),
    );
    const second = worker ? await worker.result : undefined;
    const why = !second
      ? "the first part ended before its header"
      : !second.ok
        ? `the second part has ${second.stoppedAt ?? "a problem"}`
        : second.conflict || accumulator.conflict
          ? "a run has executions in both parts (rows not grouped by run)"
          : issues.length > 0 || slowRows() > 0 || !source
            ? "the first part has rows the fast path does not take"
            : undefined;
    if (why !== undefined || !second || !source) {
      accumulator.reset();
      return why ?? "incomplete";
    }
    accumulator.adoptFolded(second.count, second.agentLists, plan.owner, plan.mark + 1);
    options.onComplete?.({ ...source, rows: source.rows + second.rows });
    return true;
  } finally {
    worker?.stop();
  }
}

/**
 * Threads the task-execution fold may use under `settings` on this machine (1 or 2), given the
 * compiled worker script exists.
 *
 * @example foldThreads({ threads: 1 }) // → 1
 */
export function foldThreads(settings: FoldThreads = {}): number {
  if (!FOLD_WORKER_SCRIPT) return 1;
  const threads = settings.threads ?? Math.min(2, availableParallelism());
  return threads >= 2 ? 2 : 1;
}
