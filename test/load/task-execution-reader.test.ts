import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  createTaskExecutionContext,
  DatasetLoadError,
  foldTaskExecutionFile,
  loadDataset,
  readTaskExecutions,
  RunTaskStatFolder,
  type DataIssue,
  type TaskExecution,
} from "../../lib/src/index";
import { baseTables, tableText, writeFiles, writeTables } from "../helpers/dataset-files";

const context = createTaskExecutionContext(
  [
    { runId: "R1", missionId: "M1" },
    { runId: "R3", missionId: "M2" },
  ],
  [
    { missionId: "M1", taskId: "T1", estimatedMinutes: 5 },
    { missionId: "M1", taskId: "T2", estimatedMinutes: 10 },
    { missionId: "M2", taskId: "T1", estimatedMinutes: 2 },
  ],
);

describe("createTaskExecutionContext", () => {
  it("indexes runs and task estimates (the @example)", () => {
    const ctx = createTaskExecutionContext(
      [{ runId: "R1", missionId: "M1" }],
      [{ missionId: "M1", taskId: "T1", estimatedMinutes: 5 }],
    );
    expect([ctx.runs.get("R1"), ctx.tasks?.get("M1")?.get("T1")]).toEqual(["M1", 5]);
    expect(createTaskExecutionContext([], undefined).tasks).toBeUndefined();
  });
});

describe("readTaskExecutions", () => {
  it("yields validated executions one by one and reports the invalid ones", async () => {
    const rows = [
      {
        run_id: "R1",
        task_id: "T1",
        actual_minutes: 6,
        approval_required: false,
        human_delay_minutes: 0,
        outcome: "completed",
      },
      {
        run_id: "R9",
        task_id: "T1",
        actual_minutes: 6,
        approval_required: false,
        human_delay_minutes: 0,
        outcome: "completed",
      },
      {
        run_id: "R3",
        task_id: "T2",
        actual_minutes: 1,
        approval_required: "no",
        human_delay_minutes: 0,
        outcome: "failed",
      },
      {
        run_id: "R3",
        task_id: "T1",
        agent_id: "A5",
        actual_minutes: 3,
        approval_required: "yes",
        human_delay_minutes: 1.5,
        outcome: "escalated",
      },
    ];
    const dir = writeFiles({ "task_executions.csv": tableText("task_executions", rows, "csv") });
    const issues: DataIssue[] = [];
    const executions: TaskExecution[] = [];
    const file = {
      table: "task_executions",
      path: path.join(dir, "task_executions.csv"),
      format: "csv" as const,
    };
    for await (const e of readTaskExecutions(file, context, { onIssue: (i) => issues.push(i) }))
      executions.push(e);
    expect(executions).toStrictEqual([
      {
        runId: "R1",
        missionId: "M1",
        taskId: "T1",
        actualMinutes: 6,
        approvalRequired: false,
        humanDelayMinutes: 0,
        outcome: "completed",
      },
      {
        runId: "R3",
        missionId: "M2",
        taskId: "T1",
        agentId: "A5",
        actualMinutes: 3,
        approvalRequired: true,
        humanDelayMinutes: 1.5,
        outcome: "escalated",
      },
    ]);
    expect(issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [3, "run_id", "unknown_reference"],
      [4, "task_id", "unknown_reference"],
    ]);
  });

  it("reads the bundle's task_execution_logs with its field names", async () => {
    const logs = [
      {
        run_id: "R1",
        mission_id: "M1",
        task_id: "T2",
        agent_id: "A2",
        actual_duration_minutes: 16,
        human_approval_required: true,
        human_delay_minutes: 7,
        outcome: "approved",
      },
    ];
    const dir = writeFiles({ "task_execution_logs.json": JSON.stringify(logs) });
    const file = {
      table: "task_execution_logs",
      path: path.join(dir, "task_execution_logs.json"),
      format: "json" as const,
    };
    const folder = new RunTaskStatFolder([{ missionId: "M1", taskId: "T2", estimatedMinutes: 10 }]);
    for await (const e of readTaskExecutions(file, context)) folder.add(e);
    expect(folder.stats()).toMatchObject([
      { runId: "R1", taskId: "T2", actualMinutes: 16, overrunMinutes: 6, approvalDelayMinutes: 7 },
    ]);
  });

  it("throws a DatasetLoadError at the first invalid row without onIssue", async () => {
    const dir = writeFiles({
      "x.ndjson":
        '{"run_id":"R1","task_id":"T1","actual_minutes":-2,"approval_required":false,"human_delay_minutes":0,"outcome":"completed"}\n',
    });
    const read = async () => {
      for await (const _ of readTaskExecutions(
        { table: "task_executions", path: path.join(dir, "x.ndjson"), format: "ndjson" },
        context,
      )) {
        // drain
      }
    };
    await expect(read()).rejects.toBeInstanceOf(DatasetLoadError);
    await expect(read()).rejects.toThrow("x.ndjson:1 actual_minutes: negative value");
  });

  it("streams the executions of a loaded dataset again, folding to the same stats", async () => {
    const dir = writeTables(baseTables(), "csv");
    const dataset = await loadDataset(dir);
    const folder = new RunTaskStatFolder(dataset.tasks);
    const file = {
      table: "task_executions",
      path: path.join(dir, "task_executions.csv"),
      format: "csv" as const,
    };
    for await (const e of readTaskExecutions(file, createTaskExecutionContext(dataset.runs, dataset.tasks)))
      folder.add(e);
    expect(folder.executionCount).toBe(dataset.taskExecutionCount);
    const byKey = (s: { runId: string; taskId: string }) => `${s.runId}/${s.taskId}`;
    expect([...folder.stats()].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
      [...dataset.runTaskStats].sort((a, b) => byKey(a).localeCompare(byKey(b))),
    );
  });

  it("folds a large stream without keeping rows", async () => {
    const lines = [];
    for (let i = 0; i < 30_000; i++) {
      lines.push(
        JSON.stringify({
          run_id: i % 2 ? "R1" : "R3",
          task_id: "T1",
          actual_minutes: 1,
          approval_required: false,
          human_delay_minutes: 0,
          outcome: "completed",
        }),
      );
    }
    const dir = writeFiles({ "e.ndjson": `${lines.join("\n")}\n` });
    const folder = new RunTaskStatFolder([
      { missionId: "M1", taskId: "T1", estimatedMinutes: 5 },
      { missionId: "M2", taskId: "T1", estimatedMinutes: 0.5 },
    ]);
    for await (const e of readTaskExecutions(
      { table: "task_executions", path: path.join(dir, "e.ndjson"), format: "ndjson" },
      context,
    )) {
      folder.add(e);
    }
    // 15,000 executions each for R1 (estimate 5: no overrun) and R3 (estimate 0.5: 0.5 over each).
    expect(folder.stats().map((s) => [s.runId, s.executions, s.actualMinutes, s.overrunMinutes])).toEqual([
      ["R1", 15_000, 15_000, 0],
      ["R3", 15_000, 15_000, 7_500],
    ]);
  });
});

