/**
 * The loader's fold of task executions into run-task aggregates. Every known run and task is
 * indexed once and each (run, task) pair owns one slot of a few typed columns, so folding a row is
 * a map look-up and a few additions — no string built, no object allocated. The `RunTaskStat`
 * objects are made once, at the end, in the order the dataset lists them.
 */
import type { RunTaskStat } from "../model/dataset";
import { emptyColumns, RunTaskStatTable } from "../model/run-task-stat-table";
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
 * Run ids → their mission id, as a read-only map over the accumulator's index (what
 * `TaskExecutionContext.runs` needs, without a second map of every run). Runs whose mission is
 * invalid map to "".
 */
class RunMissionView implements ReadonlyMap<string, string> {
  constructor(private readonly owner: RunTaskAccumulator) {}
  get size(): number {
    return this.owner.runCount;
  }
  get(runId: string): string | undefined {
    const index = this.owner.runIndex(runId);
    return index === undefined ? undefined : this.owner.missionOfRun(index);
  }
  has(runId: string): boolean {
    return this.owner.runIndex(runId) !== undefined;
  }
  *entries(): MapIterator<[string, string]> {
    for (let i = 0; i < this.owner.runCount; i++) yield [this.owner.runIdAt(i), this.owner.missionOfRun(i)];
  }
  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }
  *values(): MapIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }
  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }
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
  private readonly runs = new Map<string, number>();
  private readonly runIds: string[] = [];
  private readonly missionIds: string[] = [];
  private readonly runMissions: (MissionSlots | undefined)[] = [];
  /** First slot of each run, then the total (runs of a mission without tasks have none). */
  private readonly offsets: Int32Array;
  private readonly missions = new Map<string, MissionSlots>();
  private readonly agentSets = new AgentSets();
  private readonly executions: Int32Array;
  private readonly actual: Float64Array;
  private readonly delay: Float64Array;
  private readonly approvalDelay: Float64Array;
  private readonly approvals: Int32Array;
  private readonly overrun: Float64Array;
  private readonly overruns: Int32Array;
  private readonly unsuccessful: Int32Array;
  /** Agent list of each slot, as an {@link AgentSets} id. */
  private readonly agents: Int32Array;
  /** The last run looked up (the rows of a run usually come together). */
  private lastRunId = "";
  private lastRun: number | undefined;

  /**
   * @param runs every known run id with its mission id ("" when the mission is invalid)
   * @param tasks mission id → task id → estimated minutes
   */
  constructor(
    runs: Iterable<readonly [string, string]>,
    tasks: ReadonlyMap<string, ReadonlyMap<string, number>>,
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
    for (const [runId, missionId] of runs) {
      if (this.runs.has(runId)) continue;
      const mission = missionId === "" ? undefined : this.missions.get(missionId);
      this.runs.set(runId, this.runIds.length);
      this.runIds.push(runId);
      this.missionIds.push(missionId);
      this.runMissions.push(mission);
      offsets.push(total);
      total += mission?.tasks.size ?? 0;
    }
    offsets.push(total);
    this.offsets = Int32Array.from(offsets);
    this.executions = new Int32Array(total);
    this.actual = new Float64Array(total);
    this.delay = new Float64Array(total);
    this.approvalDelay = new Float64Array(total);
    this.approvals = new Int32Array(total);
    this.overrun = new Float64Array(total);
    this.overruns = new Int32Array(total);
    this.unsuccessful = new Int32Array(total);
    this.agents = new Int32Array(total);
  }

  /** Number of runs known. */
  get runCount(): number {
    return this.runIds.length;
  }

  /** Index of a run (exact id), or `undefined`. */
  runIndex(runId: string): number | undefined {
    if (runId === this.lastRunId) return this.lastRun;
    this.lastRunId = runId;
    this.lastRun = this.runs.get(runId);
    return this.lastRun;
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
    this.executions[at]! += 1;
    this.actual[at] = this.actual[at]! + actualMinutes;
    this.delay[at] = this.delay[at]! + humanDelayMinutes;
    this.approvalDelay[at] = this.approvalDelay[at]! + (approvalRequired ? humanDelayMinutes : 0);
    this.approvals[at]! += approvalRequired ? 1 : 0;
    this.overrun[at] = this.overrun[at]! + Math.max(0, actualMinutes - estimate);
    this.overruns[at]! += actualMinutes > estimate ? 1 : 0;
    this.unsuccessful[at]! += unsuccessful ? 1 : 0;
    if (agent !== undefined) this.agents[at] = this.agentSets.withId(this.agents[at]!, agent);
    this.count++;
  }

  /**
   * Folds a validated execution (its run and its mission's task must be known). Throws `Error`
   * otherwise.
   */
  add(execution: TaskExecution): void {
    const run = this.runs.get(execution.runId);
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
   * them, those without aggregates owning an empty range) or, without it, the runs given.
   */
  table(
    runOrder?: readonly string[],
    taskOrder?: ReadonlyMap<string, ReadonlyMap<string, number>>,
  ): RunTaskStatTable {
    const layouts = new Map<MissionSlots, TaskSlot[]>();
    const order = runOrder ?? this.runIds;
    const runs = new Int32Array(order.length);
    let total = 0;
    order.forEach((runId, k) => {
      const run = runOrder === undefined ? k : (this.runs.get(runId) ?? -1);
      runs[k] = run;
      const mission = run < 0 ? undefined : this.runMissions[run];
      if (!mission) return;
      if (!layouts.has(mission))
        layouts.set(mission, this.layout(mission, taskOrder?.get(mission.missionId)));
      const base = this.offsets[run]!;
      for (let at = base; at < base + mission.tasks.size; at++) if (this.executions[at]! > 0) total++;
    });
    const taskIds: string[] = [];
    for (const mission of this.missions.values())
      for (const t of mission.tasks.values()) taskIds[t.serial] = t.taskId;
    const c = emptyColumns(total);
    const runOffsets = new Uint32Array(order.length + 1);
    const missionIds: string[] = [];
    let n = 0;
    for (let k = 0; k < order.length; k++) {
      runOffsets[k] = n;
      const run = runs[k]!;
      missionIds.push(run < 0 ? "" : this.missionIds[run]!);
      const mission = run < 0 ? undefined : this.runMissions[run];
      if (!mission) continue;
      const base = this.offsets[run]!;
      for (const task of layouts.get(mission)!) {
        const at = base + task.index;
        if (this.executions[at]! === 0) continue;
        c.task[n] = task.serial;
        c.executions[n] = this.executions[at]!;
        c.actualMinutes[n] = this.actual[at]!;
        c.humanDelayMinutes[n] = this.delay[at]!;
        c.approvalDelayMinutes[n] = this.approvalDelay[at]!;
        c.approvalRequiredCount[n] = this.approvals[at]!;
        c.overrunMinutes[n] = this.overrun[at]!;
        c.overrunCount[n] = this.overruns[at]!;
        c.unsuccessfulCount[n] = this.unsuccessful[at]!;
        c.agents[n] = this.agents[at]!;
        n++;
      }
    }
    runOffsets[order.length] = n;
    return new RunTaskStatTable({
      ...c,
      runIds: [...order],
      missionIds,
      runOffsets,
      taskIds,
      agentLists: this.agentSets.allLists(),
    });
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
