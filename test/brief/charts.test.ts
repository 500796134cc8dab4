import { describe, expect, it } from "vitest";
import {
  CHART_COLORS,
  CHART_FONT,
  CHART_PALETTE,
  CHART_SIZES,
  CHART_STATUSES,
  FRICTION_DRIVERS,
  FRICTION_DRIVER_STYLE,
  STATUS_COLORS,
  STATUS_LABELS,
  STATUS_SHAPES,
  STATUS_TINTS,
  VEGA_LITE_SCHEMA,
  autonomyChartSpec,
  bottlenecksChartSpec,
  chartConfig,
  confusionMatrixChartSpec,
  delayHeatmapChartSpec,
  fitText,
  humanTouchesChartSpec,
  kpiTrendChartSpec,
  portfolioStatusChartSpec,
  statusForHealth,
  statusTimelineChartSpec,
  textWidth,
  thresholdSweepChartSpec,
  type ChartSpec,
} from "../../lib/src/index";
import { dataNodes, enc, nonInlineData, subtitle, units, type Json } from "./spec-tools";

/** What every chart spec must satisfy. */
function expectWellFormed(spec: ChartSpec): void {
  expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
  expect(spec.title.text.length).toBeGreaterThan(0);
  expect(spec.description.length).toBeGreaterThan(20);
  expect((spec.config as Json).font).toBe("DejaVu Sans");
  expect(dataNodes(spec).length).toBeGreaterThan(0);
  expect(nonInlineData(spec)).toEqual([]);
  // Plain JSON: survives a round trip unchanged (no Dates, functions, undefined-only fields).
  expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  expect(JSON.stringify(spec)).not.toMatch(/"url"|"href"/);
}

const dates = (n: number) =>
  Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 3 * i)).toISOString());

describe("theme constants", () => {
  it("match their documented examples", () => {
    expect(VEGA_LITE_SCHEMA).toBe("https://vega.github.io/schema/vega-lite/v6.json");
    expect(CHART_FONT).toBe("DejaVu Sans");
    expect(CHART_STATUSES).toEqual(["ON_TRACK", "WATCH", "ATTENTION_REQUIRED"]);
    expect(CHART_COLORS.primary).toBe("#1f4e79");
    expect(CHART_PALETTE[0]).toBe("#1f4e79");
    expect(STATUS_COLORS.ATTENTION_REQUIRED).toBe("#b23b3b");
    expect(STATUS_TINTS.WATCH).toBe("#f7eed8");
    expect(STATUS_LABELS.ATTENTION_REQUIRED).toBe("Attention required");
    expect(STATUS_SHAPES.WATCH).toBe("diamond");
    expect(CHART_SIZES.width).toBe(640);
    expect(chartConfig.font).toBe("DejaVu Sans");
    expect(FRICTION_DRIVERS).toEqual(["approval_delay", "task_overrun", "risk", "mixed"]);
    expect(FRICTION_DRIVER_STYLE.approval_delay.label).toBe("Approval delay");
  });

  it("measures and fits text with DejaVu Sans widths", () => {
    expect(textWidth("Run", 10)).toBeCloseTo(19.63, 9);
    expect(textWidth("Run", 10, true)).toBeGreaterThan(textWidth("Run", 10));
    expect(fitText("Customer onboarding", 60, 10)).toBe("Customer…");
    expect(fitText("  Short ", 60, 10)).toBe("Short");
    expect(textWidth(fitText("x".repeat(200), 100, 10), 10)).toBeLessThanOrEqual(100);
  });
});

