import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, loadDataset, MAX_REPORTED_ERRORS } from "../../lib/src/index";
import { baseTables, bundleFiles, loadError, without, writeBundle, type Row } from "../helpers/dataset-files";
import { append, edit, expectIssue, failing } from "../helpers/expect-issue";

describe("fatal input problems: duplicate ids", () => {
  it("rejects a duplicate mission id", async () => {
    const error = await failing(append("missions", 0));
    expectIssue(error, "duplicate_id", {
      file: "missions.csv",
      line: 4,
      field: "mission_id",
      expected: "a mission not defined before",
      found: '"M1"',
      message: "mission M1 is already defined at line 2",
    });
  });

  it("names the first definition of every repeated run, before and after a new id", async () => {
    const tables = baseTables();
    const [r1, r2, r3] = tables.runs.map((r) => structuredClone(r));
    // Lines 2–4: R1 R2 R3; then R1 again (line 5), a new R4 (6), R4 again (7), R2 again (8).
    tables.runs.push(r1!, { ...r3!, run_id: "R4" }, { ...r3!, run_id: "R4" }, r2!);
    const error = await failing(tables);
    const duplicates = error.issues.filter((i) => i.code === "duplicate_id" && i.field === "run_id");
    expect(duplicates.map((i) => [i.line, i.message])).toEqual([
      [5, "run R1 is already defined at line 2"],
      [7, "run R4 is already defined at line 6"],
      [8, "run R2 is already defined at line 3"],
    ]);
  });

  it("rejects a duplicate KPI of a mission (the same name in another mission is fine)", async () => {
    const error = await failing(
      append("kpis", 0, (r) => (r.primary = false)),
      "json",
    );
    expectIssue(error, "duplicate_id", {
      file: "kpis.json",
      row: 4,
      field: "kpi",
      expected: "a KPI not defined before",
      found: '"onboarding_days of mission M1"',
      message: "KPI onboarding_days of mission M1 is already defined at row 1",
    });
  });

  it("rejects a duplicate task id within a mission (T1 in both M1 and M2 is fine)", async () => {
    const error = await failing(append("tasks", 0, (r) => (r.order = 3)));
    expectIssue(error, "duplicate_id", {
      file: "tasks.csv",
      line: 6,
      field: "task_id",
      expected: "a task not defined before",
      found: '"T1 of mission M1"',
      message: "task T1 of mission M1 is already defined at line 2",
    });
  });

  it("rejects a duplicate run id", async () => {
    const error = await failing(append("runs", 0), "ndjson");
    expectIssue(error, "duplicate_id", {
      file: "runs.ndjson",
      line: 4,
      field: "run_id",
      expected: "a run not defined before",
      found: '"R1"',
      message: "run R1 is already defined at line 1",
    });
  });

  it("rejects a duplicate risk event id", async () => {
    const error = await failing(append("risk_events", 1));
    expectIssue(error, "duplicate_id", {
      file: "risk_events.csv",
      line: 4,
      field: "event_id",
      expected: "a risk event not defined before",
      found: '"E2"',
    });
  });
});

