/**
 * mission-lib — the public entry of the Mission Orchestrator library. Every export is listed by
 * name; notebooks, the CLI and the tests import from here only.
 */

// ── Data model ────────────────────────────────────────────────────────────────────────────
export type {
  KpiDirection,
  AiRole,
  RunStatus,
  TaskOutcome,
  RiskSeverity,
  RiskStatus,
  Mission,
  KpiSpec,
  TaskDefinition,
  Run,
  RunTaskStat,
  RiskEvent,
  DatasetFormat,
  FileFormat,
  SourceFile,
  DatasetSource,
  Dataset,
} from "./model/dataset";
export {
  KPI_DIRECTIONS,
  AI_ROLES,
  RUN_STATUSES,
  TASK_OUTCOMES,
  RISK_SEVERITIES,
  RISK_STATUSES,
} from "./model/dataset";
export type { IssueSeverity, DataIssue } from "./model/issues";
export { MAX_REPORTED_ERRORS, formatIssue, DatasetLoadError } from "./model/issues";

// ── Loading and validation ────────────────────────────────────────────────────────────────

// ── Statistics ────────────────────────────────────────────────────────────────────────────

// ── Rulesets ──────────────────────────────────────────────────────────────────────────────

// ── Evaluation ────────────────────────────────────────────────────────────────────────────

// ── Charts and brief ──────────────────────────────────────────────────────────────────────

// ── Notebook helpers ──────────────────────────────────────────────────────────────────────

// ── Rule validation ───────────────────────────────────────────────────────────────────────

// ── Demo data generation ──────────────────────────────────────────────────────────────────

// ── Output files ─────────────────────────────────────────────────────────────────────────
export { writeFileAtomic, createAtomicWriteStream } from "./io/atomic-file";
export type { AtomicWriteStream } from "./io/atomic-file";

// ── CLI ───────────────────────────────────────────────────────────────────────────────────
export { runCli, buildProgram, EXIT_OK, EXIT_FAILURE, EXIT_USAGE } from "./cli/main";
export { CliExit } from "./cli/cli-exit";
export type { CommandIo, RegisterCommand } from "./cli/command-context";
