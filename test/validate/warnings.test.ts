import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset, type DataIssue, type Dataset } from "../../lib/src/index";
import {
  baseTables,
  without,
  bundleFiles,
  writeBundle,
  writeTables,
  type Format,
  type Tables,
} from "../helpers/dataset-files";

async function load(tables: Tables, format: Format = "csv"): Promise<Dataset> {
  return loadDataset(writeTables(tables, format));
}

/** Warnings as `file:line|row field code: message`. */
const describeWarnings = (warnings: readonly DataIssue[]): string[] =>
  warnings.map((w) => {
    const where = w.line !== undefined ? `:${w.line}` : w.row !== undefined ? ` row ${w.row}` : "";
    return `${path.basename(w.file ?? "")}${where} ${w.field ?? ""} ${w.code}: ${w.message}`;
  });

describe("warnings: usable but suspect data", () => {
  it("a complete dataset has no warnings", async () => {
    expect((await load(baseTables())).warnings).toEqual([]);
  });

  it("reports missing governance fields once per mission", async () => {
    const tables = baseTables();
    delete tables.missions[0]!.business_owner;
    delete tables.missions[0]!.ai_role;
    delete tables.missions[1]!.business_owner;
    delete tables.missions[1]!.ai_role;
    delete tables.missions[1]!.escalation_path;
    const dataset = await load(tables);
    expect(describeWarnings(dataset.warnings)).toEqual([
      "missions.csv:2 business_owner, ai_role governance_gap: mission M1 has no business owner or AI role (governance finding)",
      "missions.csv:3 business_owner, ai_role, escalation_path governance_gap: mission M2 has no business owner, AI role or escalation path (governance finding)",
    ]);
    expect(dataset.warnings.every((w) => w.severity === "warning")).toBe(true);
    expect(dataset.missions[1]).toStrictEqual({ missionId: "M2", name: "Support", description: "" });
  });

  it("reports a KPI without baseline or target", async () => {
    const tables = baseTables();
    delete tables.kpis[2]!.baseline;
    delete tables.kpis[0]!.baseline;
    delete tables.kpis[0]!.target;
    const dataset = await load(tables, "json");
    expect(describeWarnings(dataset.warnings)).toEqual([
      "kpis.json row 3 baseline kpi_incomplete: KPI csat of mission M2 has no baseline: progress against it cannot be measured",
      "kpis.json row 1 baseline kpi_incomplete: KPI onboarding_days of mission M1 has no baseline and no target: progress against it cannot be measured",
    ]);
    expect(dataset.kpis[0]).toStrictEqual({
      missionId: "M1",
      kpi: "onboarding_days",
      direction: "lower_is_better",
      unit: "days",
      targetDate: "2026-06-30",
      primary: true,
    });
  });

  it("reports absent task and task-execution tables once each, and still loads", async () => {
    const tables = without(baseTables(), "tasks", "task_executions");
    const dataset = await load(tables);
    expect(dataset.warnings.map((w) => [w.code, w.field, w.message])).toEqual([
      // Sorted by message: "no task d…" before "no task e…".
      [
        "missing_optional_table",
        "tasks",
        "no task definitions: friction (overruns, bottlenecks) cannot be assessed",
      ],
      [
        "missing_optional_table",
        "task_executions",
        "no task executions: approval delays, overruns and bottlenecks cannot be assessed",
      ],
    ]);
    expect([dataset.tasks, dataset.runTaskStats.toArray(), dataset.taskExecutionCount]).toEqual([[], [], 0]);
    expect(dataset.runs).toHaveLength(3);
  });

  it("treats an absent risk-event table as no risk events, silently", async () => {
    const tables = without(baseTables(), "risk_events");
    const dataset = await load(tables);
    expect([dataset.riskEvents, dataset.warnings]).toEqual([[], []]);
  });

  it("names the file and the column once when no run of a mission reports its primary KPI, and still analyses touches", async () => {
    const tables = baseTables();
    for (const run of tables.runs) if (run.mission_id === "M1") run.kpis = {};
    const dataset = await load(tables);
    // M1's two runs (R1, R2) carry no onboarding_days: one warning at the first of them, no per-run ones.
    expect(describeWarnings(dataset.warnings)).toEqual([
      "runs.csv:2 kpi.onboarding_days primary_kpi_never_reported: no run of mission M1 reports its primary KPI onboarding_days (kpi.onboarding_days; 2 runs): human touches, friction and risk are still analysed, but the KPI's trend and target cannot be judged",
    ]);
    const { evaluate, builtinRuleset } = await import("../../lib/src/index");
    const m1 = evaluate(dataset, builtinRuleset("default")).portfolio.missions.find(
      (m) => m.missionId === "M1",
    );
    // The runs still count (interventions 2 + 1, no escalations in the base tables' M1 runs…).
    expect(m1?.metrics.runsAnalyzed).toBe(2);
    expect(m1?.metrics.kpiRuns).toBe(0);
    expect(m1?.metrics.friction.interventionsPerRun).toBe(1.5);
  });

  it("keeps a run without its primary KPI value, with a warning", async () => {
    const tables = baseTables();
    tables.runs[1]!.kpis = {};
    const dataset = await load(tables);
    expect(describeWarnings(dataset.warnings)).toEqual([
      "runs.csv:3 kpi.onboarding_days primary_kpi_missing: run R2 has no value for the primary KPI onboarding_days of mission M1: it cannot be scored on it",
    ]);
    expect(dataset.runs.find((r) => r.runId === "R2")?.kpis).toEqual({});
  });

  it("reports KPI values for undeclared KPIs once per mission and KPI, and keeps them", async () => {
    const tables = baseTables();
    tables.runs[0]!.kpis = { onboarding_days: 3.1, nps: 41 };
    tables.runs[1]!.kpis = { onboarding_days: 2.6, nps: 44 };
    const dataset = await load(tables, "ndjson");
    expect(describeWarnings(dataset.warnings)).toEqual([
      "runs.ndjson:1 kpis.nps undeclared_kpi: KPI nps is reported by 2 runs of mission M1 but is not declared for it: its values are kept but not evaluated",
    ]);
    expect(dataset.runs[0]!.kpis).toEqual({ nps: 41, onboarding_days: 3.1 });
  });

  it("keeps a risk event naming a task unknown to its mission, with a warning", async () => {
    const tables = baseTables();
    tables.risk_events[1]!.task_id = "T2"; // T2 belongs to M1, the event to M2
    const dataset = await load(tables);
    expect(describeWarnings(dataset.warnings)).toEqual([
      "risk_events.csv:3 task_id unknown_task: risk event E2 names task T2, which is not a task of mission M2",
    ]);
    expect(dataset.riskEvents.find((e) => e.eventId === "E2")?.taskId).toBe("T2");
  });

  it("reports a mission without runs or tasks", async () => {
    const tables = baseTables();
    tables.missions.push({
      mission_id: "M3",
      name: "Billing",
      business_owner: "CFO",
      ai_role: "decide",
      escalation_path: "CFO",
    });
    tables.kpis.push({
      mission_id: "M3",
      kpi: "dso",
      direction: "lower_is_better",
      baseline: 40,
      target: 30,
      primary: true,
    });
    const dataset = await load(tables);
    expect(describeWarnings(dataset.warnings)).toEqual([
      "missions.csv:4 mission_id mission_without_runs: mission M3 has no runs: it cannot be assessed",
      "missions.csv:4 mission_id mission_without_tasks: mission M3 has no task definitions: its friction cannot be assessed",
    ]);
  });
});

