import { describe, expect, it } from "vitest";
import {
  datasetFromInline,
  runStatsLookup,
  runTaskStatTableFrom,
  RunTaskStatTable,
  type RunTaskStat,
} from "../../lib/src/index";
import { seedM002 } from "../evaluate/helpers";

const stat = (runId: string, taskId: string, minutes: number): RunTaskStat => ({
  runId,
  missionId: "M1",
  taskId,
  executions: 1,
  actualMinutes: minutes,
  humanDelayMinutes: 1.5,
  approvalDelayMinutes: 0.5,
  approvalRequiredCount: 1,
  overrunMinutes: 0.25,
  overrunCount: 1,
  unsuccessfulCount: 0,
  agents: ["A1"],
});
const runs = [
  { runId: "R1", missionId: "M1" },
  { runId: "R2", missionId: "M1" },
  { runId: "R3", missionId: "M1" },
];

describe("RunTaskStatTable", () => {
  it("groups entries by run in run order and materialises them unchanged (doc example)", () => {
    const stats = [stat("R3", "T1", 3), stat("R1", "T2", 1), stat("R1", "T1", 2)];
    const t = runTaskStatTableFrom(stats, runs);
    expect(t).toBeInstanceOf(RunTaskStatTable);
    expect([t.length, t.at(0).taskId, t.forRun(0).length]).toEqual([3, "T2", 2]);
    expect(t.toArray()).toEqual([stats[1], stats[2], stats[0]]);
    expect([...t]).toEqual(t.toArray());
    expect([t.range(1), t.range(2), t.range(9)]).toEqual([
      { start: 2, end: 2 },
      { start: 2, end: 3 },
      { start: 0, end: 0 },
    ]);
    expect(t.runIndexOf("R3")).toBe(2);
    expect(() => t.at(3)).toThrow(RangeError);
    expect(runTaskStatTableFrom([], runs).length).toBe(0);
  });

  it("rejects a stat whose run is unknown and never modifies its input", () => {
    const stats = Object.freeze([stat("R9", "T1", 1)]);
    expect(() => runTaskStatTableFrom(stats, runs)).toThrow(/R9/);
  });

  it("looks up a run's entries by id, filtered (doc example)", () => {
    const t = runTaskStatTableFrom([stat("R1", "T1", 2), stat("R2", "T1", 4)], runs);
    expect(runStatsLookup(t).get("R1")).toEqual([stat("R1", "T1", 2)]);
    expect(runStatsLookup(t, (r) => r !== 1).get("R2")).toBeUndefined();
    expect(runStatsLookup(t).get("R3")).toBeUndefined();
    const ds = datasetFromInline([seedM002]);
    expect(runStatsLookup(ds.runTaskStats).get(ds.runs[0]!.runId)?.length).toBe(
      ds.runTaskStats.forRun(0).length,
    );
  });
});
