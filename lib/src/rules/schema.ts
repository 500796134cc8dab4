/**
 * The ruleset schema: every threshold, weight, band and action template of the evaluator is data,
 * validated here. A ruleset has an id and a version that every result echoes.
 *
 * Components that differ in kind between rulesets (e.g. a three-point trend comparison versus a
 * Mann–Kendall test) are discriminated unions on `method`; their parameters live beside them.
 */
import { z } from "zod";
import { checkRulesetRelations } from "./relations";

/** Largest run count or window a ruleset may ask for where the work is linear in it. */
export const MAX_RUNS = 100_000;
/** Largest window where the work is pairwise (Mann–Kendall, Sen slopes allocate n·(n − 1) / 2). */
export const MAX_PAIRWISE_RUNS = 1000;

const probability = z.number().gt(0).lt(1);
const nonNegative = z.number().min(0);
const positiveInt = z.number().int().min(1).max(MAX_RUNS);
const score = z.number().min(0).max(100);
const weight = z.number().min(0);

/** Severity of a trigger. */
export const SeveritySchema = z.enum(["low", "medium", "high"]);
/** A mission's or the portfolio's status band. */
export const BandSchema = z.enum(["ON_TRACK", "WATCH", "ATTENTION_REQUIRED"]);

const LedgerSchema = z.strictObject({
  /** `date_then_run_id`: by the first 10 characters of start_time, then run id (seed-v3); `start_time`: by instant. */
  order: z.enum(["date_then_run_id", "start_time"]),
  /** Weight of a risk event by severity. */
  severityWeights: z.strictObject({ low: weight, medium: weight, high: weight }),
  /**
   * Runs that lack the primary KPI's value: `exclude` leaves them out of the ledger (the reference
   * engine's rule, the default when absent); `include` keeps them, so human touches, friction and
   * risk still count them while the KPI's trend reads the runs that carry a value.
   */
  runsWithoutKpi: z.enum(["exclude", "include"]).optional(),
});

const ThreePointTrendSchema = z.strictObject({
  method: z.literal("three_point"),
  /** Relative tolerance for "better" and "flat" comparisons (0.05 = 5 %). */
  tolerance: nonNegative,
  /** Fewer runs than this → insufficient_data. */
  minRuns: positiveInt,
});

const MannKendallTrendSchema = z.strictObject({
  method: z.literal("mann_kendall"),
  /** Two-sided significance level of the Mann–Kendall test. */
  alpha: probability,
  /** Fewer KPI observations than this → insufficient_data. */
  minRuns: z.number().int().min(3).max(MAX_PAIRWISE_RUNS),
  /** Only the most recent N observations enter the test (bounds the pairwise work). */
  maxWindowRuns: z.number().int().min(3).max(MAX_PAIRWISE_RUNS),
  /** Practical effect: |Sen slope| × (n − 1) / |median level| must reach this to call a trend. */
  minRelativeChange: nonNegative,
  /** Flat = the confidence interval of that relative change lies within ± this margin. */
  flatMargin: nonNegative,
  /** Confidence level of Sen's slope interval. */
  ciLevel: probability,
  /**
   * Serial correlation. From `minRuns` KPI observations the Mann–Kendall variance (and Sen's
   * interval) is inflated by the effective-sample-size factor of the `correction` (Yue & Wang 2004
   * with a bias-corrected lag-1 estimate, or Hamed & Rao 1998); below `minRuns`, a bias-corrected
   * lag-1 autocorrelation of at least `strongLag1` gives no clear trend (a trend cannot be told
   * from a slow wander on so few runs). Absent: observations are taken as independent.
   */
  serialCorrelation: z
    .strictObject({
      correction: z.enum(["yue_wang", "hamed_rao"]),
      minRuns: z.number().int().min(6).max(1000),
      strongLag1: z.number().gt(0).lt(1),
    })
    .optional(),
  /**
   * Steps are not trends: a Pettitt change point significant at `alpha`, where a single level
   * shift fits better than a straight line (BIC) and the shift is at least `minRelativeShift` of
   * the typical level, is reported as a level shift on its date; the trend, the current level and
   * the projection then read the runs after it (at least `minSegmentRuns` on each side). Absent:
   * no change-point detection.
   */
  changePoint: z
    .strictObject({
      method: z.literal("pettitt_bic"),
      alpha: probability,
      minSegmentRuns: z.number().int().min(2).max(500),
      minRelativeShift: nonNegative,
    })
    .optional(),
});

