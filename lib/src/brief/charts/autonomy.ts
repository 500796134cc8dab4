/** Autonomy score per mission with the portfolio average. */
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

/** One mission's autonomy. */
export interface AutonomyMission {
  readonly missionName: string;
  /** Autonomy score, 0–100 (100 = runs without human touches). */
  readonly autonomyScore: number;
}

/** Input of {@link autonomyChartSpec}. */
export interface AutonomyChartInput {
  readonly missions: readonly AutonomyMission[];
  /** Portfolio average, 0–100; the mean of the missions' scores when absent. */
  readonly average?: number;
}

/**
 * Vega-Lite spec of horizontal bars of autonomy score (0–100) per mission, highest first, with the
 * score at the end of each bar and a dashed vertical rule at the portfolio average, labelled.
 *
 * @throws RangeError when a score or the average is outside 0–100.
 * @example autonomyChartSpec({ missions: [{ missionName: "Billing", autonomyScore: 80 },
 *   { missionName: "Claims", autonomyScore: 40 }] }) // → spec whose rule layer is at x = 60
 */
export function autonomyChartSpec(input: AutonomyChartInput, options: ChartSizeOptions = {}): ChartSpec {
  for (const m of input.missions) {
    assertFinite(m.autonomyScore, `autonomy score of ${m.missionName}`);
    if (m.autonomyScore < 0 || m.autonomyScore > 100) {
      throw new RangeError(`autonomy score of ${m.missionName} (${m.autonomyScore}) is outside 0–100`);
    }
  }
  const missions = [...input.missions].sort(
    (a, b) => a.autonomyScore - b.autonomyScore || a.missionName.localeCompare(b.missionName),
  );
  const average =
    input.average ??
    (missions.length ? missions.reduce((s, m) => s + m.autonomyScore, 0) / missions.length : undefined);
  if (average !== undefined) {
    assertFinite(average, "average");
    if (average < 0 || average > 100) throw new RangeError(`average (${average}) is outside 0–100`);
  }
  const labels = uniqueFittedLabels(
    missions.map((m) => m.missionName),
    CHART_SIZES.labelLimit,
    CHART_SIZES.labelFontSize,
  );
  const rows = missions.map((m, i) => ({
    label: labels[i] ?? m.missionName,
    score: m.autonomyScore,
    rank: i,
    tip: `${m.missionName}: autonomy ${formatNumber(m.autonomyScore, 0)} / 100`,
  }));
  const x = {
    field: "score",
    type: "quantitative" as const,
    title: "Autonomy score (0–100)",
    scale: { domain: [0, 100], nice: false },
    axis: { values: [0, 20, 40, 60, 80, 100] },
  };
  const y = { field: "label", type: "nominal", sort: BY_RANK, title: null } as const;
  const avgText = average === undefined ? undefined : `Portfolio average ${formatNumber(average, 0)}`;
  const avgRows =
    average === undefined ? [] : [{ score: average, label: `Average ${formatNumber(average, 0)}` }];

  const body: TopLevelSpec = {
    description:
      `Bar chart of autonomy scores (0–100) for ${rows.length} mission${rows.length === 1 ? "" : "s"}` +
      (rows.length
        ? `, from ${formatNumber(rows[0]?.score ?? 0)} (${missions[0]?.missionName}) to ` +
          `${formatNumber(rows[rows.length - 1]?.score ?? 0)} (${missions[missions.length - 1]?.missionName})`
        : "") +
      (avgText ? `; ${avgText.toLowerCase()}` : "") +
      ".",
    title: chartTitle(options.title ?? "Autonomy by mission", [
      avgText ? `${avgText} (dashed line); least autonomous first` : undefined,
    ]),
    width: options.width ?? CHART_SIZES.width,
    height: Math.max(1, rows.length) * CHART_SIZES.rowStep,
    autosize: { type: "fit-x", contains: "padding" },
    layer: [
      {
        data: { values: rows },
        mark: { type: "bar", color: CHART_COLORS.primary, height: { band: 0.7 }, aria: true },
        encoding: { y, x, description: { field: "tip" } },
      },
      {
        data: { values: rows },
        mark: { type: "text", align: "left", baseline: "middle", dx: 4 },
        encoding: { y, x, text: { field: "score", type: "quantitative", format: ".0f" } },
      },
      ...(avgRows.length
        ? [
            {
              data: { values: avgRows },
              mark: { type: "rule" as const, color: CHART_COLORS.ink, strokeDash: [5, 3], strokeWidth: 1.25 },
              encoding: { x },
            },
            {
              data: { values: avgRows },
              mark: {
                type: "text" as const,
                baseline: "bottom" as const,
                dy: -4,
                fontSize: 9.5,
                color: CHART_COLORS.ink,
              },
              encoding: { x, y: { value: 0 }, text: { field: "label" } },
            },
          ]
        : []),
    ],
  };
  return themed(body);
}
