/**
 * The loader's fold of task executions into run-task aggregates. Every known run and task is
 * indexed once and each (run, task) pair owns one slot of a few typed columns, so folding a row is
 * a map look-up and a few additions — no string built, no object allocated. The `RunTaskStat`
 * objects are made once, at the end, in the order the dataset lists them.
 */
import type { RunTaskStat } from "../model/dataset";
import { RunTaskStatTable, type RunIndex, type WholeColumn } from "../model/run-task-stat-table";
import { RunMissionView } from "./run-mission-view";
import {
  copyGathered,
  emptyLike,
  gatherCopy,
  type AccumulatorSharing,
  type Gather,
  type OrderedRuns,
  type SlotColumn,
  type SlotColumns,
} from "./slot-columns";

export type { AccumulatorSharing, OrderedRuns, SlotColumns } from "./slot-columns";
import { AgentSets } from "./agent-sets";
import type { TaskExecution } from "./task-executions";

/** A task of a mission: its canonical id, slot among the mission's tasks and estimate. */
export interface TaskSlot {
  readonly taskId: string;
  readonly index: number;
  /** Number of the task among every task of every mission (0, 1, …). */
  readonly serial: number;
  /** Estimated minutes. */
  readonly estimate: number;
}

/** A mission's tasks, by id. */
export interface MissionSlots {
  readonly missionId: string;
  readonly tasks: ReadonlyMap<string, TaskSlot>;
}

/** Whether an outcome counts as unsuccessful (failed, rejected, escalated). */
export function isUnsuccessful(outcome: string): boolean {
  return outcome === "failed" || outcome === "rejected" || outcome === "escalated";
}

/** Compares strings by UTF-16 code units. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Aggregates of task executions per (run, task) for a known set of runs and tasks. Fold validated
 * executions in with {@link fold} (fast path: run index and task slot already known) or
 * {@link add}; take the result once with {@link stats}. Memory: a few numbers per (run, task)
 * pair, whatever the number of executions.
 *
 * @example
 * const acc = new RunTaskAccumulator([["R1", "M1"]], new Map([["M1", new Map([["T1", 5]])]]));
 * acc.add({ runId: "R1", missionId: "M1", taskId: "T1", actualMinutes: 7, approvalRequired: false,
 *   humanDelayMinutes: 0, outcome: "completed" });
 * acc.stats()[0]?.overrunMinutes // → 2
 */
export class RunTaskAccumulator {
  /** Executions folded in. */
  count = 0;
  /** Number of tasks known, over all missions (see `TaskSlot.serial`). */
  readonly taskCount: number;
  /** Run id → mission id of every run given (see `TaskExecutionContext.runs`). */
  readonly runMissionMap: ReadonlyMap<string, string> = new RunMissionView(this);
  /** Run id → index: given, or built on the first look-up the guesses do not answer. */
  private runMap: RunIndex | undefined;
  private readonly runIds: string[] = [];
  private readonly missionIds: string[] = [];
  private readonly runMissions: (MissionSlots | undefined)[] = [];
  /** First slot of each run, then the total (runs of a mission without tasks have none). */
  private readonly offsets: Int32Array;
  private readonly missions = new Map<string, MissionSlots>();
  private readonly agentSets = new AgentSets();
  // The slot columns have the types of the table's columns, so that {@link takeTable} can hand
  // them over (or release each once it is copied).
  private executions: WholeColumn;
  private actual: Float64Array;
  private delay: Float64Array;
  private approvalDelay: Float64Array;
  private approvals: WholeColumn;
  private overrun: Float64Array;
  private overruns: WholeColumn;
  private unsuccessful: WholeColumn;
  /** Agent list of each slot, as an {@link AgentSets} id. */
  private agents: WholeColumn;
  /** Set once {@link takeTable} has handed the columns over. */
  private spent = false;
  /** Whether a run this accumulator turned to had been claimed by another thread. */
  conflict = false;
  /** See {@link AccumulatorSharing.claims}. */
  private readonly claims: AccumulatorSharing["claims"];
  /** See {@link AccumulatorSharing.firstRun}. */
  private readonly firstRun: number | undefined;
  /** Whether the columns were allocated over `SharedArrayBuffer`s. */
  private readonly shared: boolean;
  /** For each run, the run after it in the runs file (−1: none), when given. */
  private readonly next: Int32Array | undefined;
  /** The last run looked up (the rows of a run usually come together). */
  private lastRunId = "";
  private lastRun: number | undefined;