describe("kpiTrendChartSpec", () => {
  const base = {
    kpiName: "Cycle time",
    unit: "h",
    direction: "lower_is_better" as const,
    points: [
      { runIndex: 1, value: 30 },
      { runIndex: 2, value: 26 },
    ],
    baseline: 32,
    target: 20,
  };

  it("matches its documented example: direction in subtitle, two labelled rules", () => {
    const spec = kpiTrendChartSpec(base);
    expectWellFormed(spec);
    expect(subtitle(spec)[0]).toMatch(/^Lower is better/);
    const rules = units(spec).filter((u) => u.type === "rule");
    expect(rules).toHaveLength(1);
    expect((rules[0]?.unit.data as Json).values).toEqual([
      expect.objectContaining({ kind: "Baseline", value: 32 }),
      expect.objectContaining({ kind: "Target", value: 20 }),
    ]);
    const labels = units(spec)
      .filter((u) => u.type === "text")
      .flatMap((u) => ((u.unit.data as Json).values as Json[]).map((v) => (v.lines as string[]).join(" ")));
    expect(labels.sort()).toEqual(["Baseline 32 h", "Target 20 h"]);
  });

  it("draws the values as a line with points, unit in the y title, run index on x", () => {
    const spec = kpiTrendChartSpec(base);
    const line = units(spec).find((u) => u.type === "line");
    expect(line).toBeDefined();
    expect((line?.unit.mark as Json).point).toBeTruthy();
    expect(enc(line!.unit, "y")).toMatchObject({
      field: "value",
      type: "quantitative",
      title: "Cycle time (h)",
    });
    expect(enc(line!.unit, "x")).toMatchObject({ type: "quantitative", title: "Run" });
    expect((line?.unit.data as Json).values).toEqual([
      { x: 1, run: 1, value: 30, tip: "Run 1: Cycle time 30 h" },
      { x: 2, run: 2, value: 26, tip: "Run 2: Cycle time 26 h" },
    ]);
    // Runs are numbered from 1: the axis starts at the first run, not at 0.
    expect(enc(line!.unit, "x")).toMatchObject({
      scale: { domain: [1, 2], zero: false },
      axis: { values: [1, 2] },
    });
  });

  it("uses a UTC date axis when every point has a start date, and keeps gaps for null values", () => {
    const [d1, d2, d3] = dates(3);
    const spec = kpiTrendChartSpec({
      kpiName: "First-contact resolution",
      unit: "%",
      direction: "higher_is_better",
      points: [
        { runIndex: 1, startedAt: d1, value: 60 },
        { runIndex: 2, startedAt: d2, value: null },
        { runIndex: 3, startedAt: d3, value: 70 },
      ],
    });
    expectWellFormed(spec);
    expect(subtitle(spec)[0]).toMatch(/^Higher is better/);
    const line = units(spec).find((u) => u.type === "line")!;
    expect(enc(line.unit, "x")).toMatchObject({ type: "temporal", scale: { type: "utc" } });
    const values = (line.unit.data as Json).values as Json[];
    expect(values.map((v) => v.x)).toEqual([Date.parse(d1!), Date.parse(d2!), Date.parse(d3!)]);
    expect(values[1]?.value).toBeNull();
    expect(units(spec).some((u) => u.type === "rule")).toBe(false);
  });

  it("draws a trend from intercept/slope across the runs shown, or from two endpoints", () => {
    const slope = kpiTrendChartSpec({ ...base, trend: { intercept: 34, slope: -4 } });
    const trendOf = (s: ChartSpec) =>
      units(s).find((u) => u.type === "line" && (u.unit.mark as Json).strokeDash !== undefined);
    expect((trendOf(slope)?.unit.data as Json).values).toEqual([
      { x: 1, value: 30 },
      { x: 2, value: 26 },
    ]);
    expect(subtitle(slope)[0]).toContain("trend");
    expect(slope.description).toContain("trend −4 h per run");
    const ends = kpiTrendChartSpec({
      ...base,
      trend: { from: { runIndex: 1, value: 31 }, to: { runIndex: 2, value: 25 } },
    });
    expect((trendOf(ends)?.unit.data as Json).values).toEqual([
      { x: 1, value: 31 },
      { x: 2, value: 25 },
    ]);
  });

  it("refuses non-finite numbers and unparsable dates", () => {
    expect(() => kpiTrendChartSpec({ ...base, baseline: Number.NaN })).toThrow(RangeError);
    expect(() => kpiTrendChartSpec({ ...base, points: [{ runIndex: 1, value: Infinity }] })).toThrow(
      RangeError,
    );
    expect(() =>
      kpiTrendChartSpec({ ...base, points: [{ runIndex: 1, startedAt: "yesterday", value: 1 }] }),
    ).toThrow(/ISO 8601/);
    expect(() => kpiTrendChartSpec({ ...base, trend: { intercept: 1, slope: Number.NaN } })).toThrow(
      RangeError,
    );
  });
});

