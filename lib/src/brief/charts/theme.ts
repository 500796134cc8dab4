/**
 * The project's chart theme: a restrained, print-friendly palette (readable in greyscale, where
 * status is also carried by shape or text), DejaVu Sans for every piece of text, and the sizes
 * every chart shares. Each chart module merges {@link chartConfig} into its spec, so a spec is
 * self-contained and renders the same in a notebook and in the brief.
 */
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- see VEGA_LITE_TYPES_NOTE below
import type { Config } from "vega-lite" assert { "resolution-mode": "import" };

/*
 * VEGA_LITE_TYPES_NOTE — vega-lite is ESM-only and this package compiles to CommonJS, so its types
 * need a `resolution-mode: "import"` attribute. TypeScript 5.0 (tslab's, which type-checks the
 * notebooks against lib/dist/*.d.ts) calls that attribute unstable — hence the `assert` form under
 * @ts-ignore, accepted by 5.0 and 5.9 alike — and cannot write vega-lite types into declaration
 * files, nor read the `with { … }` form 5.9 would write. So vega-lite types are used only inside
 * function bodies (every chart body is checked against `TopLevelSpec`), and exported signatures
 * use the local {@link ChartSpec}.
 */

/**
 * The `$schema` every chart spec declares (an identifier of the Vega-Lite version, read by notebook
 * front ends to pick the renderer; never fetched).
 *
 * @example VEGA_LITE_SCHEMA // → "https://vega.github.io/schema/vega-lite/v6.json"
 */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/**
 * Font family of all chart text (installed with fonts-dejavu-core; the brief's CSS uses it too).
 *
 * @example CHART_FONT // → "DejaVu Sans"
 */
export const CHART_FONT = "DejaVu Sans";

/** The three mission statuses a chart can show, best first. */
export type ChartStatus = "ON_TRACK" | "WATCH" | "ATTENTION_REQUIRED";
/**
 * Every {@link ChartStatus}, best first (the order of legends and matrix rows).
 *
 * @example CHART_STATUSES // → ["ON_TRACK", "WATCH", "ATTENTION_REQUIRED"]
 */
export const CHART_STATUSES: readonly ChartStatus[] = ["ON_TRACK", "WATCH", "ATTENTION_REQUIRED"];

/**
 * Named colours of the theme (hex).
 *
 * @example CHART_COLORS.primary // → "#1f4e79"
 */
export const CHART_COLORS = {
  /** Main text and marks of emphasis. */
  ink: "#1f2933",
  /** Secondary text: subtitles, axis labels. */
  muted: "#52606d",
  grid: "#e4e7eb",
  axis: "#9aa5b1",
  /** First data series. */
  primary: "#1f4e79",
  /** Second data series. */
  secondary: "#c0792b",
  /** Third data series. */
  tertiary: "#5b8e7d",
  /** Reference lines: baseline. */
  baseline: "#6b7280",
  /** Reference lines: target. */
  target: "#2f6b3a",
  /** Fitted trend lines. */
  trend: "#8c5a9e",
  /** Cells without data. */
  missing: "#eef0f2",
} as const;

/**
 * Categorical palette for series without a fixed meaning, in order of use.
 *
 * @example CHART_PALETTE[0] // → "#1f4e79"
 */
export const CHART_PALETTE: readonly string[] = [
  CHART_COLORS.primary,
  CHART_COLORS.secondary,
  CHART_COLORS.tertiary,
  "#8c5a9e",
  "#7a7a7a",
  "#b23b3b",
];

/**
 * Colour of each status.
 *
 * @example STATUS_COLORS.ATTENTION_REQUIRED // → "#b23b3b"
 */
export const STATUS_COLORS: Readonly<Record<ChartStatus, string>> = {
  ON_TRACK: "#3d7d4a",
  WATCH: "#c99a2e",
  ATTENTION_REQUIRED: "#b23b3b",
};

/**
 * Light tint of each status, for background bands and banners.
 *
 * @example STATUS_TINTS.WATCH // → "#f7eed8"
 */
export const STATUS_TINTS: Readonly<Record<ChartStatus, string>> = {
  ON_TRACK: "#e3efe5",
  WATCH: "#f7eed8",
  ATTENTION_REQUIRED: "#f4dede",
};

/**
 * Human label of each status (legends, axis labels).
 *
 * @example STATUS_LABELS.ATTENTION_REQUIRED // → "Attention required"
 */
export const STATUS_LABELS: Readonly<Record<ChartStatus, string>> = {
  ON_TRACK: "On track",
  WATCH: "Watch",
  ATTENTION_REQUIRED: "Attention required",
};

/**
 * Point shape (Vega symbol) of each status, so status survives greyscale printing.
 *
 * @example STATUS_SHAPES.WATCH // → "diamond"
 */
export const STATUS_SHAPES: Readonly<Record<ChartStatus, string>> = {
  ON_TRACK: "circle",
  WATCH: "diamond",
  ATTENTION_REQUIRED: "triangle-up",
};

/**
 * Sizes shared by the charts, px (1 px = 1/96 in; the A4 text column of the brief is ≈ 680 px, so
 * a chart prints at its natural size) and font sizes, px.
 *
 * @example CHART_SIZES.width // → 640
 */
export const CHART_SIZES = {
  /** Total width of a chart, labels included. */
  width: 640,
  /** Plot height of a single-panel chart. */
  height: 220,
  /** Height of one row in charts with a row per category. */
  rowStep: 22,
  /** Longest category label (mission, task), px; longer names are shortened with "…". */
  labelLimit: 170,
  labelFontSize: 10,
  titleFontSize: 13,
  subtitleFontSize: 10.5,
  axisTitleFontSize: 10.5,
  markLabelFontSize: 9.5,
} as const;

