/**
 * The validated mission-history data model: what every loader produces and every later stage
 * (ledger, metrics, triggers, assessments, brief) consumes. All arrays are read-only; no stage
 * mutates a dataset.
 *
 * Units: durations and delays in minutes; timestamps as ISO 8601 strings with a zone, plus the
 * same instant in epoch milliseconds (`…Ms`) for ordering.
 */
import type { DataIssue } from "./issues";
import type { RunTaskStatTable } from "./run-task-stat-table";

/** Which direction of a KPI counts as better. */
export type KpiDirection = "lower_is_better" | "higher_is_better";
/** Every accepted {@link KpiDirection}, in a stable order. */
export const KPI_DIRECTIONS: readonly KpiDirection[] = ["lower_is_better", "higher_is_better"];

/** How much the AI decides on its own in a mission. */
export type AiRole = "assist" | "recommend" | "decide" | "trigger";
/** Every accepted {@link AiRole}. */
export const AI_ROLES: readonly AiRole[] = ["assist", "recommend", "decide", "trigger"];

/** Final state of a mission run. */
export type RunStatus = "completed" | "failed" | "aborted" | "partial";
/** Every accepted {@link RunStatus}. */
export const RUN_STATUSES: readonly RunStatus[] = ["completed", "failed", "aborted", "partial"];

/** Outcome of one task execution inside a run. */
export type TaskOutcome = "completed" | "approved" | "rejected" | "escalated" | "failed" | "skipped";
/** Every accepted {@link TaskOutcome}. */
export const TASK_OUTCOMES: readonly TaskOutcome[] = [
  "completed",
  "approved",
  "rejected",
  "escalated",
  "failed",
  "skipped",
];

/** Severity of a risk event. */
export type RiskSeverity = "low" | "medium" | "high";
/** Every accepted {@link RiskSeverity}, least severe first. */
export const RISK_SEVERITIES: readonly RiskSeverity[] = ["low", "medium", "high"];

/** Lifecycle state of a risk event. */
export type RiskStatus = "open" | "mitigated" | "closed";
/** Every accepted {@link RiskStatus}. */
export const RISK_STATUSES: readonly RiskStatus[] = ["open", "mitigated", "closed"];

/** A business mission run by AI agents with human approvals. */
export interface Mission {
  readonly missionId: string;
  readonly name: string;
  readonly description: string;
  /** Accountable person or team; absence is a governance finding. */
  readonly businessOwner?: string;
  /** Absence is a governance finding. */
  readonly aiRole?: AiRole;
  /** Who takes over when the AI escalates; absence is a governance finding. */
  readonly escalationPath?: string;
  // Governance answers (all optional, free text; the brief shows each answered or missing, and a
  // missing one is a finding for a mission whose AI decides or triggers).
  /** Data the AI uses and where it comes from (provenance). Column `data_sources`. */
  readonly dataSources?: string;
  /** Data quality for this decision: checks, known gaps. Column `data_quality`. */
  readonly dataQuality?: string;
  /** The person or role accountable for the AI's outcomes. Column `accountable_human`. */
  readonly accountableHuman?: string;
  /** How error rates and confidence thresholds are monitored. Column `monitoring`. */
  readonly monitoring?: string;
  /** What happens when the data or the model drifts. Column `drift_response`. */
  readonly driftResponse?: string;
  /** The rollback or fail-safe when the AI must be switched off. Column `fallback`. */
  readonly fallback?: string;
}

/** A KPI tracked for a mission. Exactly one KPI per mission is primary. */
export interface KpiSpec {
  readonly missionId: string;
  /** KPI name, also the key of the value in {@link Run.kpis}. */
  readonly kpi: string;
  readonly direction: KpiDirection;
  readonly unit?: string;
  /** Value before the mission started (KPI units). */
  readonly baseline?: number;
  /** Value the mission aims for (KPI units). */
  readonly target?: number;
  /** Date (YYYY-MM-DD) by which the target should be met. */
  readonly targetDate?: string;
  readonly primary: boolean;
}

/** A step of a mission's decomposed plan. Task ids are unique within a mission. */
export interface TaskDefinition {
  readonly missionId: string;
  readonly taskId: string;
  readonly name: string;
  /** Position in the plan, 1-based. */
  readonly order: number;
  /** Task ids of the same mission that must finish first. */
  readonly dependsOn: readonly string[];
  /** Planned duration, minutes. */
  readonly estimatedMinutes: number;
  readonly requiresApproval: boolean;
}

