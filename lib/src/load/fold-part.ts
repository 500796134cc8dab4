/**
 * What the worker of the parallel task-execution fold does (see `parallel-fold.ts`): folds the
 * second part of a CSV or NDJSON task-execution file, from a line start to the end, into the
 * parent's shared slot columns. Only well-formed rows are taken (the fast paths); at the first
 * other row it stops and reports it, and the parent folds the whole file again the ordinary way,
 * which reports every problem with its line. The thread's entry is `task-execution-worker.ts`.
 */
import { ByteTally, readTextChunks } from "../io/text-chunks";
import { aliasesFor } from "../validate/field-aliases";
import { RunTaskAccumulator, type SlotColumns } from "../validate/run-task-accumulator";
import { foldObjectFast, TaskExecutionLayout } from "../validate/task-execution-fast";
import { TaskLineFolder } from "../validate/task-execution-line";

/** The `kind` of a fold worker's input (the entry script runs only on such input). */
export const FOLD_WORKER_KIND = "mission-lib:task-execution-fold";

/** What the parent sends. */
export interface FoldWorkerInput {
  readonly kind: typeof FOLD_WORKER_KIND;
  readonly path: string;
  readonly format: "csv" | "ndjson";
  /** Table name (for the field aliases). */
  readonly table: string;
  /** CSV: the header's names as the parent's reader read them. */
  readonly header?: readonly (string | undefined)[];
  /** Byte offset of the first line to fold (a line start). */
  readonly fromByte: number;
  /**
   * The run ids, packed: all of them end to end in one string, and where each ends (a million
   * strings in an array cost the parent far more to send than one string and a typed array).
   */
  readonly runIdText: string;
  readonly runIdEnds: Int32Array;
  /** Each run's mission, as an index into `missions`. */
  readonly missionOfRun: Int32Array;
  readonly missions: readonly string[];
  readonly next: Int32Array;
  /** Mission id → [task id, estimate] in slot order. */
  readonly tasks: readonly (readonly [string, readonly (readonly [string, number])[]])[];
  readonly columns: SlotColumns;
  /** Shared claims: per run, the mark of the thread that folded it first. */
  readonly owner: Int32Array;
  readonly mark: number;
  /** Index of the run of the first line. */
  readonly firstRun: number;
}

/** What the worker posts back. */
export interface FoldWorkerResult {
  /** Every line was folded by a fast path (else `stoppedAt` says why, and the result is void). */
  readonly ok: boolean;
  readonly stoppedAt?: string;
  /** Data lines folded. */
  readonly rows: number;
  /** Executions folded. */
  readonly count: number;
  /** A run the worker turned to was claimed by the parent. */
  readonly conflict: boolean;
  /** Agent lists by the ids the worker wrote in the agents column. */
  readonly agentLists: readonly (readonly string[])[];
}

/** The run ids and mission ids of `input`, as arrays. */
function unpackRuns(input: FoldWorkerInput): { runIds: string[]; missionIds: string[] } {
  const runIds = new Array<string>(input.runIdEnds.length);
  const missionIds = new Array<string>(input.runIdEnds.length);
  let from = 0;
  for (let i = 0; i < runIds.length; i++) {
    const to = input.runIdEnds[i]!;
    runIds[i] = input.runIdText.slice(from, to);
    missionIds[i] = input.missions[input.missionOfRun[i]!]!;
    from = to;
  }
  return { runIds, missionIds };
}

/**
 * Packs run ids and mission ids for {@link FoldWorkerInput}.
 *
 * @example packRuns(["R1", "R22"], ["M1", "M1"]) // → { runIdText: "R1R22", runIdEnds: [2, 5], missionOfRun: [0, 0], missions: ["M1"] }
 */
export function packRuns(
  runIds: readonly string[],
  missionIds: readonly string[],
): Pick<FoldWorkerInput, "runIdText" | "runIdEnds" | "missionOfRun" | "missions"> {
  const runIdEnds = new Int32Array(runIds.length);
  const missionOfRun = new Int32Array(runIds.length);
  const missions: string[] = [];
  const missionIndex = new Map<string, number>();
  let end = 0;
  runIds.forEach((id, i) => {
    runIdEnds[i] = end += id.length;
    const missionId = missionIds[i]!;
    let m = missionIndex.get(missionId);
    if (m === undefined) missionIndex.set(missionId, (m = missions.push(missionId) - 1));
    missionOfRun[i] = m;
  });
  return { runIdText: runIds.join(""), runIdEnds, missionOfRun, missions };
}

/**
 * Folds the lines of the file from `input.fromByte`; resolves to the result to post.
 *
 * @example await foldPart(input) // → { ok: true, rows: 4060780, count: 4060780, conflict: false, agentLists: [...] }
 */
export async function foldPart(input: FoldWorkerInput): Promise<FoldWorkerResult> {
  const tasks = new Map(input.tasks.map(([missionId, list]) => [missionId, new Map(list)]));
  const acc = new RunTaskAccumulator({ ...unpackRuns(input), next: input.next }, tasks, {
    columns: input.columns,
    claims: { owner: input.owner, mark: input.mark },
    firstRun: input.firstRun,
  });
  const layout = new TaskExecutionLayout(aliasesFor(input.table));
  let foldLine: (text: string, start: number, end: number) => boolean;
  if (input.format === "csv") {
    const header = input.header ?? [];
    layout.setHeader(header);
    const folder = new TaskLineFolder(layout, acc, header.length);
    foldLine = (text, start, end) => folder.tryFold(text, start, end);
  } else {
    foldLine = (text, start, end) => {
      let values: unknown;
      try {
        values = JSON.parse(text.slice(start, end));
      } catch {
        return false;
      }
      if (typeof values !== "object" || values === null || Array.isArray(values)) return false;
      return foldObjectFast(values as Record<string, unknown>, layout, acc);
    };
  }
  let rows = 0;
  let stoppedAt: string | undefined;
  let carry = "";
  const take = (text: string, start: number, end: number): boolean => {
    if (end > start && text.charCodeAt(end - 1) === 13) end--; // CRLF
    if (end === start) return true; // a blank line: skipped, as the readers skip it
    if (!foldLine(text, start, end)) {
      stoppedAt = `a line the fast path does not take: ${JSON.stringify(text.slice(start, Math.min(end, start + 80)))}`;
      return false;
    }
    rows++;
    return true;
  };
  outer: for await (const piece of readTextChunks(input.path, new ByteTally(), {
    fromByte: input.fromByte,
  })) {
    const text = carry === "" ? piece : carry + piece;
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      if (!take(text, start, nl)) break outer;
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (stoppedAt === undefined && carry !== "") take(carry, 0, carry.length);
  return {
    ok: stoppedAt === undefined,
    ...(stoppedAt !== undefined ? { stoppedAt } : {}),
    rows,
    count: acc.count,
    conflict: acc.conflict,
    agentLists: acc.agentLists().map((list) => [...list]),
  };
}
