/**
 * Laying out the run-task aggregates DuckDB returns as `Dataset.runTaskStats`: one linear pass over
 * rows sorted by run and task position into growing typed columns (nothing per entry), repeats of
 * a run and task folded, and the executions the JavaScript validator accepted after all folded on a
 * slow path.
 */
import type { RunTaskStat } from "../model/dataset";
import { emptyColumns, RunTaskStatTable, runTaskStatTableFrom } from "../model/run-task-stat-table";
import type { TaskExecution } from "../validate/task-executions";
import type { EngineChunk } from "./engine";
import type { FoldTargets } from "./task-executions";

/**
 * Run-task aggregates as they stream out of DuckDB, sorted by run then task position: laid out
 * as the run-task table's columns in one linear pass (growing typed arrays), nothing per entry.
 */
/**
 * Task positions a key leaves room for: key = run index × 2^20 + task position (exact in a double
 * up to 2^33 runs).
 *
 * @example TASK_POSITIONS // → 1048576
 */
export const TASK_POSITIONS = 1 << 20;

export class Aggregates {
  readonly runOffsets: Uint32Array;
  private cols: ReturnType<typeof emptyColumns>;
  private pos: Int32Array;
  length = 0;
  private lastRun = -1;
  suspects = 0;
  executions = 0;
  readonly rowsPerFile: number[];
  readonly agentKeys = new Map<string, number>();
  readonly agentLists: (readonly string[])[] = [];
  /** When set, the agents column holds an agent's number + 1 (0: none): its set is this entry. */
  setOfAgent: Int32Array | undefined;

  constructor(
    private readonly runs: number,
    files: number,
    /** Entries expected at most (the columns grow past it if need be). */
    capacity = 1024,
  ) {
    this.cols = emptyColumns(Math.max(16, capacity));
    this.pos = new Int32Array(Math.max(16, capacity));
    this.runOffsets = new Uint32Array(runs + 1);
    this.rowsPerFile = new Array<number>(files).fill(0);
  }

  /** Room for `more` entries. */
  private reserve(more: number): void {
    const need = this.length + more;
    if (need <= this.pos.length) return;
    let size = this.pos.length;
    while (size < need) size *= 2;
    const grown = emptyColumns(size);
    for (const key of Object.keys(grown) as (keyof typeof grown)[]) {
      (grown[key] as Uint32Array | Float64Array).set(this.cols[key] as Uint32Array & Float64Array);
    }
    this.cols = grown;
    const pos = new Int32Array(size);
    pos.set(this.pos);
    this.pos = pos;
  }

  /** The interned index of an agent list given as its names joined by U+001F. */
  agentIndex(key: string): number {
    let a = this.agentKeys.get(key);
    if (a === undefined) {
      this.agentKeys.set(key, (a = this.agentLists.length));
      this.agentLists.push(key === "" ? [] : key.split("\u001f"));
    }
    return a;
  }

  /** Reused per-chunk column buffers (a chunk allocates nothing). */
  private readonly buffers: Float64Array[] = [];
  private column(chunk: EngineChunk, c: number): Float64Array {
    while (this.buffers.length <= c) this.buffers.push(new Float64Array(4096));
    if (this.buffers[c]!.length < chunk.rowCount) this.buffers[c] = new Float64Array(chunk.rowCount);
    return chunk.numbers(c, this.buffers[c]);
  }

  /**
   * Consumes one chunk of an aggregate query — columns run_idx and task_pos (-1: rows not folded),
   * executions, the seven sums and counts, the agent set's index (see {@link agentIndex}), file
   * index — whose rows come sorted by run_idx then task_pos.
   */
  consume(chunk: EngineChunk): void {
    const rows = chunk.rowCount;
    const [idx, tpos, ex, am, hd, ad, ar, om, oc, uc, agentSet, file] = [
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ].map((c) => this.column(chunk, c));
    for (let r = 0; r < rows; r++) {
      const f = file![r]!;
      this.rowsPerFile[f] = (this.rowsPerFile[f] ?? 0) + ex![r]!;
      const agents = this.setOfAgent ? this.setOfAgent[agentSet![r]!]! : agentSet![r]!;
      this.add(
        idx![r]!,
        tpos![r]!,
        ex![r]!,
        am![r]!,
        hd![r]!,
        ad![r]!,
        ar![r]!,
        om![r]!,
        oc![r]!,
        uc![r]!,
        agents,
      );
    }
  }

