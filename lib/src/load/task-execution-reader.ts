/**
 * Streams task executions out of a task-execution table file, so that millions of rows are
 * validated and folded without being held: one at a time as validated records, or folded straight
 * into run-task aggregates (the loader's path).
 */
import type { DataIssue } from "../model/issues";
import type { RunTaskStat } from "../model/dataset";
import { recordMaker } from "../io/record-shape";
import { runScan, type RowVisitor } from "../io/row-visitor";
import { issueSink, type ReadOptions, type SourceRecord, type TableFile } from "../io/source-record";
import { readTableRecords, scanTableFile } from "../io/table-reader";
import { aliasesFor } from "../validate/field-aliases";
import { FieldReader } from "../validate/field-reader";
import { checkCsvHeader } from "../validate/header-check";
import { RunTaskAccumulator } from "../validate/run-task-accumulator";
import { foldCellsFast, foldObjectFast, TaskExecutionLayout } from "../validate/task-execution-fast";
import { TaskLineFolder } from "../validate/task-execution-line";
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

/** What {@link foldTaskExecutionFile} returns. */
export interface FoldedExecutions {
  /** One aggregate per (run, task) executed, grouped by run in the order of `context.runs`. */
  readonly stats: RunTaskStat[];
  /** Valid executions folded (rows with a problem are reported, not counted). */
  readonly count: number;
}

/** A visitor folding task executions into an accumulator, and what it saw. */
export interface ExecutionVisitor {
  readonly visitor: RowVisitor;
  /** Rows that did not take a fast path (detailed validation: unusual spelling or a problem). */
  readonly slowRows: () => number;
}

/**
 * The row visitor of a task-execution fold: well-formed rows take an allocation-free fast path,
 * any other row the detailed validation, which reports its problems to `sink`. `onHeader` sees the
 * CSV header's names as the reader read them.
 */
export function executionVisitor(
  file: TableFile,
  accumulator: RunTaskAccumulator,
  context: TaskExecutionContext,
  sink: (issue: DataIssue) => void,
  onHeader?: (header: readonly (string | undefined)[]) => void,
): ExecutionVisitor {
  const aliases = aliasesFor(file.table);
  const layout = new TaskExecutionLayout(aliases);
  let makeValues = recordMaker([]);
  let slow = 0;
  const detailed = (record: SourceRecord): void => {
    slow++;
    const execution = validateTaskExecution(new FieldReader(record, sink, aliases), context);
    if (!execution) return;
    if (context.tasks) accumulator.add(execution);
    else accumulator.count++; // no task definitions: validated and counted, nothing to fold
  };
  const fast = context.tasks !== undefined;
  let lines: TaskLineFolder | undefined;
  const visitor: RowVisitor = {
    header: (header) => {
      makeValues = recordMaker(header);
      layout.setHeader(header);
      if (fast) lines = new TaskLineFolder(layout, accumulator, header.length);
      onHeader?.(header);
    },
    line: (text, start, end) => lines !== undefined && lines.tryFold(text, start, end),
    cells: (cells, line) => {
      if (fast && foldCellsFast(cells, layout, accumulator)) return;
      detailed({ values: makeValues(cells), location: { file: file.path, line }, textual: true });
    },
    object: (values, at) => {
      if (fast && foldObjectFast(values, layout, accumulator)) return;
      const location = file.format === "json" ? { file: file.path, row: at } : { file: file.path, line: at };
      detailed({ values, location, textual: false });
    },
  };
  return { visitor, slowRows: () => slow };
}

/**
 * Folds a task-execution table file into run-task aggregates as it streams, against the known runs
 * and tasks in `accumulator`. Well-formed rows take an allocation-free fast path; any other row
 * goes through the detailed validation, which reports its problems to `sink` exactly as
 * {@link readTaskExecutions} does. Memory grows with runs × tasks, never with rows.
 */
export async function foldExecutionsInto(
  file: TableFile,
  accumulator: RunTaskAccumulator,
  context: TaskExecutionContext,
  options: ReadOptions & { readonly onIssue: (issue: DataIssue) => void },
): Promise<void> {
  await runScan(
    scanTableFile(
      file,
      executionVisitor(file, accumulator, context, options.onIssue).visitor,
      checkedHeader(file, options),
    ),
  );
}

/** `options` with the task-execution header check before the caller's `onHeader`. */
export function checkedHeader(
  file: TableFile,
  options: ReadOptions & { readonly onIssue: (issue: DataIssue) => void },
): ReadOptions {
  const aliases = aliasesFor(file.table);
  return {
    ...options,
    onHeader: (columns, location) => {
      checkCsvHeader(columns, TASK_EXECUTION_REQUIRED_FIELDS, location, options.onIssue, aliases);
      options.onHeader?.(columns, location);
    },
  };
}

/**
 * Folds the task executions of `file` (CSV, JSON or NDJSON; the bundle's `task_execution_logs.json`
 * with its field names) into one aggregate per (run, task), validating every row against `context`
 * as {@link readTaskExecutions} does, without keeping rows. Without task definitions
 * (`context.tasks` undefined) valid executions are counted but nothing is folded.
 *
 * Throws `DatasetLoadError` on the first problem when `options.onIssue` is not given.
 *
 * @example
 * const ctx = createTaskExecutionContext(dataset.runs, dataset.tasks);
 * const { stats, count } = await foldTaskExecutionFile({ table: "task_executions", path: "te.csv", format: "csv" }, ctx);
 * count // → dataset.taskExecutionCount for the same file
 */
export async function foldTaskExecutionFile(
  file: TableFile,
  context: TaskExecutionContext,
  options: ReadOptions = {},
): Promise<FoldedExecutions> {
  const accumulator = new RunTaskAccumulator(context.runs, context.tasks ?? new Map());
  const counting: TaskExecutionContext = { ...context, runs: accumulator.runMissionMap };
  await foldExecutionsInto(file, accumulator, counting, {
    ...options,
    onIssue: issueSink(options, file.path),
  });
  return { stats: accumulator.stats(), count: accumulator.count };
}
