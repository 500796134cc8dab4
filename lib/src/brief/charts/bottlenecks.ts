/** Per-task friction scores, coloured by what drives them. */
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

/** What mostly causes a task's friction. */
export type FrictionDriver = "approval_delay" | "task_overrun" | "risk" | "mixed";
/**
 * Every {@link FrictionDriver}, in legend order.
 *
 * @example FRICTION_DRIVERS // → ["approval_delay", "task_overrun", "risk", "mixed"]
 */
export const FRICTION_DRIVERS: readonly FrictionDriver[] = [
  "approval_delay",
  "task_overrun",
  "risk",
  "mixed",
];
/**
 * Colour and legend label of each {@link FrictionDriver}.
 *
 * @example FRICTION_DRIVER_STYLE.approval_delay.label // → "Approval delay"
 */
export const FRICTION_DRIVER_STYLE: Readonly<Record<FrictionDriver, { color: string; label: string }>> = {
  approval_delay: { color: CHART_COLORS.secondary, label: "Approval delay" },
  task_overrun: { color: CHART_COLORS.primary, label: "Task overrun" },
  risk: { color: "#b23b3b", label: "Risk" },
  mixed: { color: "#8a939e", label: "Mixed" },
};

/** One task's friction. */
export interface BottleneckTask {
  readonly taskName: string;
  /** Friction score (higher = more friction), in the evaluator's units. */
  readonly score: number;
  readonly driver: FrictionDriver;
  /** When given, the label reads "task — mission". */
  readonly missionName?: string;
}

/** Input of {@link bottlenecksChartSpec}. */
export interface BottlenecksChartInput {
  readonly tasks: readonly BottleneckTask[];
}

/** Options of {@link bottlenecksChartSpec}. */
export interface BottlenecksChartOptions extends ChartSizeOptions {
  /** Show only the `maxTasks` highest scores (default 12). */
  readonly maxTasks?: number;
  /** x-axis title (default "Friction score"). */
  readonly scoreTitle?: string;
  /** d3-format of the score labels (default ".2~f"). */
  readonly scoreFormat?: string;
  /**
   * Upper end of the score axis before the room for value labels (default: the highest score
   * shown): pass the highest score across charts so that one measure has one scale on every page.
   */
  readonly scoreMax?: number;
}

/**
 * Vega-Lite spec of horizontal bars of per-task friction scores, highest first, one row per task
 * (names shortened with "…" past {@link CHART_SIZES}.labelLimit px), coloured by driver
 * (approval delay / task overrun / risk / mixed; legend on top), with the score printed at the end
 * of each bar. Plot height grows with the number of tasks. Below 480 px wide the legend lists
 * only the drivers shown, one per line (colours stay those of {@link FRICTION_DRIVER_STYLE}).
 *
 * @throws RangeError when a score is not finite or `maxTasks` < 1.
 * @example bottlenecksChartSpec({ tasks: [{ taskName: "Legal review", score: 8.5, driver: "approval_delay" }] })
 *   // → spec whose bar layer encodes color by driver and y by task label
 */
export function bottlenecksChartSpec(
  input: BottlenecksChartInput,
  options: BottlenecksChartOptions = {},
): ChartSpec {
  const maxTasks = options.maxTasks ?? 12;
  if (!(maxTasks >= 1)) throw new RangeError("maxTasks must be at least 1");
  for (const t of input.tasks) assertFinite(t.score, `score of task ${t.taskName}`);
  const top = [...input.tasks].sort((a, b) => b.score - a.score).slice(0, Math.floor(maxTasks));
  const labels = uniqueFittedLabels(
    top.map((t) => (t.missionName ? `${t.taskName} — ${t.missionName}` : t.taskName)),
    CHART_SIZES.labelLimit,
    CHART_SIZES.labelFontSize,
  );
  const rows = top.map((t, i) => ({
    label: labels[i] ?? t.taskName,
    rank: i,
    taskName: t.taskName,
    score: t.score,
    driver: FRICTION_DRIVER_STYLE[t.driver].label,
    tip: `${t.taskName}: friction score ${formatNumber(t.score)} (${FRICTION_DRIVER_STYLE[t.driver].label.toLowerCase()})`,
  }));
  const scoreTitle = options.scoreTitle ?? "Friction score";
  const format = options.scoreFormat ?? ".2~f";
  const maxScore = Math.max(0, options.scoreMax ?? 0, ...rows.map((r) => r.score));
  const title = options.title ?? "Where the friction is";
  const y = { field: "label", type: "nominal", sort: BY_RANK, title: null } as const;
  const x = {
    field: "score",
    type: "quantitative",
    title: scoreTitle,
    // Room for the value printed past the longest bar.
    scale: { domainMax: maxScore > 0 ? maxScore * 1.12 : 1, nice: false, zero: true },
  } as const;
  const width = options.width ?? CHART_SIZES.width;
  const narrow = width < 480;
  const shown = new Set(top.map((t) => t.driver));
  const legendDrivers = FRICTION_DRIVERS.filter((d) => !narrow || shown.has(d)).map(
    (d) => FRICTION_DRIVER_STYLE[d],
  );

  const body: TopLevelSpec = {
    description:
      rows.length === 0
        ? "Bar chart of task friction scores: no task has friction."
        : `Bar chart of friction scores for ${rows.length} task${rows.length === 1 ? "" : "s"}, highest first: ` +
          rows
            .slice(0, 3)
            .map((r) => `${r.taskName} ${formatNumber(r.score)} (${r.driver.toLowerCase()})`)
            .join(", ") +
          ".",
    title: chartTitle(title, [
      input.tasks.length > rows.length
        ? `Top ${rows.length} of ${input.tasks.length} tasks by ${scoreTitle.toLowerCase()}`
        : undefined,
    ]),
    width,
    height: Math.max(1, rows.length) * CHART_SIZES.rowStep,
    autosize: { type: "fit-x", contains: "padding" },
    data: { values: rows },
    encoding: { y, x },
    layer: [
      {
        mark: { type: "bar", height: { band: 0.72 }, aria: true },
        encoding: {
          description: { field: "tip" },
          color: {
            field: "driver",
            type: "nominal",
            scale: { domain: legendDrivers.map((d) => d.label), range: legendDrivers.map((d) => d.color) },
            // A narrow chart's plot is too narrow for a row of four: list the drivers shown, one per line.
            legend: { title: "Main driver", ...(narrow ? { direction: "vertical" } : {}) },
          },
        },
      },
      {
        mark: { type: "text", align: "left", baseline: "middle", dx: 4, color: CHART_COLORS.ink },
        encoding: { text: { field: "score", type: "quantitative", format } },
      },
    ],
  };
  return themed(body);
}
