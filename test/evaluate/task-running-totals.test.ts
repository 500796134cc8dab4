import { describe, expect, it } from "vitest";
import { TaskRunningTotals } from "../../lib/src/index";

describe("TaskRunningTotals", () => {
  it("sums a task's aggregates over the entries so far (the doc example), and truncates", () => {
    const t = new TaskRunningTotals();
    t.pushStat(0, {
      executions: 2,
      actualMinutes: 9,
      humanDelayMinutes: 1,
      overrunMinutes: 3,
      overrunCount: 1,
    });
    t.pushStat(1, undefined);
    expect(t.at(2)).toEqual({ runs: 1, executions: 2, actual: 9, delay: 1, overrun: 3, overrunCount: 1 });
    t.pushStat(2, {
      executions: 1,
      actualMinutes: 0.5,
      humanDelayMinutes: 0,
      overrunMinutes: 0,
      overrunCount: 0,
    });
    // By hand: 9 + 0 + 0.5 = 9.5 minutes over 3 executions in 2 runs.
    expect(t.at(3)).toEqual({ runs: 2, executions: 3, actual: 9.5, delay: 1, overrun: 3, overrunCount: 1 });
    t.truncate(1);
    expect(t.at(1)).toEqual({ runs: 1, executions: 2, actual: 9, delay: 1, overrun: 3, overrunCount: 1 });
    expect(() => t.at(2).runs.toFixed()).toThrow();
  });
});
