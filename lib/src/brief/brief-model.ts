/**
 * The brief model: an evaluation result and options turned into plain data — every sentence and
 * figure already formatted, every chart as an inline-data Vega-Lite spec — ready for the HTML
 * assembly and testable without it. Pure: reads nothing but its arguments, never the clock.
 */
import type { EvaluationResult, MissionAssessment } from "../evaluate/types";
import type { Band } from "../rules/schema";
import type {
  BriefChart,
  BriefContext,
  BriefOptions,
  BriefSnapshot,
  ResolvedBriefOptions,
} from "./brief-types";
import { BRIEF_JSON_VERSION } from "./brief-json";
import { formatDate, formatInstant, plural, withShortNames } from "./format";
import { autonomyModel, type AutonomyModel } from "./sections/autonomy";
import { focusModel, type FocusModel } from "./sections/focus";
import { governanceModel, type GovernanceModel } from "./sections/governance";
import { missionDetailsModel, type MissionDetailsModel } from "./sections/mission-detail";
import { missionTableModel, missionTableNote, type MissionTableModel } from "./sections/mission-table";
import { primaryIssueModel, type PrimaryIssueModel } from "./sections/primary-issue";
import { judgedModel, type JudgedModel } from "./sections/judged";
import { proofModel, type ProofModel } from "./sections/proof";
import { riskRegisterModel, type RiskRegisterModel } from "./sections/risks";
import { briefSnapshot, sinceModel, type SinceModel } from "./sections/since";
import { trajectoryModel, type TrajectoryModel } from "./sections/trajectory";
import { verdictModel, type VerdictModel } from "./sections/verdict";

/**
 * Default title of the brief.
 *
 * @example DEFAULT_BRIEF_TITLE // → "AI mission portfolio — executive brief"
 */
export const DEFAULT_BRIEF_TITLE = "AI mission portfolio — executive brief";

/** The whole brief as plain data, sections in reading order. */
export interface BriefModel {
  /** Version of the model's JSON form (see `BRIEF_JSON_VERSION`). */
  readonly version: number;
  readonly title: string;
  /** e.g. "6 missions · 160 runs · as of 2026-03-06 11:47 UTC · ruleset default 1.0.0". */
  readonly subtitle: string;
  /** The evaluation's as-of instant (ISO) and its date (YYYY-MM-DD). */
  readonly asOf: string;
  readonly asOfDate: string;
  /** The generation stamp as shown, e.g. "2026-03-06 11:47 UTC". */
  readonly generated: string;
  readonly ruleset: { readonly id: string; readonly version: string };
  readonly paper: ResolvedBriefOptions["paper"];
  /** Text at the start of each PDF page footer. */
  readonly footerLabel: string;
  /** What a later brief compares with (`--since`). */
  readonly snapshot: BriefSnapshot;
  /** What changed since an earlier brief, when one was given. */
  readonly since: SinceModel | null;
  readonly verdict: VerdictModel;
  readonly primaryIssue: PrimaryIssueModel;
  readonly trajectory: TrajectoryModel;
  readonly proof: ProofModel;
  readonly focus: FocusModel;
  readonly autonomy: AutonomyModel;
  readonly missionTable: MissionTableModel;
  readonly missionTableNote: string;
  readonly missionDetails: MissionDetailsModel;
  readonly governance: GovernanceModel;
  readonly risks: RiskRegisterModel;
  /** The closing appendix: every claim with its rule, figures and threshold. */
  readonly judged: JudgedModel;
}

const BAND_ORDER: Readonly<Record<Band, number>> = { ATTENTION_REQUIRED: 0, WATCH: 1, ON_TRACK: 2 };

/**
 * The portfolio's missions, weakest first: by band (attention required, watch, on track), then
 * health score, then name and id. Returns a new array.
 *
 * @example weakestFirst(seed.portfolio.missions).map((m) => m.missionId) // → ["M002", "M001", "M003"]
 */
export function weakestFirst(missions: readonly MissionAssessment[]): MissionAssessment[] {
  return [...missions].sort(
    (a, b) =>
      (BAND_ORDER[a.health] ?? 3) - (BAND_ORDER[b.health] ?? 3) ||
      a.metrics.healthScore - b.metrics.healthScore ||
      (a.missionName < b.missionName ? -1 : a.missionName > b.missionName ? 1 : 0) ||
      (a.missionId < b.missionId ? -1 : a.missionId > b.missionId ? 1 : 0),
  );
}

