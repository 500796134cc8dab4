import { describe, expect, it } from "vitest";
import {
  datasetToFrames,
  KPI_COLUMNS,
  MISSION_COLUMNS,
  RISK_EVENT_COLUMNS,
  RUN_COLUMNS,
  RUN_TASK_STAT_COLUMNS,
  runFrameColumns,
  runTaskStatTableFrom,
  TASK_COLUMNS,
  type Dataset,
  type Run,
} from "../../lib/src/index";

const run = (runId: string, kpis: Record<string, number>): Run => ({
  runId,
  missionId: "m1",
  startTime: "2024-01-01T08:00:00Z",
  endTime: "2024-01-01T09:00:00Z",
  startMs: Date.parse("2024-01-01T08:00:00Z"),
  endMs: Date.parse("2024-01-01T09:00:00Z"),
  status: "completed",
  durationMinutes: 60,
  humanInterventions: 1,
  escalations: 0,
  riskFlagged: false,
  kpis,
});

const dataset = (): Dataset =>
  Object.freeze({
    source: { folder: "data/demo", format: "canonical", files: [], fingerprint: "f" },
    missions: [{ missionId: "m1", name: "Invoices", description: "Match invoices", aiRole: "recommend" }],
    kpis: [{ missionId: "m1", kpi: "cycle", direction: "lower_is_better", baseline: 10, primary: true }],
    tasks: [
      {
        missionId: "m1",
        taskId: "t2",
        name: "Approve",
        order: 2,
        dependsOn: ["t1"],
        estimatedMinutes: 15,
        requiresApproval: true,
      },
    ],
    runs: [run("r1", { cycle: 9, cost: 3.5 }), run("r2", { cycle: 8 })],
    runTaskStats: runTaskStatTableFrom([], []),
    riskEvents: [],
    taskExecutionCount: 0,
    warnings: [],
  } satisfies Dataset);

describe("runFrameColumns", () => {
  it("appends sorted kpi.<name> columns (doc example)", () => {
    expect(runFrameColumns([run("r", { cost: 1, cycle: 2 })]).slice(-2)).toEqual(["kpi.cost", "kpi.cycle"]);
    expect(runFrameColumns([]).length).toBe(RUN_COLUMNS.length);
  });
});

describe("datasetToFrames", () => {
  it("has kpi.<name> columns in the runs frame (doc example)", () => {
    expect(datasetToFrames(dataset()).runs.columns.includes("kpi.cost")).toBe(true);
  });

  it("gives every table its fixed columns, even when empty or sparse", () => {
    const ds = dataset();
    const copy = structuredClone(ds);
    const frames = datasetToFrames(ds);
    expect(frames.missions.columns).toEqual([...MISSION_COLUMNS]);
    expect(frames.missions.values).toEqual([
      ["m1", "Invoices", "Match invoices", null, "recommend", null, null, null, null, null, null, null],
    ]); // the six governance answers are absent: null
    expect(frames.kpis.columns).toEqual([...KPI_COLUMNS]);
    expect(frames.tasks.columns).toEqual([...TASK_COLUMNS]);
    expect(frames.tasks.column("dependsOn").values).toEqual(['["t1"]']);
    expect(frames.runs.shape).toEqual([2, RUN_COLUMNS.length + 2]);
    expect(frames.runs.column("kpi.cost").values).toEqual([3.5, null]);
    expect(frames.runs.column("kpi.cycle").values).toEqual([9, 8]);
    expect(frames.runTaskStats.shape).toEqual([0, RUN_TASK_STAT_COLUMNS.length]);
    expect(frames.riskEvents.columns).toEqual([...RISK_EVENT_COLUMNS]);
    expect(ds).toEqual(copy);
  });
});