describe("warnings of the reference bundle", () => {
  it("maps the bundle and warns about governance and KPIs seen only in runs", async () => {
    const dataset = await loadDataset(writeBundle(bundleFiles()));
    expect(describeWarnings(dataset.warnings)).toEqual([
      "business_missions.json row 1 business_owner, ai_role, escalation_path governance_gap: mission M1 has no business owner, AI role or escalation path (governance finding)",
      "business_missions.json row 2 business_owner, ai_role, escalation_path governance_gap: mission M2 has no business owner, AI role or escalation path (governance finding)",
      "mission_runs.json row 2 kpis.touches undeclared_kpi: KPI touches is reported by 1 run of mission M2 but is not declared for it: its values are kept but not evaluated",
    ]);
    expect(dataset.source.format).toBe("bundle");
    expect(dataset.missions.map((m) => [m.missionId, m.name, m.description])).toEqual([
      ["M1", "Onboarding", "Shorten onboarding"],
      ["M2", "Sales", ""],
    ]);
    expect(dataset.kpis).toStrictEqual([
      {
        missionId: "M1",
        kpi: "onboarding_days",
        direction: "lower_is_better",
        unit: "days",
        primary: true,
        baseline: 5,
        target: 2,
      },
      {
        missionId: "M2",
        kpi: "pipeline_days",
        direction: "lower_is_better",
        primary: true,
        baseline: 14,
        target: 7,
      },
    ]);
    expect(
      dataset.tasks.map((t) => [t.missionId, t.taskId, t.name, t.estimatedMinutes, t.requiresApproval]),
    ).toEqual([
      ["M1", "T1", "Collect", 5, false],
      ["M1", "T2", "Verify", 10, true],
      ["M2", "T4", "Analyze", 8, false],
    ]);
    expect(dataset.runs.map((r) => [r.runId, r.durationMinutes])).toEqual([
      ["R1", 73],
      ["R2", 51],
    ]);
    // R1/T2: 16 minutes against 10 → overrun 6; 7 minutes awaiting approval.
    expect(dataset.runTaskStats.toArray().find((s) => s.runId === "R1" && s.taskId === "T2")).toMatchObject({
      actualMinutes: 16,
      overrunMinutes: 6,
      approvalDelayMinutes: 7,
      approvalRequiredCount: 1,
    });
    expect(dataset.riskEvents.map((e) => e.eventId)).toEqual(["RISK_1"]);
  });
});
