/**
 * `RunTaskStatTable`: the run-task aggregates of a dataset as a compact columnar table — one typed
 * column per field, entries grouped by run in dataset run order, with a per-run offset array aligned
 * with `Dataset.runs`. Millions of entries cost a few dozen bytes each instead of an object each;
 * {@link RunTaskStatTable.at} materialises one `RunTaskStat` when a caller needs an object.
 */
import type { Run, RunTaskStat } from "./dataset";

/**
 * A column of whole numbers: 16 bits wide while every value fits (the loader's counts and ids
 * usually do: 2 bytes an entry instead of 4), else 32.
 */
export type WholeColumn = Uint16Array | Uint32Array;

/** A look-up of run ids → run indexes, each id once (a `Map` will do). */
export interface RunIndex {
  get(runId: string): number | undefined;
  readonly size: number;
}

/** The columns of a {@link RunTaskStatTable}; every per-entry column has one value per entry. */
export interface RunTaskStatColumns {
  /** Run id of each run, aligned with `Dataset.runs`. */
  readonly runIds: readonly string[];
  /** Mission id of each run, aligned with `runIds`. */
  readonly missionIds: readonly string[];
  /** First entry of each run, then the entry count (length: runs + 1, non-decreasing). */
  readonly runOffsets: Uint32Array;
  /** Task ids referred to by {@link task}. */
  readonly taskIds: readonly string[];
  /** Per entry: index into {@link taskIds}. */
  readonly task: WholeColumn;
  /** Per entry: executions folded in (≥ 1). */
  readonly executions: WholeColumn;
  /** Per entry: sum of actual durations, minutes. */
  readonly actualMinutes: Float64Array;
  /** Per entry: sum of human delay, minutes. */
  readonly humanDelayMinutes: Float64Array;
  /** Per entry: sum of human delay over executions requiring approval, minutes. */
  readonly approvalDelayMinutes: Float64Array;
  /** Per entry: executions that required approval. */
  readonly approvalRequiredCount: WholeColumn;
  /** Per entry: sum of overruns over the estimate, minutes. */
  readonly overrunMinutes: Float64Array;
  /** Per entry: executions over the estimate. */
  readonly overrunCount: WholeColumn;
  /** Per entry: executions failed, rejected or escalated. */
  readonly unsuccessfulCount: WholeColumn;
  /** Interned sorted agent lists referred to by {@link agents}. */
  readonly agentLists: readonly (readonly string[])[];
  /** Per entry: index into {@link agentLists}. */
  readonly agents: WholeColumn;
}

/**
 * Run-task aggregates of a dataset, columnar. Entry `i` of run `r` (its index in `Dataset.runs`)
 * lies in `[runOffsets[r], runOffsets[r + 1])`. Read-only: no method modifies the columns.
 *
 * @example
 * const t = runTaskStatTableFrom([stat], [run]);
 * [t.length, t.at(0).taskId, t.forRun(0).length] // → [1, stat.taskId, 1]
 */
export class RunTaskStatTable implements Iterable<RunTaskStat> {
  // Private fields: not enumerable (a deep freeze of a dataset leaves the typed arrays alone) and
  // writable even when the table is frozen (the run-id look-up is built on first use).
  readonly #columns: RunTaskStatColumns;
  #runIndexById: RunIndex | undefined;

  /**
   * Wraps `columns` (taken as given; see {@link RunTaskStatColumns} for the invariants).
   * `runIndex`, when given, is the look-up of `columns.runIds` (id → its index, every id once) that
   * its producer already holds (the loader's); it is trusted, not checked, and not copied.
   */
  constructor(columns: RunTaskStatColumns, runIndex?: RunIndex) {
    this.#columns = columns;
    this.#runIndexById = runIndex;
  }

  /** The columns (shared; callers must not modify them). */
  get columns(): RunTaskStatColumns {
    return this.#columns;
  }

  /** Number of entries. */
  get length(): number {
    return this.columns.task.length;
  }

  /** Number of runs the offsets cover. */
  get runCount(): number {
    return this.columns.runIds.length;
  }

  /** Materialises entry `i` (0 ≤ i < length). Throws `RangeError` when out of range. */
  at(i: number): RunTaskStat {
    const c = this.columns;
    if (!(i >= 0 && i < c.task.length && Number.isInteger(i))) {
      throw new RangeError(`RunTaskStatTable: no entry ${i}`);
    }
    return this.entry(i, this.runOfEntry(i));
  }

