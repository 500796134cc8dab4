/**
 * The blueprint of one synthetic mission: its definition rows (mission, KPIs, tasks) plus the
 * process parameters the run simulation draws from. Plans are small (one per mission) and held in
 * memory; runs are produced from them lazily.
 */
import type { KpiSpec, Mission, TaskDefinition } from "../model/dataset";
import type { StoryName, StoryProfile, Trend } from "./profiles";

/** Business area a generated mission belongs to. */
export type Domain =
  "sales" | "support" | "onboarding" | "finance" | "compliance" | "hr" | "it_operations" | "procurement";

/** A KPI of a plan: the definition row plus how the simulation produces its values. */
export interface KpiPlan {
  readonly spec: KpiSpec;
  /** Decimal places of generated values. */
  readonly decimals: number;
  /** Generated values are clamped to [min, max] (KPI units). */
  readonly min: number;
  readonly max: number;
  /**
   * Share of the primary KPI's progress this KPI follows (1 for the primary; e.g. 0.6: a
   * secondary KPI that closes 60 % as much of its gap).
   */
  readonly progressShare: number;
}

/** A task of a plan: the definition row plus the agents that may execute it. */
export interface TaskPlan {
  readonly definition: TaskDefinition;
  /** Agent ids, at least one; each execution picks one. */
  readonly agents: readonly string[];
}

/**
 * A recurring bottleneck on one task: a persistent approval wait (the task requires approval) or
 * a persistent overrun. Risk events concentrate on this task.
 */
export interface Bottleneck {
  readonly taskId: string;
  readonly kind: "approval" | "overrun";
  /**
   * approval: mean human wait, minutes; overrun: mean actual ÷ estimated ratio — first → last run.
   */
  readonly level: Trend;
}

/** A risk category that may be raised during a mission's runs. */
export interface RiskType {
  /** Machine name written to `risk_type`, e.g. `pii_exposure`. */
  readonly type: string;
  /** Human wording used in descriptions, e.g. "Personal data in an outbound message". */
  readonly label: string;
}

/** Everything needed to produce one mission's rows. */
export interface MissionPlan {
  readonly mission: Mission;
  readonly domain: Domain;
  readonly story: StoryName;
  readonly profile: StoryProfile;
  /** Exactly one primary KPI, first. */
  readonly kpis: readonly KpiPlan[];
  /** In plan order (`order` 1, 2, …); dependencies point to earlier tasks only. */
  readonly tasks: readonly TaskPlan[];
  readonly bottleneck?: Bottleneck;
  /** Non-empty. */
  readonly riskTypes: readonly RiskType[];
  /** Number of runs to generate (≥ 1). */
  readonly runCount: number;
  /** Days after the portfolio's start date at which this mission's first run happens (≥ 0). */
  readonly startOffsetDays: number;
}
