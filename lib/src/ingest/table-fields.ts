/**
 * The one list of every canonical table's fields: name, required or optional, a one-line meaning
 * and, for enum fields, the accepted values. The column mapping, the near-miss suggestions,
 * `mission check --suggest-mapping` and the tests that keep data/README.md true all read it. Which
 * fields are required is not repeated here: it comes from the validators' REQUIRED constants.
 */
import type { CanonicalTable } from "./tables";
import {
  AI_ROLES,
  KPI_DIRECTIONS,
  RISK_SEVERITIES,
  RISK_STATUSES,
  RUN_STATUSES,
  TASK_OUTCOMES,
} from "../model/dataset";
import { KPI_REQUIRED_FIELDS } from "../validate/kpis";
import { MISSION_REQUIRED_FIELDS } from "../validate/missions";
import { RISK_EVENT_REQUIRED_FIELDS } from "../validate/risk-events";
import { KPI_COLUMN_PREFIX } from "../validate/run-kpis";
import { RUN_REQUIRED_FIELDS } from "../validate/runs";
import { TASK_EXECUTION_REQUIRED_FIELDS } from "../validate/task-executions";
import { TASK_REQUIRED_FIELDS } from "../validate/tasks";

/** One field of a canonical table. */
export interface TableField {
  /** Canonical (snake_case) name, as in data/README.md. */
  readonly name: string;
  /** Whether every record must have it (from the validator's REQUIRED constant). */
  readonly required: boolean;
  /** What it means, in one line. */
  readonly meaning: string;
  /** For enum fields: the accepted values (case-sensitive). */
  readonly values?: readonly string[];
}

/** A field's meaning and, for an enum, its values, before `required` is known. */
type FieldText = string | { readonly meaning: string; readonly values: readonly string[] };

/** Meaning of every field, per table, in the order data/README.md lists them. */
const FIELD_TEXT: Readonly<Record<CanonicalTable, Readonly<Record<string, FieldText>>>> = {
  missions: {
    mission_id: "Unique id of the mission.",
    name: "Display name.",
    description: "Free text (default empty).",
    business_owner: "Accountable person or team.",
    ai_role: { meaning: "How much the AI decides.", values: AI_ROLES },
    escalation_path: "Who takes over when the AI escalates.",
    data_sources: "The data the AI uses and where it comes from (provenance).",
    data_quality: "Whether the data is good enough for this decision: checks, known gaps.",
    accountable_human: "The person or role accountable for the AI's outcomes.",
    monitoring: "How error rates and confidence thresholds are monitored.",
    drift_response: "What happens when the data or the model drifts.",
    fallback: "The rollback or fail-safe when the AI must be switched off.",
  },
  kpis: {
    mission_id: "A mission of missions.",
    kpi: "KPI name; also the key of its values in runs.",
    direction: { meaning: "Whether lower or higher values are better.", values: KPI_DIRECTIONS },
    primary: "Boolean: the mission's primary KPI (exactly one per mission).",
    unit: "Unit of the values (e.g. days, hours, %).",
    baseline: "Value before the mission started (KPI units).",
    target: "Value the mission aims for (KPI units).",
    target_date: "YYYY-MM-DD by which the target should be met.",
  },
  tasks: {
    mission_id: "A mission of missions.",
    task_id: "Task id, unique within the mission.",
    name: "Display name.",
    order: "Position in the plan, integer ≥ 1.",
    estimated_minutes: "Planned duration, minutes ≥ 0.",
    requires_approval: "Boolean: the task waits for a human approval.",
    depends_on: "Ids of tasks of the same mission that must finish first (CSV: T1|T2).",
  },
  runs: {
    run_id: "Unique id of the run.",
    mission_id: "A mission of missions.",
    start_time: "ISO 8601 with zone.",
    end_time: "ISO 8601 with zone, not before start_time.",
    status: { meaning: "Final state of the run.", values: RUN_STATUSES },
    duration_minutes: "Total duration, minutes ≥ 0.",
    human_interventions: "Count of human interventions, integer ≥ 0.",
    escalations: "Count of escalations to a human, integer ≥ 0.",
    risk_flagged: "Boolean: the run was flagged as risky.",
  },
  task_executions: {
    run_id: "A run of runs.",
    task_id: "A task of the run's mission.",
    actual_minutes: "Actual duration, minutes ≥ 0.",
    approval_required: "Boolean: this execution waited for a human approval.",
    human_delay_minutes: "Time spent waiting for a human, minutes ≥ 0.",
    outcome: { meaning: "Outcome of the execution.", values: TASK_OUTCOMES },
    agent_id: "Agent that executed the task.",
    mission_id: "When present, must be the run's mission.",
  },
  risk_events: {
    event_id: "Unique id of the event.",
    run_id: "A run of runs.",
    mission_id: "Must be the run's mission.",
    risk_type: "Kind of risk (free text, e.g. approval_delay).",
    severity: { meaning: "How serious the risk is.", values: RISK_SEVERITIES },
    detected_at: "ISO 8601 with zone.",
    status: { meaning: "Lifecycle state of the risk.", values: RISK_STATUSES },
    task_id: "Task the risk relates to.",
    description: "Free text.",
  },
};