  /** Entry `i`, known to belong to the run at index `run`. */
  private entry(i: number, run: number): RunTaskStat {
    const c = this.columns;
    return {
      runId: c.runIds[run]!,
      missionId: c.missionIds[run]!,
      taskId: c.taskIds[c.task[i]!]!,
      executions: c.executions[i]!,
      actualMinutes: c.actualMinutes[i]!,
      humanDelayMinutes: c.humanDelayMinutes[i]!,
      approvalDelayMinutes: c.approvalDelayMinutes[i]!,
      approvalRequiredCount: c.approvalRequiredCount[i]!,
      overrunMinutes: c.overrunMinutes[i]!,
      overrunCount: c.overrunCount[i]!,
      unsuccessfulCount: c.unsuccessfulCount[i]!,
      agents: c.agentLists[c.agents[i]!]!,
    };
  }

  /** Entry range `[start, end)` of the run at `runIndex` (empty when out of range). */
  range(runIndex: number): { readonly start: number; readonly end: number } {
    const o = this.columns.runOffsets;
    if (!(runIndex >= 0 && runIndex < this.runCount)) return { start: 0, end: 0 };
    return { start: o[runIndex]!, end: o[runIndex + 1]! };
  }

  /** The materialised entries of the run at `runIndex`, in table order (none: []). */
  forRun(runIndex: number): RunTaskStat[] {
    const { start, end } = this.range(runIndex);
    const out: RunTaskStat[] = [];
    for (let i = start; i < end; i++) out.push(this.entry(i, runIndex));
    return out;
  }

  /** Index of the run `runId` among the table's runs, or `undefined` (look-up built once). */
  runIndexOf(runId: string): number | undefined {
    if (!this.#runIndexById) {
      const map = new Map<string, number>();
      this.columns.runIds.forEach((id, i) => map.set(id, i));
      this.#runIndexById = map;
    }
    return this.#runIndexById.get(runId);
  }

  /**
   * Whether the table's runs are exactly `runs` (same ids, same order, no id twice): run indexes of
   * the table are then indexes into `runs`.
   */
  alignedWith(runs: readonly Pick<Run, "runId">[]): boolean {
    const ids = this.columns.runIds;
    if (ids.length !== runs.length) return false;
    for (let i = 0; i < ids.length; i++) if (ids[i] !== runs[i]!.runId) return false;
    this.runIndexOf("");
    return this.#runIndexById!.size === ids.length;
  }

  /** Every entry materialised, in table order. */
  toArray(): RunTaskStat[] {
    return [...this];
  }

  /** Iterates the entries in table order, materialising each. */
  *[Symbol.iterator](): IterableIterator<RunTaskStat> {
    const o = this.columns.runOffsets;
    for (let r = 0; r < this.runCount; r++) for (let i = o[r]!; i < o[r + 1]!; i++) yield this.entry(i, r);
  }

