/**
 * The bundle's decomposed_mission_tasks rows: one row per mission, its plan in a nested `tasks`
 * array.
 */
import { describeFound } from "../io/describe-found";
import type { DataIssue } from "../model/issues";
import { FieldReader, type FieldAliases } from "./field-reader";
import { checkReference, type IdIndex } from "./references";
import type { TaskTable } from "./tasks";

/**
 * Validates one decomposed_mission_tasks row: mission_id (a known mission) and a `tasks` array of
 * task objects, each validated like a canonical task (fields named `tasks[i].<field>` in issues,
 * `i` 0-based).
 */
export function addBundleTaskGroup(
  reader: FieldReader,
  table: TaskTable,
  missions: IdIndex<true>,
  aliases: FieldAliases,
  sink: (issue: DataIssue) => void,
): void {
  const missionId = reader.requiredText("mission_id");
  const known =
    missionId !== undefined && checkReference(reader, "mission_id", missionId, missions, "mission");
  const tasks = reader.raw("tasks");
  if (!Array.isArray(tasks)) {
    reader.error({
      code: tasks === undefined || tasks === null ? "missing_field" : "bad_type",
      field: "tasks",
      expected: "an array of task objects",
      found: describeFound(tasks),
      message: "the mission's task list is missing",
    });
    return;
  }
  tasks.forEach((task: unknown, i) => {
    const prefix = `tasks[${i}].`;
    if (task === null || typeof task !== "object" || Array.isArray(task)) {
      reader.error({
        code: "not_an_object",
        field: `tasks[${i}]`,
        expected: "a task object",
        found: describeFound(task),
        message: "each element of tasks must be an object",
      });
      return;
    }
    const child = new FieldReader(
      { values: task as Record<string, unknown>, location: reader.record.location, textual: false },
      sink,
      aliases,
      prefix,
    );
    table.addTask(child, missionId, known);
  });
}
