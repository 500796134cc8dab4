/** Expected × predicted status counts. */
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- see VEGA_LITE_TYPES_NOTE in theme.ts
import type { TopLevelSpec } from "vega-lite" assert { "resolution-mode": "import" };
import {
  CHART_COLORS,
  CHART_STATUSES,
  STATUS_LABELS,
  assertFinite,
  chartTitle,
  formatNumber,
  themed,
  type ChartSizeOptions,
  type ChartSpec,
  type ChartStatus,
} from "./theme";

/** How often a status was predicted when another (or the same) was expected. */
export interface ConfusionCount {
  /** Status given by the labels (ground truth). */
  readonly expected: ChartStatus;
  /** Status the evaluator assigned. */
  readonly predicted: ChartStatus;
  /** Number of cases, ≥ 0. */
  readonly count: number;
}

/** Input of {@link confusionMatrixChartSpec}; pairs not listed count 0, repeated pairs add up. */
export interface ConfusionMatrixChartInput {
  readonly counts: readonly ConfusionCount[];
}

/**
 * Vega-Lite spec of a 3 × 3 confusion matrix: rows = expected status, columns = predicted status
 * (best first), cell shade by count with the count printed in it, diagonal (agreement) outlined.
 * The subtitle gives the agreement rate. Options `width`/`height` are ignored (cells are 64 px).
 *
 * @throws RangeError when a count is negative or not finite.
 * @example confusionMatrixChartSpec({ counts: [{ expected: "WATCH", predicted: "WATCH", count: 5 },
 *   { expected: "WATCH", predicted: "ON_TRACK", count: 1 }] })
 *   // → spec with 9 cells; subtitle "Agreement: 5 of 6 (83%)"
 */
export function confusionMatrixChartSpec(
  input: ConfusionMatrixChartInput,
  options: ChartSizeOptions = {},
): ChartSpec {
  const totals = new Map<string, number>();
  for (const c of input.counts) {
    assertFinite(c.count, `count ${c.expected}/${c.predicted}`);
    if (c.count < 0) throw new RangeError(`count ${c.expected}/${c.predicted} is negative`);
    if (!CHART_STATUSES.includes(c.expected) || !CHART_STATUSES.includes(c.predicted)) {
      throw new RangeError(`unknown status in ${c.expected}/${c.predicted}`);
    }
    const key = `${c.expected}|${c.predicted}`;
    totals.set(key, (totals.get(key) ?? 0) + c.count);
  }
  const cells = CHART_STATUSES.flatMap((expected) =>
    CHART_STATUSES.map((predicted) => ({
      expected: STATUS_LABELS[expected],
      predicted: STATUS_LABELS[predicted],
      count: totals.get(`${expected}|${predicted}`) ?? 0,
      agree: expected === predicted,
    })),
  );
  const total = cells.reduce((s, c) => s + c.count, 0);
  const agreed = cells.filter((c) => c.agree).reduce((s, c) => s + c.count, 0);
  const max = Math.max(1, ...cells.map((c) => c.count));
  const agreement = total
    ? `Agreement: ${formatNumber(agreed)} of ${formatNumber(total)} (${Math.round((100 * agreed) / total)}%)`
    : "No labelled cases";
  const order = CHART_STATUSES.map((s) => STATUS_LABELS[s]);
  const x = {
    field: "predicted",
    type: "nominal" as const,
    sort: order,
    title: "Predicted status",
    axis: { orient: "top" as const, labelAngle: 0 },
  };
  const y = { field: "expected", type: "nominal" as const, sort: order, title: "Expected status (labels)" };

  const body: TopLevelSpec = {
    description: `Confusion matrix of expected against predicted status over ${formatNumber(total)} cases. ${agreement}.`,
    title: chartTitle(options.title ?? "Predicted vs expected status", [agreement]),
    width: { step: 96 },
    height: { step: 56 },
    data: { values: cells },
    encoding: { x, y },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          color: {
            field: "count",
            type: "quantitative",
            scale: { domain: [0, max], range: ["#f5f7fa", CHART_COLORS.primary] },
            legend: null,
          },
          stroke: { condition: { test: "datum.agree", value: CHART_COLORS.ink }, value: "white" },
          strokeWidth: { condition: { test: "datum.agree", value: 1.5 }, value: 1 },
        },
      },
      {
        mark: { type: "text", fontSize: 12 },
        encoding: {
          text: { field: "count", type: "quantitative", format: ",d" },
          color: { condition: { test: `datum.count > ${max / 2}`, value: "white" }, value: CHART_COLORS.ink },
        },
      },
    ],
  };
  return themed(body);
}
