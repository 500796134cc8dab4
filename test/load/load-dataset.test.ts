import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset, summarizeDataset, type Dataset, type RunTaskStat } from "../../lib/src/index";
import { baseTables, writeTables, type Format, type Tables } from "../helpers/dataset-files";

// Hand-computed instants: 2026-02-01T00:00Z is day 20485 since the epoch
// (56 years × 365 days + 14 leap days + 31 days of January) → 1,769,904,000,000 ms.
const DAY = 86_400_000;
const FEB1 = 20485 * DAY;
const at = (day: number, h: number, m: number): number => FEB1 + (day - 1) * DAY + (h * 60 + m) * 60_000;

/** The base dataset, as the loader must produce it (hand-checked). */
const EXPECTED: Omit<Dataset, "source" | "runTaskStats"> & { runTaskStats: RunTaskStat[] } = {
  missions: [
    {
      missionId: "M1",
      name: "Onboarding",
      description: "Shorten onboarding",
      businessOwner: "Ops lead",
      aiRole: "recommend",
      escalationPath: "Ops manager",
    },
    {
      missionId: "M2",
      name: "Support",
      description: "",
      businessOwner: "Support lead",
      aiRole: "assist",
      escalationPath: "Support manager",
    },
  ],
  kpis: [
    {
      missionId: "M1",
      kpi: "onboarding_days",
      direction: "lower_is_better",
      unit: "days",
      baseline: 5,
      target: 2,
      targetDate: "2026-06-30",
      primary: true,
    },
    {
      missionId: "M2",
      kpi: "csat",
      direction: "higher_is_better",
      baseline: 3.5,
      target: 4.5,
      primary: false,
    },
    {
      missionId: "M2",
      kpi: "resolution_hours",
      direction: "lower_is_better",
      unit: "hours",
      baseline: 12,
      target: 4,
      primary: true,
    },
  ],
  tasks: [
    {
      missionId: "M1",
      taskId: "T1",
      name: "Collect",
      order: 1,
      dependsOn: [],
      estimatedMinutes: 5,
      requiresApproval: false,
    },
    {
      missionId: "M1",
      taskId: "T2",
      name: "Verify",
      order: 2,
      dependsOn: ["T1"],
      estimatedMinutes: 10,
      requiresApproval: true,
    },
    {
      missionId: "M2",
      taskId: "T1",
      name: "Categorize",
      order: 1,
      dependsOn: [],
      estimatedMinutes: 2,
      requiresApproval: false,
    },
    {
      missionId: "M2",
      taskId: "T3",
      name: "Reply",
      order: 2,
      dependsOn: ["T1"],
      estimatedMinutes: 5,
      requiresApproval: true,
    },
  ],
  // Sorted by start instant: R1 (Feb 1 14:05Z), R3 (Feb 2 10:10Z), R2 (Feb 3 13:42+01:00 = 12:42Z).
  runs: [
    {
      runId: "R1",
      missionId: "M1",
      startTime: "2026-02-01T14:05:00Z",
      endTime: "2026-02-01T15:18:00Z",
      startMs: at(1, 14, 5),
      endMs: at(1, 15, 18),
      status: "completed",
      durationMinutes: 73,
      humanInterventions: 2,
      escalations: 1,
      riskFlagged: true,
      kpis: { onboarding_days: 3.1 },
    },
    {
      runId: "R3",
      missionId: "M2",
      startTime: "2026-02-02T10:10:00Z",
      endTime: "2026-02-02T11:01:00Z",
      startMs: at(2, 10, 10),
      endMs: at(2, 11, 1),
      status: "failed",
      durationMinutes: 51,
      humanInterventions: 0,
      escalations: 0,
      riskFlagged: false,
      kpis: { csat: 3.8, resolution_hours: 5.2 },
    },
    {
      runId: "R2",
      missionId: "M1",
      startTime: "2026-02-03T13:42:00+01:00",
      endTime: "2026-02-03T14:45:00+01:00",
      startMs: at(3, 12, 42),
      endMs: at(3, 13, 45),
      status: "completed",
      durationMinutes: 63,
      humanInterventions: 1,
      escalations: 0,
      riskFlagged: false,
      kpis: { onboarding_days: 2.6 },
    },
  ],
  // In run order (R1, R3, R2), then task order.
  runTaskStats: [
    {
      runId: "R1",
      missionId: "M1",
      taskId: "T1",
      executions: 1,
      actualMinutes: 6,
      humanDelayMinutes: 0,
      approvalDelayMinutes: 0,
      approvalRequiredCount: 0,
      overrunMinutes: 1,
      overrunCount: 1,
      unsuccessfulCount: 0,
      agents: ["A1"],
    },
    // 16 + 4 minutes against 10 estimated: overrun 6 + 0; delays 7 + 2, both awaiting approval; one rejected.
    {
      runId: "R1",
      missionId: "M1",
      taskId: "T2",
      executions: 2,
      actualMinutes: 20,
      humanDelayMinutes: 9,
      approvalDelayMinutes: 9,
      approvalRequiredCount: 2,
      overrunMinutes: 6,
      overrunCount: 1,
      unsuccessfulCount: 1,
      agents: ["A2", "A3"],
    },
    {
      runId: "R3",
      missionId: "M2",
      taskId: "T1",
      executions: 1,
      actualMinutes: 3,
      humanDelayMinutes: 0,
      approvalDelayMinutes: 0,
      approvalRequiredCount: 0,
      overrunMinutes: 1,
      overrunCount: 1,
      unsuccessfulCount: 0,
      agents: ["A5"],
    },
    {
      runId: "R3",
      missionId: "M2",
      taskId: "T3",
      executions: 1,
      actualMinutes: 6,
      humanDelayMinutes: 5,
      approvalDelayMinutes: 5,
      approvalRequiredCount: 1,
      overrunMinutes: 1,
      overrunCount: 1,
      unsuccessfulCount: 1,
      agents: ["A5"],
    },
    {
      runId: "R2",
      missionId: "M1",
      taskId: "T1",
      executions: 1,
      actualMinutes: 5,
      humanDelayMinutes: 0,
      approvalDelayMinutes: 0,
      approvalRequiredCount: 0,
      overrunMinutes: 0,
      overrunCount: 0,
      unsuccessfulCount: 0,
      agents: ["A1"],
    },
    {
      runId: "R2",
      missionId: "M1",
      taskId: "T2",
      executions: 1,
      actualMinutes: 11,
      humanDelayMinutes: 2,
      approvalDelayMinutes: 2,
      approvalRequiredCount: 1,
      overrunMinutes: 1,
      overrunCount: 1,
      unsuccessfulCount: 0,
      agents: ["A2"],
    },
  ],
  riskEvents: [
    {
      eventId: "E1",
      runId: "R1",
      missionId: "M1",
      taskId: "T2",
      riskType: "sla_breach_risk",
      severity: "medium",
      description: "Verification overran",
      detectedAt: "2026-02-01T14:40:00Z",
      detectedMs: at(1, 14, 40),
      status: "closed",
    },
    {
      eventId: "E2",
      runId: "R3",
      missionId: "M2",
      riskType: "csat_risk",
      severity: "high",
      detectedAt: "2026-02-02T10:50:00Z",
      detectedMs: at(2, 10, 50),
      status: "open",
    },
  ],
  taskExecutionCount: 7,
  warnings: [],
};

