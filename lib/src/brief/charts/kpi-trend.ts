/** KPI value per run, with baseline and target rules and an optional trend line. */
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- see VEGA_LITE_TYPES_NOTE in theme.ts
import type { TopLevelSpec } from "vega-lite" assert { "resolution-mode": "import" };
import type { KpiDirection } from "../../model/dataset";
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

/** One run's KPI observation. */
export interface KpiTrendPoint {
  /** 1-based position of the run among the mission's runs, in start order. */
  readonly runIndex: number;
  /** Run start, ISO 8601 with zone. When every point has one, the x axis shows dates (UTC). */
  readonly startedAt?: string;
  /** KPI value at the end of the run, KPI units; null when the run did not report it (gap). */
  readonly value: number | null;
}

/** An end of a trend line given by its endpoints. */
export interface KpiTrendEndpoint {
  readonly runIndex: number;
  /** Needed on a date axis when no point has this `runIndex`. */
  readonly startedAt?: string;
  /** KPI units. */
  readonly value: number;
}

/**
 * A straight trend line: either `value = intercept + slope × runIndex` (KPI units, slope per run),
 * drawn across the runs shown, or two endpoints.
 */
export type KpiTrendLine =
  | { readonly intercept: number; readonly slope: number }
  | { readonly from: KpiTrendEndpoint; readonly to: KpiTrendEndpoint };

/** Input of {@link kpiTrendChartSpec}. */
export interface KpiTrendChartInput {
  readonly kpiName: string;
  /** Unit shown in the axis title, e.g. "h" or "%". */
  readonly unit?: string;
  readonly direction: KpiDirection;
  readonly points: readonly KpiTrendPoint[];
  /** KPI value before the mission (KPI units); drawn as a labelled rule. */
  readonly baseline?: number | null;
  /** KPI value aimed for (KPI units); drawn as a labelled rule. */
  readonly target?: number | null;
  readonly trend?: KpiTrendLine | null;
  /** Shown in the title. */
  readonly missionName?: string;
}

/** Options of {@link kpiTrendChartSpec}. */
export interface KpiTrendChartOptions extends ChartSizeOptions {
  /** "date" (default when every point has `startedAt`) or "index" (run number). */
  readonly xAxis?: "date" | "index";
  /**
   * Fixed decimals (0–6) for the KPI values written in the baseline/target labels and the
   * description, so they read like the same values elsewhere in a report (default: up to 2,
   * trailing zeros dropped).
   */
  readonly valueDecimals?: number;
}

type Layer = Extract<TopLevelSpec, { layer: unknown }>["layer"][number];

function parseInstant(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`${what}: "${iso}" is not an ISO 8601 date`);
  return ms;
}