  /**
   * @param runs every known run id with its mission id ("" when the mission is invalid)
   * @param tasks mission id → task id → estimated minutes
   */
  /**
   * @param runs every known run id with its mission id ("" when the mission is invalid), or
   *   {@link OrderedRuns} (distinct ids: not checked)
   * @param tasks mission id → task id → estimated minutes
   */
  constructor(
    runs: Iterable<readonly [string, string]> | OrderedRuns,
    tasks: ReadonlyMap<string, ReadonlyMap<string, number>>,
    sharing: AccumulatorSharing = {},
  ) {
    let serial = 0;
    for (const [missionId, byId] of tasks) {
      const slots = new Map<string, TaskSlot>();
      for (const [taskId, estimate] of byId)
        slots.set(taskId, { taskId, index: slots.size, serial: serial++, estimate });
      this.missions.set(missionId, { missionId, tasks: slots });
    }
    this.taskCount = serial;
    const offsets: number[] = [];
    let total = 0;
    const addRun = (runId: string, missionId: string): void => {
      const mission = missionId === "" ? undefined : this.missions.get(missionId);
      this.runIds.push(runId);
      this.missionIds.push(missionId);
      this.runMissions.push(mission);
      offsets.push(total);
      total += mission?.tasks.size ?? 0;
    };
    if ("runIds" in runs) {
      runs.runIds.forEach((runId, i) => addRun(runId, runs.missionIds[i]!));
      this.next = runs.next;
      this.runMap = runs.index;
    } else {
      const seen = new Map<string, number>();
      for (const [runId, missionId] of runs) {
        if (seen.has(runId)) continue;
        seen.set(runId, this.runIds.length);
        addRun(runId, missionId);
      }
      this.runMap = seen;
    }
    offsets.push(total);
    this.offsets = Int32Array.from(offsets);
    this.claims = sharing.claims;
    this.firstRun = sharing.firstRun ?? ("runIds" in runs ? runs.first : undefined);
    this.shared = sharing.shared === true;
    const given = sharing.columns;
    if (given && given.executions.length !== total)
      throw new Error(`RunTaskAccumulator: ${given.executions.length} slots given for ${total}`);
    // Counts and agent-list ids start 16 bits wide and are widened if a value outgrows them.
    const u16 = (): Uint16Array =>
      this.shared ? new Uint16Array(new SharedArrayBuffer(total * 2)) : new Uint16Array(total);
    const f64 = (): Float64Array =>
      this.shared ? new Float64Array(new SharedArrayBuffer(total * 8)) : new Float64Array(total);
    this.executions = given?.executions ?? u16();
    this.actual = given?.actual ?? f64();
    this.delay = given?.delay ?? f64();
    this.approvalDelay = given?.approvalDelay ?? f64();
    this.approvals = given?.approvals ?? u16();
    this.overrun = given?.overrun ?? f64();
    this.overruns = given?.overruns ?? u16();
    this.unsuccessful = given?.unsuccessful ?? u16();
    this.agents = given?.agents ?? u16();
  }

  /** The slot columns as they are (shared with a worker when allocated `shared`). */
  get slotColumns(): SlotColumns {
    this.checkUsable();
    return {
      executions: this.executions,
      actual: this.actual,
      delay: this.delay,
      approvalDelay: this.approvalDelay,
      approvals: this.approvals,
      overrun: this.overrun,
      overruns: this.overruns,
      unsuccessful: this.unsuccessful,
      agents: this.agents,
    };
  }

  /** Agent lists by the ids the agents column holds. */
  agentLists(): readonly (readonly string[])[] {
    return this.agentSets.allLists();
  }

  /**
   * Takes over what another accumulator over the same shared columns folded: its executions
   * `count`, and the agents of the runs it claimed (`mark`), whose agent-list ids (`lists`, that
   * accumulator's {@link agentLists}) are re-interned here.
   */
  adoptFolded(count: number, lists: readonly (readonly string[])[], owner: Int32Array, mark: number): void {
    this.checkUsable();
    const ids = lists.map((list) => list.reduce((id, agent) => this.agentSets.withId(id, agent), 0));
    if (this.agents instanceof Uint16Array && ids.some((id) => id > 0xffff))
      this.agents = Uint32Array.from(this.agents);
    for (let run = 0; run < this.runIds.length; run++) {
      if (owner[run] !== mark) continue;
      for (let at = this.offsets[run]!; at < this.offsets[run + 1]!; at++)
        this.agents[at] = ids[this.agents[at]!]!;
    }
    this.count += count;
  }

