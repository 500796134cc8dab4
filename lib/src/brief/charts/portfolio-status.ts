/** One mark per mission: health score on a 0–100 scale with status bands. */
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- see VEGA_LITE_TYPES_NOTE in theme.ts
import type { TopLevelSpec } from "vega-lite" assert { "resolution-mode": "import" };
import { uniqueFittedLabels } from "../text-metrics";
import {
  BY_RANK,
  CHART_COLORS,
  CHART_SIZES,
  CHART_STATUSES,
  STATUS_COLORS,
  STATUS_LABELS,
  STATUS_SHAPES,
  STATUS_TINTS,
  assertFinite,
  chartTitle,
  formatNumber,
  themed,
  type ChartSizeOptions,
  type ChartSpec,
  type ChartStatus,
} from "./theme";

/** One mission's health. */
export interface PortfolioMission {
  readonly missionName: string;
  /** Health score, 0–100 (higher is healthier). */
  readonly healthScore: number;
  /** Status decided by the evaluator; derived from the thresholds when absent. */
  readonly status?: ChartStatus;
}

/** Band thresholds on the health score (0–100): ON_TRACK ≥ onTrack > WATCH ≥ watch > ATTENTION_REQUIRED. */
export interface HealthThresholds {
  readonly onTrack: number;
  readonly watch: number;
}

/** Input of {@link portfolioStatusChartSpec}. */
export interface PortfolioStatusChartInput {
  readonly missions: readonly PortfolioMission[];
  readonly thresholds: HealthThresholds;
}

/**
 * The status band a health score falls in.
 *
 * @example statusForHealth(72, { onTrack: 75, watch: 50 }) // → "WATCH"
 */
export function statusForHealth(score: number, thresholds: HealthThresholds): ChartStatus {
  if (score >= thresholds.onTrack) return "ON_TRACK";
  if (score >= thresholds.watch) return "WATCH";
  return "ATTENTION_REQUIRED";
}

/**
 * Vega-Lite spec of the portfolio at a glance: one row per mission (weakest first), a point at its
 * health score (0–100) coloured and shaped by status, the score printed beside it, over tinted
 * background bands ATTENTION_REQUIRED [0, watch), WATCH [watch, onTrack), ON_TRACK [onTrack, 100]
 * labelled above the plot.
 *
 * @throws RangeError when a score is outside 0–100 or the thresholds are not 0 ≤ watch ≤ onTrack ≤ 100.
 * @example portfolioStatusChartSpec({ missions: [{ missionName: "Billing", healthScore: 82 }],
 *   thresholds: { onTrack: 75, watch: 50 } }) // → spec with a band layer (3 rects) and a point layer
 */