const withoutSource = ({
  source: _source,
  ...rest
}: Dataset): Omit<Dataset, "source" | "runTaskStats"> & { runTaskStats: RunTaskStat[] } => ({
  ...rest,
  runTaskStats: rest.runTaskStats.toArray(),
});
const sha256 = (file: string): string => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("loadDataset on the canonical layout", () => {
  it.each<Format>(["csv", "json", "ndjson"])(
    "loads the base dataset from %s files exactly as hand-computed",
    async (format) => {
      const dataset = await loadDataset(writeTables(baseTables(), format));
      expect(withoutSource(dataset)).toStrictEqual(EXPECTED);
      expect(dataset.source.format).toBe("canonical");
    },
  );

  it("records every file read, with rows, bytes and SHA-256, and fingerprints them", async () => {
    const dir = writeTables(baseTables(), "csv");
    const dataset = await loadDataset(dir);
    const files = dataset.source.files.map((f) => [f.table, path.basename(f.path), f.format, f.rows]);
    expect(files).toEqual([
      ["missions", "missions.csv", "csv", 2],
      ["kpis", "kpis.csv", "csv", 3],
      ["tasks", "tasks.csv", "csv", 4],
      ["runs", "runs.csv", "csv", 3],
      ["risk_events", "risk_events.csv", "csv", 2],
      ["task_executions", "task_executions.csv", "csv", 7],
    ]);
    for (const f of dataset.source.files) {
      expect(f.sha256).toBe(sha256(f.path));
      expect(f.bytes).toBe(fs.statSync(f.path).size);
    }
    // Independent computation of the documented recipe: sorted "<base name>\t<sha256>\n" lines.
    const lines = dataset.source.files.map((f) => `${path.basename(f.path)}\t${sha256(f.path)}\n`).sort();
    expect(dataset.source.fingerprint).toBe(createHash("sha256").update(lines.join("")).digest("hex"));
    expect(dataset.source.folder).toBe(dir);
  });

  it("gives the same fingerprint for the same files in another folder, another one when a byte changes", async () => {
    const a = await loadDataset(writeTables(baseTables(), "csv"));
    const b = await loadDataset(writeTables(baseTables(), "csv"));
    expect(b.source.fingerprint).toBe(a.source.fingerprint);
    const changed = baseTables();
    changed.runs[0]!.duration_minutes = 74;
    const c = await loadDataset(writeTables(changed, "csv"));
    expect(c.source.fingerprint).not.toBe(a.source.fingerprint);
  });

  it("accepts a different format per table", async () => {
    const dir = writeTables(baseTables(), "csv", { runs: "ndjson", kpis: "json", task_executions: "ndjson" });
    expect(withoutSource(await loadDataset(dir))).toStrictEqual(EXPECTED);
  });

  it("loads CSV, JSON and NDJSON of the same data to equal datasets, warnings included", async () => {
    const tables = baseTables();
    delete tables.missions[1]!.business_owner; // a governance warning
    tables.runs[1]!.kpis = {}; // R2 without its primary KPI value: a warning
    const [csv, json, ndjson] = await Promise.all(
      (["csv", "json", "ndjson"] as const).map((f) => loadDataset(writeTables(tables, f))),
    );
    const comparable = (d: Dataset) => ({
      ...withoutSource(d),
      warnings: d.warnings.map((w) => [w.severity, w.code, w.message]),
    });
    expect(comparable(json!)).toEqual(comparable(csv!));
    expect(comparable(ndjson!)).toEqual(comparable(csv!));
    expect(csv!.warnings.map((w) => w.code)).toEqual(["governance_gap", "primary_kpi_missing"]);
  });

  it("does not depend on the order of the input rows", async () => {
    const tables = baseTables();
    delete tables.missions[0]!.ai_role;
    delete tables.missions[1]!.escalation_path;
    const reversed: Tables = Object.fromEntries(
      Object.entries(tables).map(([t, rows]) => [t, [...rows].reverse()]),
    );
    const a = await loadDataset(writeTables(tables, "csv"));
    const b = await loadDataset(writeTables(reversed, "ndjson"));
    expect(withoutSource({ ...b, warnings: [] })).toEqual(withoutSource({ ...a, warnings: [] }));
    expect(b.warnings.map((w) => w.message)).toEqual(a.warnings.map((w) => w.message));
    expect(a.warnings.map((w) => w.message)).toEqual([
      "mission M1 has no AI role (governance finding)",
      "mission M2 has no escalation path (governance finding)",
    ]);
  });

  it("summarizes the loaded dataset (hand-counted; last end compared as an instant)", async () => {
    const summary = summarizeDataset(await loadDataset(writeTables(baseTables(), "csv")));
    expect(summary).toMatchObject({
      format: "canonical",
      files: 6,
      missions: 2,
      kpis: 3,
      primaryKpis: 2,
      tasks: 4,
      runs: 3,
      taskExecutions: 7,
      runTaskStats: 6,
      riskEvents: 2,
      warnings: 0,
      firstStart: "2026-02-01T14:05:00Z",
      lastEnd: "2026-02-03T14:45:00+01:00",
    });
  });

  it("never modifies the input files", async () => {
    const dir = writeTables(baseTables(), "csv");
    const before = fs.readdirSync(dir).map((f) => [f, sha256(path.join(dir, f))]);
    await loadDataset(dir);
    expect(fs.readdirSync(dir).map((f) => [f, sha256(path.join(dir, f))])).toEqual(before);
  });
});