/** The run axis' domain: first to last run shown (one run: ±0.5 around it). */
function runDomain(runs: readonly number[]): [number, number] {
  const lo = Math.min(...runs);
  const hi = Math.max(...runs);
  return runs.length === 0 ? [1, 2] : lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/**
 * Tick values of a run axis: the first run shown, then round multiples (1, 2, 5, 10, 20, 50, …
 * apart, about six ticks), never one so close to the first that their labels touch.
 *
 * @example runTicks([1, 2, 3, …, 28]) // → [1, 5, 10, 15, 20, 25]
 */
export function runTicks(runs: readonly number[]): number[] {
  if (runs.length === 0) return [1];
  const lo = Math.min(...runs);
  const hi = Math.max(...runs);
  const span = hi - lo;
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
  const step = steps.find((s) => span / s <= 6) ?? Math.ceil(span / 6);
  const ticks = [lo];
  for (let t = Math.ceil((lo + 1) / step) * step; t <= hi; t += step) {
    if (t - lo >= step / 2) ticks.push(t);
  }
  return ticks;
}

/**
 * Vega-Lite spec of a KPI's value per run: line with points (gaps where a run has no value),
 * dashed horizontal rules for baseline and target labelled with their values, an optional dotted
 * trend line, the unit in the y-axis title and "Lower/Higher is better" in the subtitle. x is the
 * run start date (UTC) when every point has one, else the run index.
 *
 * @throws RangeError when a value, baseline, target or trend number is not finite, or a date
 *   does not parse, or a trend endpoint has no date on a date axis, or `valueDecimals` is not 0–6.
 * @example kpiTrendChartSpec({ kpiName: "Cycle time", unit: "h", direction: "lower_is_better",
 *   points: [{ runIndex: 1, value: 30 }, { runIndex: 2, value: 26 }], baseline: 32, target: 20 })
 *   // → spec whose subtitle starts "Lower is better" and whose layers include two labelled rules
 */
export function kpiTrendChartSpec(input: KpiTrendChartInput, options: KpiTrendChartOptions = {}): ChartSpec {
  const { kpiName, unit, direction } = input;
  const decimals = options.valueDecimals;
  if (decimals !== undefined && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= 6)) {
    throw new RangeError("valueDecimals must be a whole number from 0 to 6");
  }
  const formatValue = (v: number): string => (decimals === undefined ? formatNumber(v) : v.toFixed(decimals));
  for (const p of input.points) {
    assertFinite(p.runIndex, "runIndex");
    if (p.value !== null) assertFinite(p.value, `${kpiName} value of run ${p.runIndex}`);
  }
  const allDated = input.points.length > 0 && input.points.every((p) => p.startedAt !== undefined);
  const byDate = (options.xAxis ?? (allDated ? "date" : "index")) === "date";
  if (byDate && !allDated) throw new RangeError("a date x axis needs startedAt on every point");

  const xOf = (runIndex: number, startedAt?: string): number => {
    if (!byDate) return runIndex;
    const iso = startedAt ?? input.points.find((p) => p.runIndex === runIndex)?.startedAt;
    if (iso === undefined) throw new RangeError(`trend endpoint at run ${runIndex} needs startedAt`);
    return parseInstant(iso, `run ${runIndex} start`);
  };
  const points = [...input.points]
    .sort((a, b) => a.runIndex - b.runIndex)
    .map((p) => ({
      x: xOf(p.runIndex, p.startedAt),
      run: p.runIndex,
      value: p.value,
      tip:
        p.value === null
          ? `Run ${p.runIndex}: no value`
          : `Run ${p.runIndex}: ${kpiName} ${formatValue(p.value)}${unit ? ` ${unit}` : ""}`,
    }));
  const observed = points.filter((p) => p.value !== null);
  const span = points.length ? (points[points.length - 1]?.x ?? 0) - (points[0]?.x ?? 0) : 0;
  const dateFormat = span <= 200 * 86_400_000 ? "%-d %b" : "%b %Y";

  const rules: { kind: string; value: number; label: string; lines: string[]; above: boolean }[] = [];
  const unitSuffix = unit ? ` ${unit}` : "";
  if (input.baseline !== undefined && input.baseline !== null) {
    assertFinite(input.baseline, "baseline");
    rules.push({
      kind: "Baseline",
      value: input.baseline,
      label: `Baseline ${formatValue(input.baseline)}${unitSuffix}`,
      lines: ["Baseline", `${formatValue(input.baseline)}${unitSuffix}`],
      above: input.target === undefined || input.target === null || input.baseline >= input.target,
    });
  }
  if (input.target !== undefined && input.target !== null) {
    assertFinite(input.target, "target");
    rules.push({
      kind: "Target",
      value: input.target,
      label: `Target ${formatValue(input.target)}${unitSuffix}`,
      lines: ["Target", `${formatValue(input.target)}${unitSuffix}`],
      above: input.baseline === undefined || input.baseline === null || input.target > input.baseline,
    });
  }

  let trend: { x: number; value: number }[] = [];
  let trendNote = "";
  if (input.trend) {
    const t = input.trend;
    if ("slope" in t) {
      assertFinite(t.intercept, "trend intercept");
      assertFinite(t.slope, "trend slope");
      const first = observed[0] ?? points[0];
      const last = observed[observed.length - 1] ?? points[points.length - 1];
      if (first && last) {
        trend = [first, last].map((p) => ({ x: p.x, value: t.intercept + t.slope * p.run }));
      }
      trendNote = `trend ${t.slope >= 0 ? "+" : "−"}${formatNumber(Math.abs(t.slope), 3)}${unitSuffix} per run`;
    } else {
      for (const e of [t.from, t.to]) {
        assertFinite(e.runIndex, "trend endpoint runIndex");
        assertFinite(e.value, "trend endpoint value");
      }
      trend = [t.from, t.to].map((e) => ({ x: xOf(e.runIndex, e.startedAt), value: e.value }));
      trendNote = `trend from ${formatValue(t.from.value)} to ${formatValue(t.to.value)}${unitSuffix}`;
    }
  }

  const better = direction === "lower_is_better" ? "Lower is better" : "Higher is better";
  const title = options.title ?? (input.missionName ? `${kpiName} — ${input.missionName}` : kpiName);
  const yTitle = unit ? `${kpiName} (${unit})` : kpiName;
  const xEncoding = byDate
    ? ({
        field: "x",
        type: "temporal",
        scale: { type: "utc" },
        title: "Run start (UTC)",
        axis: { format: dateFormat },
      } as const)
    : ({
        field: "x",
        type: "quantitative",
        title: "Run",
        // Runs are numbered from 1: the axis starts at the first run shown, never at 0.
        scale: { domain: runDomain(points.map((p) => p.run)), nice: false, zero: false },
        axis: { values: runTicks(points.map((p) => p.run)), format: "d" },
      } as const);
  const yScale = { zero: false, nice: true } as const;

  const first = observed[0]?.value;
  const last = observed[observed.length - 1]?.value;
  const description =
    `Line chart of ${yTitle} over ${points.length} run${points.length === 1 ? "" : "s"}` +
    (input.missionName ? ` of ${input.missionName}` : "") +
    (first !== undefined && last !== undefined && first !== null && last !== null
      ? `, from ${formatValue(first)} to ${formatValue(last)}${unitSuffix}`
      : "") +
    (rules.length ? `; ${rules.map((r) => r.label.toLowerCase()).join(", ")}` : "") +
    (trendNote ? `; ${trendNote}` : "") +
    `. ${better}.`;

  const ruleColor = {
    field: "kind",
    type: "nominal",
    scale: { domain: ["Baseline", "Target"], range: [CHART_COLORS.baseline, CHART_COLORS.target] },
    legend: null,
  } as const;
  const ruleLayers: Layer[] = rules.length
    ? [
        {
          data: { values: rules },
          mark: { type: "rule", strokeDash: [5, 4], strokeWidth: 1.25 },
          encoding: {
            y: { field: "value", type: "quantitative", scale: yScale, title: yTitle },
            color: ruleColor,
          },
        },
        // Labels sit in the right margin, past the end of the data: the higher rule's label above
        // its rule, the lower one's below, so the two never collide however close the values.
        ...[true, false].map((above): Layer => ({
          data: { values: rules.filter((r) => r.above === above) },
          mark: {
            type: "text",
            align: "left",
            baseline: above ? "bottom" : "top",
            dx: 4,
            dy: above ? -13 : 2, // two lines of 11 px: the block ends 2 px above the rule
            fontSize: 9.5,
            lineHeight: 11,
          },
          encoding: {
            x: { value: "width" },
            y: { field: "value", type: "quantitative", scale: yScale, title: yTitle },
            text: { field: "lines" },
            color: ruleColor,
          },
        })),
      ]
    : [];
  const trendLayers: Layer[] = trend.length
    ? [
        {
          data: { values: trend },
          mark: { type: "line", strokeDash: [2, 3], strokeWidth: 1.75, color: CHART_COLORS.trend },
          encoding: {
            x: xEncoding,
            y: { field: "value", type: "quantitative", scale: yScale, title: yTitle },
          },
        },
      ]
    : [];
  const valueLayer: Layer = {
    data: { values: points },
    mark: {
      type: "line",
      aria: false,
      color: CHART_COLORS.primary,
      point: { filled: true, size: 28, color: CHART_COLORS.primary, aria: true },
    },
    encoding: {
      x: xEncoding,
      y: { field: "value", type: "quantitative", scale: yScale, title: yTitle },
      description: { field: "tip" },
    },
  };
  const body: TopLevelSpec = {
    description,
    title: chartTitle(title, [better + (trend.length ? " · dotted line: linear trend" : "")]),
    width: options.width ?? CHART_SIZES.width,
    height: options.height ?? CHART_SIZES.height,
    autosize: { type: "fit-x", contains: "padding" },
    layer: [...ruleLayers, ...trendLayers, valueLayer],
  };
  return themed(body);
}