  /**
   * Consumes one chunk of executions — columns key (run_idx × 2^20 + task_pos; negative: a row not
   * folded), actual minutes, human delay minutes, flags (1: approval required, 2: unsuccessful, then
   * the file index × 4), the agent's number + 1 — sorted by key; `estimates` are the tasks'
   * estimated minutes by position. Approval delay and overrun are derived here, as the ledger's SQL
   * defines them.
   */
  consumeExecutions(chunk: EngineChunk, estimates: Float64Array): void {
    const rows = chunk.rowCount;
    const [key, actual, delay, flags, agent] = [0, 1, 2, 3, 4].map((c) => this.column(chunk, c));
    for (let r = 0; r < rows; r++) {
      const fl = flags![r]!;
      const f = fl >>> 2;
      this.rowsPerFile[f] = (this.rowsPerFile[f] ?? 0) + 1;
      const k = key![r]!;
      if (k < 0) {
        this.suspects++;
        continue;
      }
      const run = Math.floor(k / TASK_POSITIONS);
      const pos = k - run * TASK_POSITIONS;
      const a = actual![r]!;
      const d = delay![r]!;
      const approval = (fl & 1) === 1;
      const over = a - estimates[pos]!;
      const agents = this.setOfAgent ? this.setOfAgent[agent![r]!]! : agent![r]!;
      this.add(
        run,
        pos,
        1,
        a,
        d,
        approval ? d : 0,
        approval ? 1 : 0,
        over > 0 ? over : 0,
        over > 0 ? 1 : 0,
        (fl & 2) === 2 ? 1 : 0,
        agents,
      );
    }
  }

  /** Adds one aggregate (or folds it into the previous entry when it is the same run and task). */
  private add(
    run: number,
    pos: number,
    ex: number,
    am: number,
    hd: number,
    ad: number,
    ar: number,
    om: number,
    oc: number,
    uc: number,
    agents: number,
  ): void {
    if (run < 0 || pos < 0) {
      this.suspects += ex;
      return;
    }
    this.executions += ex;
    const c = this.cols;
    const k = this.length;
    if (run === this.lastRun && k > 0 && this.pos[k - 1] === pos) {
      // The same run and task again (a retry, or another file): one entry, the sums added.
      const j = k - 1;
      c.executions[j] = c.executions[j]! + ex;
      c.actualMinutes[j] = c.actualMinutes[j]! + am;
      c.humanDelayMinutes[j] = c.humanDelayMinutes[j]! + hd;
      c.approvalDelayMinutes[j] = c.approvalDelayMinutes[j]! + ad;
      c.approvalRequiredCount[j] = c.approvalRequiredCount[j]! + ar;
      c.overrunMinutes[j] = c.overrunMinutes[j]! + om;
      c.overrunCount[j] = c.overrunCount[j]! + oc;
      c.unsuccessfulCount[j] = c.unsuccessfulCount[j]! + uc;
      if (c.agents[j] !== agents) {
        const merged = [...new Set([...this.agentLists[c.agents[j]!]!, ...this.agentLists[agents]!])].sort();
        c.agents[j] = this.agentIndex(merged.join("\u001f"));
      }
      return;
    }
    for (let q = this.lastRun + 1; q <= run; q++) this.runOffsets[q] = k;
    this.lastRun = run;
    if (k >= this.pos.length) this.reserve(1);
    this.place(k, pos, ex, am, hd, ad, ar, om, oc, uc, agents);
  }

  /** Writes a new entry at `k` (room for it reserved). */
  private place(
    k: number,
    pos: number,
    ex: number,
    am: number,
    hd: number,
    ad: number,
    ar: number,
    om: number,
    oc: number,
    uc: number,
    agents: number,
  ): void {
    const c = this.cols;
    this.pos[k] = pos;
    c.executions[k] = ex;
    c.actualMinutes[k] = am;
    c.humanDelayMinutes[k] = hd;
    c.approvalDelayMinutes[k] = ad;
    c.approvalRequiredCount[k] = ar;
    c.overrunMinutes[k] = om;
    c.overrunCount[k] = oc;
    c.unsuccessfulCount[k] = uc;
    c.agents[k] = agents;
    this.length++;
  }

