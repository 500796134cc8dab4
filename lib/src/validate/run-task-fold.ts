/**
 * Folds task executions, as they stream in, into one aggregate per (run, task): memory grows with
 * runs × tasks, never with the number of executions.
 */
import type { RunTaskStat, TaskDefinition } from "../model/dataset";
import type { TaskExecution } from "./task-executions";

const UNSUCCESSFUL = new Set(["failed", "rejected", "escalated"]);

/**
 * Adds one execution to the aggregate of its (run, task) and returns the new aggregate; `acc` is
 * not modified (pass `undefined` for the first execution). `estimatedMinutes` is the task's
 * planned duration: overrun = max(0, actual − estimate), counted when actual > estimate. Approval
 * delay sums the human delay of executions with `approvalRequired`; unsuccessful counts outcomes
 * failed, rejected and escalated; agents are kept distinct and sorted.
 *
 * Throws `Error` when `acc` belongs to another run or task than `execution`.
 *
 * @example
 * const first = foldTaskExecution(undefined, { runId: "R1", missionId: "M1", taskId: "T1", agentId: "A2",
 *   actualMinutes: 16, approvalRequired: true, humanDelayMinutes: 7, outcome: "approved" }, 10);
 * const both = foldTaskExecution(first, { runId: "R1", missionId: "M1", taskId: "T1", agentId: "A1",
 *   actualMinutes: 8, approvalRequired: false, humanDelayMinutes: 1, outcome: "failed" }, 10);
 * // both → { runId: "R1", missionId: "M1", taskId: "T1", executions: 2, actualMinutes: 24,
 * //   humanDelayMinutes: 8, approvalDelayMinutes: 7, approvalRequiredCount: 1, overrunMinutes: 6,
 * //   overrunCount: 1, unsuccessfulCount: 1, agents: ["A1", "A2"] }
 */
export function foldTaskExecution(
  acc: RunTaskStat | undefined,
  execution: TaskExecution,
  estimatedMinutes: number,
): RunTaskStat {
  if (acc && (acc.runId !== execution.runId || acc.taskId !== execution.taskId)) {
    throw new Error(
      `foldTaskExecution: execution of ${execution.runId}/${execution.taskId} folded into ${acc.runId}/${acc.taskId}`,
    );
  }
  const overrun = Math.max(0, execution.actualMinutes - estimatedMinutes);
  const base: RunTaskStat = acc ?? {
    runId: execution.runId,
    missionId: execution.missionId,
    taskId: execution.taskId,
    executions: 0,
    actualMinutes: 0,
    humanDelayMinutes: 0,
    approvalDelayMinutes: 0,
    approvalRequiredCount: 0,
    overrunMinutes: 0,
    overrunCount: 0,
    unsuccessfulCount: 0,
    agents: [],
  };
  const agent = execution.agentId;
  const agents =
    agent === undefined || base.agents.includes(agent)
      ? base.agents
      : [...base.agents, agent].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    runId: base.runId,
    missionId: base.missionId,
    taskId: base.taskId,
    executions: base.executions + 1,
    actualMinutes: base.actualMinutes + execution.actualMinutes,
    humanDelayMinutes: base.humanDelayMinutes + execution.humanDelayMinutes,
    approvalDelayMinutes:
      base.approvalDelayMinutes + (execution.approvalRequired ? execution.humanDelayMinutes : 0),
    approvalRequiredCount: base.approvalRequiredCount + (execution.approvalRequired ? 1 : 0),
    overrunMinutes: base.overrunMinutes + overrun,
    overrunCount: base.overrunCount + (execution.actualMinutes > estimatedMinutes ? 1 : 0),
    unsuccessfulCount: base.unsuccessfulCount + (UNSUCCESSFUL.has(execution.outcome) ? 1 : 0),
    agents,
  };
}

/**
 * Stateful fold of a stream of executions into {@link RunTaskStat}s, one per (run, task), using
 * the tasks' estimates for overruns. Add executions in any order; {@link stats} is independent of
 * that order.
 *
 * @example
 * const folder = new RunTaskStatFolder([{ missionId: "M1", taskId: "T1", estimatedMinutes: 5 }]);
 * folder.add({ runId: "R1", missionId: "M1", taskId: "T1", actualMinutes: 6, approvalRequired: false,
 *   humanDelayMinutes: 0, outcome: "completed" });
 * folder.add({ runId: "R1", missionId: "M1", taskId: "T1", actualMinutes: 4, approvalRequired: false,
 *   humanDelayMinutes: 0, outcome: "completed" });
 * [folder.executionCount, folder.stats()[0]?.overrunMinutes] // → [2, 1]
 */
export class RunTaskStatFolder {
  private readonly estimates = new Map<string, number>();
  private readonly byKey = new Map<string, RunTaskStat>();
  private count = 0;

  /** @param tasks task definitions giving each (mission, task) its estimated minutes */
  constructor(tasks: readonly Pick<TaskDefinition, "missionId" | "taskId" | "estimatedMinutes">[]) {
    for (const task of tasks)
      this.estimates.set(`${task.missionId}\u0000${task.taskId}`, task.estimatedMinutes);
  }

  /**
   * Folds one execution in. Throws `Error` when its (mission, task) has no definition (validate
   * executions first, e.g. with `readTaskExecutions`).
   */
  add(execution: TaskExecution): void {
    const estimate = this.estimates.get(`${execution.missionId}\u0000${execution.taskId}`);
    if (estimate === undefined) {
      throw new Error(
        `RunTaskStatFolder: no task ${execution.taskId} defined for mission ${execution.missionId}`,
      );
    }
    const key = `${execution.runId}\u0000${execution.taskId}`;
    this.byKey.set(key, foldTaskExecution(this.byKey.get(key), execution, estimate));
    this.count++;
  }

  /** Executions folded in so far. */
  get executionCount(): number {
    return this.count;
  }

  /** The aggregates, sorted by run id then task id. */
  stats(): RunTaskStat[] {
    return [...this.byKey.values()].sort((a, b) =>
      a.runId !== b.runId
        ? a.runId < b.runId
          ? -1
          : 1
        : a.taskId < b.taskId
          ? -1
          : a.taskId > b.taskId
            ? 1
            : 0,
    );
  }
}
