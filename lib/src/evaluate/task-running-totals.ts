/**
 * One task's running sums over a mission series: after each entry, the totals of the task's
 * aggregates over the runs so far, so that totals up to any prefix are read in constant time.
 */
import type { RunTaskStat } from "../model/dataset";
import type { RunTaskStatColumns } from "../model/run-task-stat-table";

/** Sums of a task's aggregates over the runs in which it has one. */
export interface TaskTotals {
  readonly runs: number;
  readonly executions: number;
  readonly actual: number;
  readonly delay: number;
  readonly overrun: number;
  readonly overrunCount: number;
}

const FIELDS = ["runs", "executions", "actual", "delay", "overrun", "overrunCount"] as const;

/**
 * Running sums of one task (index n: the totals over the first n entries). Sums are formed left to
 * right, in entry order.
 *
 * @example
 * const t = new TaskRunningTotals();
 * t.pushStat(0, { executions: 2, actualMinutes: 9, humanDelayMinutes: 1, overrunMinutes: 3, overrunCount: 1 });
 * t.pushStat(1, undefined);
 * t.at(2) // → { runs: 1, executions: 2, actual: 9, delay: 1, overrun: 3, overrunCount: 1 }
 */
export class TaskRunningTotals {
  private readonly sums: Record<(typeof FIELDS)[number], number[]> = {
    runs: [0],
    executions: [0],
    actual: [0],
    delay: [0],
    overrun: [0],
    overrunCount: [0],
  };

  /** The totals over the first `n` entries. */
  at(n: number): TaskTotals {
    const s = this.sums;
    return {
      runs: s.runs[n]!,
      executions: s.executions[n]!,
      actual: s.actual[n]!,
      delay: s.delay[n]!,
      overrun: s.overrun[n]!,
      overrunCount: s.overrunCount[n]!,
    };
  }

  /** Keeps the totals over the first `n` entries only. */
  truncate(n: number): void {
    for (const f of FIELDS) this.sums[f].length = n + 1;
  }

  /** Extends the sums (holding i + 1 values) with entry `i`'s aggregate of the task (none: zeros). */
  pushStat(
    i: number,
    s:
      | Pick<
          RunTaskStat,
          "executions" | "actualMinutes" | "humanDelayMinutes" | "overrunMinutes" | "overrunCount"
        >
      | undefined,
  ): void {
    if (!s) this.push(i, 0, 0, 0, 0, 0, 0);
    else
      this.push(i, 1, s.executions, s.actualMinutes, s.humanDelayMinutes, s.overrunMinutes, s.overrunCount);
  }

  /** {@link pushStat} with the aggregate at entry `k` of a run-task table (−1: none). */
  pushTableEntry(i: number, c: RunTaskStatColumns, k: number): void {
    if (k < 0) this.push(i, 0, 0, 0, 0, 0, 0);
    else {
      this.push(
        i,
        1,
        c.executions[k]!,
        c.actualMinutes[k]!,
        c.humanDelayMinutes[k]!,
        c.overrunMinutes[k]!,
        c.overrunCount[k]!,
      );
    }
  }

  private push(
    i: number,
    runs: number,
    executions: number,
    actual: number,
    delay: number,
    overrun: number,
    overrunCount: number,
  ): void {
    const s = this.sums;
    s.runs.push(s.runs[i]! + runs);
    s.executions.push(s.executions[i]! + executions);
    s.actual.push(s.actual[i]! + actual);
    s.delay.push(s.delay[i]! + delay);
    s.overrun.push(s.overrun[i]! + overrun);
    s.overrunCount.push(s.overrunCount[i]! + overrunCount);
  }
}