describe("foldTaskExecutionFile", () => {
  it("folds a file to the loader's stats and count (the @example), without a table pass", async () => {
    for (const format of ["csv", "ndjson", "json"] as const) {
      const dir = writeTables(baseTables(), format);
      const dataset = await loadDataset(dir);
      const ctx = createTaskExecutionContext(dataset.runs, dataset.tasks);
      const file = { table: "task_executions", path: path.join(dir, `task_executions.${format}`), format };
      const { stats, count } = await foldTaskExecutionFile(file, ctx);
      expect(count).toBe(dataset.taskExecutionCount);
      const byKey = (s: { runId: string; taskId: string }) => `${s.runId}/${s.taskId}`;
      expect([...stats].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
        [...dataset.runTaskStats].sort((a, b) => byKey(a).localeCompare(byKey(b))),
      );
    }
  });

  it("reports invalid rows like readTaskExecutions and folds the rest", async () => {
    const rows = [
      {
        run_id: "R1",
        task_id: "T1",
        actual_minutes: 6,
        approval_required: false,
        human_delay_minutes: 0,
        outcome: "completed",
      },
      {
        run_id: "R9",
        task_id: "T1",
        actual_minutes: 6,
        approval_required: false,
        human_delay_minutes: 0,
        outcome: "completed",
      },
      {
        run_id: "R3",
        task_id: "T2",
        actual_minutes: 1,
        approval_required: "no",
        human_delay_minutes: 0,
        outcome: "failed",
      },
    ];
    const dir = writeFiles({ "task_executions.csv": tableText("task_executions", rows, "csv") });
    const file = {
      table: "task_executions",
      path: path.join(dir, "task_executions.csv"),
      format: "csv" as const,
    };
    const issues: DataIssue[] = [];
    const { stats, count } = await foldTaskExecutionFile(file, context, { onIssue: (i) => issues.push(i) });
    expect(issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [3, "run_id", "unknown_reference"],
      [4, "task_id", "unknown_reference"],
    ]);
    // R1/T1 has estimate 5: 6 minutes is 1 minute over.
    expect([count, stats.map((s) => [s.runId, s.taskId, s.executions, s.overrunMinutes])]).toEqual([
      1,
      [["R1", "T1", 1, 1]],
    ]);
    await expect(foldTaskExecutionFile(file, context)).rejects.toBeInstanceOf(DatasetLoadError);
  });
});
