/**
 * The secondary KPIs of each mission: every non-primary KPI of the dataset, read from the run
 * ledger (`secondaryKpis`) and judged with the same machinery as the primary KPI — the ruleset's
 * trend test ({@link assessTrend}) and the labelled figures ({@link kpiFigures}, latest value
 * against baseline and target). They inform the brief; no rule fires on them.
 */
import type { KpiSpec } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import { kpiFigures } from "./figures";
import { assessTrend } from "./trend";
import type { EvaluationResult, KpiFigures, TrendAssessment } from "./types";

/** One secondary KPI of a mission, judged over the runs that report it. */
export interface SecondaryKpiAssessment {
  readonly missionId: string;
  readonly kpi: string;
  /** Runs (of the evaluated ledger) that report this KPI. */
  readonly runs: number;
  /** Figures of the latest value (no fitted level); null when no run reports the KPI. */
  readonly figures: KpiFigures | null;
  readonly trend: TrendAssessment;
  /** Target date of the KPI (YYYY-MM-DD), when the data gives one. */
  readonly targetDate?: string;
}

/**
 * Assesses every secondary KPI of `kpis` against the ledger of `result`, missions and KPIs in the
 * order of `kpis`. Pure; linear in the ledger. KPIs of missions without runs are left out.
 *
 * @example secondaryKpiAssessments(dataset.kpis, evaluate(dataset, rules), rules)
 *   .map((s) => s.kpi) // → ["activation_rate_pct", "csat_score"] (demo)
 */
export function secondaryKpiAssessments(
  kpis: readonly KpiSpec[],
  result: EvaluationResult,
  rules: Ruleset,
): SecondaryKpiAssessment[] {
  const out: SecondaryKpiAssessment[] = [];
  for (const spec of kpis) {
    if (spec.primary) continue;
    const entries = result.ledger.byMission[spec.missionId];
    if (!entries || entries.length === 0) continue;
    const values: number[] = [];
    const times: number[] = [];
    for (const e of entries) {
      if (!Object.prototype.hasOwnProperty.call(e.secondaryKpis, spec.kpi)) continue;
      const v = e.secondaryKpis[spec.kpi];
      if (v === undefined || !Number.isFinite(v)) continue;
      values.push(v);
      times.push(e.startMs);
    }
    out.push({
      missionId: spec.missionId,
      kpi: spec.kpi,
      runs: values.length,
      figures: values.length > 0 ? kpiFigures(spec, values) : null,
      trend: assessTrend(values, spec.direction, rules.trend, spec.unit, undefined, times),
      ...(spec.targetDate !== undefined ? { targetDate: spec.targetDate } : {}),
    });
  }
  return out;
}
