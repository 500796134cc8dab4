/**
 * Types of the primary KPI's trend and trajectory (stage 2): the trend classes, the serial
 * correlation and level shift a trend test found, and whether the pace reaches the target. Units:
 * KPI units, KPI units per run, days.
 */
/** Trend classes. `flat`: evidence of no material change; `no_clear_trend`: not enough evidence either way. */
export type TrendLabel = "improving" | "worsening" | "flat" | "no_clear_trend" | "insufficient_data";

/** Serial correlation of the KPI's detrended runs, and what the trend test did about it. */
export interface SerialCorrelation {
  /** Bias-corrected lag-1 autocorrelation of the residuals around the trend (or levels). */
  readonly lag1: number;
  /** Factor by which Var(S) was inflated (1: none), i.e. runs ÷ effective independent runs. */
  readonly varianceFactor: number;
  /** `yue_wang` / `hamed_rao`: corrected; `too_short`: strong but too few runs, so no trend is called; `none`. */
  readonly correction: "yue_wang" | "hamed_rao" | "too_short" | "none";
}

/** A level shift (step) in the KPI, detected in the trend window. */
export interface LevelShift {
  /** 0-based position in the window of the first run after the shift. */
  readonly index: number;
  /** Start date (YYYY-MM-DD) of that run, when known. */
  readonly date?: string;
  /** Mean level before and after (KPI units). */
  readonly before: number;
  readonly after: number;
  /** Pettitt p-value, inflated for serial correlation. */
  readonly pValue: number;
  readonly direction: "better" | "worse";
}

/** The primary KPI's trend. */
export interface TrendAssessment {
  readonly label: TrendLabel;
  readonly method: "three_point" | "mann_kendall";
  /**
   * Observations the test used: the most recent runs up to the window cap, or those after a
   * level shift (the Sen line and the stability read these last `n` runs).
   */
  readonly n: number;
  /** Runs in the trend window (≥ n; more when a level shift cut the stretch). */
  readonly windowRuns?: number;
  readonly serialCorrelation?: SerialCorrelation;
  readonly levelShift?: LevelShift;
  /** Mann–Kendall S, two-sided p-value and how it was computed, when the method is mann_kendall and n ≥ 3. */
  readonly mannKendall?: { readonly s: number; readonly pValue: number; readonly method: string };
  /** Sen's slope in KPI units per run, with its confidence interval. */
  readonly slopePerRun?: number;
  readonly slopeCi?: readonly [number, number];
  /** Sen line: fitted value = intercept + slope × run index (0-based within the window). */
  readonly intercept?: number;
  /** Slope × (n − 1) ÷ |median level|: the relative change across the window (signed, KPI direction). */
  readonly relativeChange?: number;
  /** One plain sentence (includes the raw change when data are insufficient). */
  readonly description: string;
}

/** Whether the pace reaches the target. */
export type TrajectoryStatus = "met" | "on_track" | "at_risk" | "off_track" | "unknown";

/** Sufficiency of the trajectory toward the target. */
export interface TrajectoryAssessment {
  readonly status: TrajectoryStatus;
  /** Estimated runs until the target is reached at the Sen slope, and the band from its interval. */
  readonly etaRuns?: number;
  readonly etaRunsBand?: readonly [number, number | null];
  /** The same in days at the median interval between runs. */
  readonly etaDays?: number;
  readonly etaDaysBand?: readonly [number, number | null];
  /** Estimated date the target is reached (YYYY-MM-DD). */
  readonly etaDate?: string;
  readonly targetDate?: string;
  readonly description: string;
}
