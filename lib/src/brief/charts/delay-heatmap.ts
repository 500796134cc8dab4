/** Task × run heat map of delay or overrun minutes (notebooks). */
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- see VEGA_LITE_TYPES_NOTE in theme.ts
import type { TopLevelSpec } from "vega-lite" assert { "resolution-mode": "import" };
import { uniqueFittedLabels } from "../text-metrics";
import {
  BY_RANK,
  CHART_COLORS,
  CHART_SIZES,
  assertFinite,
  chartTitle,
  formatNumber,
  themed,
  type ChartSizeOptions,
  type ChartSpec,
} from "./theme";

/** Minutes of delay (or overrun) of one task in one run. */
export interface DelayHeatmapCell {
  readonly taskName: string;
  /** 1-based position of the run among the mission's runs, in start order. */
  readonly runIndex: number;
  /** Minutes ≥ 0; null when the task did not run (drawn as a light grey cell). */
  readonly minutes: number | null;
}

/** Input of {@link delayHeatmapChartSpec}. */
export interface DelayHeatmapChartInput {
  readonly cells: readonly DelayHeatmapCell[];
  /** What the minutes measure, for title and legend (default "Approval delay"). */
  readonly measure?: string;
  /** Shown in the title. */
  readonly missionName?: string;
}

/**
 * Vega-Lite spec of a heat map with one row per task (first-seen order) and one column per run,
 * shaded light → dark by minutes (gradient legend on top); cells with no data are light grey.
 *
 * @throws RangeError when minutes are negative or not finite.
 * @example delayHeatmapChartSpec({ cells: [{ taskName: "Approve", runIndex: 1, minutes: 45 }] })
 *   // → spec with a rect layer coloured by minutes
 */
export function delayHeatmapChartSpec(
  input: DelayHeatmapChartInput,
  options: ChartSizeOptions = {},
): ChartSpec {
  const names: string[] = [];
  for (const c of input.cells) {
    assertFinite(c.runIndex, `runIndex of ${c.taskName}`);
    if (c.minutes !== null) {
      assertFinite(c.minutes, `minutes of ${c.taskName} in run ${c.runIndex}`);
      if (c.minutes < 0) throw new RangeError(`minutes of ${c.taskName} in run ${c.runIndex} are negative`);
    }
    if (!names.includes(c.taskName)) names.push(c.taskName);
  }
  const labels = uniqueFittedLabels(names, CHART_SIZES.labelLimit, CHART_SIZES.labelFontSize);
  const rankOf = new Map(names.map((n, i) => [n, i]));
  const labelOf = new Map(names.map((n, i) => [n, labels[i] ?? n]));
  const rows = input.cells.map((c) => ({
    task: labelOf.get(c.taskName) ?? c.taskName,
    rank: rankOf.get(c.taskName) ?? 0,
    run: c.runIndex,
    minutes: c.minutes,
  }));
  const measure = input.measure ?? "Approval delay";
  const observed = rows.flatMap((r) => (r.minutes === null ? [] : [r.minutes]));
  const max = observed.length ? Math.max(...observed) : 0;
  const total = observed.reduce((s, v) => s + v, 0);
  const worst = rows.reduce<(typeof rows)[number] | undefined>(
    (w, r) => (r.minutes !== null && (w === undefined || r.minutes > (w.minutes ?? -1)) ? r : w),
    undefined,
  );
  const x = {
    field: "run",
    type: "ordinal" as const,
    title: "Run",
    axis: { labelOverlap: "parity" as const },
  };
  const y = { field: "task", type: "nominal" as const, sort: BY_RANK, title: null };
  const title =
    options.title ?? `${measure} by task and run${input.missionName ? ` — ${input.missionName}` : ""}`;

  const body: TopLevelSpec = {
    description:
      `Heat map of ${measure.toLowerCase()} minutes for ${names.length} task${names.length === 1 ? "" : "s"}` +
      ` over ${new Set(rows.map((r) => r.run)).size} runs; total ${formatNumber(total, 0)} min` +
      (worst
        ? `, largest ${formatNumber(worst.minutes ?? 0, 0)} min (${worst.task}, run ${worst.run})`
        : "") +
      ".",
    title: chartTitle(title, ["Darker = more minutes; grey = task not run"]),
    width: options.width ?? CHART_SIZES.width,
    height: Math.max(1, names.length) * CHART_SIZES.rowStep,
    autosize: { type: "fit-x", contains: "padding" },
    data: { values: rows },
    encoding: { x, y },
    layer: [
      {
        transform: [{ filter: "datum.minutes === null" }],
        mark: { type: "rect", color: CHART_COLORS.missing, stroke: "white", strokeWidth: 1 },
      },
      {
        transform: [{ filter: "datum.minutes !== null" }],
        mark: { type: "rect", stroke: "white", strokeWidth: 1 },
        encoding: {
          color: {
            field: "minutes",
            type: "quantitative",
            title: `${measure} (min)`,
            scale: { domain: [0, Math.max(1, max)], range: ["#fbf1e6", "#8c3d0f"] },
            legend: { orient: "top", direction: "horizontal", gradientLength: 180, format: ",.0f" },
          },
        },
      },
    ],
  };
  return themed(body);
}
