/**
 * Validates task-execution records one at a time against the known runs and tasks, without
 * keeping them: executions are streamed and folded (see run-task-fold).
 */
import { describeFound } from "../io/describe-found";
import { TASK_OUTCOMES, type Run, type TaskDefinition, type TaskOutcome } from "../model/dataset";
import type { FieldReader } from "./field-reader";

/** Fields a task-execution record must have (canonical names). */
export const TASK_EXECUTION_REQUIRED_FIELDS: readonly string[] = [
  "run_id",
  "task_id",
  "actual_minutes",
  "approval_required",
  "human_delay_minutes",
  "outcome",
];

/** One validated execution of a task within a run. Durations in minutes. */
export interface TaskExecution {
  readonly runId: string;
  /** The run's mission. */
  readonly missionId: string;
  readonly taskId: string;
  readonly agentId?: string;
  /** Actual duration, minutes (≥ 0). */
  readonly actualMinutes: number;
  /** Whether this execution waited for a human approval. */
  readonly approvalRequired: boolean;
  /** Time spent waiting for a human, minutes (≥ 0). */
  readonly humanDelayMinutes: number;
  readonly outcome: TaskOutcome;
}

/** What task executions are checked against. */
export interface TaskExecutionContext {
  /** Run id → the run's mission id, for every known run. */
  readonly runs: ReadonlyMap<string, string>;
  /**
   * Mission id → task id → estimated minutes. `undefined` when there is no task table: task ids are
   * then not checked.
   */
  readonly tasks: ReadonlyMap<string, ReadonlyMap<string, number>> | undefined;
  /** Whether an unknown run id is reported (false when the runs are known to be incomplete). */
  readonly checkRuns: boolean;
}

/**
 * Builds the context to validate task executions against from runs and task definitions (e.g. of
 * a loaded `Dataset`). Pass `undefined` tasks when there is no task table.
 *
 * @example
 * const ctx = createTaskExecutionContext(
 *   [{ runId: "R1", missionId: "M1" }],
 *   [{ missionId: "M1", taskId: "T1", estimatedMinutes: 5 }],
 * );
 * [ctx.runs.get("R1"), ctx.tasks?.get("M1")?.get("T1")] // → ["M1", 5]
 */
export function createTaskExecutionContext(
  runs: readonly Pick<Run, "runId" | "missionId">[],
  tasks: readonly Pick<TaskDefinition, "missionId" | "taskId" | "estimatedMinutes">[] | undefined,
): TaskExecutionContext {
  const runMap = new Map<string, string>();
  for (const run of runs) runMap.set(run.runId, run.missionId);
  let taskMap: Map<string, Map<string, number>> | undefined;
  if (tasks) {
    taskMap = new Map();
    for (const task of tasks) {
      let byId = taskMap.get(task.missionId);
      if (!byId) {
        byId = new Map();
        taskMap.set(task.missionId, byId);
      }
      byId.set(task.taskId, task.estimatedMinutes);
    }
  }
  return { runs: runMap, tasks: taskMap, checkRuns: true };
}

/**
 * Validates one task-execution record: run_id (a known run), task_id (a task of the run's
 * mission), actual_minutes and human_delay_minutes (≥ 0), approval_required (boolean), outcome
 * (completed|approved|rejected|escalated|failed|skipped) required; agent_id optional; mission_id
 * optional but, when present, must be the run's mission. Problems are reported through the reader;
 * returns the execution only when the record is valid.
 */
export function validateTaskExecution(
  reader: FieldReader,
  context: TaskExecutionContext,
): TaskExecution | undefined {
  const runId = reader.requiredText("run_id");
  const taskId = reader.requiredText("task_id");
  const agentId = reader.optionalText("agent_id");
  const actualMinutes = reader.number("actual_minutes", { min: 0 }, true);
  const approvalRequired = reader.boolean("approval_required", true);
  const humanDelayMinutes = reader.number("human_delay_minutes", { min: 0 }, true);
  const outcome = reader.enumValue("outcome", TASK_OUTCOMES, true);
  const statedMission = reader.optionalText("mission_id");

  const missionId = runId === undefined ? undefined : context.runs.get(runId);
  if (runId !== undefined && missionId === undefined && context.checkRuns) {
    reader.error({
      code: "unknown_reference",
      field: "run_id",
      expected: "a run_id defined in the runs",
      found: describeFound(runId),
      message: `unknown run ${runId}`,
    });
  }
  if (missionId && statedMission !== undefined && statedMission !== missionId) {
    reader.error({
      code: "mission_mismatch",
      field: "mission_id",
      expected: `${missionId}, the mission of run ${runId}`,
      found: describeFound(statedMission),
      message: `the execution's mission differs from the mission of run ${runId}`,
    });
  }
  if (missionId && taskId !== undefined && context.tasks && !context.tasks.get(missionId)?.has(taskId)) {
    reader.error({
      code: "unknown_reference",
      field: "task_id",
      expected: `a task of mission ${missionId}`,
      found: describeFound(taskId),
      message: `task ${taskId} is not a task of mission ${missionId} (run ${runId})`,
    });
  }
  if (
    reader.failed ||
    runId === undefined ||
    !missionId ||
    taskId === undefined ||
    actualMinutes === undefined ||
    approvalRequired === undefined ||
    humanDelayMinutes === undefined ||
    outcome === undefined
  ) {
    return undefined;
  }
  return {
    runId,
    missionId,
    taskId,
    ...(agentId !== undefined ? { agentId } : {}),
    actualMinutes,
    approvalRequired,
    humanDelayMinutes,
    outcome,
  };
}
