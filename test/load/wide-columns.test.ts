/**
 * The run-task columns of counts and agent-list ids are 16 bits wide while every value fits, and
 * are widened to 32 bits — with DuckDB on one thread or two — as soon as one does not.
 */
import { describe, expect, it } from "vitest";
import { loadDataset, type RunTaskStat } from "../../lib/src/index";
import { baseTables, writeTables, type Row } from "../helpers/dataset-files";

const BUSY = 66_000; // executions of R0's task: more than a 16-bit count holds
const RUNS = 70_000; // runs R1… with an agent each: more agent lists than a 16-bit id holds

/** Mission M1 (task T1, 1 minute) with run R0 executing T1 BUSY times and R1…R70000 once each. */
function tables(): ReturnType<typeof baseTables> {
  const base = baseTables();
  const run = (i: number): Row => ({
    ...base.runs[0]!,
    run_id: `R${i}`,
    start_time: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    end_time: new Date(Date.UTC(2026, 0, 1) + i * 60_000 + 30_000).toISOString(),
  });
  const execution = (i: number, agent: string): Row => ({
    run_id: `R${i}`,
    task_id: "T1",
    agent_id: agent,
    actual_minutes: 2,
    approval_required: true,
    human_delay_minutes: 1,
    outcome: "failed",
    mission_id: "M1",
  });
  return {
    ...base,
    missions: base.missions.filter((m) => m.mission_id === "M1"),
    kpis: base.kpis.filter((k) => k.mission_id === "M1"),
    tasks: [{ ...base.tasks[0]!, estimated_minutes: 1 }],
    runs: Array.from({ length: RUNS + 1 }, (_, i) => run(i)),
    task_executions: [
      ...Array.from({ length: BUSY }, () => execution(0, "A")),
      ...Array.from({ length: RUNS }, (_, i) => execution(i + 1, `A${i + 1}`)),
    ],
    risk_events: [],
  };
}

describe("16-bit run-task columns", () => {
  it("widen a count past 65,535 and an agent-list id past 65,535, with DuckDB on one thread or two", async () => {
    const dir = writeTables(tables());
    for (const threads of [1, 2]) {
      const dataset = await loadDataset(dir, { threads });
      const stats = dataset.runTaskStats;
      // By hand, for R0: 66,000 executions of 2 minutes (estimate 1), each with approval, 1 minute
      // of delay and outcome failed.
      const busy: RunTaskStat = {
        runId: "R0",
        missionId: "M1",
        taskId: "T1",
        executions: BUSY,
        actualMinutes: 2 * BUSY,
        humanDelayMinutes: BUSY,
        approvalDelayMinutes: BUSY,
        approvalRequiredCount: BUSY,
        overrunMinutes: BUSY,
        overrunCount: BUSY,
        unsuccessfulCount: BUSY,
        agents: ["A"],
      };
      expect(stats.forRun(0)).toEqual([busy]);
      expect(stats.forRun(RUNS)[0]?.agents).toEqual([`A${RUNS}`]);
      expect(stats.columns.executions).toBeInstanceOf(Uint32Array);
      expect(stats.columns.agents).toBeInstanceOf(Uint32Array);
      expect(dataset.taskExecutionCount).toBe(BUSY + RUNS);
    }
  });

  it("stay 16 bits wide when every value fits", async () => {
    const dataset = await loadDataset(writeTables(baseTables()));
    const c = dataset.runTaskStats.columns;
    for (const column of [
      c.task,
      c.executions,
      c.approvalRequiredCount,
      c.overrunCount,
      c.unsuccessfulCount,
      c.agents,
    ])
      expect(column).toBeInstanceOf(Uint16Array);
  });
});
