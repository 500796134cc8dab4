import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDatasetSummary, loadDataset, summarizeDataset } from "../../lib/src/index";

const sharedDir = path.resolve(__dirname, "../../../shared");
const seedDir = path.join(sharedDir, "fixtures/seed-portfolio");
if (!existsSync(seedDir)) console.warn(`skipping the seed-portfolio tests: ${seedDir} is absent`);

describe.skipIf(!existsSync(seedDir))(
  "the reference seed portfolio (../shared/fixtures/seed-portfolio)",
  () => {
    it("loads cleanly from the bundle: 3 missions, 8 runs, 22 task executions, 5 risk events", async () => {
      const dataset = await loadDataset(seedDir);
      expect([dataset.source.format, dataset.missions.length, dataset.runs.length]).toEqual(["bundle", 3, 8]);
      expect([dataset.taskExecutionCount, dataset.riskEvents.length, dataset.tasks.length]).toEqual([
        22, 5, 8,
      ]);
      // The agent files are not read.
      expect(dataset.source.files.map((f) => f.table).sort()).toEqual([
        "business_missions",
        "decomposed_mission_tasks",
        "mission_kpi_config",
        "mission_kpis",
        "mission_risk_events",
        "mission_runs",
        "task_execution_logs",
      ]);
    });

    it("takes primary KPIs and directions from the sidecar, baselines and targets from mission_kpis", async () => {
      const dataset = await loadDataset(seedDir);
      expect(
        dataset.kpis.map((k) => [k.missionId, k.kpi, k.direction, k.primary, k.baseline, k.target]),
      ).toEqual([
        ["M001", "onboarding_time_days", "lower_is_better", true, 5, 2],
        ["M002", "pipeline_days", "lower_is_better", true, 14, 7],
        ["M003", "csat", "higher_is_better", false, undefined, undefined],
        ["M003", "resolution_time_hours", "lower_is_better", true, 12, 4],
      ]);
    });

    it("orders runs by start time and folds the task logs", async () => {
      const dataset = await loadDataset(seedDir);
      expect(dataset.runs.map((r) => r.runId.slice(-3))).toEqual([
        "001",
        "006",
        "004",
        "002",
        "007",
        "005",
        "003",
        "008",
      ]);
      expect(dataset.runTaskStats).toHaveLength(22);
      // M002 T5 (estimate 6): 7 minutes in run 004, 9 in run 005 (overruns 1 and 3; delays 3 and 6).
      const t5 = dataset.runTaskStats.toArray().filter((s) => s.taskId === "T5");
      expect(t5.map((s) => [s.runId, s.actualMinutes, s.overrunMinutes, s.approvalDelayMinutes])).toEqual([
        ["RUN_2026_02_02_004", 7, 1, 3],
        ["RUN_2026_02_04_005", 9, 3, 6],
      ]);
    });

    it("warns about governance (no owner, role, escalation path) and csat (no baseline, no target) only", async () => {
      const dataset = await loadDataset(seedDir);
      expect(dataset.warnings.map((w) => `${w.code} ${w.message}`)).toEqual([
        "governance_gap mission M001 has no business owner, AI role or escalation path (governance finding)",
        "governance_gap mission M002 has no business owner, AI role or escalation path (governance finding)",
        "governance_gap mission M003 has no business owner, AI role or escalation path (governance finding)",
        "kpi_incomplete KPI csat of mission M003 has no baseline and no target: progress against it cannot be measured",
      ]);
    });

    it("summarizes it (the summarizeDataset and formatDatasetSummary @examples)", async () => {
      const summary = summarizeDataset(await loadDataset(seedDir));
      expect(summary).toMatchObject({
        missions: 3,
        runs: 8,
        taskExecutions: 22,
        riskEvents: 5,
        kpis: 4,
        primaryKpis: 3,
        firstStart: "2026-02-01T14:05:00Z",
        lastEnd: "2026-02-06T11:35:00Z",
      });
      expect(formatDatasetSummary(summary).split("\n")[1]).toBe(
        "format           bundle (reference engine JSON bundle)",
      );
    });
  },
);