  /** Forgets everything folded: zero columns and count (to fold the file again another way). */
  reset(): void {
    this.checkUsable();
    for (const column of Object.values(this.slotColumns)) column.fill(0);
    this.claims?.owner.fill(0);
    this.count = 0;
    this.lastRunId = "";
    this.lastRun = undefined;
    this.conflict = false;
  }

  /** Number of runs known. */
  get runCount(): number {
    return this.runIds.length;
  }

  /** Index of a run (exact id), or `undefined`. */
  runIndex(runId: string): number | undefined {
    if (runId === this.lastRunId) return this.lastRun;
    // The last run, or the run after it in the runs file, checked before the map of every run (a
    // look-up in a million-entry map costs about a microsecond, mostly cache misses).
    const last = this.lastRun;
    const guess =
      last === undefined ? (this.firstRun ?? -1) : this.next !== undefined ? this.next[last]! : -1;
    const run = guess >= 0 && this.runIds[guess] === runId ? guess : this.lookup().get(runId);
    this.lastRunId = runId;
    this.lastRun = run;
    if (run !== undefined && this.claims) {
      const { owner, mark } = this.claims;
      const before = Atomics.compareExchange(owner, run, 0, mark);
      if (before !== 0 && before !== mark) this.conflict = true;
    }
    return run;
  }

  /** The run id → index map, built when first needed. */
  private lookup(): RunIndex {
    if (!this.runMap) {
      const map = new Map<string, number>();
      this.runIds.forEach((id, i) => map.set(id, i));
      this.runMap = map;
    }
    return this.runMap;
  }

  /** Id of the run at `index`. */
  runIdAt(index: number): string {
    return this.runIds[index]!;
  }

  /** Mission id of the run at `index` ("" when invalid). */
  missionOfRun(index: number): string {
    return this.missionIds[index]!;
  }

  /** The tasks of the run at `index`'s mission (undefined: no valid mission or no tasks known). */
  missionSlots(index: number): MissionSlots | undefined {
    return this.runMissions[index];
  }

  /**
   * Folds one validated execution of the run at `run` and its task `task` (both from this
   * accumulator's index). Durations in minutes; the sums are formed in the order executions
   * arrive, exactly as `foldTaskExecution` forms them.
   */
  fold(
    run: number,
    task: TaskSlot,
    agent: string | undefined,
    actualMinutes: number,
    approvalRequired: boolean,
    humanDelayMinutes: number,
    unsuccessful: boolean,
  ): void {
    const at = this.offsets[run]! + task.index;
    const estimate = task.estimate;
    // Every other count of a slot is at most its executions: one check covers them all.
    if (this.executions[at] === 0xffff && this.executions instanceof Uint16Array) this.widenCounts();
    this.executions[at]! += 1;
    this.actual[at] = this.actual[at]! + actualMinutes;
    this.delay[at] = this.delay[at]! + humanDelayMinutes;
    this.approvalDelay[at] = this.approvalDelay[at]! + (approvalRequired ? humanDelayMinutes : 0);
    this.approvals[at]! += approvalRequired ? 1 : 0;
    this.overrun[at] = this.overrun[at]! + Math.max(0, actualMinutes - estimate);
    this.overruns[at]! += actualMinutes > estimate ? 1 : 0;
    this.unsuccessful[at]! += unsuccessful ? 1 : 0;
    if (agent !== undefined) {
      const id = this.agentSets.withId(this.agents[at]!, agent);
      if (id > 0xffff && this.agents instanceof Uint16Array) this.agents = this.widened(this.agents);
      this.agents[at] = id;
    }
    this.count++;
  }

  /** Makes the four count columns 32 bits wide (a slot reached 65,535 executions). */
  private widenCounts(): void {
    this.executions = this.widened(this.executions);
    this.approvals = this.widened(this.approvals);
    this.overruns = this.widened(this.overruns);
    this.unsuccessful = this.widened(this.unsuccessful);
  }

  /**
   * A 32-bit copy of a column. Columns shared with another thread cannot be replaced under it: the
   * two-thread attempt is then marked failed (see {@link conflict}) and the file folded again on
   * one thread, into the copies.
   */
  private widened(column: WholeColumn): Uint32Array {
    if (this.claims) this.conflict = true;
    return Uint32Array.from(column);
  }