const TrajectorySchema = z.discriminatedUnion("method", [
  z.strictObject({ method: z.literal("none") }),
  z.strictObject({
    method: z.literal("sen_eta"),
    /** Runs used to estimate the current level (median of the fitted Sen line at the last run). */
    minRuns: z.number().int().min(2).max(MAX_PAIRWISE_RUNS),
    /** Beyond this many runs the estimate is reported as unreachable within the horizon. */
    horizonRuns: positiveInt,
    /**
     * `calendar`: the slope is fitted against elapsed days (Theil–Sen on time), so bunched or
     * irregular runs do not distort the pace; the time to target is in days from that slope and
     * its band includes the current level's uncertainty. `runs` (the default when absent): per
     * run, converted to days at the median interval between runs.
     */
    timeBasis: z.enum(["runs", "calendar"]).optional(),
  }),
]);

/**
 * Where the KPI stands. `latest`: the last run's value is the current level (the reference
 * engine's reading). `fitted`: the current level is estimated from the recent runs — the trend
 * line at the last run when the trend is significant (its slope from the whole stretch, its
 * height from the median residual of the last `lineAnchorRuns`, so a trend that is slowing down is
 * not extrapolated past where the runs are), otherwise the median of the last
 * `recentRuns` runs (after a level shift, of the runs since) — with a `ciLevel` interval; the
 * target counts as met when the interval's worse end is within `equivalenceMargin` (a share of
 * |target|) of it. A last run more than `excursionK` robust deviations (Hampel: 1.4826·MAD of
 * the other runs) from the others is an unconfirmed excursion: reported, left out of the trend
 * and level until the next run confirms it, and it caps the mission at `excursionBand`.
 */
const LevelSchema = z.discriminatedUnion("method", [
  z.strictObject({ method: z.literal("latest") }),
  z.strictObject({
    method: z.literal("fitted"),
    recentRuns: z.number().int().min(3).max(1000),
    /** On a significant trend: the line's level is anchored on this many most recent runs (median residual). */
    lineAnchorRuns: z.number().int().min(3).max(1000),
    ciLevel: probability,
    equivalenceMargin: z.number().min(0).max(1),
    excursionK: z.number().gt(0),
    excursionBand: BandSchema,
  }),
]);

/**
 * Many missions, many tests: the alarms that can move a band (a worsening trend, rising human
 * touches) are controlled for the false discovery rate across the portfolio's tests —
 * Benjamini–Hochberg (`bh`) or, valid under any dependence, Benjamini–Yekutieli (`by`) — and fire
 * only when their q-value is at most `q`. `none` (the default when absent): raw p-values.
 */
const MultiplicitySchema = z.strictObject({
  method: z.enum(["none", "bh", "by"]),
  q: probability,
});

const AutonomyLevelSchema = z.strictObject({
  interventionWeight: weight,
  escalationWeight: weight,
  approvalDelayWeight: weight,
  approvalDelayCap: nonNegative,
  /** Multiplies the share of risk-flagged runs (a fraction 0–1). */
  riskShareWeight: weight,
  /** Only the most recent N runs, or all runs when absent. */
  recentRuns: positiveInt.optional(),
});

const AutonomyRegressionSchema = z.discriminatedUnion("method", [
  z.strictObject({ method: z.literal("level_below"), threshold: z.number().min(0).max(100) }),
  z.strictObject({
    method: z.literal("touch_rate_increase"),
    /** Share of the runs in each of the early and recent windows. */
    windowFraction: z.number().gt(0).max(0.5),
    minRunsPerWindow: z.number().int().min(2).max(MAX_RUNS),
    /** One-sided significance of the conditional binomial test on the two Poisson rates. */
    alpha: probability,
    /** Recent rate ÷ early rate must reach this. */
    minRateRatio: z.number().min(1),
    /** Recent rate − early rate (touches per run) must reach this. */
    minRateIncrease: nonNegative,
  }),
  z.strictObject({
    method: z.literal("touch_trend"),
    /**
     * A one-sided rank test on human touches per run, over every run of the most recent
     * `windowRuns` (runs without a KPI value included): rank-based, so valid for overdispersed
     * counts. Effect sizes compare the recent half with the early half.
     */
    windowRuns: z.number().int().min(4).max(1000),
    minRuns: z.number().int().min(4).max(1000),
    /**
     * `mann_kendall` (the default when absent): a monotone rise over the window's runs;
     * `rank_sum_halves`: the recent half against the early half (Wilcoxon–Mann–Whitney), more
     * powerful for a change in the middle of the window. Both are rank tests.
     */
    test: z.enum(["mann_kendall", "rank_sum_halves"]).optional(),
    alpha: probability,
    /** Recent half's rate ÷ early half's must reach this. */
    minRateRatio: z.number().min(1),
    /** Recent half's rate − early half's (touches per run) must reach this. */
    minRateIncrease: nonNegative,
  }),
]);