/** Options every chart accepts. */
export interface ChartSizeOptions {
  /** Total chart width, px (default {@link CHART_SIZES}.width). */
  readonly width?: number;
  /** Plot height, px, for charts with a fixed height (default {@link CHART_SIZES}.height). */
  readonly height?: number;
  /** Replaces the chart's default title. */
  readonly title?: string;
}

const THEME_CONFIG: Config = {
  // No per-mark ARIA descriptions: Vega-Lite builds them as expressions holding axis titles (user
  // text: KPI names) as string literals, where escapes are read back and Object.prototype words
  // misparse. The root <svg> carries role="img" and the chart's description instead.
  aria: false,
  font: CHART_FONT,
  background: "white",
  padding: { left: 6, right: 14, top: 6, bottom: 6 },
  view: { stroke: null },
  title: {
    font: CHART_FONT,
    fontSize: CHART_SIZES.titleFontSize,
    fontWeight: "bold",
    color: CHART_COLORS.ink,
    anchor: "start",
    frame: "bounds",
    offset: 12,
    subtitleFont: CHART_FONT,
    subtitleFontSize: CHART_SIZES.subtitleFontSize,
    subtitleColor: CHART_COLORS.muted,
    subtitlePadding: 4,
  },
  axis: {
    labelFont: CHART_FONT,
    titleFont: CHART_FONT,
    labelFontSize: CHART_SIZES.labelFontSize,
    titleFontSize: CHART_SIZES.axisTitleFontSize,
    titleFontWeight: "normal",
    labelColor: CHART_COLORS.muted,
    titleColor: CHART_COLORS.ink,
    domainColor: CHART_COLORS.axis,
    tickColor: CHART_COLORS.axis,
    gridColor: CHART_COLORS.grid,
    labelLimit: CHART_SIZES.labelLimit + 10,
    labelPadding: 4,
    titlePadding: 8,
    labelOverlap: true,
    labelSeparation: 3,
  },
  axisX: { labelAngle: 0, grid: false },
  axisBand: { grid: false, ticks: false },
  axisQuantitative: { tickCount: 6 },
  legend: {
    labelFont: CHART_FONT,
    titleFont: CHART_FONT,
    labelFontSize: CHART_SIZES.labelFontSize,
    titleFontSize: CHART_SIZES.labelFontSize,
    titleFontWeight: "normal",
    labelColor: CHART_COLORS.ink,
    titleColor: CHART_COLORS.muted,
    orient: "top",
    direction: "horizontal",
    symbolSize: 90,
    columnPadding: 14,
    labelLimit: 220,
  },
  header: { labelFont: CHART_FONT, titleFont: CHART_FONT },
  text: { font: CHART_FONT, fontSize: CHART_SIZES.markLabelFontSize, color: CHART_COLORS.ink },
  line: { strokeWidth: 2 },
  point: { size: 30, filled: true },
  range: { category: [...CHART_PALETTE] },
};

/**
 * The Vega-Lite `config` of the theme (font, colours, sizes, paddings) as plain JSON; every chart
 * spec carries a copy, and a hand-written spec can use it as its `config`.
 *
 * @example chartConfig.font // → "DejaVu Sans"
 */
export const chartConfig = THEME_CONFIG as unknown as Readonly<Record<string, unknown>>;

/**
 * A Vega-Lite 6 top-level specification (vega-lite's `TopLevelSpec`) as plain JSON, as the chart
 * functions return it: data inline only, the theme in `config`, a title and a description. Pass
 * it to {@link renderChartSvg}, or show it in a notebook.
 */
export interface ChartSpec {
  /** One or two sentences stating what the chart shows; becomes the SVG's `aria-label`. */
  readonly description: string;
  readonly title: ChartTitle;
  readonly [property: string]: unknown;
}

/** Title of a {@link ChartSpec}. */
export interface ChartTitle {
  readonly text: string;
  readonly subtitle?: string | string[];
}

/** Title object with an optional subtitle (one line per entry; empty lines dropped). */
export function chartTitle(text: string, subtitle?: readonly (string | undefined | false)[]): ChartTitle {
  const lines = (subtitle ?? []).filter((l): l is string => typeof l === "string" && l.trim() !== "");
  return lines.length === 0 ? { text } : { text, subtitle: lines };
}

/**
 * Adds the theme (config, white background) to a chart body built and type-checked as a
 * Vega-Lite `TopLevelSpec` that has a description and a title object.
 */
export function themed(body: object): ChartSpec {
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    background: "white",
    config: structuredClone(THEME_CONFIG),
    ...body,
  } as Partial<ChartSpec>;
  if (typeof spec.description !== "string" || typeof spec.title?.text !== "string") {
    throw new TypeError("a chart spec needs a description and a title object");
  }
  return spec as ChartSpec;
}

/** Number with at most `digits` decimals, no trailing zeros, for labels and descriptions. */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toFixed(digits));
  return rounded.toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** Throws a RangeError unless `value` is a finite number. */
export function assertFinite(value: number, what: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite number, got ${String(value)}`);
  }
}

/** Name of the row field that holds a category's position on a nominal axis ({@link BY_RANK}). */
export const RANK_FIELD = "rank";

/**
 * Sort of a nominal axis by the numeric {@link RANK_FIELD} of its rows. Never sort by an explicit
 * array of labels: Vega-Lite turns such an array into an expression holding each label as a string
 * literal, and Vega's expression parser reads a literal such as "constructor" or "toString" as an
 * identifier (an `Object.prototype` lookup), so a mission called that broke the chart with
 * "Operator not defined". User text goes into charts only as data values.
 */
export const BY_RANK = { field: RANK_FIELD, op: "min", order: "ascending" } as const;
