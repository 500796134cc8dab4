/**
 * Test data: a tiny reference bundle (2 missions), in the engine's own field names.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The tiny reference bundle: 2 missions, JSON arrays in the engine's field names. */
export function bundleFiles(): Record<string, unknown[]> {
  return {
    business_missions: [
      { mission_id: "M1", mission_name: "Onboarding", description: "Shorten onboarding" },
      { mission_id: "M2", mission_name: "Sales" },
    ],
    decomposed_mission_tasks: [
      {
        mission_id: "M1",
        tasks: [
          {
            task_id: "T1",
            task: "Collect",
            order: 1,
            depends_on: [],
            estimated_duration_minutes: 5,
            requires_human_approval: false,
          },
          {
            task_id: "T2",
            task: "Verify",
            order: 2,
            depends_on: ["T1"],
            estimated_duration_minutes: 10,
            requires_human_approval: true,
          },
        ],
      },
      {
        mission_id: "M2",
        tasks: [
          {
            task_id: "T4",
            task: "Analyze",
            order: 1,
            depends_on: [],
            estimated_duration_minutes: 8,
            requires_human_approval: false,
          },
        ],
      },
    ],
    mission_kpis: [
      { mission_id: "M1", kpis: { baseline_onboarding_days: 5, target_onboarding_days: 2, max_steps: 5 } },
      { mission_id: "M2", kpis: { baseline_pipeline_days: 14, target_pipeline_days: 7 } },
    ],
    mission_kpi_config: [
      { mission_id: "M1", kpi: "onboarding_days", direction: "lower_is_better", primary: true, unit: "days" },
      { mission_id: "M2", kpi: "pipeline_days", direction: "lower_is_better", primary: true },
    ],
    mission_runs: [
      {
        run_id: "R1",
        mission_id: "M1",
        start_time: "2026-02-01T14:05:00Z",
        end_time: "2026-02-01T15:18:00Z",
        status: "completed",
        total_duration_minutes: 73,
        kpis: { onboarding_days: 3.1 },
        human_interventions: 2,
        escalations: 1,
        risk_flagged: true,
      },
      {
        run_id: "R2",
        mission_id: "M2",
        start_time: "2026-02-02T10:10:00Z",
        end_time: "2026-02-02T11:01:00Z",
        status: "completed",
        total_duration_minutes: 51,
        kpis: { pipeline_days: 10, touches: 4 },
        human_interventions: 1,
        escalations: 0,
        risk_flagged: false,
      },
    ],
    task_execution_logs: [
      {
        run_id: "R1",
        mission_id: "M1",
        task_id: "T1",
        agent_id: "A1",
        actual_duration_minutes: 6,
        human_approval_required: false,
        human_delay_minutes: 0,
        outcome: "completed",
      },
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
      {
        run_id: "R2",
        mission_id: "M2",
        task_id: "T4",
        agent_id: "A4",
        actual_duration_minutes: 9,
        human_approval_required: false,
        human_delay_minutes: 0,
        outcome: "completed",
      },
    ],
    mission_risk_events: [
      {
        event_id: "RISK_1",
        run_id: "R1",
        mission_id: "M1",
        task_id: "T2",
        risk_type: "approval_delay",
        severity: "high",
        detected_at: "2026-02-01T14:40:00Z",
        status: "closed",
      },
    ],
  };
}

/** Writes bundle files (stem → array) as `<stem>.json` into a fresh temp folder. */
export function writeBundle(files: Record<string, unknown[]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mission-bundle-"));
  for (const [stem, rows] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, `${stem}.json`), `${JSON.stringify(rows, null, 2)}\n`);
  }
  return dir;
}
