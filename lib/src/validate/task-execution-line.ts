/**
 * The fastest path for a task execution written as a CSV line: the line's text is read in place —
 * cells compared to the ids already known and numbers read digit by digit — so a well-formed row
 * costs no string at all. Anything else (a quote, a padded or blank cell, an unusual number or
 * boolean, an unknown id) makes it give up, having changed nothing, and the row is split and
 * validated the ordinary way. It accepts exactly the rows the ordinary fast path accepts and folds
 * the same values.
 */
import { detached } from "../io/csv-parser";
import { TASK_OUTCOMES } from "../model/dataset";
import { plainDecimal } from "./field-parsers";
import {
  isUnsuccessful,
  type MissionSlots,
  type RunTaskAccumulator,
  type TaskSlot,
} from "./run-task-accumulator";
import type { TaskExecutionLayout } from "./task-execution-fast";

/** Exact powers of ten 10^0 … 10^22 (each exactly representable as a double). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Whether `text[start, end)` spells `word`: the length and the last and first characters are
 * compared before the whole (ids of a mission usually differ in their last character).
 */
function spells(text: string, start: number, end: number, word: string): boolean {
  const n = word.length;
  if (end - start !== n) return false;
  if (n === 0) return true;
  return (
    text.charCodeAt(end - 1) === word.charCodeAt(n - 1) &&
    text.charCodeAt(start) === word.charCodeAt(0) &&
    text.startsWith(word, start)
  );
}

/** A span with nothing a trim would remove (printable ASCII other than space at both ends). */
function untrimmed(text: string, start: number, end: number): boolean {
  const a = text.charCodeAt(start);
  const b = text.charCodeAt(end - 1);
  return end > start && a > 32 && a < 127 && b > 32 && b < 127;
}

/**
 * Minutes written in `text[start, end)`: digits with an optional point and decimals are read in
 * place (at most 15 significant digits and 22 decimals: the integer and 10^decimals are exact
 * doubles, so one division gives the correctly rounded value, the one `Number` gives); any other
 * spelling goes through `plainDecimal`. NaN unless a finite number ≥ 0.
 */
function minutes(text: string, start: number, end: number): number {
  let value = 0;
  let digits = 0;
  let decimals = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      if (value !== 0) digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0 && i > start) {
      decimals = 0;
    } else {
      decimals = -2; // not the simple form
      break;
    }
  }
  if (decimals !== -2 && end > start && digits <= 15 && decimals <= 22) {
    return decimals > 0 ? value / POW10[decimals]! : value;
  }
  const parsed = plainDecimal(text.slice(start, end));
  return parsed >= 0 && parsed !== Infinity ? parsed : Number.NaN;
}

/** A CSV boolean in `text[start, end)`: 1 true, 0 false, −1 not in its plain lower-case form. */
function flag(text: string, start: number, end: number): number {
  if (spells(text, start, end, "true") || spells(text, start, end, "1") || spells(text, start, end, "yes"))
    return 1;
  if (spells(text, start, end, "false") || spells(text, start, end, "0") || spells(text, start, end, "no"))
    return 0;
  return -1;
}

/**
 * Folds quote-free task-execution lines of one CSV file into an accumulator (see the module doc).
 * Create it once the header is known.
 *
 * @example
 * const folder = new TaskLineFolder(layout, accumulator, header.length);
 * folder.tryFold("R1,T1,A1,6,false,0,completed", 0, 29) // → true when R1 and T1 are known
 */
export class TaskLineFolder {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private lastRunId = "";
  private lastRun: number | undefined;
  /** Agents seen per task (by `serial`; a handful each): a known agent costs a comparison. */
  private readonly agents: string[][];
  private readonly taskLists = new Map<MissionSlots, TaskSlot[]>();

