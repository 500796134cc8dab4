/**
 * The labelled KPI figures of a mission, worded the same way everywhere in the brief. Three
 * figures are never mixed: change versus the baseline, change versus the first observed run, and
 * the remaining distance to the target — each says what it compares with.
 */
import type { KpiFigures } from "../evaluate/types";
import { formatKpiValue, formatPercent, kpiDecimals, kpiLabel } from "./format";

/** One labelled figure. */
export interface LabelledFigure {
  /** What the figure compares with: "vs baseline", "vs first observed run" or "gap to target". */
  readonly label: "vs baseline" | "vs first observed run" | "gap to target";
  /** The figure in words, e.g. "73.33 % better than baseline". */
  readonly text: string;
}

/** A mission's KPI figures in words. */
export interface KpiText {
  /** Readable KPI name, e.g. "resolution time". */
  readonly kpi: string;
  /** Decimals every value of this KPI is shown with. */
  readonly decimals: number;
  /** e.g. "resolution time 12.0 h baseline → 3.2 h latest". */
  readonly headline: string;
  readonly figures: readonly LabelledFigure[];
  /** Headline and figures as one sentence. */
  readonly sentence: string;
}

function compared(pct: number, what: string): string {
  if (pct === 0) return `no change from ${what}`;
  return `${formatPercent(pct)} ${pct > 0 ? "better" : "worse"} than ${what}`;
}

/**
 * Words for a mission's primary-KPI figures: "‹kpi› ‹baseline› baseline → ‹latest› latest" (or
 * from the first observed run when there is no baseline), then the labelled figures that apply.
 * Percentages are the evaluator's (percent of the baseline, of the first value, of the target);
 * positive means better in the KPI's direction.
 *
 * @example kpiText({ kpi: "resolution_time_hours", unit: "hours", direction: "lower_is_better",
 *   baseline: 12, target: 4, first: 5.2, latest: 3.2, improvementFromBaselinePct: 73.33,
 *   changeSinceFirstRunPct: 38.46, remainingGapToTargetPct: 0, targetMet: true }, 3).sentence
 *   // → "resolution time 12.0 h baseline → 3.2 h latest: 73.33 % better than baseline; 38.46 % better than the first observed run (5.2 h); target 4.0 h met."
 */
export function kpiText(f: KpiFigures, runs: number): KpiText {
  const kpi = kpiLabel(f.kpi);
  const decimals = kpiDecimals([f.baseline, f.target, f.first, f.latest]);
  const v = (x: number) => formatKpiValue(x, decimals, f.unit);
  // With a fitted current level the baseline and target figures are judged on it: say so.
  const now = f.currentLevel
    ? `${v(f.currentLevel.value)} now (fitted level; latest run ${v(f.latest)})`
    : `${v(f.latest)} latest`;
  const headline =
    f.baseline !== undefined
      ? `${kpi} ${v(f.baseline)} baseline → ${now}`
      : runs > 1
        ? `${kpi} ${v(f.first)} first observed run → ${v(f.latest)} latest`
        : `${kpi} ${v(f.latest)} (one run)`;
  const figures: LabelledFigure[] = [];
  if (f.baseline !== undefined && f.improvementFromBaselinePct !== null) {
    figures.push({ label: "vs baseline", text: compared(f.improvementFromBaselinePct, "baseline") });
  }
  if (runs > 1 && f.changeSinceFirstRunPct !== null) {
    figures.push({
      label: "vs first observed run",
      text: compared(f.changeSinceFirstRunPct, `the first observed run (${v(f.first)})`),
    });
  }
  if (f.target !== undefined) {
    const met = f.targetMet === true || f.remainingGapToTargetPct === 0;
    figures.push({
      label: "gap to target",
      text: met
        ? `target ${v(f.target)} met`
        : f.remainingGapToTargetPct === null
          ? `target ${v(f.target)}`
          : `${formatPercent(f.remainingGapToTargetPct)} away from the target (${v(f.target)})`,
    });
  }
  const sentence = figures.length
    ? `${headline}: ${figures.map((x) => x.text).join("; ")}.`
    : `${headline}; no baseline or target recorded.`;
  return { kpi, decimals, headline, figures, sentence };
}
