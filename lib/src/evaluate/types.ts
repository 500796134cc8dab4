/**
 * Types of every evaluation stage, in pipeline order:
 * dataset → {@link Ledger} (per run) → {@link MissionMetrics} → {@link Trigger}s →
 * {@link MissionAssessment} → {@link PortfolioAssessment}, all returned by `evaluate` in an
 * {@link EvaluationResult}. Units: minutes for delays and durations, KPI units for KPI values,
 * percent (0–100) where a name ends in `Pct`, scores 0–100.
 */
import type { KpiDirection, RunStatus } from "../model/dataset";
import type { DataIssue } from "../model/issues";
import type { Band, Severity, TriggerId } from "../rules/schema";
import type { CalendarPace, KpiExcursion, KpiLevel } from "./kpi-level";
import type { TrajectoryAssessment, TrendAssessment, TrendLabel } from "./trend-types";
import type { ProgressListener } from "../ingest/progress";

// ── Stage 1: per-run ledger ────────────────────────────────────────────────────────────────

/** One run's figures, as the evaluator sees them. */
export interface LedgerEntry {
  readonly runId: string;
  readonly missionId: string;
  readonly startTime: string;
  readonly startMs: number;
  /** Start date, YYYY-MM-DD (first 10 characters of the start time). */
  readonly date: string;
  readonly status: RunStatus;
  readonly durationMinutes: number;
  /** Primary KPI value at the end of the run (KPI units); null when the run did not report it. */
  readonly kpiValue: number | null;
  /** Other KPI values of the run by name. */
  readonly secondaryKpis: Readonly<Record<string, number>>;
  readonly humanInterventions: number;
  readonly escalations: number;
  /** Interventions + escalations. */
  readonly humanTouches: number;
  /** Human delay on tasks that required approval, minutes. */
  readonly approvalDelayMinutes: number;
  /** Sum over task executions of max(0, actual − estimate), minutes. */
  readonly overrunMinutes: number;
  readonly riskFlagged: boolean;
  /** Risk events recorded for this run (detected up to the as-of instant). */
  readonly riskEvents: number;
  /** Severity-weighted risk events of this run. */
  readonly riskWeight: number;
}

/** A run left out of the evaluation, and why. */
export interface ExcludedRun {
  readonly runId: string;
  readonly missionId: string;
  readonly reason: string;
}

/** Per-run ledger of the whole portfolio. */
export interface Ledger {
  /** Entries per mission id, ordered by the ruleset's run order. */
  readonly byMission: Readonly<Record<string, readonly LedgerEntry[]>>;
  readonly excluded: readonly ExcludedRun[];
  /** Runs after the as-of instant, ignored. */
  readonly ignoredAfterAsOf: number;
}

// ── Stage 2: mission metrics ───────────────────────────────────────────────────────────────

export type {
  TrendLabel,
  SerialCorrelation,
  LevelShift,
  TrendAssessment,
  TrajectoryStatus,
  TrajectoryAssessment,
} from "./trend-types";

/** Autonomy: a level score and, separately, whether human touches per run are rising. */
export interface AutonomyAssessment {
  /** 0–100, higher = fewer human touches. */
  readonly score: number;
  readonly regression: boolean;
  /** Touches per run in the early and recent windows, when the rate test applies. */
  readonly earlyTouchRate?: number;
  readonly recentTouchRate?: number;
  readonly rateRatio?: number;
  readonly pValue?: number;
  /** Runs in each of the early and recent windows (halves under `touch_trend`). */
  readonly windowRuns?: number;
  /** Runs the `touch_trend` test read (every run of its window). */
  readonly testedRuns?: number;
  /** Smallest rise in touches per run (recent − early half) detectable with 80 % power. */
  readonly minDetectableRise?: number;
  /** Benjamini–Hochberg/Yekutieli q-value of the rising test across the portfolio, once adjusted. */
  readonly qValue?: number;
  /** Direction of human touches per run. */
  readonly touchDirection: "rising" | "falling" | "steady" | "unknown";
  readonly description: string;
}

/** Bottleneck persistence over the most recent runs. */
export type BottleneckStatus = "persistent" | "recurring" | "isolated";
/** What makes a task a bottleneck. */
export type BottleneckDriver = "approval_delay" | "task_overrun" | "risk" | "mixed";

/** Friction of one task of a mission. */
export interface TaskFriction {
  readonly taskId: string;
  readonly taskName: string;
  readonly estimatedMinutes: number;
  readonly requiresApproval: boolean;
  /** Runs in which the task has executions (within the measured window). */
  readonly samples: number;
  readonly avgActualMinutes: number;
  readonly avgDelayMinutes: number;
  readonly avgOverrunMinutes: number;
  /** Share of executions over estimate (0–1). */
  readonly overrunFrequency: number;
  readonly riskEvents: number;
  readonly riskWeight: number;
  readonly score: number;
  readonly driver: BottleneckDriver;
  readonly status: BottleneckStatus;
  /** Runs (of the persistence window) with friction in this task, and the window's size. */
  readonly frictionRuns: number;
  readonly persistenceWindow: number;
  /** Top task under `standOut`: score ÷ median score of the other tasks (Infinity with none). */
  readonly standOutRatio?: number;
  /** Top task under `standOut`: whether it stands out from the other tasks and the floor. */
  readonly standsOut?: boolean;
}

