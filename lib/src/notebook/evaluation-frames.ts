/**
 * An evaluation's stages as flat rows and danfojs DataFrames, for looking at them in a notebook:
 * the per-run ledger and one row of metrics per mission (the brief's own mission table is
 * `buildBriefModel(result).missionTable.rows`). The row builders are pure; the `…ToFrame`
 * functions hand their rows to {@link toDataFrame} (danfojs-node is loaded on first use).
 */
import type { DataFrame } from "danfojs-node";
import type { EvaluationResult, LedgerEntry, MissionAssessment } from "../evaluate/types";
import { toDataFrame } from "./data-frame";

/** Columns of the ledger frame before the `secondary.<kpi>` columns (which follow, sorted). */
export const LEDGER_COLUMNS = [
  "missionId",
  "position",
  "runId",
  "date",
  "status",
  "kpiValue",
  "humanInterventions",
  "escalations",
  "humanTouches",
  "approvalDelayMinutes",
  "overrunMinutes",
  "durationMinutes",
  "riskFlagged",
  "riskEvents",
  "riskWeight",
] as const;

/** One ledger entry as a flat row. */
export type LedgerRow = Readonly<Record<string, string | number | boolean | null>>;

function ledgerEntries(result: EvaluationResult, missionId?: string): [string, readonly LedgerEntry[]][] {
  const all = Object.entries(result.ledger.byMission);
  if (missionId === undefined) return all;
  const entries = result.ledger.byMission[missionId];
  if (!entries) {
    const known = all.map(([id]) => id).join(", ") || "none";
    throw new RangeError(`unknown mission "${missionId}" in the ledger (missions: ${known})`);
  }
  return [[missionId, entries]];
}

/**
 * The per-run ledger as flat rows (every mission, or one): the columns of {@link LEDGER_COLUMNS} —
 * `position` is the run's 1-based place among the mission's analysed runs, `kpiValue` the primary
 * KPI — then `secondary.<kpi>` for every other KPI seen (null where a run has no value).
 *
 * @throws RangeError when `missionId` is given and not in the ledger.
 * @example ledgerRows(evaluate(datasetFromInline([{ id: "M1", kpi: { name: "d", direction: "lower_is_better" }, values: [5, 4] }]), builtinRuleset("default")))[1]
 *   // → { missionId: "M1", position: 2, runId: "M1-R02", date: "2026-01-06", status: "completed", kpiValue: 4, … }
 */
export function ledgerRows(result: EvaluationResult, missionId?: string): LedgerRow[] {
  const missions = ledgerEntries(result, missionId);
  const secondary = new Set<string>();
  for (const [, entries] of missions)
    for (const e of entries) for (const k of Object.keys(e.secondaryKpis)) secondary.add(k);
  const names = [...secondary].sort();
  return missions.flatMap(([, entries]) =>
    entries.map((e, i) => {
      const row: Record<string, string | number | boolean | null> = {
        missionId: e.missionId,
        position: i + 1,
        runId: e.runId,
        date: e.date,
        status: e.status,
        kpiValue: e.kpiValue,
        humanInterventions: e.humanInterventions,
        escalations: e.escalations,
        humanTouches: e.humanTouches,
        approvalDelayMinutes: e.approvalDelayMinutes,
        overrunMinutes: e.overrunMinutes,
        durationMinutes: e.durationMinutes,
        riskFlagged: e.riskFlagged,
        riskEvents: e.riskEvents,
        riskWeight: e.riskWeight,
      };
      for (const n of names) {
        row[`secondary.${n}`] = Object.prototype.hasOwnProperty.call(e.secondaryKpis, n)
          ? (e.secondaryKpis[n] ?? null)
          : null;
      }
      return row;
    }),
  );
}

/**
 * The per-run ledger as a DataFrame ({@link ledgerRows}; fixed column order). Loads danfojs-node.
 *
 * @throws RangeError when `missionId` is given and not in the ledger.
 * @example ledgerToFrame(result, "sales-pipeline").shape // → [40, 15] on the demo data
 */
export function ledgerToFrame(result: EvaluationResult, missionId?: string): DataFrame {
  const rows = ledgerRows(result, missionId);
  const columns = rows[0] ? Object.keys(rows[0]) : [...LEDGER_COLUMNS];
  return toDataFrame(rows, { columns });
}