  /** The run-task table (task ids from `tasks`, indexed by the entries' positions). */
  table(targets: FoldTargets): RunTaskStatTable {
    for (let q = this.lastRun + 1; q <= this.runs; q++) this.runOffsets[q] = this.length;
    const n = this.length;
    const taskIds: string[] = [];
    const taskIndex = new Map<string, number>();
    const task = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      const id = targets.tasks[this.pos[k]!]!.taskId;
      let t = taskIndex.get(id);
      if (t === undefined) taskIndex.set(id, (t = taskIds.push(id) - 1));
      task[k] = t;
    }
    const c = this.cols;
    const whole = (col: Uint16Array | Uint32Array) => narrow(col.subarray(0, n));
    const runIndex = new Map<string, number>();
    targets.runIds.forEach((id, i) => runIndex.set(id, i));
    return new RunTaskStatTable(
      {
        task: narrow(task),
        executions: whole(c.executions),
        actualMinutes: c.actualMinutes.subarray(0, n),
        humanDelayMinutes: c.humanDelayMinutes.subarray(0, n),
        approvalDelayMinutes: c.approvalDelayMinutes.subarray(0, n),
        approvalRequiredCount: whole(c.approvalRequiredCount),
        overrunMinutes: c.overrunMinutes.subarray(0, n),
        overrunCount: whole(c.overrunCount),
        unsuccessfulCount: whole(c.unsuccessfulCount),
        agents: whole(c.agents),
        runIds: targets.runIds,
        missionIds: targets.missionIds,
        runOffsets: this.runOffsets,
        taskIds,
        agentLists: this.agentLists,
      },
      runIndex,
    );
  }
}

/**
 * Adds executions the JavaScript validator accepted (suspects of the fast path) to a run-task
 * table: the table is rebuilt from its entries with theirs folded in — a slow path, for the rare
 * rows only the validator accepts.
 */
export function withAccepted(
  table: RunTaskStatTable,
  accepted: readonly TaskExecution[],
  targets: FoldTargets,
): RunTaskStatTable {
  if (accepted.length === 0) return table;
  const known = new Set(targets.runIds);
  const position = new Map<string, number>();
  targets.tasks.forEach((t, i) => position.set(`${t.missionId}\u0000${t.taskId}`, i));
  // Executions of an invalid run or task are not folded: the load fails on that run or task.
  accepted = accepted.filter((x) => known.has(x.runId) && position.has(`${x.missionId}\u0000${x.taskId}`));
  if (accepted.length === 0) return table;
  const estimate = new Map<string, number>();
  for (const t of targets.tasks) estimate.set(`${t.missionId}\u0000${t.taskId}`, t.estimatedMinutes);
  const byKey = new Map<string, RunTaskStat>();
  for (const s of table) byKey.set(`${s.runId}\u0000${s.taskId}`, s);
  for (const x of accepted) {
    const key = `${x.runId}\u0000${x.taskId}`;
    const over =
      x.actualMinutes - (estimate.get(`${x.missionId}\u0000${x.taskId}`) ?? Number.POSITIVE_INFINITY);
    const s = byKey.get(key);
    const agents = new Set(s?.agents ?? []);
    if (x.agentId !== undefined) agents.add(x.agentId);
    byKey.set(key, {
      runId: x.runId,
      missionId: x.missionId,
      taskId: x.taskId,
      executions: (s?.executions ?? 0) + 1,
      actualMinutes: (s?.actualMinutes ?? 0) + x.actualMinutes,
      humanDelayMinutes: (s?.humanDelayMinutes ?? 0) + x.humanDelayMinutes,
      approvalDelayMinutes: (s?.approvalDelayMinutes ?? 0) + (x.approvalRequired ? x.humanDelayMinutes : 0),
      approvalRequiredCount: (s?.approvalRequiredCount ?? 0) + (x.approvalRequired ? 1 : 0),
      overrunMinutes: (s?.overrunMinutes ?? 0) + Math.max(0, over),
      overrunCount: (s?.overrunCount ?? 0) + (over > 0 ? 1 : 0),
      unsuccessfulCount:
        (s?.unsuccessfulCount ?? 0) +
        (x.outcome === "failed" || x.outcome === "rejected" || x.outcome === "escalated" ? 1 : 0),
      agents: [...agents].sort(),
    });
  }
  const stats = [...byKey.values()].sort(
    (a, b) =>
      (position.get(`${a.missionId}\u0000${a.taskId}`) ?? 0) -
      (position.get(`${b.missionId}\u0000${b.taskId}`) ?? 0),
  );
  const runs = targets.runIds.map((runId, i) => ({ runId, missionId: targets.missionIds[i]! }));
  return runTaskStatTableFrom(stats, runs);
}

/** A column of whole numbers, 16 bits wide when every value fits. */
function narrow(column: Uint16Array | Uint32Array): Uint16Array | Uint32Array {
  for (const v of column) if (v > 0xffff) return column;
  return Uint16Array.from(column);
}