/** Robust stability of the KPI (and, for seed-v3, duration) series. */
export interface StabilityAssessment {
  readonly label: string;
  readonly score: number;
  /** The dispersion figure the bands apply to. */
  readonly dispersion: number;
  readonly method: "cv" | "robust";
  readonly outOfControlRuns: number;
  readonly description: string;
}

/** Risk as rates. */
export interface RiskAssessment {
  /** Visible high-severity risk events whose status (in the data) is open. */
  readonly openHighRiskEvents: readonly {
    readonly eventId: string;
    readonly runId: string;
    readonly taskId?: string;
    readonly riskType: string;
    readonly detectedAt: string;
  }[];
  /** Share of runs flagged as risky (0–1). */
  readonly riskRunShare: number;
  /** Severity-weighted risk events per run. */
  readonly weightedRiskPerRun: number;
  /** Sum of severity weights (the reference engine's figure). */
  readonly riskWeightSum: number;
  readonly events: number;
  readonly subscore: number;
}

/** Figures of the primary KPI, never mixed. Positive percentages mean "better". */
export interface KpiFigures {
  readonly kpi: string;
  readonly unit?: string;
  readonly direction: KpiDirection;
  readonly baseline?: number;
  readonly target?: number;
  readonly first: number;
  readonly previous?: number;
  readonly latest: number;
  /**
   * The current level under the `fitted` level rule, with its interval (KPI units): the trend line
   * at the last run or the median of recent runs. The baseline improvement, the gap and
   * `targetMet` are judged on it (the target met within the equivalence margin).
   */
  readonly currentLevel?: {
    readonly value: number;
    readonly lower: number;
    readonly upper: number;
    readonly method: "trend_line" | "recent_median";
  };
  /** Improvement of the current level (the latest value without a fitted level) versus the baseline, percent of the baseline. */
  readonly improvementFromBaselinePct: number | null;
  /** Improvement of the latest value versus the first observed run, percent of the first value. */
  readonly changeSinceFirstRunPct: number | null;
  /** Remaining distance from the current level (or latest value) to the target, percent of the target; 0 when met. */
  readonly remainingGapToTargetPct: number | null;
  readonly targetMet: boolean | null;
}

/** Averages of human and process friction per run. */
export interface FrictionAverages {
  readonly interventionsPerRun: number;
  readonly escalationsPerRun: number;
  readonly approvalDelayPerRun: number;
  readonly overrunPerRun: number;
  /** Runs the averages cover. */
  readonly runs: number;
  /** Escalations per run rising (Mann–Kendall on the per-run counts), when tested. */
  readonly escalationsRising?: boolean;
}

/** Subscores 0–100 that make up the health score. */
export interface Subscores {
  readonly outcome: number;
  readonly trajectory: number;
  readonly friction: number;
  readonly risk: number;
  readonly stability: number;
}

/** The q-values of a mission's alarm tests, adjusted across the portfolio (or the mission alone). */
export interface AlarmQValues {
  readonly method: "bh" | "by";
  /** The ruleset's q threshold. */
  readonly q: number;
  /** Tests in each family the adjustment covered (trend tests; touch tests). */
  readonly trendTests: number;
  readonly touchTests: number;
  /** q-value of the trend (or level-shift) test, when one was run. */
  readonly trend?: number;
  /** q-value of the rising-touches test, when one was run. */
  readonly touches?: number;
}

/** Everything measured about one mission before rules fire. */
export interface MissionMetrics {
  readonly missionId: string;
  readonly missionName: string;
  readonly runsAnalyzed: number;
  /** Runs of the mission in the data up to as-of, including those excluded. */
  readonly runsTotal: number;
  readonly firstRunDate?: string;
  readonly lastRunDate?: string;
  readonly figures: KpiFigures | null;
  readonly trend: TrendAssessment;
  /** The last run as an unconfirmed excursion (left out of trend and level), when it is one. */
  readonly excursion?: KpiExcursion;
  /** The current level with its interval (the `fitted` level rule). */
  readonly level?: KpiLevel;
  /** The pace against elapsed days (`trajectory.timeBasis: calendar`). */
  readonly pace?: CalendarPace;
  readonly trajectory: TrajectoryAssessment;
  readonly autonomy: AutonomyAssessment;
  readonly friction: FrictionAverages;
  readonly tasks: readonly TaskFriction[];
  readonly topBottleneck: TaskFriction | null;
  readonly stability: StabilityAssessment;
  readonly risk: RiskAssessment;
  readonly subscores: Subscores;
  readonly healthScore: number;
  /** Days between the last analysed run and the as-of instant. */
  readonly daysSinceLastRun: number | null;
  /** q-values of the alarm tests, set by the multiplicity stage (`adjustAlarms`). */
  readonly alarmQ?: AlarmQValues;
  /** Runs that carry the primary KPI (≤ runsAnalyzed when runs without it are kept). */
  readonly kpiRuns: number;
  /** Share of the mission's runs that carry the primary KPI (0–1). */
  readonly kpiCompleteness: number;
}