const FrictionSchema = z.strictObject({
  interventionWeight: weight,
  escalationWeight: weight,
  approvalDelayWeight: weight,
  approvalDelayCap: nonNegative,
  /** Minutes of approval delay per run from which a delay counts as elevated. */
  approvalDelayElevatedMinutes: nonNegative,
  /** Only the most recent N runs, or all runs when absent. */
  recentRuns: positiveInt.optional(),
});

const SeedBottleneckSchema = z.strictObject({
  method: z.literal("seed_v3"),
  delayWeight: weight,
  riskWeight: weight,
  elevatedDelayMinutes: nonNegative,
  overrunTolerance: nonNegative,
  recentRuns: positiveInt,
});

const LostTimeBottleneckSchema = z.strictObject({
  method: z.literal("lost_time"),
  /** Recent runs (by start time) over which a task's friction is measured. */
  recentRuns: positiveInt,
  /** Runs (most recent by start time) over which persistence is judged. */
  persistenceRuns: positiveInt,
  /** Share of those runs with friction from which a bottleneck is persistent. */
  persistentShare: probability,
  /** Runs with friction from which a bottleneck is recurring. */
  recurringMinRuns: positiveInt,
  /** A run has friction in a task when its human delay reaches this many minutes… */
  elevatedDelayMinutes: nonNegative,
  /** …or its actual time exceeds the estimate by more than this fraction. */
  overrunTolerance: nonNegative,
  /** Score points per severity-weighted risk event per run (the score is lost minutes ÷ estimate). */
  riskPointWeight: weight,
  /** A component with at least this share of the score is the driver; otherwise "mixed". */
  dominantShare: probability,
  /** Tasks scoring below this are not bottlenecks. */
  minScore: nonNegative,
  /**
   * A repeated bottleneck must stand out: its score at least `ratio` × the median score of the
   * mission's other tasks and at least `floor` (minutes lost per run ÷ estimate). Evenly spread
   * small friction is no bottleneck. Absent: the top task counts whatever the others score.
   */
  standOut: z.strictObject({ ratio: z.number().min(1), floor: nonNegative }).optional(),
});

const StabilityBandSchema = z.strictObject({
  below: nonNegative,
  label: z.string().min(1),
  score: z.number().min(0).max(100),
});

const StabilitySchema = z.discriminatedUnion("method", [
  z.strictObject({
    method: z.literal("cv"),
    bands: z.array(StabilityBandSchema).min(1),
    otherwise: z.strictObject({ label: z.string().min(1), score: z.number().min(0).max(100) }),
  }),
  z.strictObject({
    method: z.literal("robust"),
    /** Bands on the robust relative dispersion: 1.4826·MAD of the detrended KPI ÷ |median KPI|. */
    bands: z.array(StabilityBandSchema).min(1),
    otherwise: z.strictObject({ label: z.string().min(1), score: z.number().min(0).max(100) }),
    /** Points off per run outside the XmR control limits of the detrended series. */
    outOfControlPenalty: weight,
    minRuns: z.number().int().min(3).max(MAX_RUNS),
    /** Stability subscore when there are fewer than `minRuns` runs. */
    insufficientScore: z.number().min(0).max(100),
  }),
]);

const RiskSchema = z.discriminatedUnion("method", [
  z.strictObject({
    method: z.literal("seed_v3"),
    /** Multiplies the share of risk-flagged runs expressed in percent (the reference's defect). */
    sharePercentWeight: weight,
    weightSumWeight: weight,
    weightSumCap: nonNegative,
  }),
  z.strictObject({
    method: z.literal("rate"),
    /** Multiplies the share of risk-flagged runs (fraction 0–1). */
    shareWeight: weight,
    /** Multiplies severity-weighted risk events per run. */
    weightedRateWeight: weight,
    weightedRateCap: nonNegative,
    recentRuns: positiveInt.optional(),
  }),
]);

const TrendScoresSchema = z.strictObject({
  improving: score,
  flat: score,
  worsening: score,
  no_clear_trend: score,
  insufficient_data: score,
});

