/**
 * Encodes generated rows in the canonical on-disk format (one file per table, `<table>.csv` or
 * `<table>.ndjson`): snake_case fields in a fixed order, optional fields omitted (NDJSON) or empty
 * (CSV), booleans as `true`/`false`, `depends_on` as an array (NDJSON) or ids joined by `|` (CSV),
 * run KPIs as a `kpis` object (NDJSON) or one `kpi.<name>` column per KPI name (CSV).
 */
import type { KpiSpec, Mission, RiskEvent, Run, TaskDefinition } from "../model/dataset";
import type { TaskExecutionRow } from "./simulate-run";

/** The canonical tables, in the order they are written. */
export type GeneratedTable = "missions" | "kpis" | "tasks" | "runs" | "task_executions" | "risk_events";

/** Every {@link GeneratedTable}, in writing order. */
export const GENERATED_TABLES: readonly GeneratedTable[] = [
  "missions",
  "kpis",
  "tasks",
  "runs",
  "task_executions",
  "risk_events",
];

/** The row type each table is produced from. */
export interface GeneratedRowTypes {
  missions: Mission;
  kpis: KpiSpec;
  tasks: TaskDefinition;
  runs: Run;
  task_executions: TaskExecutionRow;
  risk_events: RiskEvent;
}

/** A canonical record: field → value, in column order (undefined = absent optional field). */
export type CanonicalRecord = Readonly<Record<string, unknown>>;

const ENCODERS: { readonly [T in GeneratedTable]: (row: GeneratedRowTypes[T]) => CanonicalRecord } = {
  missions: (m) => ({
    mission_id: m.missionId,
    name: m.name,
    description: m.description,
    business_owner: m.businessOwner,
    ai_role: m.aiRole,
    escalation_path: m.escalationPath,
    data_sources: m.dataSources,
    data_quality: m.dataQuality,
    accountable_human: m.accountableHuman,
    monitoring: m.monitoring,
    drift_response: m.driftResponse,
    fallback: m.fallback,
  }),
  kpis: (k) => ({
    mission_id: k.missionId,
    kpi: k.kpi,
    direction: k.direction,
    unit: k.unit,
    baseline: k.baseline,
    target: k.target,
    target_date: k.targetDate,
    primary: k.primary,
  }),
  tasks: (t) => ({
    mission_id: t.missionId,
    task_id: t.taskId,
    name: t.name,
    order: t.order,
    depends_on: t.dependsOn,
    estimated_minutes: t.estimatedMinutes,
    requires_approval: t.requiresApproval,
  }),
  runs: (r) => ({
    run_id: r.runId,
    mission_id: r.missionId,
    start_time: r.startTime,
    end_time: r.endTime,
    status: r.status,
    duration_minutes: r.durationMinutes,
    human_interventions: r.humanInterventions,
    escalations: r.escalations,
    risk_flagged: r.riskFlagged,
    kpis: r.kpis,
  }),
  task_executions: (e) => ({
    run_id: e.runId,
    mission_id: e.missionId,
    task_id: e.taskId,
    agent_id: e.agentId,
    actual_minutes: e.actualMinutes,
    approval_required: e.approvalRequired,
    human_delay_minutes: e.humanDelayMinutes,
    outcome: e.outcome,
  }),
  risk_events: (e) => ({
    event_id: e.eventId,
    run_id: e.runId,
    mission_id: e.missionId,
    task_id: e.taskId,
    risk_type: e.riskType,
    severity: e.severity,
    description: e.description,
    detected_at: e.detectedAt,
    status: e.status,
  }),
};

const BASE_COLUMNS: { readonly [T in GeneratedTable]: readonly string[] } = {
  missions: [
    "mission_id",
    "name",
    "description",
    "business_owner",
    "ai_role",
    "escalation_path",
    "data_sources",
    "data_quality",
    "accountable_human",
    "monitoring",
    "drift_response",
    "fallback",
  ],
  kpis: ["mission_id", "kpi", "direction", "unit", "baseline", "target", "target_date", "primary"],
  tasks: ["mission_id", "task_id", "name", "order", "depends_on", "estimated_minutes", "requires_approval"],
  runs: [
    "run_id",
    "mission_id",
    "start_time",
    "end_time",
    "status",
    "duration_minutes",
    "human_interventions",
    "escalations",
    "risk_flagged",
  ],
  task_executions: [
    "run_id",
    "mission_id",
    "task_id",
    "agent_id",
    "actual_minutes",
    "approval_required",
    "human_delay_minutes",
    "outcome",
  ],
  risk_events: [
    "event_id",
    "run_id",
    "mission_id",
    "task_id",
    "risk_type",
    "severity",
    "description",
    "detected_at",
    "status",
  ],
};

/**
 * The canonical record of a row (NDJSON line content before `JSON.stringify`, which drops absent
 * optional fields).
 *
 * @example toCanonicalRecord("tasks", { missionId: "m", taskId: "b", name: "B", order: 2,
 *   dependsOn: ["a"], estimatedMinutes: 5, requiresApproval: false })
 *   // → { mission_id: "m", task_id: "b", name: "B", order: 2, depends_on: ["a"],
 *   //     estimated_minutes: 5, requires_approval: false }
 */
export function toCanonicalRecord<T extends GeneratedTable>(
  table: T,
  row: GeneratedRowTypes[T],
): CanonicalRecord {
  return ENCODERS[table](row);
}

/**
 * One NDJSON line (with the trailing newline) for a row.
 *
 * @example toNdjsonLine("missions", { missionId: "m1", name: "N", description: "D" })
 *   // → '{"mission_id":"m1","name":"N","description":"D"}\n'
 */
export function toNdjsonLine<T extends GeneratedTable>(table: T, row: GeneratedRowTypes[T]): string {
  return `${JSON.stringify(ENCODERS[table](row))}\n`;
}

/**
 * CSV header of a table; `runs` gets one `kpi.<name>` column per name in `kpiNames`.
 *
 * @example csvColumns("runs", ["nps"]).at(-1) // → "kpi.nps"
 */
export function csvColumns(table: GeneratedTable, kpiNames: readonly string[]): string[] {
  const base = [...BASE_COLUMNS[table]];
  return table === "runs" ? [...base, ...kpiNames.map((k) => `kpi.${k}`)] : base;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return value.map(String).join("|");
  return String(value);
}

/**
 * The CSV cells (unquoted text, one per {@link csvColumns} entry) of a row. Quoting is the CSV
 * writer's job.
 *
 * @example toCsvCells("tasks", { missionId: "m", taskId: "c", name: "C", order: 3,
 *   dependsOn: ["a", "b"], estimatedMinutes: 5, requiresApproval: true }, [])
 *   // → ["m", "c", "C", "3", "a|b", "5", "true"]
 */
export function toCsvCells<T extends GeneratedTable>(
  table: T,
  row: GeneratedRowTypes[T],
  kpiNames: readonly string[],
): string[] {
  const record = ENCODERS[table](row);
  const cells = BASE_COLUMNS[table].map((c) => cell(record[c]));
  if (table === "runs") {
    const kpis = (record["kpis"] ?? {}) as Readonly<Record<string, number>>;
    for (const name of kpiNames) cells.push(cell(Object.hasOwn(kpis, name) ? kpis[name] : undefined));
  }
  return cells;
}