// ── Stage 3: triggers ──────────────────────────────────────────────────────────────────────

/** The figures behind a rule's decision. */
export interface Evidence {
  /** Rule (trigger id or band rule) that used this figure. */
  readonly rule: string;
  readonly metric: string;
  readonly value: number | string | boolean | null;
  readonly comparison: string;
  readonly threshold: number | string | boolean | null;
  /** Runs the figure was computed over. */
  readonly runsConsidered: number;
}

/** A rule that fired on a mission. */
export interface Trigger {
  readonly id: TriggerId;
  readonly missionId: string;
  readonly severity: Severity;
  /** e.g. `T5:task_overrun` for REPEATED_BOTTLENECK. */
  readonly detail?: string;
  readonly taskId?: string;
  /** 0–1: how consistently the condition holds over recent runs (ranks drivers). */
  readonly persistence: number;
  /** KPI impact used to break ties (remaining gap to target, percent). */
  readonly kpiImpact: number;
  /** A short figure for action sentences, e.g. "1.5 interventions per run". */
  readonly figure: string;
  readonly explanation: string;
  readonly evidence: readonly Evidence[];
}

// ── Stage 4: assessments ───────────────────────────────────────────────────────────────────

/** Confidence levels, lowest first. */
export type ConfidenceLevel = "LOW" | "MEDIUM" | "HIGH";

/** A confidence level with one plain sentence per factor that lowered it. */
export interface Confidence {
  readonly level: ConfidenceLevel;
  readonly reasons: readonly string[];
}

/** The winning trigger and why it won. */
export interface PrimaryDriver {
  readonly missionId: string;
  readonly missionName: string;
  readonly trigger: TriggerId;
  readonly severity: Severity;
  readonly taskId?: string;
  readonly explanation: string;
  readonly evidence: readonly Evidence[];
  /** Why this trigger outranked the others (severity, persistence, KPI impact). */
  readonly rankedBy: string;
}

/** A missing governance field of a mission. */
export interface GovernanceFinding {
  readonly missionId: string;
  readonly missionName: string;
  readonly field: "businessOwner" | "aiRole" | "escalationPath";
  readonly message: string;
}

/** The verdict for one mission with everything behind it. */
export interface MissionAssessment {
  readonly missionId: string;
  readonly missionName: string;
  readonly metrics: MissionMetrics;
  readonly triggers: readonly Trigger[];
  readonly health: Band;
  /** How the band was reached (health score bands and gates). */
  readonly bandEvidence: readonly Evidence[];
  readonly primaryDriver: PrimaryDriver | null;
  readonly recommendedAction: string;
  readonly confidence: Confidence;
  readonly governance: readonly GovernanceFinding[];
}

/** A mission with no run up to the as-of instant: listed, not scored. */
export interface NotStartedMission {
  readonly missionId: string;
  readonly missionName: string;
}

/** The portfolio's verdict. */
export interface PortfolioAssessment {
  readonly verdict: Band;
  readonly interpretation: string;
  readonly verdictEvidence: readonly Evidence[];
  readonly primaryDriver: PrimaryDriver | null;
  readonly recommendedAction: string;
  readonly confidence: Confidence;
  /** Mean of the missions' autonomy scores (rounded as the ruleset rounds scores). */
  readonly averageAutonomy: number | null;
  /** Missions per trend label. */
  readonly trendCounts: Readonly<Record<TrendLabel, number>>;
  readonly missions: readonly MissionAssessment[];
  /** Missions with too little history to judge a trend (their band comes from the insufficient-data gate). */
  readonly limitedHistory: readonly {
    readonly missionId: string;
    readonly missionName: string;
    readonly kpiRuns: number;
  }[];
  /** Missions with no run up to the as-of instant: not assessed. */
  readonly notStarted: readonly NotStartedMission[];
  readonly governance: readonly GovernanceFinding[];
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Only data up to this instant counts: ISO date (end of that day, UTC) or date-time with zone. */
  readonly asOf?: string;
  /**
   * Told after each mission is evaluated (`{ stage: "evaluate", missions, totalMissions }`), for a
   * progress display; advisory, it never changes the result (a listener that throws aborts).
   */
  readonly onProgress?: ProgressListener;
}

/** Everything `evaluate` returns: the verdict and every intermediate stage. */
export interface EvaluationResult {
  readonly ruleset: { readonly id: string; readonly version: string };
  /** The as-of instant used (ISO), or the last run's start when none was given. */
  readonly asOf: string;
  readonly ledger: Ledger;
  readonly metrics: readonly MissionMetrics[];
  readonly triggers: readonly Trigger[];
  readonly portfolio: PortfolioAssessment;
  /** Loader warnings carried over from the dataset. */
  readonly dataWarnings: readonly DataIssue[];
  readonly inputFingerprint: string;
}