  /** Index of the run holding entry `i` (binary search over the offsets). */
  private runOfEntry(i: number): number {
    const o = this.columns.runOffsets;
    let lo = 0;
    let hi = this.runCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (o[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * Builds a table from aggregate objects (not modified) and the dataset's runs: entries grouped by
 * run in `runs` order, each run's entries in the order given.
 *
 * @throws Error when a stat's run is not in `runs`.
 * @example runTaskStatTableFrom([], dataset.runs).length // → 0
 */
export function runTaskStatTableFrom(
  stats: Iterable<RunTaskStat>,
  runs: readonly Pick<Run, "runId" | "missionId">[],
): RunTaskStatTable {
  const runIndex = new Map<string, number>();
  runs.forEach((r, i) => {
    if (!runIndex.has(r.runId)) runIndex.set(r.runId, i);
  });
  const byRun: RunTaskStat[][] = runs.map(() => []);
  let total = 0;
  for (const s of stats) {
    const r = runIndex.get(s.runId);
    if (r === undefined) throw new Error(`runTaskStatTableFrom: run ${s.runId} is not among the runs`);
    byRun[r]!.push(s);
    total++;
  }
  const taskIds: string[] = [];
  const taskIndex = new Map<string, number>();
  const agentLists: (readonly string[])[] = [];
  const agentIndex = new Map<string, number>();
  const c = emptyColumns(total);
  const runOffsets = new Uint32Array(runs.length + 1);
  let at = 0;
  byRun.forEach((list, r) => {
    runOffsets[r] = at;
    for (const s of list) {
      let t = taskIndex.get(s.taskId);
      if (t === undefined) taskIndex.set(s.taskId, (t = taskIds.push(s.taskId) - 1));
      const key = s.agents.join("\u0000");
      let a = agentIndex.get(key);
      if (a === undefined) agentIndex.set(key, (a = agentLists.push(s.agents) - 1));
      c.task[at] = t;
      c.agents[at] = a;
      c.executions[at] = s.executions;
      c.actualMinutes[at] = s.actualMinutes;
      c.humanDelayMinutes[at] = s.humanDelayMinutes;
      c.approvalDelayMinutes[at] = s.approvalDelayMinutes;
      c.approvalRequiredCount[at] = s.approvalRequiredCount;
      c.overrunMinutes[at] = s.overrunMinutes;
      c.overrunCount[at] = s.overrunCount;
      c.unsuccessfulCount[at] = s.unsuccessfulCount;
      at++;
    }
  });
  runOffsets[runs.length] = at;
  return new RunTaskStatTable({
    ...c,
    runIds: runs.map((r) => r.runId),
    missionIds: runs.map((r) => r.missionId),
    runOffsets,
    taskIds,
    agentLists,
  });
}

/** Zeroed per-entry columns for `n` entries. */
export function emptyColumns(
  n: number,
): Omit<RunTaskStatColumns, "runIds" | "missionIds" | "runOffsets" | "taskIds" | "agentLists"> {
  return {
    task: new Uint32Array(n),
    executions: new Uint32Array(n),
    actualMinutes: new Float64Array(n),
    humanDelayMinutes: new Float64Array(n),
    approvalDelayMinutes: new Float64Array(n),
    approvalRequiredCount: new Uint32Array(n),
    overrunMinutes: new Float64Array(n),
    overrunCount: new Uint32Array(n),
    unsuccessfulCount: new Uint32Array(n),
    agents: new Uint32Array(n),
  };
}

/**
 * Run id → that run's materialised aggregates, over a table, for the runs `accept` admits (default:
 * all). Materialises only the runs asked for; holds nothing per run. A plain `Map` of run id to
 * aggregates is one too; lookups made by {@link runStatsLookup} also offer the table itself, so
 * that a reader summing many runs need not materialise any aggregate.
 *
 * @example runStatsLookup(dataset.runTaskStats).get(dataset.runs[0].runId)?.length // → tasks run
 */
export interface RunStatsLookup {
  /** The run's aggregates, or `undefined` when it has none (or is not admitted). */
  get(runId: string): readonly RunTaskStat[] | undefined;
  /** The table looked up (absent for other lookups, such as a `Map`). */
  readonly table?: RunTaskStatTable;
  /** The run's index in {@link table} when it is admitted (absent with {@link table}). */
  admittedRunIndex?(runId: string): number | undefined;
  /** The run's first aggregate for `taskId`, materialising only it (absent with {@link table}). */
  find?(runId: string, taskId: string): RunTaskStat | undefined;
}

/**
 * A {@link RunStatsLookup} over `table`; `accept(runIndex)` filters runs (e.g. by as-of instant).
 *
 * @example runStatsLookup(table).get("R1") // → the entries of run R1, or undefined
 */
export function runStatsLookup(
  table: RunTaskStatTable,
  accept?: (runIndex: number) => boolean,
): RunStatsLookup {
  const admittedRunIndex = (runId: string): number | undefined => {
    const r = table.runIndexOf(runId);
    return r === undefined || (accept && !accept(r)) ? undefined : r;
  };
  return {
    table,
    admittedRunIndex,
    get(runId: string): readonly RunTaskStat[] | undefined {
      const r = admittedRunIndex(runId);
      if (r === undefined) return undefined;
      const stats = table.forRun(r);
      return stats.length > 0 ? stats : undefined;
    },
    find(runId: string, taskId: string): RunTaskStat | undefined {
      const r = admittedRunIndex(runId);
      if (r === undefined) return undefined;
      const { task, taskIds, runOffsets } = table.columns;
      for (let k = runOffsets[r]!; k < runOffsets[r + 1]!; k++)
        if (taskIds[task[k]!] === taskId) return table.at(k);
      return undefined;
    },
  };
}