export function portfolioStatusChartSpec(
  input: PortfolioStatusChartInput,
  options: ChartSizeOptions = {},
): ChartSpec {
  const { onTrack, watch } = input.thresholds;
  assertFinite(onTrack, "onTrack threshold");
  assertFinite(watch, "watch threshold");
  if (!(watch >= 0 && watch <= onTrack && onTrack <= 100)) {
    throw new RangeError(`thresholds must satisfy 0 ≤ watch (${watch}) ≤ onTrack (${onTrack}) ≤ 100`);
  }
  for (const m of input.missions) {
    assertFinite(m.healthScore, `health score of ${m.missionName}`);
    if (m.healthScore < 0 || m.healthScore > 100) {
      throw new RangeError(`health score of ${m.missionName} (${m.healthScore}) is outside 0–100`);
    }
  }
  const missions = [...input.missions].sort(
    (a, b) => a.healthScore - b.healthScore || a.missionName.localeCompare(b.missionName),
  );
  const labels = uniqueFittedLabels(
    missions.map((m) => m.missionName),
    CHART_SIZES.labelLimit,
    CHART_SIZES.labelFontSize,
  );
  const rows = missions.map((m, i) => {
    const status = m.status ?? statusForHealth(m.healthScore, input.thresholds);
    return {
      label: labels[i] ?? m.missionName,
      rank: i,
      score: m.healthScore,
      zero: 0,
      scoreText: formatNumber(m.healthScore, 0),
      status: STATUS_LABELS[status],
      tip: `${m.missionName}: health ${formatNumber(m.healthScore, 0)} / 100, ${STATUS_LABELS[status].toLowerCase()}`,
    };
  });
  const bands = [
    { from: 0, to: watch, status: "ATTENTION_REQUIRED" as ChartStatus },
    { from: watch, to: onTrack, status: "WATCH" as ChartStatus },
    { from: onTrack, to: 100, status: "ON_TRACK" as ChartStatus },
  ]
    .filter((b) => b.to > b.from)
    .map((b) => ({
      ...b,
      label: STATUS_LABELS[b.status],
      mid: (b.from + b.to) / 2,
      tint: STATUS_TINTS[b.status],
    }));
  const statusLabels = CHART_STATUSES.map((s) => STATUS_LABELS[s]);
  const counts = CHART_STATUSES.map(
    (s) => [s, rows.filter((r) => r.status === STATUS_LABELS[s]).length] as const,
  );
  const summary = counts
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${STATUS_LABELS[s].toLowerCase()}`)
    .join(", ");
  const x = {
    field: "score",
    type: "quantitative" as const,
    title: "Health score (0–100)",
    scale: { domain: [0, 100], nice: false },
    axis: { values: [0, 20, 40, 60, 80, 100] },
  };
  const y = { field: "label", type: "nominal", sort: BY_RANK, title: null } as const;

  const body: TopLevelSpec = {
    description:
      `Dot chart of health scores (0–100) for ${rows.length} mission${rows.length === 1 ? "" : "s"}` +
      (summary ? `: ${summary}` : "") +
      `. Bands: attention required below ${formatNumber(watch)}, watch from ${formatNumber(watch)}, ` +
      `on track from ${formatNumber(onTrack)}.`,
    title: chartTitle(options.title ?? "Portfolio health", [
      summary ? `${summary} (weakest first)` : undefined,
    ]),
    width: options.width ?? CHART_SIZES.width,
    height: Math.max(1, rows.length) * (CHART_SIZES.rowStep + 4),
    autosize: { type: "fit-x", contains: "padding" },
    layer: [
      {
        data: { values: bands },
        mark: { type: "rect", opacity: 1 },
        encoding: {
          x: { field: "from", type: "quantitative", scale: x.scale, title: x.title, axis: x.axis },
          x2: { field: "to" },
          fill: { field: "tint", type: "nominal", scale: null, legend: null },
        },
      },
      {
        data: { values: bands },
        mark: { type: "text", baseline: "bottom", dy: -4, fontSize: 9.5, color: CHART_COLORS.muted },
        encoding: {
          x: { field: "mid", type: "quantitative", scale: x.scale, title: x.title },
          y: { value: 0 },
          text: { field: "label" },
        },
      },
      {
        data: { values: rows },
        mark: { type: "rule", color: CHART_COLORS.grid, strokeWidth: 1 },
        encoding: {
          y,
          x: { field: "zero", type: "quantitative", scale: x.scale, title: x.title },
          x2: { field: "score" },
        },
      },
      {
        data: { values: rows },
        mark: {
          type: "point",
          filled: true,
          size: 110,
          opacity: 1,
          stroke: "white",
          strokeWidth: 1,
          aria: true,
        },
        encoding: {
          description: { field: "tip" },
          y,
          x,
          color: {
            field: "status",
            type: "nominal",
            scale: { domain: statusLabels, range: CHART_STATUSES.map((s) => STATUS_COLORS[s]) },
            legend: { title: null },
          },
          shape: {
            field: "status",
            type: "nominal",
            scale: { domain: statusLabels, range: CHART_STATUSES.map((s) => STATUS_SHAPES[s]) },
            legend: { title: null },
          },
        },
      },
      {
        data: { values: rows },
        mark: { type: "text", align: "left", baseline: "middle", dx: 9, color: CHART_COLORS.ink },
        encoding: { y, x, text: { field: "scoreText" } },
      },
    ],
  };
  return themed(body);
}