const HealthSchema = z.strictObject({
  weights: z.strictObject({
    outcome: weight,
    trajectory: weight,
    friction: weight,
    risk: weight,
    stability: weight,
  }),
  trendScores: TrendScoresSchema,
  /**
   * Trajectory subscore by trajectory status, when the trajectory is known (not `unknown`):
   * whether the pace reaches the target counts, not only the direction. Absent: trend scores only.
   */
  trajectoryStatusScores: z
    .strictObject({ met: score, on_track: score, at_risk: score, off_track: score })
    .optional(),
  /** Outcome subscore when baseline or target is missing or the span is not positive. */
  outcomeMissingScore: z.number().min(0).max(100),
  bands: z.strictObject({ onTrack: score, watch: score }),
});

const MissionBandSchema = z.discriminatedUnion("method", [
  z.strictObject({ method: z.literal("health_only") }),
  z.strictObject({
    method: z.literal("health_with_gates"),
    /** A mission with any high-severity trigger is at best this band. */
    highTriggerCap: BandSchema,
    /** This many high-severity triggers make it ATTENTION_REQUIRED. */
    attentionHighTriggers: positiveInt,
    /** A mission whose trend is insufficient_data gets this band (before the high-trigger gates): too little history to confirm progress or decline. */
    insufficientDataBand: BandSchema,
  }),
]);

const triggerBase = { enabled: z.boolean(), severity: SeveritySchema };

const TriggersSchema = z.strictObject({
  MISSION_TREND_WORSENING: z.strictObject({ ...triggerBase }),
  TARGET_GAP_PERSISTING: z.strictObject({
    ...triggerBase,
    minGapPct: nonNegative,
    /** Trend labels under which a gap counts as persisting. */
    trendLabels: z
      .array(z.enum(["improving", "worsening", "flat", "no_clear_trend", "insufficient_data"]))
      .min(1),
  }),
  KPI_PLATEAU: z.strictObject({
    ...triggerBase,
    /** `three_point`: latest within tolerance of previous and first; `trend_flat`: the trend is flat and the target not met. */
    method: z.enum(["three_point", "trend_flat"]),
    minRuns: positiveInt,
    tolerance: nonNegative,
  }),
  APPROVAL_DELAY_PERSISTING: z.strictObject({ ...triggerBase, minAvgDelayMinutes: nonNegative }),
  ESCALATION_BURDEN_RISING: z.strictObject({
    ...triggerBase,
    /** `level`: avg escalations above the threshold and ≥ avg interventions; `trend`: escalations per run rising. */
    method: z.enum(["level", "trend"]),
    minAvgEscalations: nonNegative,
    /** `trend`: one-sided significance of the Mann–Kendall test on escalations per run. */
    alpha: probability,
  }),
  RISK_CLUSTER_FORMING: z.strictObject({ ...triggerBase, minRiskRunShare: z.number().min(0).max(1) }),
  AUTONOMY_REGRESSION: z.strictObject({ ...triggerBase }),
  STABILITY_DROPPING: z.strictObject({ ...triggerBase, maxStability: z.number().min(0).max(100) }),
  REPEATED_BOTTLENECK: z.strictObject({
    ...triggerBase,
    statuses: z.array(z.enum(["persistent", "recurring", "isolated"])).min(1),
  }),
  TRAJECTORY_OFF_TRACK: z.strictObject({ ...triggerBase }),
  /**
   * The last run is an unconfirmed excursion in the worse direction (see `level`): named, and the
   * mission is at best `level.excursionBand` until the next run confirms or clears it. Absent:
   * not assessed (rulesets without a fitted level).
   */
  KPI_EXCURSION: z.strictObject({ ...triggerBase }).optional(),
  /**
   * A high-severity risk event still open (its status in the data) is a finding of its own: with
   * severity high, its mission is at best WATCH until the event is closed or mitigated. Absent:
   * open events only lower the risk subscore.
   */
  OPEN_HIGH_RISK: z.strictObject({ ...triggerBase }).optional(),
});

