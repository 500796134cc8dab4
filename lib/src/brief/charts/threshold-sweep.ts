/** Precision and recall against a threshold. */
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- see VEGA_LITE_TYPES_NOTE in theme.ts
import type { TopLevelSpec } from "vega-lite" assert { "resolution-mode": "import" };
import {
  CHART_COLORS,
  CHART_SIZES,
  assertFinite,
  chartTitle,
  formatNumber,
  themed,
  type ChartSizeOptions,
  type ChartSpec,
} from "./theme";

/** Precision and recall at one threshold value. */
export interface ThresholdSweepPoint {
  readonly threshold: number;
  /** 0–1; null when undefined (nothing flagged). */
  readonly precision: number | null;
  /** 0–1; null when undefined (nothing to find). */
  readonly recall: number | null;
}

/** Input of {@link thresholdSweepChartSpec}. */
export interface ThresholdSweepChartInput {
  readonly points: readonly ThresholdSweepPoint[];
  /** Name of the swept parameter, with unit, for the x-axis title (default "Threshold"). */
  readonly thresholdLabel?: string;
  /** Threshold in use; drawn as a labelled vertical rule. */
  readonly selected?: number;
}

const METRICS = ["Precision", "Recall"];

/**
 * Vega-Lite spec of precision and recall (0–1, axis in %) as two lines with points against the
 * swept threshold (solid vs dashed, so they differ in greyscale), legend on top, and an optional
 * rule at the selected threshold.
 *
 * @throws RangeError when a threshold is not finite or a metric is outside 0–1.
 * @example thresholdSweepChartSpec({ points: [{ threshold: 0.5, precision: 0.8, recall: 0.6 }], selected: 0.5 })
 *   // → spec with a line layer coloured by metric and a rule layer at 0.5
 */
export function thresholdSweepChartSpec(
  input: ThresholdSweepChartInput,
  options: ChartSizeOptions = {},
): ChartSpec {
  const rows: { threshold: number; metric: string; value: number | null }[] = [];
  for (const p of [...input.points].sort((a, b) => a.threshold - b.threshold)) {
    assertFinite(p.threshold, "threshold");
    for (const [metric, v] of [
      ["Precision", p.precision],
      ["Recall", p.recall],
    ] as const) {
      if (v !== null) {
        assertFinite(v, `${metric.toLowerCase()} at ${p.threshold}`);
        if (v < 0 || v > 1)
          throw new RangeError(`${metric.toLowerCase()} at ${p.threshold} (${v}) is outside 0–1`);
      }
      rows.push({ threshold: p.threshold, metric, value: v });
    }
  }
  if (input.selected !== undefined) assertFinite(input.selected, "selected threshold");
  const label = input.thresholdLabel ?? "Threshold";
  const x = { field: "threshold", type: "quantitative" as const, title: label, scale: { zero: false } };
  const sel = input.selected;
  const atSel = sel === undefined ? undefined : input.points.find((p) => p.threshold === sel);
  const selText =
    sel === undefined
      ? undefined
      : `Selected ${formatNumber(sel, 3)}` +
        (atSel
          ? `: precision ${atSel.precision === null ? "n/a" : `${Math.round(atSel.precision * 100)}%`}, ` +
            `recall ${atSel.recall === null ? "n/a" : `${Math.round(atSel.recall * 100)}%`}`
          : "");

  const body: TopLevelSpec = {
    description:
      `Line chart of precision and recall over ${input.points.length} values of ${label.toLowerCase()}` +
      (selText ? `. ${selText}` : "") +
      ".",
    title: chartTitle(options.title ?? "Precision and recall by threshold", [
      selText ? `${selText} (vertical line)` : undefined,
    ]),
    width: options.width ?? CHART_SIZES.width,
    height: options.height ?? CHART_SIZES.height,
    autosize: { type: "fit-x", contains: "padding" },
    layer: [
      ...(sel === undefined
        ? []
        : [
            {
              data: { values: [{ threshold: sel }] },
              mark: { type: "rule" as const, color: CHART_COLORS.ink, strokeDash: [4, 3] },
              encoding: { x },
            },
          ]),
      {
        data: { values: rows },
        mark: { type: "line", point: { filled: true, size: 26, strokeDash: [1, 0] } },
        encoding: {
          x,
          y: {
            field: "value",
            type: "quantitative",
            title: "Rate",
            scale: { domain: [0, 1] },
            axis: { format: ".0%" },
          },
          color: {
            field: "metric",
            type: "nominal",
            sort: METRICS,
            scale: { domain: METRICS, range: [CHART_COLORS.primary, CHART_COLORS.secondary] },
            legend: { title: null, symbolType: "stroke", symbolStrokeWidth: 2, symbolSize: 260 },
          },
          strokeDash: {
            field: "metric",
            type: "nominal",
            sort: METRICS,
            scale: {
              domain: METRICS,
              range: [
                [1, 0],
                [6, 3],
              ],
            },
            legend: { title: null, symbolType: "stroke", symbolStrokeWidth: 2, symbolSize: 260 },
          },
        },
      },
    ],
  };
  return themed(body);
}