  /**
   * Folds a validated execution (its run and its mission's task must be known). Throws `Error`
   * otherwise.
   */
  add(execution: TaskExecution): void {
    this.checkUsable();
    const run = this.runIndex(execution.runId);
    const task = run === undefined ? undefined : this.runMissions[run]?.tasks.get(execution.taskId);
    if (run === undefined || task === undefined || this.missionIds[run] !== execution.missionId) {
      throw new Error(
        `RunTaskAccumulator: no task ${execution.taskId} of mission ${execution.missionId} for run ${execution.runId}`,
      );
    }
    this.fold(
      run,
      task,
      execution.agentId,
      execution.actualMinutes,
      execution.approvalRequired,
      execution.humanDelayMinutes,
      isUnsuccessful(execution.outcome),
    );
  }

  /**
   * The aggregates of every (run, task) executed at least once. Without arguments: grouped by run
   * in the order the runs were given, each run's tasks in the order its mission's tasks were given.
   * With `runOrder` (run ids) and `taskOrder` (mission id → task id → position): the runs in that
   * order (runs not listed are left out), each run's tasks by position then id (unlisted tasks
   * last) — the order of `Dataset.runTaskStats` when given the dataset's runs and tasks.
   */
  stats(
    runOrder?: Iterable<string>,
    taskOrder?: ReadonlyMap<string, ReadonlyMap<string, number>>,
  ): RunTaskStat[] {
    return this.table(runOrder === undefined ? undefined : [...runOrder], taskOrder).toArray();
  }

  /**
   * The same aggregates as {@link stats}, as a columnar table whose runs are `runOrder` (all of
   * them, those without aggregates owning an empty range) or, without it, the runs given. The
   * accumulator is left as it was.
   */
  table(
    runOrder?: readonly string[],
    taskOrder?: ReadonlyMap<string, ReadonlyMap<string, number>>,
  ): RunTaskStatTable {
    return this.build(runOrder, taskOrder, false);
  }

  /**
   * The same table as {@link table}, made from the accumulator's own columns: when the runs were
   * given in `runOrder` already and every mission's tasks in `taskOrder`'s order, the columns (and
   * the run index) become the table's without a copy; otherwise each column is released as soon as
   * its reordered copy is made, so the table costs one column more at a time rather than a second
   * table. Either way the accumulator is spent: any later use but `count` throws `Error` (and
   * {@link fold} must not be called).
   */
  takeTable(
    runOrder?: readonly string[],
    taskOrder?: ReadonlyMap<string, ReadonlyMap<string, number>>,
  ): RunTaskStatTable {
    const table = this.build(runOrder, taskOrder, true);
    this.spent = true;
    return table;
  }