describe("fatal input problems: references", () => {
  it.each([
    ["kpis", 1, 3],
    ["tasks", 2, 4],
    ["runs", 2, 4],
  ] as const)("rejects a %s record naming an unknown mission", async (table, index, line) => {
    const error = await failing(edit(table, index, (r) => (r.mission_id = "M9")));
    expectIssue(error, "unknown_reference", {
      file: `${table}.csv`,
      line,
      field: "mission_id",
      expected: "a mission id defined in missions.csv",
      found: '"M9"',
      message: "unknown mission M9",
    });
  });

  it("does not also reject the executions and events of a run whose mission is unknown", async () => {
    const error = await failing(edit("runs", 2, (r) => (r.mission_id = "M9")));
    expect(error.issues.map((i) => `${i.line} ${i.field} ${i.code}`)).toEqual([
      "4 mission_id unknown_reference",
    ]);
  });

  it("rejects a task depending on a task that is not in its mission", async () => {
    const error = await failing(edit("tasks", 3, (r) => (r.depends_on = ["T1", "T2"])));
    expectIssue(error, "unknown_reference", {
      file: "tasks.csv",
      line: 5,
      field: "depends_on",
      expected: "ids of other tasks of mission M2",
      found: '"T2"',
      message: "task T3 depends on T2, which is not a task of mission M2",
    });
  });

  it("rejects a task execution of an unknown run", async () => {
    const error = await failing(
      edit("task_executions", 6, (r) => (r.run_id = "R9")),
      "json",
    );
    expectIssue(error, "unknown_reference", {
      file: "task_executions.json",
      row: 7,
      field: "run_id",
      expected: "a run_id defined in the runs",
      found: '"R9"',
      message: "unknown run R9",
    });
  });

  it("rejects a task execution of a task that is not in the run's mission", async () => {
    // T3 exists, but in M2; R1 belongs to M1.
    const error = await failing(edit("task_executions", 0, (r) => (r.task_id = "T3")));
    expectIssue(error, "unknown_reference", {
      file: "task_executions.csv",
      line: 2,
      field: "task_id",
      expected: "a task of mission M1",
      found: '"T3"',
      message: "task T3 is not a task of mission M1 (run R1)",
    });
  });

  it("rejects a task execution whose mission_id is not the run's mission", async () => {
    const error = await failing(edit("task_executions", 5, (r) => (r.mission_id = "M1")));
    expectIssue(error, "mission_mismatch", {
      file: "task_executions.csv",
      line: 7,
      field: "mission_id",
      expected: "M2, the mission of run R3",
      found: '"M1"',
    });
  });

  it("rejects task executions when no task is defined at all, once", async () => {
    const tables = without(baseTables(), "tasks");
    const error = await failing(tables);
    expectIssue(error, "missing_table", {
      file: "task_executions.csv",
      field: "task_id",
      expected: "task definitions (a tasks table) for the tasks executed",
      found: "no task table",
    });
    expect(error.issues).toHaveLength(1);
  });

  it("rejects a risk event of an unknown run", async () => {
    const error = await failing(
      edit("risk_events", 1, (r) => (r.run_id = "R9")),
      "ndjson",
    );
    expectIssue(error, "unknown_reference", {
      file: "risk_events.ndjson",
      line: 2,
      field: "run_id",
      expected: "a run id defined in runs.ndjson",
      found: '"R9"',
    });
  });

  it("rejects a risk event whose mission is not its run's mission", async () => {
    const error = await failing(edit("risk_events", 0, (r) => (r.mission_id = "M2")));
    expectIssue(error, "mission_mismatch", {
      file: "risk_events.csv",
      line: 2,
      field: "mission_id",
      expected: "M1, the mission of run R1",
      found: '"M2"',
    });
  });
});

describe("fatal input problems: primary KPIs", () => {
  it("rejects a mission without a primary KPI, naming it", async () => {
    const error = await failing(edit("kpis", 0, (r) => (r.primary = false)));
    expectIssue(error, "primary_kpi_count", {
      file: "kpis.csv",
      field: "primary",
      expected: "exactly one KPI with primary = true",
      found: "no primary KPI among onboarding_days",
      message: "mission M1 has no primary KPI",
    });
  });

  it("rejects a mission with two primary KPIs, at the second one", async () => {
    const error = await failing(edit("kpis", 2, (r) => (r.primary = "yes")));
    expectIssue(error, "primary_kpi_count", {
      file: "kpis.csv",
      line: 4,
      field: "primary",
      expected: "exactly one KPI with primary = true",
      found: "2 primary KPIs: resolution_hours, csat",
      message: "mission M2 has more than one primary KPI",
    });
  });

  it("counts a primary KPI whose record has another problem (no cascade)", async () => {
    const error = await failing(edit("kpis", 0, (r) => (r.baseline = "five")));
    expect(error.issues.map((i) => i.code)).toEqual(["bad_number"]);
  });
});

