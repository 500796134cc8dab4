/** Status per run per mission as a heat strip (used by backtest reports). */
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- see VEGA_LITE_TYPES_NOTE in theme.ts
import type { TopLevelSpec } from "vega-lite" assert { "resolution-mode": "import" };
import { fitText, uniqueFittedLabels } from "../text-metrics";
import {
  BY_RANK,
  CHART_SIZES,
  CHART_STATUSES,
  STATUS_COLORS,
  STATUS_LABELS,
  assertFinite,
  chartTitle,
  themed,
  type ChartSizeOptions,
  type ChartSpec,
  type ChartStatus,
} from "./theme";

/** A mission's status after one run. */
export interface StatusTimelineCell {
  readonly missionName: string;
  /** 1-based position of the run among the mission's runs, in start order. */
  readonly runIndex: number;
  readonly status: ChartStatus;
  /** Short marker drawn in the cell (≤ 3 characters shown), e.g. "!" for a labelled incident. */
  readonly marker?: string;
}

/** Input of {@link statusTimelineChartSpec}. */
export interface StatusTimelineChartInput {
  readonly cells: readonly StatusTimelineCell[];
}

/** Options of {@link statusTimelineChartSpec}. */
export interface StatusTimelineChartOptions extends ChartSizeOptions {
  /** Explains the markers, shown in the subtitle, e.g. "! = incident labelled by the business". */
  readonly markerNote?: string;
}

/**
 * Vega-Lite spec of a status heat strip: one row per mission (first-seen order), one cell per run
 * index coloured by status (legend on top), with optional short text markers in cells.
 *
 * @throws RangeError when a run index is not finite or a status is unknown.
 * @example statusTimelineChartSpec({ cells: [{ missionName: "Billing", runIndex: 1, status: "WATCH", marker: "!" }] })
 *   // → spec with a rect layer (color by status) and a text layer for markers
 */
export function statusTimelineChartSpec(
  input: StatusTimelineChartInput,
  options: StatusTimelineChartOptions = {},
): ChartSpec {
  const names: string[] = [];
  for (const c of input.cells) {
    assertFinite(c.runIndex, `runIndex of ${c.missionName}`);
    if (!CHART_STATUSES.includes(c.status)) throw new RangeError(`unknown status ${String(c.status)}`);
    if (!names.includes(c.missionName)) names.push(c.missionName);
  }
  const labels = uniqueFittedLabels(names, CHART_SIZES.labelLimit, CHART_SIZES.labelFontSize);
  const rankOf = new Map(names.map((n, i) => [n, i]));
  const labelOf = new Map(names.map((n, i) => [n, labels[i] ?? n]));
  const rows = input.cells.map((c) => ({
    mission: labelOf.get(c.missionName) ?? c.missionName,
    rank: rankOf.get(c.missionName) ?? 0,
    run: c.runIndex,
    status: STATUS_LABELS[c.status],
    marker: c.marker ? fitText(Array.from(c.marker).slice(0, 3).join(""), 40, 9) : null,
  }));
  const markers = rows.filter((r) => r.marker !== null);
  const runCount = new Set(rows.map((r) => r.run)).size;
  const statusLabels = CHART_STATUSES.map((s) => STATUS_LABELS[s]);
  const counts = CHART_STATUSES.map(
    (s) => `${rows.filter((r) => r.status === STATUS_LABELS[s]).length} ${STATUS_LABELS[s].toLowerCase()}`,
  );
  const x = {
    field: "run",
    type: "ordinal" as const,
    title: "Run",
    axis: { labelOverlap: "parity" as const },
  };
  const y = { field: "mission", type: "nominal" as const, sort: BY_RANK, title: null };

  const body: TopLevelSpec = {
    description:
      `Heat strip of status per run for ${names.length} mission${names.length === 1 ? "" : "s"} over ` +
      `${runCount} run${runCount === 1 ? "" : "s"}: ${counts.join(", ")}` +
      (markers.length ? `; ${markers.length} marked cell${markers.length === 1 ? "" : "s"}` : "") +
      ".",
    title: chartTitle(options.title ?? "Status by run", [markers.length ? options.markerNote : undefined]),
    width: options.width ?? CHART_SIZES.width,
    height: Math.max(1, names.length) * CHART_SIZES.rowStep,
    autosize: { type: "fit-x", contains: "padding" },
    data: { values: rows },
    encoding: { x, y },
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 1 },
        encoding: {
          color: {
            field: "status",
            type: "nominal",
            scale: { domain: statusLabels, range: CHART_STATUSES.map((s) => STATUS_COLORS[s]) },
            legend: { title: null },
          },
        },
      },
      {
        transform: [{ filter: "datum.marker !== null" }],
        mark: { type: "text", fontSize: 9, fontWeight: "bold" },
        encoding: {
          text: { field: "marker" },
          // Dark on the light amber of WATCH, white on the darker green and red.
          color: {
            condition: { test: `datum.status === "${STATUS_LABELS.WATCH}"`, value: "#1f2933" },
            value: "white",
          },
        },
      },
    ],
  };
  return themed(body);
}
