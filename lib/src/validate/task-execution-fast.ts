/**
 * The fast path of task-execution validation: a well-formed row is checked and folded straight
 * from its cells (CSV) or object (JSON, NDJSON), allocating nothing. Anything unusual — a blank or
 * padded value, an unknown id, a bad number, a mismatched mission — makes it return false, and the
 * caller then runs the detailed validation (`validateTaskExecution`), which produces the messages.
 * Both paths accept exactly the same rows and fold the same values.
 */
import { TASK_OUTCOMES } from "../model/dataset";
import { plainDecimal } from "./field-parsers";
import type { FieldAliases } from "./field-reader";
import { isUnsuccessful, type RunTaskAccumulator } from "./run-task-accumulator";

const OUTCOMES: ReadonlySet<string> = new Set(TASK_OUTCOMES);

/** A CSV cell as minutes ≥ 0 (see `plainDecimal`), or NaN. */
function cellMinutes(text: string): number {
  const value = plainDecimal(text);
  return value >= 0 && value !== Infinity ? value : Number.NaN;
}

/** A CSV boolean cell: 1 true, 0 false, −1 not recognised. */
function cellBoolean(text: string): number {
  switch (text) {
    case "true":
    case "1":
    case "yes":
      return 1;
    case "false":
    case "0":
    case "no":
      return 0;
  }
  const word = text.trim().toLowerCase();
  if (word === "true" || word === "1" || word === "yes") return 1;
  if (word === "false" || word === "0" || word === "no") return 0;
  return -1;
}

/** A JSON value as minutes ≥ 0, or NaN. */
function jsonMinutes(raw: unknown): number {
  return typeof raw === "number" && raw >= 0 && raw !== Infinity ? raw : Number.NaN;
}

/** An optional text value: undefined when absent or blank, the trimmed text, or null when not text. */
function optionalText(raw: unknown): string | undefined | null {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "string") return null;
  const text = raw.trim();
  return text === "" ? undefined : text;
}

/**
 * Where the task-execution fields are in a file: CSV column positions (−1 when absent) or JSON
 * property names (bundle aliases applied).
 */
export class TaskExecutionLayout {
  readonly run: string;
  readonly task: string;
  readonly agent: string;
  readonly actual: string;
  readonly approval: string;
  readonly delay: string;
  readonly outcome: string;
  readonly mission: string;
  /** CSV column of each field (set from the header). */
  columns = { run: -1, task: -1, agent: -1, actual: -1, approval: -1, delay: -1, outcome: -1, mission: -1 };

  /** @param aliases canonical → on-disk field names (bundle files) */
  constructor(aliases: FieldAliases) {
    const name = (field: string): string => aliases[field] ?? field;
    this.run = name("run_id");
    this.task = name("task_id");
    this.agent = name("agent_id");
    this.actual = name("actual_minutes");
    this.approval = name("approval_required");
    this.delay = name("human_delay_minutes");
    this.outcome = name("outcome");
    this.mission = name("mission_id");
  }

  /** Sets the CSV column positions from the header's names. */
  setHeader(names: readonly (string | undefined)[]): void {
    const at = (field: string): number => names.indexOf(field);
    this.columns = {
      run: at(this.run),
      task: at(this.task),
      agent: at(this.agent),
      actual: at(this.actual),
      approval: at(this.approval),
      delay: at(this.delay),
      outcome: at(this.outcome),
      mission: at(this.mission),
    };
  }
}

/**
 * Validates and folds one CSV row when it is well formed (every required column present, ids
 * known exactly, values in their plain form). Returns false, having changed nothing, otherwise.
 */
export function foldCellsFast(
  cells: readonly string[],
  layout: TaskExecutionLayout,
  acc: RunTaskAccumulator,
): boolean {
  const col = layout.columns;
  if (col.run < 0 || col.task < 0 || col.actual < 0 || col.approval < 0 || col.delay < 0 || col.outcome < 0)
    return false;
  const run = acc.runIndex(cells[col.run]!);
  if (run === undefined) return false;
  const mission = acc.missionSlots(run);
  const task = mission?.tasks.get(cells[col.task]!);
  if (mission === undefined || task === undefined) return false;
  const actual = cellMinutes(cells[col.actual]!);
  const delay = cellMinutes(cells[col.delay]!);
  const approval = cellBoolean(cells[col.approval]!);
  const outcome = cells[col.outcome]!;
  if (Number.isNaN(actual) || Number.isNaN(delay) || approval < 0 || !OUTCOMES.has(outcome)) return false;
  const agent = col.agent < 0 ? undefined : optionalText(cells[col.agent]);
  if (col.mission >= 0) {
    const stated = optionalText(cells[col.mission]);
    if (stated !== undefined && stated !== mission.missionId) return false;
  }
  acc.fold(run, task, agent ?? undefined, actual, approval === 1, delay, isUnsuccessful(outcome));
  return true;
}

/**
 * Validates and folds one JSON object when it is well formed (typed values, ids known exactly).
 * Returns false, having changed nothing, otherwise.
 */
export function foldObjectFast(
  values: Readonly<Record<string, unknown>>,
  layout: TaskExecutionLayout,
  acc: RunTaskAccumulator,
): boolean {
  const runId = values[layout.run];
  const taskId = values[layout.task];
  if (typeof runId !== "string" || typeof taskId !== "string") return false;
  const run = acc.runIndex(runId);
  if (run === undefined) return false;
  const mission = acc.missionSlots(run);
  const task = mission?.tasks.get(taskId);
  if (mission === undefined || task === undefined) return false;
  const actual = jsonMinutes(values[layout.actual]);
  const delay = jsonMinutes(values[layout.delay]);
  const approval = values[layout.approval];
  const outcome = values[layout.outcome];
  if (Number.isNaN(actual) || Number.isNaN(delay) || typeof approval !== "boolean") return false;
  if (typeof outcome !== "string" || !OUTCOMES.has(outcome)) return false;
  const agent = optionalText(values[layout.agent]);
  if (agent === null) return false;
  const stated = optionalText(values[layout.mission]);
  if (stated === null || (stated !== undefined && stated !== mission.missionId)) return false;
  acc.fold(run, task, agent, actual, approval, delay, isUnsuccessful(outcome));
  return true;
}