/** One execution of a mission, with its outcome telemetry. */
export interface Run {
  readonly runId: string;
  readonly missionId: string;
  /** ISO 8601 with zone, as given in the input. */
  readonly startTime: string;
  readonly endTime: string;
  /** The same instants, epoch milliseconds. */
  readonly startMs: number;
  readonly endMs: number;
  readonly status: RunStatus;
  /** Total duration, minutes. */
  readonly durationMinutes: number;
  /** Count of human interventions during the run. */
  readonly humanInterventions: number;
  /** Count of escalations to a human during the run. */
  readonly escalations: number;
  readonly riskFlagged: boolean;
  /** KPI name → value observed at the end of this run (KPI units). */
  readonly kpis: Readonly<Record<string, number>>;
}

/**
 * Task executions of one task within one run, folded into an aggregate (a run may execute a task
 * more than once, e.g. on retry). Memory is bounded by runs × tasks, not by executions.
 */
export interface RunTaskStat {
  readonly runId: string;
  readonly missionId: string;
  readonly taskId: string;
  /** Number of executions folded in (≥ 1). */
  readonly executions: number;
  /** Sum of actual durations, minutes. */
  readonly actualMinutes: number;
  /** Sum of human delay over all executions, minutes. */
  readonly humanDelayMinutes: number;
  /** Sum of human delay over executions that required approval, minutes. */
  readonly approvalDelayMinutes: number;
  /** Executions that required approval. */
  readonly approvalRequiredCount: number;
  /** Sum over executions of max(0, actual − the task's estimate), minutes. */
  readonly overrunMinutes: number;
  /** Executions whose actual duration exceeded the estimate. */
  readonly overrunCount: number;
  /** Executions with outcome failed, rejected or escalated. */
  readonly unsuccessfulCount: number;
  /** Distinct agents seen, sorted. */
  readonly agents: readonly string[];
}

/** A risk detected during a run. */
export interface RiskEvent {
  readonly eventId: string;
  readonly runId: string;
  readonly missionId: string;
  /** Task the risk relates to, when known. */
  readonly taskId?: string;
  readonly riskType: string;
  readonly severity: RiskSeverity;
  readonly description?: string;
  /** ISO 8601 with zone. */
  readonly detectedAt: string;
  readonly detectedMs: number;
  readonly status: RiskStatus;
}

/** The on-disk layout a dataset was read from. */
export type DatasetFormat = "canonical" | "bundle";
/** File format of one table file (`json` is one JSON array). */
export type FileFormat = "csv" | "json" | "ndjson" | "parquet";
/** Compression of a table file, from its name (`.gz`, `.zst`). */
export type FileCompression = "gzip" | "zstd";

/** One input file that contributed to a dataset. */
export interface SourceFile {
  /** Table name (canonical) or bundle file stem. */
  readonly table: string;
  /** Path as given (joined with the dataset folder). */
  readonly path: string;
  readonly format: FileFormat;
  /** Compression, when the file is compressed (`bytes` and `sha256` are of the compressed file). */
  readonly compression?: FileCompression;
  readonly bytes: number;
  /** Data rows read. */
  readonly rows: number;
  /** Hex SHA-256 of the file's bytes. */
  readonly sha256: string;
}

/** Where a dataset came from, with a fingerprint of its inputs. */
export interface DatasetSource {
  readonly folder: string;
  readonly format: DatasetFormat;
  readonly files: readonly SourceFile[];
  /**
   * Hex SHA-256 over the sorted (file name, sha256) pairs — precisely, of the lines
   * `<file base name>\t<file sha256>\n` sorted: identifies the input exactly, wherever the folder is.
   */
  readonly fingerprint: string;
}

/** A validated mission history, ready to evaluate. */
export interface Dataset {
  readonly source: DatasetSource;
  readonly missions: readonly Mission[];
  readonly kpis: readonly KpiSpec[];
  readonly tasks: readonly TaskDefinition[];
  readonly runs: readonly Run[];
  /** Run-task aggregates, columnar, grouped by run in the order of {@link runs}. */
  readonly runTaskStats: RunTaskStatTable;
  readonly riskEvents: readonly RiskEvent[];
  /** Number of raw task-execution rows folded into {@link runTaskStats}. */
  readonly taskExecutionCount: number;
  /** Usable-but-suspect data: never fatal. */
  readonly warnings: readonly DataIssue[];
}
