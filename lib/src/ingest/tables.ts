/**
 * The names of the tables a dataset is made of: the canonical tables and the reference engine's
 * bundle files. Names only — no I/O — so that every ingest module can share them.
 */

/**
 * Tables of the canonical layout, in load order.
 *
 * @example CANONICAL_TABLES[0] // → "missions"
 */
export const CANONICAL_TABLES = [
  "missions",
  "kpis",
  "tasks",
  "runs",
  "risk_events",
  "task_executions",
] as const;
/** A canonical table name. */
export type CanonicalTable = (typeof CANONICAL_TABLES)[number];
/**
 * Canonical tables that must be present.
 *
 * @example REQUIRED_CANONICAL_TABLES // → ["missions", "kpis", "runs"]
 */
export const REQUIRED_CANONICAL_TABLES: readonly CanonicalTable[] = ["missions", "kpis", "runs"];

/**
 * Files of the reference JSON bundle (stems; each is `<stem>.json`, one JSON array).
 *
 * @example BUNDLE_FILES.kpiConfig // → "mission_kpi_config" (the KPI sidecar)
 */
export const BUNDLE_FILES = {
  missions: "business_missions",
  tasks: "decomposed_mission_tasks",
  kpis: "mission_kpis",
  kpiConfig: "mission_kpi_config",
  runs: "mission_runs",
  taskExecutions: "task_execution_logs",
  riskEvents: "mission_risk_events",
} as const;
/** Bundle files that must be present (the KPI sidecar is checked by the loader, with its own message). */
export const REQUIRED_BUNDLE_FILES: readonly string[] = [
  BUNDLE_FILES.missions,
  BUNDLE_FILES.kpis,
  BUNDLE_FILES.runs,
];