/** The validators' required fields, per table. */
const REQUIRED: Readonly<Record<CanonicalTable, readonly string[]>> = {
  missions: MISSION_REQUIRED_FIELDS,
  kpis: KPI_REQUIRED_FIELDS,
  tasks: TASK_REQUIRED_FIELDS,
  runs: RUN_REQUIRED_FIELDS,
  task_executions: TASK_EXECUTION_REQUIRED_FIELDS,
  risk_events: RISK_EVENT_REQUIRED_FIELDS,
};

function fieldsOf(table: CanonicalTable): readonly TableField[] {
  const text = FIELD_TEXT[table];
  const required = new Set(REQUIRED[table]);
  for (const name of required) {
    if (!(name in text)) throw new Error(`table-fields: required field ${table}.${name} has no meaning`);
  }
  return Object.entries(text).map(([name, t]) => ({
    name,
    required: required.has(name),
    ...(typeof t === "string" ? { meaning: t } : { meaning: t.meaning, values: t.values }),
  }));
}

/**
 * Every canonical table's fields, in data/README.md's order. Required-ness comes from the
 * validators (`MISSION_REQUIRED_FIELDS`, `RUN_REQUIRED_FIELDS`, …). The runs table's KPI values
 * are not listed: they are the open-ended columns `kpi.<name>` (see {@link KPI_FIELD_PREFIX}).
 *
 * @example TABLE_FIELDS.runs.find((f) => f.name === "status")?.values // → ["completed", "failed", "aborted", "partial"]
 * @example TABLE_FIELDS.missions.filter((f) => f.required).map((f) => f.name) // → ["mission_id", "name"]
 */
export const TABLE_FIELDS: Readonly<Record<CanonicalTable, readonly TableField[]>> = {
  missions: fieldsOf("missions"),
  kpis: fieldsOf("kpis"),
  tasks: fieldsOf("tasks"),
  runs: fieldsOf("runs"),
  task_executions: fieldsOf("task_executions"),
  risk_events: fieldsOf("risk_events"),
};

/**
 * Prefix of the runs table's KPI columns in CSV (`kpi.<name>`); also how a mapping names a KPI
 * field (`columns: { "kpi.csat": "CSAT score" }`).
 *
 * @example KPI_FIELD_PREFIX // → "kpi."
 */
export const KPI_FIELD_PREFIX: string = KPI_COLUMN_PREFIX;

/**
 * Whether `name` is a KPI field of the runs table: `kpi.` followed by a non-blank KPI name.
 *
 * @example isKpiField("kpi.csat") // → true
 * @example isKpiField("kpi. ") // → false
 */
export function isKpiField(name: string): boolean {
  return name.startsWith(KPI_FIELD_PREFIX) && name.slice(KPI_FIELD_PREFIX.length).trim() !== "";
}

/**
 * The field `name` of `table`, or undefined when the table has no such field (KPI fields of runs
 * included: `kpi.<name>` is an optional field without enum values).
 *
 * @example tableField("runs", "kpi.csat") // → { name: "kpi.csat", required: false, meaning: "Value of KPI csat at the end of the run (KPI units)." }
 * @example tableField("runs", "Run ID") // → undefined
 */
export function tableField(table: CanonicalTable, name: string): TableField | undefined {
  const found = TABLE_FIELDS[table].find((f) => f.name === name);
  if (found) return found;
  if (table === "runs" && isKpiField(name)) {
    return {
      name,
      required: false,
      meaning: `Value of KPI ${name.slice(KPI_FIELD_PREFIX.length)} at the end of the run (KPI units).`,
    };
  }
  return undefined;
}
