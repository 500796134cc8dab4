/**
 * Validates task definitions (a mission's decomposed plan) and their dependencies.
 */
import { describeFound } from "../io/describe-found";
import type { RecordLocation } from "../io/source-record";
import type { TaskDefinition } from "../model/dataset";
import type { DataIssue } from "../model/issues";
import type { FieldReader } from "./field-reader";
import { checkReference, IdIndex, locationFields, type Located } from "./references";

/** Fields a task record must have (canonical names). */
export const TASK_REQUIRED_FIELDS: readonly string[] = [
  "mission_id",
  "task_id",
  "name",
  "order",
  "estimated_minutes",
  "requires_approval",
];

/** Key of a (mission, task) pair. */
export const taskKey = (missionId: string, taskId: string): string => `${missionId}\u0000${taskId}`;

interface PendingDependencies {
  readonly missionId: string;
  readonly taskId: string;
  readonly dependsOn: readonly string[];
  readonly location: RecordLocation;
  readonly field: string;
}

/** Task definitions read so far. */
export class TaskTable {
  /** (mission, task) keys seen → estimated minutes (NaN when the estimate was invalid). */
  readonly keys = new IdIndex<number>();
  private readonly valid: Located<TaskDefinition>[] = [];
  private readonly pending: PendingDependencies[] = [];

  /** Validates one canonical task record (with its own `mission_id`). */
  addRecord(reader: FieldReader, missions: IdIndex<true>): void {
    const missionId = reader.requiredText("mission_id");
    const known =
      missionId !== undefined && checkReference(reader, "mission_id", missionId, missions, "mission");
    this.addTask(reader, missionId, known);
  }

  /**
   * Validates one task of mission `missionId` (already checked by the caller; `missionKnown` tells
   * whether it exists): task_id, name, order (integer ≥ 1), estimated_minutes (≥ 0),
   * requires_approval (boolean) required; depends_on optional (ids of tasks of the same mission,
   * checked in {@link checkDependencies}). A task id repeated within a mission is fatal.
   */
  addTask(reader: FieldReader, missionId: string | undefined, missionKnown: boolean): void {
    const taskId = reader.requiredText("task_id");
    const name = reader.requiredText("name");
    const order = reader.number("order", { min: 1, integer: true }, true);
    const dependsOn = reader.idList("depends_on");
    const estimatedMinutes = reader.number("estimated_minutes", { min: 0 }, true);
    const requiresApproval = reader.boolean("requires_approval", true);
    if (missionId === undefined || taskId === undefined) return;
    const label = `${taskId} of mission ${missionId}`;
    if (
      !this.keys.register(
        reader,
        "task_id",
        taskKey(missionId, taskId),
        estimatedMinutes ?? Number.NaN,
        "task",
        label,
      )
    ) {
      return;
    }
    if (dependsOn !== undefined && dependsOn.length > 0) {
      this.pending.push({
        missionId,
        taskId,
        dependsOn,
        location: reader.record.location,
        field: reader.fieldName("depends_on"),
      });
    }
    if (
      reader.failed ||
      !missionKnown ||
      name === undefined ||
      order === undefined ||
      dependsOn === undefined ||
      estimatedMinutes === undefined ||
      requiresApproval === undefined
    ) {
      return;
    }
    this.valid.push({
      value: { missionId, taskId, name, order, dependsOn, estimatedMinutes, requiresApproval },
      location: reader.record.location,
    });
  }

  /**
   * Reports a fatal `unknown_reference` for every `depends_on` id that is not a task of the same
   * mission, and `bad_dependency` for a task depending on itself. Call once all tasks are read.
   */
  checkDependencies(sink: (issue: DataIssue) => void): void {
    if (!this.keys.complete) return;
    for (const p of this.pending) {
      for (const dep of p.dependsOn) {
        const self = dep === p.taskId;
        if (!self && this.keys.has(taskKey(p.missionId, dep))) continue;
        sink({
          severity: "error",
          code: self ? "bad_dependency" : "unknown_reference",
          ...locationFields(p.location),
          field: p.field,
          expected: `ids of other tasks of mission ${p.missionId}`,
          found: describeFound(dep),
          message: self
            ? `task ${p.taskId} depends on itself`
            : `task ${p.taskId} depends on ${dep}, which is not a task of mission ${p.missionId}`,
        });
      }
    }
  }

  /** Valid task definitions, in input order. */
  get tasks(): readonly Located<TaskDefinition>[] {
    return this.valid;
  }
}