describe("fatal input problems: the reference bundle", () => {
  it("without the KPI sidecar, names every mission and its KPI names, and shows the format", async () => {
    const files = bundleFiles();
    delete files.mission_kpi_config;
    const error = await loadError(() => loadDataset(writeBundle(files)));
    expect(error.issues).toHaveLength(1);
    const issue = error.issues[0]!;
    expect(issue.code).toBe("missing_kpi_config");
    expect(path.basename(issue.file!)).toBe("mission_kpi_config.json");
    expect(issue.field).toBe("direction, primary");
    expect(issue.found).toBe("no such file");
    expect(issue.message).toBe(
      "the KPI direction and primary KPI of every mission must be configured: " +
        "M1 (onboarding_days); M2 (pipeline_days, touches)",
    );
    expect(issue.expected).toContain(
      '"direction": "lower_is_better"|"higher_is_better", "primary": true|false',
    );
  });

  it("rejects a KPI with a baseline but no sidecar entry", async () => {
    const files = bundleFiles();
    files.mission_kpis![0] = { mission_id: "M1", kpis: { baseline_onboarding_days: 5, baseline_cost: 3 } };
    const error = await loadError(() => loadDataset(writeBundle(files)));
    expectIssue(error, "kpi_not_configured", {
      file: "mission_kpis.json",
      row: 1,
      field: "kpis.baseline_cost",
      expected: `an entry for KPI cost of mission M1 in ${path.join(path.dirname(error.issues[0]!.file!), "mission_kpi_config.json")}`,
      found: "no entry",
    });
  });

  it("names nested task fields with their position and the bundle's field names", async () => {
    const files = bundleFiles();
    (files.decomposed_mission_tasks![0] as { tasks: Row[] }).tasks[1]!.estimated_duration_minutes = -10;
    const error = await loadError(() => loadDataset(writeBundle(files)));
    expectIssue(error, "negative_number", {
      file: "decomposed_mission_tasks.json",
      row: 1,
      field: "tasks[1].estimated_duration_minutes",
      expected: "a non-negative number",
      found: "-10",
    });
  });

  it("names run fields as the bundle does (total_duration_minutes)", async () => {
    const files = bundleFiles();
    files.mission_runs![1] = { ...(files.mission_runs![1] as Row), total_duration_minutes: "51" };
    const error = await loadError(() => loadDataset(writeBundle(files)));
    expectIssue(error, "bad_type", {
      file: "mission_runs.json",
      row: 2,
      field: "total_duration_minutes",
      expected: "a non-negative number",
      found: '"51"',
    });
  });
});

describe("collecting every problem in one pass", () => {
  it("reports problems of several files and rows together", async () => {
    const tables = baseTables();
    tables.missions[1]!.ai_role = "boss";
    tables.runs[0]!.status = "done";
    tables.runs[2]!.end_time = "2026-02-02T09:00:00Z";
    tables.task_executions[4]!.outcome = "lost";
    tables.risk_events[0]!.severity = "extreme";
    const error = await failing(tables);
    const where = error.issues.map((i) => `${path.basename(i.file!)}:${i.line} ${i.field} ${i.code}`);
    expect(where).toEqual([
      "missions.csv:3 ai_role bad_enum",
      "runs.csv:2 status bad_enum",
      "runs.csv:4 end_time end_before_start",
      "risk_events.csv:2 severity bad_enum",
      "task_executions.csv:6 outcome bad_enum",
    ]);
    expect(error.omitted).toBe(0);
    expect(error.message.split("\n")[0]).toBe(
      `${path.dirname(error.issues[0]!.file!)}: 5 fatal problems in the input`,
    );
    for (const issue of error.issues) expect(error.message).toContain(formatIssue(issue));
  });

  it("groups a repeated problem: the first three listed, the rest counted with their first lines", async () => {
    const tables = baseTables();
    for (let i = 0; i < 250; i++) {
      tables.runs.push({ ...tables.runs[0]!, run_id: `X${i}`, escalations: -1 });
    }
    const error = await failing(tables);
    expect(error.issues).toHaveLength(4);
    expect(error.issues.slice(0, 3).map((i) => i.line)).toEqual([5, 6, 7]);
    expect(error.issues[3]!.line).toBe(8);
    expect(error.issues[3]!.message).toContain(
      "and 247 more like it (line 8, line 9, line 10, line 11, line 12, …)",
    );
  });

  it(`keeps the first ${MAX_REPORTED_ERRORS} errors and counts the rest`, async () => {
    const tables = baseTables();
    for (let i = 0; i < 250; i++) {
      tables.runs.push({ ...tables.runs[0]!, run_id: `X${i}`, mission_id: `Z${i}` });
    }
    const error = await failing(tables);
    expect(error.issues).toHaveLength(MAX_REPORTED_ERRORS);
    expect(error.omitted).toBe(50);
    expect(error.issues[0]!.line).toBe(5);
    expect(error.message).toContain("250 fatal problems in the input");
    expect(error.message.endsWith("  … and 50 more")).toBe(true);
  });
});
