/**
 * The loader lays the fold's slots out in dataset order (runs by start, tasks by order) before it
 * reads the task executions, so the fold's columns become `Dataset.runTaskStats` without a copy or
 * a reordering, whatever the order of the files.
 */
import { describe, expect, it } from "vitest";
import { loadDataset, type Dataset } from "../../lib/src/index";
import { baseTables, writeTables } from "../helpers/dataset-files";

/** The base tables without R3's execution of T3, with the runs in the given order. */
function tables(runOrder: readonly string[]): ReturnType<typeof baseTables> {
  const base = baseTables();
  return {
    ...base,
    runs: runOrder.map((id) => base.runs.find((r) => r.run_id === id)!),
    task_executions: base.task_executions.filter((e) => !(e.run_id === "R3" && e.task_id === "T3")),
  };
}

const summary = (d: Dataset) =>
  d.runTaskStats.toArray().map((s) => [s.runId, s.taskId, s.executions, s.actualMinutes, s.overrunMinutes]);

// Dataset order is by start instant: R1 (02-01 14:05Z), R3 (02-02 10:10Z), R2 (02-03 12:42Z).
// By hand from the base executions (estimates T1 5 and T2 10 in M1, T1 2 in M2):
// R1/T1 6 min (overrun 1); R1/T2 16 + 4 = 20 over 2 executions (overrun 6);
// R3/T1 3 (overrun 1); R2/T1 5 (overrun 0); R2/T2 11 (overrun 1).
const EXPECTED = [
  ["R1", "T1", 1, 6, 1],
  ["R1", "T2", 2, 20, 6],
  ["R3", "T1", 1, 3, 1],
  ["R2", "T1", 1, 5, 0],
  ["R2", "T2", 1, 11, 1],
];

describe("the run-task table the loader builds", () => {
  it("takes the fold's columns as they are, whatever the order of the runs file", async () => {
    for (const order of [
      ["R1", "R3", "R2"],
      ["R1", "R2", "R3"],
      ["R2", "R3", "R1"],
    ]) {
      const dataset = await loadDataset(writeTables(tables(order)));
      expect(summary(dataset)).toEqual(EXPECTED);
      // 2 tasks × 3 runs, 5 executed: one entry per executed (run, task).
      expect(dataset.runTaskStats.columns.actualMinutes.length).toBe(5);
      expect([...dataset.runTaskStats.columns.runOffsets]).toEqual([0, 2, 3, 5]);
      expect(dataset.runs.map((r) => dataset.runTaskStats.runIndexOf(r.runId))).toEqual([0, 1, 2]);
      expect(dataset.runTaskStats.alignedWith(dataset.runs)).toBe(true);
    }
  });

  it("orders each run's tasks by their order in the plan, whatever the order of the tasks file", async () => {
    const t = tables(["R2", "R1", "R3"]);
    const dataset = await loadDataset(writeTables({ ...t, tasks: [...t.tasks].reverse() }));
    expect(summary(dataset)).toEqual(EXPECTED);
  });
});