  /**
   * @param layout column positions of the fields (from the header)
   * @param acc the accumulator to fold into
   * @param columns number of columns of the header
   */
  constructor(
    private readonly layout: TaskExecutionLayout,
    private readonly acc: RunTaskAccumulator,
    private readonly columns: number,
  ) {
    this.starts = new Int32Array(columns);
    this.ends = new Int32Array(columns);
    this.agents = Array.from({ length: acc.taskCount }, (): string[] => []);
  }

  /** Folds the line `text[start, end)` when it is a well-formed row; false (nothing done) otherwise. */
  tryFold(text: string, start: number, end: number): boolean {
    const col = this.layout.columns;
    if (col.run < 0 || col.task < 0 || col.actual < 0 || col.approval < 0 || col.delay < 0 || col.outcome < 0)
      return false;
    const starts = this.starts;
    const ends = this.ends;
    let from = start;
    for (let i = 0; i < this.columns; i++) {
      const comma = i === this.columns - 1 ? -1 : text.indexOf(",", from);
      if (i < this.columns - 1 && (comma === -1 || comma >= end)) return false; // too few cells
      starts[i] = from;
      ends[i] = comma === -1 ? end : comma;
      from = ends[i]! + 1;
    }
    const lastComma = text.indexOf(",", starts[this.columns - 1]!);
    if (lastComma !== -1 && lastComma < end) return false; // too many cells
    const run = this.run(text, starts[col.run]!, ends[col.run]!);
    if (run === undefined) return false;
    const mission = this.acc.missionSlots(run);
    if (!mission) return false;
    const task = this.task(mission, text, starts[col.task]!, ends[col.task]!);
    if (!task) return false;
    const actual = minutes(text, starts[col.actual]!, ends[col.actual]!);
    const delay = minutes(text, starts[col.delay]!, ends[col.delay]!);
    const approval = flag(text, starts[col.approval]!, ends[col.approval]!);
    if (Number.isNaN(actual) || Number.isNaN(delay) || approval < 0) return false;
    const outcome = this.outcome(text, starts[col.outcome]!, ends[col.outcome]!);
    if (outcome === undefined) return false;
    if (col.mission >= 0) {
      const s = starts[col.mission]!;
      const e = ends[col.mission]!;
      if (e > s && !spells(text, s, e, mission.missionId)) return false;
    }
    let agent: string | undefined;
    if (col.agent >= 0) {
      const s = starts[col.agent]!;
      const e = ends[col.agent]!;
      if (e > s) {
        agent = this.agent(task, text, s, e);
        if (agent === undefined) return false;
      }
    }
    this.acc.fold(run, task, agent, actual, approval === 1, delay, isUnsuccessful(outcome));
    return true;
  }

  private run(text: string, start: number, end: number): number | undefined {
    if (end > start && spells(text, start, end, this.lastRunId)) return this.lastRun;
    const runId = text.slice(start, end);
    this.lastRunId = runId;
    this.lastRun = this.acc.runIndex(runId);
    return this.lastRun;
  }

  private task(mission: MissionSlots, text: string, start: number, end: number): TaskSlot | undefined {
    let list = this.taskLists.get(mission);
    if (!list) {
      list = [...mission.tasks.values()];
      this.taskLists.set(mission, list);
    }
    for (const task of list) if (spells(text, start, end, task.taskId)) return task;
    return undefined;
  }

  private outcome(text: string, start: number, end: number): string | undefined {
    for (const outcome of TASK_OUTCOMES) if (spells(text, start, end, outcome)) return outcome;
    return undefined;
  }

  /** The agent (nothing to trim), the same string as before when the task has seen it. */
  private agent(task: TaskSlot, text: string, start: number, end: number): string | undefined {
    const known = this.agents[task.serial]!;
    for (const agent of known) if (spells(text, start, end, agent)) return agent;
    if (!untrimmed(text, start, end)) return undefined;
    const agent = detached(text.slice(start, end)); // kept by the aggregates: not a view of the chunk
    if (known.length < 8) known.push(agent);
    return agent;
  }
}
