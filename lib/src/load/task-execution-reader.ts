/**
 * Streams validated task executions out of a task-execution table file, one at a time, so that
 * millions of rows can be folded without being held.
 */
import { issueSink, type ReadOptions, type TableFile } from "../io/source-record";
import { readTableRecords } from "../io/table-reader";
import { aliasesFor } from "../validate/field-aliases";
import { FieldReader } from "../validate/field-reader";
import { checkCsvHeader } from "../validate/header-check";
import {
  TASK_EXECUTION_REQUIRED_FIELDS,
  validateTaskExecution,
  type TaskExecution,
  type TaskExecutionContext,
} from "../validate/task-executions";

/**
 * Streams the valid task executions of a `task_executions` table file (CSV, JSON or NDJSON) or of
 * the bundle's `task_execution_logs.json` (bundle field names), checked against `context` (known
 * runs and tasks). Invalid records are reported through `options.onIssue` (with file, line or
 * row, field, expected and found) and not yielded. Nothing is accumulated: memory stays flat
 * whatever the number of rows.
 *
 * Throws `DatasetLoadError` on the first problem when `options.onIssue` is not given.
 *
 * @example
 * const ctx = createTaskExecutionContext(dataset.runs, dataset.tasks);
 * const folder = new RunTaskStatFolder(dataset.tasks);
 * for await (const e of readTaskExecutions({ table: "task_executions", path: "task_executions.csv", format: "csv" }, ctx)) {
 *   folder.add(e);
 * }
 * folder.executionCount // → the number of rows
 */
export async function* readTaskExecutions(
  file: TableFile,
  context: TaskExecutionContext,
  options: ReadOptions = {},
): AsyncGenerator<TaskExecution, void, undefined> {
  const sink = issueSink(options, file.path);
  const aliases = aliasesFor(file.table);
  const records = readTableRecords(file, {
    ...options,
    onIssue: sink,
    onHeader: (columns, location) => {
      checkCsvHeader(columns, TASK_EXECUTION_REQUIRED_FIELDS, location, sink, aliases);
      options.onHeader?.(columns, location);
    },
  });
  for await (const record of records) {
    const execution = validateTaskExecution(new FieldReader(record, sink, aliases), context);
    if (execution) yield execution;
  }
}