  private build(
    runOrder: readonly string[] | undefined,
    taskOrder: ReadonlyMap<string, ReadonlyMap<string, number>> | undefined,
    reuse: boolean,
  ): RunTaskStatTable {
    this.checkUsable();
    const layouts = new Map<MissionSlots, TaskSlot[]>();
    const order = runOrder ?? this.runIds;
    const runs = new Int32Array(order.length);
    // Whether `order` lists every run exactly once (the run index can then be re-pointed).
    let sameRuns = order.length === this.runIds.length;
    const listed = new Uint8Array(this.runIds.length);
    let total = 0;
    for (let k = 0; k < order.length; k++) {
      // The same string as the run given at k (the loader's case) needs no look-up.
      const run =
        runOrder === undefined || order[k] === this.runIds[k] ? k : (this.lookup().get(order[k]!) ?? -1);
      runs[k] = run;
      if (run < 0 || listed[run] === 1) sameRuns = false;
      else listed[run] = 1;
      const mission = run < 0 ? undefined : this.runMissions[run];
      if (!mission) continue;
      if (!layouts.has(mission))
        layouts.set(mission, this.layout(mission, taskOrder?.get(mission.missionId)));
      const base = this.offsets[run]!;
      for (let at = base; at < base + mission.tasks.size; at++) if (this.executions[at]! > 0) total++;
    }
    // Where each entry comes from (its slot) and its task; entries grouped by run in `order`.
    const source = new Uint32Array(total);
    const task: WholeColumn = this.taskCount <= 0x10000 ? new Uint16Array(total) : new Uint32Array(total);
    const runOffsets = new Uint32Array(order.length + 1);
    const missionIds: string[] = [];
    let inOrder = true;
    let identity = true;
    let sameOrder = order.length === this.runIds.length;
    let n = 0;
    for (let k = 0; k < order.length; k++) {
      runOffsets[k] = n;
      const run = runs[k]!;
      if (run !== k) sameOrder = false;
      missionIds.push(run < 0 ? "" : this.missionIds[run]!);
      const mission = run < 0 ? undefined : this.runMissions[run];
      if (!mission) continue;
      const base = this.offsets[run]!;
      for (const slot of layouts.get(mission)!) {
        const at = base + slot.index;
        if (this.executions[at]! === 0) continue;
        if (at < n || (n > 0 && at <= source[n - 1]!)) inOrder = false;
        if (at !== n) identity = false;
        source[n] = at;
        task[n] = slot.serial;
        n++;
      }
    }
    runOffsets[order.length] = n;
    const gather = reuse ? this.gatherReleasing(source, inOrder, identity) : copyGathered(source);
    const columns = {
      task,
      executions: gather(this.executions, (c) => (this.executions = c)),
      actualMinutes: gather(this.actual, (c) => (this.actual = c)),
      humanDelayMinutes: gather(this.delay, (c) => (this.delay = c)),
      approvalDelayMinutes: gather(this.approvalDelay, (c) => (this.approvalDelay = c)),
      approvalRequiredCount: gather(this.approvals, (c) => (this.approvals = c)),
      overrunMinutes: gather(this.overrun, (c) => (this.overrun = c)),
      overrunCount: gather(this.overruns, (c) => (this.overruns = c)),
      unsuccessfulCount: gather(this.unsuccessful, (c) => (this.unsuccessful = c)),
      agents: gather(this.agents, (c) => (this.agents = c)),
    };
    // Reused, the run index is re-pointed at the new positions (no second map of every run).
    let runIndex: RunIndex | undefined;
    if (reuse && sameRuns) {
      if (sameOrder)
        runIndex = this.runMap; // when known; the table builds its own on first use otherwise
      else {
        const map = new Map<string, number>();
        for (let k = 0; k < order.length; k++) map.set(order[k]!, k);
        runIndex = map;
      }
    }
    return new RunTaskStatTable(
      {
        ...columns,
        runIds: reuse && (runOrder === undefined || sameOrder) ? this.runIds : [...order],
        missionIds,
        runOffsets,
        taskIds: this.taskIds(),
        agentLists: this.agentSets.allLists(),
      },
      runIndex,
    );
  }

  /** Task ids by `TaskSlot.serial`. */
  private taskIds(): string[] {
    const taskIds: string[] = [];
    for (const mission of this.missions.values())
      for (const t of mission.tasks.values()) taskIds[t.serial] = t.taskId;
    return taskIds;
  }

  /**
   * A gather that takes each slot column over: a view of its first slots when every entry is at or
   * before its slot in order (moved forward in place; not moved at all when `identity`, every slot
   * executed), else a reordered copy, the slot column being released (through `release`) before
   * the next column is copied.
   */
  private gatherReleasing(source: Uint32Array, inOrder: boolean, identity: boolean): Gather {
    const n = source.length;
    // More than a quarter of the slots never executed: copy, so the unused tail is not kept alive.
    const compact = n * 4 < this.executions.length * 3;
    return <T extends SlotColumn>(column: T, release: (empty: T) => void): T => {
      if (!inOrder) {
        const out = gatherCopy(column, source);
        release(emptyLike(column)); // a view, even empty, would keep the buffer
        return out;
      }
      if (!identity) for (let i = 0; i < n; i++) column[i] = column[source[i]!]!;
      release(emptyLike(column)); // a view, even empty, would keep the buffer
      return (compact ? column.slice(0, n) : column.subarray(0, n)) as T;
    };
  }

  private checkUsable(): void {
    if (this.spent) throw new Error("RunTaskAccumulator: its columns were handed over by takeTable");
  }

  /** A mission's task slots by position (then id; unlisted tasks last), or in slot order. */
  private layout(mission: MissionSlots, position: ReadonlyMap<string, number> | undefined): TaskSlot[] {
    const slots = [...mission.tasks.values()];
    if (position) {
      const pos = (t: TaskSlot): number => position.get(t.taskId) ?? Number.MAX_SAFE_INTEGER;
      slots.sort((a, b) => pos(a) - pos(b) || byCodeUnits(a.taskId, b.taskId));
    }
    return slots;
  }
}
