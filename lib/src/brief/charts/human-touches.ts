/** Human interventions, escalations and approval delay per run. */
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

/** One run's human touches. */
export interface HumanTouchesRun {
  /** 1-based position of the run among the mission's runs, in start order. */
  readonly runIndex: number;
  /** Count of human interventions during the run. */
  readonly interventions: number;
  /** Count of escalations to a human during the run. */
  readonly escalations: number;
  /** Total approval delay in the run, minutes; null when the run had no approvals. */
  readonly approvalDelayMinutes: number | null;
}

/** Input of {@link humanTouchesChartSpec}. */
export interface HumanTouchesChartInput {
  readonly runs: readonly HumanTouchesRun[];
  /** Shown in the title. */
  readonly missionName?: string;
}

/** Options of {@link humanTouchesChartSpec}. */
export interface HumanTouchesChartOptions extends ChartSizeOptions {
  /** Interventions and escalations stacked in one bar (default) or side by side. */
  readonly bars?: "stacked" | "grouped";
  /**
   * Upper ends of the two y axes (touches per run; approval delay, minutes), when several charts
   * must share one scale per measure (the brief's mission pages). Default: each chart's own data.
   */
  readonly countMax?: number;
  readonly delayMax?: number;
}

const KINDS = ["Interventions", "Escalations"];

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * Vega-Lite spec of human touches per run in two aligned panels sharing the run axis (a second
 * y axis reads poorly in print): on top, interventions and escalations as stacked (or grouped)
 * bars, counts; below, approval delay per run as a line with points, minutes (gaps where null).
 * The subtitle gives the totals and the median delay. `height` is the height of each panel.
 *
 * @throws RangeError when a count or delay is negative or not finite.
 * @example humanTouchesChartSpec({ runs: [{ runIndex: 1, interventions: 3, escalations: 1, approvalDelayMinutes: 42 }] })
 *   // → spec with `vconcat` of a bar panel (color by kind) and a line panel
 */
export function humanTouchesChartSpec(
  input: HumanTouchesChartInput,
  options: HumanTouchesChartOptions = {},
): ChartSpec {
  const runs = [...input.runs].sort((a, b) => a.runIndex - b.runIndex);
  for (const r of runs) {
    for (const [what, v] of [
      ["runIndex", r.runIndex],
      ["interventions", r.interventions],
      ["escalations", r.escalations],
      ["approvalDelayMinutes", r.approvalDelayMinutes ?? 0],
    ] as const) {
      assertFinite(v, `${what} of run ${r.runIndex}`);
      if (v < 0) throw new RangeError(`${what} of run ${r.runIndex} is negative`);
    }
  }
  const counts = runs.flatMap((r) => [
    {
      run: r.runIndex,
      kind: "Interventions",
      count: r.interventions,
      tip: `Run ${r.runIndex}: ${formatNumber(r.interventions)} intervention${r.interventions === 1 ? "" : "s"}`,
    },
    {
      run: r.runIndex,
      kind: "Escalations",
      count: r.escalations,
      tip: `Run ${r.runIndex}: ${formatNumber(r.escalations)} escalation${r.escalations === 1 ? "" : "s"}`,
    },
  ]);
  const delays = runs.map((r) => ({
    run: r.runIndex,
    minutes: r.approvalDelayMinutes,
    tip:
      r.approvalDelayMinutes === null || r.approvalDelayMinutes === undefined
        ? `Run ${r.runIndex}: no approval delay recorded`
        : `Run ${r.runIndex}: approval delay ${formatNumber(r.approvalDelayMinutes, 1)} min`,
  }));
  const totalInterventions = runs.reduce((s, r) => s + r.interventions, 0);
  const totalEscalations = runs.reduce((s, r) => s + r.escalations, 0);
  const med = median(delays.flatMap((d) => (d.minutes === null ? [] : [d.minutes])));
  const maxDelay = Math.max(0, ...delays.map((d) => d.minutes ?? 0));
  const maxCount = Math.max(0, ...runs.map((r) => r.interventions + r.escalations));
  const summary =
    `${runs.length} run${runs.length === 1 ? "" : "s"}: ${formatNumber(totalInterventions)} interventions, ` +
    `${formatNumber(totalEscalations)} escalations` +
    (med === undefined ? "" : `; median approval delay ${formatNumber(med, 1)} min`);
  const title =
    options.title ?? (input.missionName ? `Human touches — ${input.missionName}` : "Human touches per run");
  const panelWidth = (options.width ?? CHART_SIZES.width) - 70;
  const panelHeight = options.height ?? 130;
  const grouped = options.bars === "grouped";
  const x = {
    field: "run",
    type: "ordinal",
    title: "Run",
    axis: { labelOverlap: "parity", labelAngle: 0 },
  } as const;

  const body: TopLevelSpec = {
    description: `Bar and line charts of human involvement per run${
      input.missionName ? ` of ${input.missionName}` : ""
    }. ${summary}.`,
    title: chartTitle(title, [summary]),
    spacing: 16,
    resolve: { scale: { x: "shared" } },
    vconcat: [
      {
        width: panelWidth,
        height: panelHeight,
        data: { values: counts },
        mark: { type: "bar", aria: true },
        encoding: {
          description: { field: "tip" },
          x: { ...x, axis: { labels: false, title: null, domain: true, ticks: false } },
          y: {
            field: "count",
            type: "quantitative",
            aggregate: "sum",
            stack: grouped ? null : "zero",
            title: "Touches per run",
            axis: { tickMinStep: 1, format: "d" },
            // All-zero runs would leave an empty axis: keep at least 0–1.
            ...(options.countMax !== undefined && options.countMax >= maxCount && options.countMax > 0
              ? { scale: { domain: [0, options.countMax], nice: false } }
              : maxCount > 0
                ? {}
                : { scale: { domain: [0, 1] } }),
          },
          ...(grouped ? { xOffset: { field: "kind", type: "nominal", sort: KINDS } } : {}),
          color: {
            field: "kind",
            type: "nominal",
            sort: KINDS,
            scale: { domain: KINDS, range: [CHART_COLORS.primary, CHART_COLORS.secondary] },
            legend: { title: null },
          },
          order: { field: "kind", sort: "descending" },
        },
      },
      {
        width: panelWidth,
        height: Math.round(panelHeight * 0.8),
        data: { values: delays },
        mark: {
          type: "line",
          aria: false,
          color: CHART_COLORS.tertiary,
          point: { filled: true, size: 24, color: CHART_COLORS.tertiary, aria: true },
        },
        encoding: {
          description: { field: "tip" },
          x,
          y: {
            field: "minutes",
            type: "quantitative",
            title: "Approval delay (min)",
            // Without any delay the axis would read "0.000000": show 0–1 min in whole minutes.
            ...(options.delayMax !== undefined && options.delayMax >= maxDelay && options.delayMax > 0
              ? { scale: { domain: [0, options.delayMax], nice: true } }
              : maxDelay > 0
                ? {}
                : { scale: { domain: [0, 1] }, axis: { tickMinStep: 1, format: "d" } }),
          },
        },
      },
    ],
  };
  return themed(body);
}