/**
 * Options with their defaults (title, generation stamp = the as-of instant, A4, lists of 20, detail
 * blocks for the 12 weakest missions, per-run charts of the last 120 runs, portfolio charts of 30
 * missions).
 *
 * @throws RangeError when `generatedAt` is not an ISO date or date-time, or a limit is not a whole
 *   number ≥ 1.
 * @example resolveBriefOptions(result, {}).generatedAt === result.asOf // → true
 */
export function resolveBriefOptions(
  result: EvaluationResult,
  options: BriefOptions = {},
): ResolvedBriefOptions {
  const generatedAt = options.generatedAt ?? result.asOf;
  formatInstant(generatedAt); // validates
  const limit = (name: string, value: number | undefined, fallback: number): number => {
    const v = value ?? fallback;
    if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`${name} must be a whole number ≥ 1`);
    return v;
  };
  return {
    title: options.title?.trim() ? options.title.trim() : DEFAULT_BRIEF_TITLE,
    generatedAt,
    paper: options.paper === "letter" ? "letter" : "a4",
    source: options.source ?? null,
    healthBands: options.healthBands ?? null,
    maxListItems: limit("maxListItems", options.maxListItems, 20),
    maxDetailMissions: limit("maxDetailMissions", options.maxDetailMissions, 12),
    maxChartRuns: limit("maxChartRuns", options.maxChartRuns, 120),
    maxChartMissions: limit("maxChartMissions", options.maxChartMissions, 30),
    data: options.data ?? {},
    since: options.since ?? null,
  };
}

/**
 * Builds the brief model of an evaluation. Pure and deterministic: the same result and options
 * give an equal model.
 *
 * @throws RangeError when an option is invalid (see {@link resolveBriefOptions}).
 * @example buildBriefModel(seedResult).verdict.band // → "WATCH"
 */
export function buildBriefModel(fullResult: EvaluationResult, options: BriefOptions = {}): BriefModel {
  const resolved = resolveBriefOptions(fullResult, options);
  // Names longer than DISPLAY_NAME_MAX are shown shortened everywhere; the governance section
  // lists them with the full text in a title attribute.
  const shortened = new Map<string, string>();
  const result = withShortNames(fullResult, shortened);
  const ctx: BriefContext = { result, missions: weakestFirst(result.portfolio.missions), options: resolved };
  const runs = result.portfolio.missions.reduce((s, m) => s + m.metrics.runsAnalyzed, 0);
  const asOfDate = formatDate(result.asOf);
  const ruleset = `${result.ruleset.id} ${result.ruleset.version}`;
  const snapshot = briefSnapshot(result, resolved.data.secondaryKpis);
  return {
    version: BRIEF_JSON_VERSION,
    title: resolved.title,
    subtitle: `${plural(ctx.missions.length, "mission")} · ${plural(runs, "run")} · as of ${formatInstant(result.asOf)} · ruleset ${ruleset}`,
    asOf: result.asOf,
    asOfDate,
    generated: formatInstant(resolved.generatedAt),
    ruleset: { id: result.ruleset.id, version: result.ruleset.version },
    paper: resolved.paper,
    footerLabel: `${resolved.title} · as of ${asOfDate} · ruleset ${ruleset}`,
    snapshot,
    since: resolved.since ? sinceModel(resolved.since, snapshot) : null,
    verdict: verdictModel(ctx),
    primaryIssue: primaryIssueModel(ctx),
    trajectory: trajectoryModel(ctx),
    proof: proofModel(ctx),
    focus: focusModel(ctx),
    autonomy: autonomyModel(ctx),
    missionTable: missionTableModel(ctx),
    missionTableNote: missionTableNote(),
    missionDetails: missionDetailsModel(ctx),
    risks: riskRegisterModel(ctx),
    judged: judgedModel(ctx),
    governance: {
      ...governanceModel(ctx),
      shortenedNames: [...shortened]
        .slice(0, resolved.maxListItems)
        .map(([full, short]) => ({ short, full })),
    },
  };
}

/**
 * Every chart of a brief model, in document order.
 *
 * @example briefCharts(buildBriefModel(demoResult)).length // → 20 (demo portfolio: 2 + 6 × 3)
 */
export function briefCharts(model: BriefModel): BriefChart[] {
  return [
    ...(model.trajectory.chart ? [model.trajectory.chart] : []),
    ...(model.autonomy.chart ? [model.autonomy.chart] : []),
    ...model.missionDetails.missions.flatMap((m) => m.charts),
  ];
}
