/**
 * Types shared by the executive brief's sections: its options, a chart as the brief model holds
 * it, and the context every section builder reads.
 */
import type { EvaluationResult, MissionAssessment } from "../evaluate/types";
import type { SecondaryKpiAssessment } from "../evaluate/secondary-kpis";
import type { Mission, RiskEvent } from "../model/dataset";
import type { ChartSpec } from "./charts/theme";
import type { PaperSize } from "./document";

/** Where the evaluated data came from, as shown in the governance section. */
export interface BriefSourceInfo {
  /** Dataset folder; only its last path segment is shown (keeps the brief machine-independent). */
  readonly folder?: string;
  /** Input files; only their names are shown. `sha256` is hex. */
  readonly files?: readonly {
    readonly path: string;
    readonly rows?: number;
    readonly bytes?: number;
    readonly sha256?: string;
  }[];
}

/** Health-score thresholds of the ruleset's bands (0–100): ON_TRACK ≥ onTrack, WATCH ≥ watch. */
export interface BriefHealthBands {
  readonly onTrack: number;
  readonly watch: number;
}

/**
 * Data beside the evaluation that some sections read: the missions' governance fields, the risk
 * events (for the risk register: every open high and medium event) and the secondary KPIs. Each is
 * optional; a section without its input says so.
 */
export interface BriefDataInputs {
  /** The dataset's missions (governance answers). */
  readonly missions?: readonly Mission[];
  /** The dataset's risk events; only those detected up to the as-of instant are shown. */
  readonly riskEvents?: readonly RiskEvent[];
  /** The secondary KPIs, judged (`secondaryKpiAssessments`). */
  readonly secondaryKpis?: readonly SecondaryKpiAssessment[];
}

/** Options of the brief (model and HTML). */
export interface BriefOptions {
  /** Document title (default "AI mission portfolio — executive brief"). */
  readonly title?: string;
  /**
   * The "generated" stamp, ISO date or date-time (default: the result's as-of instant — never the
   * clock, so the same inputs give the same bytes).
   */
  readonly generatedAt?: string;
  /** Paper the print CSS is laid out for (default "a4"). */
  readonly paper?: PaperSize;
  /** Dataset source (a loaded dataset's `source` fits). */
  readonly source?: BriefSourceInfo;
  /**
   * The ruleset's health bands, for the portfolio health chart's background (a ruleset's
   * `health.bands` fits). Default: recovered from the evaluation's band evidence when possible.
   */
  readonly healthBands?: BriefHealthBands;
  /**
   * Longest list shown (constrained missions, wins, governance gaps, names per direction of human
   * touches, warnings, excluded runs) before "… and N more" (default 20).
   */
  readonly maxListItems?: number;
  /** Missions that get a detail block with charts, weakest first (default 12; the table lists all). */
  readonly maxDetailMissions?: number;
  /** Most recent runs shown in a per-run chart (default 120). */
  readonly maxChartRuns?: number;
  /** Missions shown in a portfolio chart: the weakest, or the least autonomous (default 30). */
  readonly maxChartMissions?: number;
  /** Dataset inputs beside the evaluation (governance, risk register, secondary KPIs). */
  readonly data?: BriefDataInputs;
  /** An earlier brief to compare with: adds the "Since ‹date›" section. */
  readonly since?: BriefSnapshot;
}

/**
 * What a brief keeps of an evaluation to compare a later brief with (also stored in the brief's
 * JSON file): the verdict, each mission's band, health score and the rules that fired, and its
 * KPI levels.
 */
export interface BriefSnapshot {
  /** As-of instant (ISO). */
  readonly asOf: string;
  readonly verdict: string;
  readonly missions: readonly {
    readonly missionId: string;
    readonly missionName: string;
    readonly band: string;
    readonly healthScore: number;
    /** Rule ids that fired, with their task when they name one ("REPEATED_BOTTLENECK:match-po"). */
    readonly triggers: readonly string[];
    /** The KPIs' current values (fitted level for the primary KPI when there is one). */
    readonly kpis: readonly {
      readonly kpi: string;
      readonly value: number;
      readonly unit?: string;
      readonly direction: "lower_is_better" | "higher_is_better";
      readonly primary: boolean;
    }[];
  }[];
}

/** {@link BriefOptions} with every default applied. */
export interface ResolvedBriefOptions {
  readonly title: string;
  readonly generatedAt: string;
  readonly paper: PaperSize;
  readonly source: BriefSourceInfo | null;
  readonly healthBands: BriefHealthBands | null;
  readonly maxListItems: number;
  readonly maxDetailMissions: number;
  readonly maxChartRuns: number;
  readonly maxChartMissions: number;
  readonly data: BriefDataInputs;
  readonly since: BriefSnapshot | null;
}

/** A chart of the brief: its Vega-Lite spec (data inline) and the caption shown under it. */
export interface BriefChart {
  /** Unique within the brief (used as the figure's id), e.g. "chart-portfolio-health". */
  readonly id: string;
  /** Chart kind, i.e. the chart module that built the spec. */
  readonly kind: "portfolio-health" | "autonomy" | "kpi-trend" | "human-touches" | "bottlenecks";
  /** What the reader should take from the chart (plain text; escaped when rendered). */
  readonly caption: string;
  readonly spec: ChartSpec;
}

/** What every section builder reads. */
export interface BriefContext {
  readonly result: EvaluationResult;
  /** The portfolio's missions, weakest first (band, then health score, then name). */
  readonly missions: readonly MissionAssessment[];
  readonly options: ResolvedBriefOptions;
}

/** A label and a value, both plain text. */
export interface BriefFact {
  readonly label: string;
  readonly value: string;
}
