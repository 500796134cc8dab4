/**
 * Test data: a small, hand-checked canonical dataset as plain rows (snake_case fields, JSON types).
 */

/** A row as it would appear on disk (snake_case fields). */
export type Row = Record<string, unknown>;
/** Table name → rows. */
export type Tables = Record<string, Row[]>;
/** The six canonical tables. */
export type CanonicalTables = {
  missions: Row[];
  kpis: Row[];
  tasks: Row[];
  runs: Row[];
  task_executions: Row[];
  risk_events: Row[];
};
/** The base dataset: 2 missions, 3 KPIs, 4 tasks, 3 runs, 7 task executions, 2 risk events. */
export function baseTables(): CanonicalTables {
  return {
    missions: [
      {
        mission_id: "M1",
        name: "Onboarding",
        description: "Shorten onboarding",
        business_owner: "Ops lead",
        ai_role: "recommend",
        escalation_path: "Ops manager",
      },
      {
        mission_id: "M2",
        name: "Support",
        business_owner: "Support lead",
        ai_role: "assist",
        escalation_path: "Support manager",
      },
    ],
    kpis: [
      {
        mission_id: "M1",
        kpi: "onboarding_days",
        direction: "lower_is_better",
        unit: "days",
        baseline: 5,
        target: 2,
        target_date: "2026-06-30",
        primary: true,
      },
      {
        mission_id: "M2",
        kpi: "resolution_hours",
        direction: "lower_is_better",
        unit: "hours",
        baseline: 12,
        target: 4,
        primary: true,
      },
      {
        mission_id: "M2",
        kpi: "csat",
        direction: "higher_is_better",
        baseline: 3.5,
        target: 4.5,
        primary: false,
      },
    ],
    tasks: [
      {
        mission_id: "M1",
        task_id: "T1",
        name: "Collect",
        order: 1,
        depends_on: [],
        estimated_minutes: 5,
        requires_approval: false,
      },
      {
        mission_id: "M1",
        task_id: "T2",
        name: "Verify",
        order: 2,
        depends_on: ["T1"],
        estimated_minutes: 10,
        requires_approval: true,
      },
      {
        mission_id: "M2",
        task_id: "T1",
        name: "Categorize",
        order: 1,
        depends_on: [],
        estimated_minutes: 2,
        requires_approval: false,
      },
      {
        mission_id: "M2",
        task_id: "T3",
        name: "Reply",
        order: 2,
        depends_on: ["T1"],
        estimated_minutes: 5,
        requires_approval: true,
      },
    ],
    runs: [
      {
        run_id: "R1",
        mission_id: "M1",
        start_time: "2026-02-01T14:05:00Z",
        end_time: "2026-02-01T15:18:00Z",
        status: "completed",
        duration_minutes: 73,
        human_interventions: 2,
        escalations: 1,
        risk_flagged: true,
        kpis: { onboarding_days: 3.1 },
      },
      {
        run_id: "R2",
        mission_id: "M1",
        start_time: "2026-02-03T13:42:00+01:00",
        end_time: "2026-02-03T14:45:00+01:00",
        status: "completed",
        duration_minutes: 63,
        human_interventions: 1,
        escalations: 0,
        risk_flagged: false,
        kpis: { onboarding_days: 2.6 },
      },
      {
        run_id: "R3",
        mission_id: "M2",
        start_time: "2026-02-02T10:10:00Z",
        end_time: "2026-02-02T11:01:00Z",
        status: "failed",
        duration_minutes: 51,
        human_interventions: 0,
        escalations: 0,
        risk_flagged: false,
        kpis: { resolution_hours: 5.2, csat: 3.8 },
      },
    ],
    task_executions: [
      {
        run_id: "R1",
        task_id: "T1",
        agent_id: "A1",
        actual_minutes: 6,
        approval_required: false,
        human_delay_minutes: 0,
        outcome: "completed",
        mission_id: "M1",
      },
      {
        run_id: "R1",
        task_id: "T2",
        agent_id: "A2",
        actual_minutes: 16,
        approval_required: true,
        human_delay_minutes: 7,
        outcome: "approved",
        mission_id: "M1",
      },
      {
        run_id: "R1",
        task_id: "T2",
        agent_id: "A3",
        actual_minutes: 4,
        approval_required: true,
        human_delay_minutes: 2,
        outcome: "rejected",
        mission_id: "M1",
      },
      {
        run_id: "R2",
        task_id: "T1",
        agent_id: "A1",
        actual_minutes: 5,
        approval_required: false,
        human_delay_minutes: 0,
        outcome: "completed",
      },
      {
        run_id: "R2",
        task_id: "T2",
        agent_id: "A2",
        actual_minutes: 11,
        approval_required: true,
        human_delay_minutes: 2,
        outcome: "approved",
      },
      {
        run_id: "R3",
        task_id: "T1",
        agent_id: "A5",
        actual_minutes: 3,
        approval_required: false,
        human_delay_minutes: 0,
        outcome: "completed",
        mission_id: "M2",
      },
      {
        run_id: "R3",
        task_id: "T3",
        agent_id: "A5",
        actual_minutes: 6,
        approval_required: true,
        human_delay_minutes: 5,
        outcome: "escalated",
        mission_id: "M2",
      },
    ],
    risk_events: [
      {
        event_id: "E1",
        run_id: "R1",
        mission_id: "M1",
        task_id: "T2",
        risk_type: "sla_breach_risk",
        severity: "medium",
        description: "Verification overran",
        detected_at: "2026-02-01T14:40:00Z",
        status: "closed",
      },
      {
        event_id: "E2",
        run_id: "R3",
        mission_id: "M2",
        risk_type: "csat_risk",
        severity: "high",
        detected_at: "2026-02-02T10:50:00Z",
        status: "open",
      },
    ],
  };
}

/** `tables` without the named tables (as if their files were absent). */
export function without(tables: Tables, ...names: string[]): Tables {
  return Object.fromEntries(Object.entries(tables).filter(([name]) => !names.includes(name)));
}