/** One mission's metrics as a flat row (see {@link metricsRows}). */
export interface MetricsRow {
  readonly missionId: string;
  readonly missionName: string;
  readonly health: string;
  readonly healthScore: number;
  readonly confidence: string;
  readonly runsAnalyzed: number;
  readonly runsTotal: number;
  readonly kpi: string | null;
  readonly unit: string | null;
  readonly direction: string | null;
  readonly baseline: number | null;
  readonly first: number | null;
  readonly latest: number | null;
  readonly target: number | null;
  readonly improvementFromBaselinePct: number | null;
  readonly changeSinceFirstRunPct: number | null;
  readonly remainingGapToTargetPct: number | null;
  readonly trend: string;
  readonly trendN: number;
  readonly trendPValue: number | null;
  readonly slopePerRun: number | null;
  readonly trajectory: string;
  readonly etaDays: number | null;
  readonly autonomyScore: number;
  readonly touchDirection: string;
  readonly earlyTouchRate: number | null;
  readonly recentTouchRate: number | null;
  readonly interventionsPerRun: number;
  readonly escalationsPerRun: number;
  readonly approvalDelayPerRun: number;
  readonly overrunPerRun: number;
  readonly topBottleneck: string | null;
  readonly bottleneckDriver: string | null;
  readonly bottleneckStatus: string | null;
  readonly stability: string;
  readonly riskRunShare: number;
  readonly outcomeSubscore: number;
  readonly trajectorySubscore: number;
  readonly frictionSubscore: number;
  readonly riskSubscore: number;
  readonly stabilitySubscore: number;
  /** Ids of the rules that fired, comma-separated ("" when none). */
  readonly triggers: string;
  readonly primaryDriver: string | null;
}

/**
 * One row per mission (portfolio order) with its verdict and the figures behind it: health and
 * confidence, primary-KPI figures, trend (label, window, Mann–Kendall p, Sen slope), trajectory,
 * autonomy and human touches, friction averages, top bottleneck, stability, risk, the five
 * subscores, the rules that fired and the primary driver. Missing figures are null.
 *
 * @example metricsRows(result).find((r) => r.missionId === "sales-pipeline")?.touchDirection // → "rising" on the demo data
 */
export function metricsRows(result: EvaluationResult): MetricsRow[] {
  return result.portfolio.missions.map((a: MissionAssessment): MetricsRow => {
    const m = a.metrics;
    const f = m.figures;
    const top = m.topBottleneck;
    return {
      missionId: a.missionId,
      missionName: a.missionName,
      health: a.health,
      healthScore: m.healthScore,
      confidence: a.confidence.level,
      runsAnalyzed: m.runsAnalyzed,
      runsTotal: m.runsTotal,
      kpi: f?.kpi ?? null,
      unit: f?.unit ?? null,
      direction: f?.direction ?? null,
      baseline: f?.baseline ?? null,
      first: f?.first ?? null,
      latest: f?.latest ?? null,
      target: f?.target ?? null,
      improvementFromBaselinePct: f?.improvementFromBaselinePct ?? null,
      changeSinceFirstRunPct: f?.changeSinceFirstRunPct ?? null,
      remainingGapToTargetPct: f?.remainingGapToTargetPct ?? null,
      trend: m.trend.label,
      trendN: m.trend.n,
      trendPValue: m.trend.mannKendall?.pValue ?? null,
      slopePerRun: m.trend.slopePerRun ?? null,
      trajectory: m.trajectory.status,
      etaDays: m.trajectory.etaDays ?? null,
      autonomyScore: m.autonomy.score,
      touchDirection: m.autonomy.touchDirection,
      earlyTouchRate: m.autonomy.earlyTouchRate ?? null,
      recentTouchRate: m.autonomy.recentTouchRate ?? null,
      interventionsPerRun: m.friction.interventionsPerRun,
      escalationsPerRun: m.friction.escalationsPerRun,
      approvalDelayPerRun: m.friction.approvalDelayPerRun,
      overrunPerRun: m.friction.overrunPerRun,
      topBottleneck: top?.taskId ?? null,
      bottleneckDriver: top?.driver ?? null,
      bottleneckStatus: top?.status ?? null,
      stability: m.stability.label,
      riskRunShare: m.risk.riskRunShare,
      outcomeSubscore: m.subscores.outcome,
      trajectorySubscore: m.subscores.trajectory,
      frictionSubscore: m.subscores.friction,
      riskSubscore: m.subscores.risk,
      stabilitySubscore: m.subscores.stability,
      triggers: a.triggers.map((t) => t.id).join(", "),
      primaryDriver: a.primaryDriver?.trigger ?? null,
    };
  });
}

/**
 * {@link metricsRows} as a DataFrame, one row per mission. Loads danfojs-node.
 *
 * @example metricsToFrame(result).column("health").values // → ["ATTENTION_REQUIRED", "WATCH", …]
 */
export function metricsToFrame(result: EvaluationResult): DataFrame {
  return toDataFrame(metricsRows(result));
}
