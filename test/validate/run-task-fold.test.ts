import { describe, expect, it } from "vitest";
import {
  foldTaskExecution,
  RunTaskStatFolder,
  type RunTaskStat,
  type TaskExecution,
} from "../../lib/src/index";

const exec = (over: Partial<TaskExecution>): TaskExecution => ({
  runId: "R1",
  missionId: "M1",
  taskId: "T1",
  actualMinutes: 0,
  approvalRequired: false,
  humanDelayMinutes: 0,
  outcome: "completed",
  ...over,
});

describe("foldTaskExecution", () => {
  it("folds executions into hand-computed sums (the @example)", () => {
    const first = foldTaskExecution(
      undefined,
      exec({
        agentId: "A2",
        actualMinutes: 16,
        approvalRequired: true,
        humanDelayMinutes: 7,
        outcome: "approved",
      }),
      10,
    );
    const both = foldTaskExecution(
      first,
      exec({
        agentId: "A1",
        actualMinutes: 8,
        approvalRequired: false,
        humanDelayMinutes: 1,
        outcome: "failed",
      }),
      10,
    );
    expect(both).toStrictEqual({
      runId: "R1",
      missionId: "M1",
      taskId: "T1",
      executions: 2,
      actualMinutes: 24, // 16 + 8
      humanDelayMinutes: 8, // 7 + 1
      approvalDelayMinutes: 7, // only the execution that required approval
      approvalRequiredCount: 1,
      overrunMinutes: 6, // max(0, 16 − 10) + max(0, 8 − 10)
      overrunCount: 1,
      unsuccessfulCount: 1, // failed
      agents: ["A1", "A2"],
    });
  });

  it("counts rejected, escalated and failed as unsuccessful, not skipped or approved", () => {
    let acc: RunTaskStat | undefined;
    for (const outcome of ["rejected", "escalated", "failed", "skipped", "approved", "completed"] as const) {
      acc = foldTaskExecution(acc, exec({ outcome }), 5);
    }
    expect([acc!.executions, acc!.unsuccessfulCount]).toEqual([6, 3]);
  });

  it("counts an execution exactly on its estimate as no overrun", () => {
    const stat = foldTaskExecution(undefined, exec({ actualMinutes: 5 }), 5);
    expect([stat.overrunMinutes, stat.overrunCount]).toEqual([0, 0]);
  });

  it("does not modify the accumulator or the execution", () => {
    const execution = Object.freeze(exec({ agentId: "A1", actualMinutes: 7 }));
    const first = Object.freeze(foldTaskExecution(undefined, execution, 5));
    const agents = first.agents;
    const second = foldTaskExecution(first, Object.freeze(exec({ agentId: "A0", actualMinutes: 1 })), 5);
    expect(first.executions).toBe(1);
    expect(first.agents).toBe(agents);
    expect(agents).toEqual(["A1"]);
    expect(second.agents).toEqual(["A0", "A1"]);
    expect(second.actualMinutes).toBe(8);
  });

  it("refuses to fold an execution of another run or task into an aggregate", () => {
    const stat = foldTaskExecution(undefined, exec({}), 5);
    expect(() => foldTaskExecution(stat, exec({ taskId: "T2" }), 5)).toThrow(/folded into R1\/T1/);
  });
});

describe("RunTaskStatFolder", () => {
  const tasks = [
    { missionId: "M1", taskId: "T1", estimatedMinutes: 5 },
    { missionId: "M1", taskId: "T2", estimatedMinutes: 10 },
  ];
  const executions = [
    exec({
      runId: "R2",
      taskId: "T2",
      actualMinutes: 12,
      humanDelayMinutes: 3,
      approvalRequired: true,
      agentId: "B",
    }),
    exec({ runId: "R1", taskId: "T1", actualMinutes: 6, agentId: "A" }),
    exec({
      runId: "R2",
      taskId: "T2",
      actualMinutes: 9,
      humanDelayMinutes: 1,
      approvalRequired: false,
      agentId: "A",
    }),
    exec({ runId: "R1", taskId: "T1", actualMinutes: 4, agentId: "A" }),
  ];

  it("folds the @example into 2 executions and 1 overrun minute", () => {
    const folder = new RunTaskStatFolder([{ missionId: "M1", taskId: "T1", estimatedMinutes: 5 }]);
    folder.add(exec({ actualMinutes: 6 }));
    folder.add(exec({ actualMinutes: 4 }));
    expect([folder.executionCount, folder.stats()[0]?.overrunMinutes]).toEqual([2, 1]);
  });

  it("aggregates per (run, task), sorted by run then task, whatever the order of arrival", () => {
    const forward = new RunTaskStatFolder(tasks);
    executions.forEach((e) => forward.add(e));
    const backward = new RunTaskStatFolder(tasks);
    [...executions].reverse().forEach((e) => backward.add(e));
    const expected = [
      {
        runId: "R1",
        missionId: "M1",
        taskId: "T1",
        executions: 2,
        actualMinutes: 10,
        humanDelayMinutes: 0,
        approvalDelayMinutes: 0,
        approvalRequiredCount: 0,
        overrunMinutes: 1,
        overrunCount: 1,
        unsuccessfulCount: 0,
        agents: ["A"],
      },
      {
        runId: "R2",
        missionId: "M1",
        taskId: "T2",
        executions: 2,
        actualMinutes: 21,
        humanDelayMinutes: 4,
        approvalDelayMinutes: 3,
        approvalRequiredCount: 1,
        overrunMinutes: 2,
        overrunCount: 1,
        unsuccessfulCount: 0,
        agents: ["A", "B"],
      },
    ];
    expect(forward.stats()).toStrictEqual(expected);
    expect(backward.stats()).toStrictEqual(expected);
    expect(forward.executionCount).toBe(4);
  });

  it("throws for an execution of a task it has no definition for", () => {
    const folder = new RunTaskStatFolder(tasks);
    expect(() => folder.add(exec({ taskId: "T9" }))).toThrow("no task T9 defined for mission M1");
  });
});