describe("humanTouchesChartSpec", () => {
  const runs = [
    { runIndex: 2, interventions: 1, escalations: 0, approvalDelayMinutes: null },
    { runIndex: 1, interventions: 3, escalations: 1, approvalDelayMinutes: 42 },
    { runIndex: 3, interventions: 0, escalations: 2, approvalDelayMinutes: 10 },
  ];

  it("matches its documented example: bars coloured by kind above a delay line", () => {
    const spec = humanTouchesChartSpec({
      runs: [{ runIndex: 1, interventions: 3, escalations: 1, approvalDelayMinutes: 42 }],
    });
    expectWellFormed(spec);
    const panels = spec.vconcat as Json[];
    expect(panels).toHaveLength(2);
    expect(units(panels[0]).map((u) => u.type)).toEqual(["bar"]);
    expect(enc(panels[0]!, "color")).toMatchObject({ field: "kind" });
    expect(units(panels[1]).map((u) => u.type)).toEqual(["line"]);
    expect(enc(panels[1]!, "y")).toMatchObject({ field: "minutes", title: "Approval delay (min)" });
  });

  it("stacks by default, groups on request, sorts runs and sums in the subtitle", () => {
    const stacked = humanTouchesChartSpec({ runs, missionName: "Claims" });
    const bars = (stacked.vconcat as Json[])[0]!;
    expect(enc(bars, "y")).toMatchObject({ stack: "zero" });
    expect(enc(bars, "xOffset")).toBeUndefined();
    expect(((bars.data as Json).values as Json[]).map((v) => v.run)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(subtitle(stacked)[0]).toBe("3 runs: 4 interventions, 3 escalations; median approval delay 26 min");
    expect(stacked.title.text).toBe("Human touches — Claims");
    const grouped = humanTouchesChartSpec({ runs }, { bars: "grouped" });
    const gbars = (grouped.vconcat as Json[])[0]!;
    expect(enc(gbars, "xOffset")).toMatchObject({ field: "kind" });
    expect(enc(gbars, "y")).toMatchObject({ stack: null });
  });

  it("refuses negative counts", () => {
    expect(() =>
      humanTouchesChartSpec({
        runs: [{ runIndex: 1, interventions: -1, escalations: 0, approvalDelayMinutes: 0 }],
      }),
    ).toThrow(RangeError);
  });
});

describe("bottlenecksChartSpec", () => {
  it("matches its documented example: bars coloured by driver, one row per task", () => {
    const spec = bottlenecksChartSpec({
      tasks: [{ taskName: "Legal review", score: 8.5, driver: "approval_delay" }],
    });
    expectWellFormed(spec);
    const bar = units(spec).find((u) => u.type === "bar")!;
    expect(enc(bar.unit, "color")).toMatchObject({ field: "driver" });
    expect(enc(bar.unit, "y", spec)).toMatchObject({ field: "label", type: "nominal" });
    expect(enc(bar.unit, "x", spec)).toMatchObject({ field: "score", type: "quantitative" });
    expect(units(spec).some((u) => u.type === "text")).toBe(true);
  });

  it("sorts by score, keeps the top N, dedupes and shortens labels", () => {
    const spec = bottlenecksChartSpec(
      {
        tasks: [
          { taskName: "Draft reply", score: 1, driver: "task_overrun" },
          { taskName: "Draft reply", score: 2, driver: "risk" },
          {
            taskName: "A task with a very long name that cannot possibly fit the label space",
            score: 5,
            driver: "mixed",
          },
          { taskName: "Tiny", score: 0.5, driver: "approval_delay" },
        ],
      },
      { maxTasks: 3 },
    );
    const rows = (spec.data as Json).values as Json[];
    expect(rows.map((r) => r.score)).toEqual([5, 2, 1]);
    expect(rows[0]?.label).toMatch(/…$/);
    expect(textWidth(String(rows[0]?.label), CHART_SIZES.labelFontSize)).toBeLessThanOrEqual(
      CHART_SIZES.labelLimit,
    );
    expect(rows.slice(1).map((r) => r.label)).toEqual(["Draft reply", "Draft reply (2)"]);
    expect(rows.map((r) => r.driver)).toEqual(["Mixed", "Risk", "Task overrun"]);
    // Order by a numeric rank, never by an array of labels (Vega-Lite makes that an expression).
    expect(rows.map((r) => r.rank)).toEqual([0, 1, 2]);
    expect(enc(spec, "y")).toMatchObject({ sort: { field: "rank", op: "min", order: "ascending" } });
    expect(subtitle(spec)[0]).toBe("Top 3 of 4 tasks by friction score");
    expect(() => bottlenecksChartSpec({ tasks: [{ taskName: "x", score: NaN, driver: "risk" }] })).toThrow(
      RangeError,
    );
  });
});

describe("portfolioStatusChartSpec", () => {
  it("matches its documented example: three band rects and a point layer", () => {
    const spec = portfolioStatusChartSpec({
      missions: [{ missionName: "Billing", healthScore: 82 }],
      thresholds: { onTrack: 75, watch: 50 },
    });
    expectWellFormed(spec);
    const rect = units(spec).find((u) => u.type === "rect")!;
    expect((rect.unit.data as Json).values).toEqual([
      expect.objectContaining({ from: 0, to: 50, status: "ATTENTION_REQUIRED" }),
      expect.objectContaining({ from: 50, to: 75, status: "WATCH" }),
      expect.objectContaining({ from: 75, to: 100, status: "ON_TRACK" }),
    ]);
    const point = units(spec).find((u) => u.type === "point")!;
    expect(enc(point.unit, "x")).toMatchObject({ field: "score", scale: { domain: [0, 100] } });
    expect(enc(point.unit, "color")).toMatchObject({ field: "status" });
    expect(enc(point.unit, "shape")).toMatchObject({ field: "status" });
    expect((point.unit.data as Json).values).toEqual([
      expect.objectContaining({ status: "On track", score: 82 }),
    ]);
  });

  it("derives status from the thresholds unless given, weakest first", () => {
    expect(statusForHealth(72, { onTrack: 75, watch: 50 })).toBe("WATCH");
    expect(statusForHealth(75, { onTrack: 75, watch: 50 })).toBe("ON_TRACK");
    expect(statusForHealth(49.9, { onTrack: 75, watch: 50 })).toBe("ATTENTION_REQUIRED");
    const spec = portfolioStatusChartSpec({
      missions: [
        { missionName: "A", healthScore: 90 },
        { missionName: "B", healthScore: 40 },
        { missionName: "C", healthScore: 90, status: "WATCH" },
      ],
      thresholds: { onTrack: 75, watch: 50 },
    });
    const point = units(spec).find((u) => u.type === "point")!;
    expect(((point.unit.data as Json).values as Json[]).map((v) => [v.label, v.status])).toEqual([
      ["B", "Attention required"],
      ["A", "On track"],
      ["C", "Watch"],
    ]);
    expect(subtitle(spec)[0]).toBe("1 on track, 1 watch, 1 attention required (weakest first)");
  });

  it("refuses scores outside 0–100 and inverted thresholds", () => {
    const thresholds = { onTrack: 75, watch: 50 };
    expect(() =>
      portfolioStatusChartSpec({ missions: [{ missionName: "A", healthScore: 101 }], thresholds }),
    ).toThrow(RangeError);
    expect(() => portfolioStatusChartSpec({ missions: [], thresholds: { onTrack: 40, watch: 60 } })).toThrow(
      RangeError,
    );
  });
});

describe("autonomyChartSpec", () => {
  it("matches its documented example: the average rule at x = 60", () => {
    const spec = autonomyChartSpec({
      missions: [
        { missionName: "Billing", autonomyScore: 80 },
        { missionName: "Claims", autonomyScore: 40 },
      ],
    });
    expectWellFormed(spec);
    const rule = units(spec).find((u) => u.type === "rule")!;
    expect((rule.unit.data as Json).values).toEqual([expect.objectContaining({ score: 60 })]);
    const bar = units(spec).find((u) => u.type === "bar")!;
    expect(enc(bar.unit, "x")).toMatchObject({ field: "score", scale: { domain: [0, 100] } });
    // Worst first, as everywhere in the brief: the least autonomous mission on top.
    expect(((bar.unit.data as Json).values as Json[]).map((v) => v.label)).toEqual(["Claims", "Billing"]);
    expect(subtitle(spec)[0]).toContain("Portfolio average 60");
  });

  it("uses a given average and refuses out-of-range scores", () => {
    const spec = autonomyChartSpec({ missions: [{ missionName: "A", autonomyScore: 10 }], average: 55 });
    const rule = units(spec).find((u) => u.type === "rule")!;
    expect((rule.unit.data as Json).values).toEqual([expect.objectContaining({ score: 55 })]);
    expect(() => autonomyChartSpec({ missions: [{ missionName: "A", autonomyScore: -1 }] })).toThrow(
      RangeError,
    );
  });
});

describe("statusTimelineChartSpec", () => {
  it("matches its documented example: status rects and a marker text layer", () => {
    const spec = statusTimelineChartSpec(
      { cells: [{ missionName: "Billing", runIndex: 1, status: "WATCH", marker: "!" }] },
      { markerNote: "! = labelled incident" },
    );
    expectWellFormed(spec);
    const rect = units(spec).find((u) => u.type === "rect")!;
    expect(enc(rect.unit, "color")).toMatchObject({
      field: "status",
      scale: { domain: ["On track", "Watch", "Attention required"] },
    });
    expect(enc(rect.unit, "x", spec)).toMatchObject({ field: "run", type: "ordinal" });
    expect(enc(rect.unit, "y", spec)).toMatchObject({ field: "mission" });
    const text = units(spec).find((u) => u.type === "text")!;
    expect(enc(text.unit, "text")).toMatchObject({ field: "marker" });
    expect((spec.data as Json).values).toEqual([
      { mission: "Billing", rank: 0, run: 1, status: "Watch", marker: "!" },
    ]);
    expect(subtitle(spec)).toEqual(["! = labelled incident"]);
  });

  it("refuses unknown statuses", () => {
    expect(() =>
      statusTimelineChartSpec({ cells: [{ missionName: "A", runIndex: 1, status: "GREEN" as never }] }),
    ).toThrow(RangeError);
  });
});

describe("confusionMatrixChartSpec", () => {
  it("matches its documented example: 9 cells and the agreement rate", () => {
    const spec = confusionMatrixChartSpec({
      counts: [
        { expected: "WATCH", predicted: "WATCH", count: 5 },
        { expected: "WATCH", predicted: "ON_TRACK", count: 1 },
      ],
    });
    expectWellFormed(spec);
    const cells = (spec.data as Json).values as Json[];
    expect(cells).toHaveLength(9);
    expect(cells.find((c) => c.expected === "Watch" && c.predicted === "Watch")?.count).toBe(5);
    expect(cells.filter((c) => c.count === 0)).toHaveLength(7);
    expect(subtitle(spec)).toEqual(["Agreement: 5 of 6 (83%)"]);
    expect(units(spec).map((u) => u.type)).toEqual(["rect", "text"]);
    expect(enc(spec, "x")).toMatchObject({ field: "predicted" });
    expect(enc(spec, "y")).toMatchObject({ field: "expected" });
  });

  it("adds repeated pairs and refuses negative counts", () => {
    const spec = confusionMatrixChartSpec({
      counts: [
        { expected: "ON_TRACK", predicted: "ON_TRACK", count: 2 },
        { expected: "ON_TRACK", predicted: "ON_TRACK", count: 3 },
      ],
    });
    expect(((spec.data as Json).values as Json[])[0]).toMatchObject({
      expected: "On track",
      predicted: "On track",
      count: 5,
    });
    expect(() =>
      confusionMatrixChartSpec({ counts: [{ expected: "WATCH", predicted: "WATCH", count: -1 }] }),
    ).toThrow(RangeError);
  });
});

describe("thresholdSweepChartSpec", () => {
  it("matches its documented example: lines by metric and a rule at the selected threshold", () => {
    const spec = thresholdSweepChartSpec({
      points: [{ threshold: 0.5, precision: 0.8, recall: 0.6 }],
      selected: 0.5,
    });
    expectWellFormed(spec);
    const line = units(spec).find((u) => u.type === "line")!;
    expect(enc(line.unit, "color")).toMatchObject({
      field: "metric",
      scale: { domain: ["Precision", "Recall"] },
    });
    expect(enc(line.unit, "y")).toMatchObject({ field: "value", scale: { domain: [0, 1] } });
    expect((line.unit.data as Json).values).toEqual([
      { threshold: 0.5, metric: "Precision", value: 0.8 },
      { threshold: 0.5, metric: "Recall", value: 0.6 },
    ]);
    const rule = units(spec).find((u) => u.type === "rule")!;
    expect((rule.unit.data as Json).values).toEqual([{ threshold: 0.5 }]);
    expect(subtitle(spec)[0]).toBe("Selected 0.5: precision 80%, recall 60% (vertical line)");
  });

  it("refuses rates outside 0–1", () => {
    expect(() => thresholdSweepChartSpec({ points: [{ threshold: 1, precision: 1.2, recall: 0 }] })).toThrow(
      RangeError,
    );
  });
});

describe("delayHeatmapChartSpec", () => {
  it("matches its documented example: rects coloured by minutes", () => {
    const spec = delayHeatmapChartSpec({ cells: [{ taskName: "Approve", runIndex: 1, minutes: 45 }] });
    expectWellFormed(spec);
    const rects = units(spec).filter((u) => u.type === "rect");
    expect(rects).toHaveLength(2); // cells with data, and grey cells without
    expect(rects.some((r) => (enc(r.unit, "color") as Json | undefined)?.field === "minutes")).toBe(true);
    expect(enc(spec, "x")).toMatchObject({ field: "run", type: "ordinal" });
    expect(enc(spec, "y")).toMatchObject({ field: "task" });
  });

  it("keeps null cells and refuses negative minutes", () => {
    const spec = delayHeatmapChartSpec({
      measure: "Overrun",
      cells: [
        { taskName: "A", runIndex: 1, minutes: null },
        { taskName: "A", runIndex: 2, minutes: 12 },
      ],
    });
    expect((spec.data as Json).values).toEqual([
      { task: "A", rank: 0, run: 1, minutes: null },
      { task: "A", rank: 0, run: 2, minutes: 12 },
    ]);
    expect(spec.title.text).toBe("Overrun by task and run");
    expect(() => delayHeatmapChartSpec({ cells: [{ taskName: "A", runIndex: 1, minutes: -5 }] })).toThrow(
      RangeError,
    );
  });
});