const ConfidenceSchema = z.discriminatedUnion("method", [
  z.strictObject({
    method: z.literal("run_count"),
    /** Any mission with fewer runs → LOW. */
    lowBelowRuns: positiveInt,
    /** Any mission with fewer runs → MEDIUM. */
    mediumBelowRuns: positiveInt,
  }),
  z.strictObject({
    method: z.literal("factors"),
    sampleSize: z.strictObject({ lowBelowRuns: positiveInt, mediumBelowRuns: positiveInt }),
    /** Sen interval width × (n − 1) ÷ |median level| above this lowers to MEDIUM. */
    slopePrecision: z.strictObject({ maxRelativeCiWidth: nonNegative }),
    /** Stability labels that lower to MEDIUM. */
    dispersion: z.strictObject({ lowerOnLabels: z.array(z.string()) }),
    /** Share of runs carrying the primary KPI below this lowers to MEDIUM. */
    completeness: z.strictObject({ minKpiShare: z.number().min(0).max(1) }),
    /** Days from the last run to the as-of date above this lower to MEDIUM. */
    recency: z.strictObject({ maxDaysSinceLastRun: nonNegative }),
    /**
     * Serially correlated KPI: a (bias-corrected) lag-1 autocorrelation at least this lowers to
     * MEDIUM (a trend test on such a series has fewer independent observations than runs).
     */
    serialCorrelation: z.strictObject({ minLag1: z.number().gt(0).lt(1) }).optional(),
    /**
     * `verdict_and_driver`: portfolio confidence is the confidence in the verdict and the primary
     * driver — the lowest level among the missions in the verdict's band and the driver's mission
     * — with missions of too little history listed apart. `lowest` (the default when absent): the
     * lowest level of any mission.
     */
    portfolio: z.enum(["lowest", "verdict_and_driver"]).optional(),
  }),
]);

const ActionsSchema = z.strictObject({
  /** Trigger id → action sentence. Placeholders: {missionName} {missionId} {taskId} {taskName} {figure}. */
  templates: z.record(z.string(), z.string().min(1)),
  /** When a mission has no trigger. */
  noTrigger: z.string().min(1),
  /** Portfolio action: wraps the primary driver's mission action. Placeholder {action}. */
  portfolio: z.string().min(1),
});

/** Validates a whole ruleset document. */
export const RulesetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case id of letters, digits, . _ -"),
  version: z.string().min(1),
  description: z.string(),
  ledger: LedgerSchema,
  trend: z.discriminatedUnion("method", [ThreePointTrendSchema, MannKendallTrendSchema]),
  trajectory: TrajectorySchema,
  level: LevelSchema.optional(),
  autonomy: z.strictObject({ level: AutonomyLevelSchema, regression: AutonomyRegressionSchema }),
  friction: FrictionSchema,
  bottleneck: z.discriminatedUnion("method", [SeedBottleneckSchema, LostTimeBottleneckSchema]),
  stability: StabilitySchema,
  risk: RiskSchema,
  health: HealthSchema,
  missionBand: MissionBandSchema,
  triggers: TriggersSchema,
  multiplicity: MultiplicitySchema.optional(),
  portfolio: z.strictObject({
    emptyVerdict: BandSchema,
    /**
     * `worst_mission` (the default when absent): the verdict is the worst mission band.
     * `worst_established`: the worst band among missions with enough history to judge a trend;
     * missions with too little history are listed apart and decide the verdict only when no
     * mission has enough.
     */
    verdict: z.enum(["worst_mission", "worst_established"]).optional(),
  }),
  confidence: ConfidenceSchema,
  actions: ActionsSchema,
  /** One sentence per verdict for the brief's banner. */
  interpretation: z.strictObject({ ON_TRACK: z.string(), WATCH: z.string(), ATTENTION_REQUIRED: z.string() }),
});

/** A validated ruleset. */
export type Ruleset = z.infer<typeof RulesetSchema>;
/** The trigger ids a ruleset configures. */
export type TriggerId = keyof Ruleset["triggers"];
/** Every trigger id, in the order they are evaluated. */
export const TRIGGER_IDS: readonly TriggerId[] = Object.keys(TriggersSchema.shape) as TriggerId[];
/** Trigger severity. */
export type Severity = z.infer<typeof SeveritySchema>;
/** Status band of a mission or the portfolio. */
export type Band = z.infer<typeof BandSchema>;

/**
 * {@link RulesetSchema} with the relations between fields (`relations.ts`: weights summing to 1,
 * ordered bands, windows that can hold their minimum). This is what `parseRuleset` checks.
 *
 * @example RulesetDocumentSchema.safeParse({ ...rules, health: { ...rules.health, bands: { onTrack: 60, watch: 70 } } }).success // → false
 */
export const RulesetDocumentSchema = RulesetSchema.superRefine(checkRulesetRelations);
