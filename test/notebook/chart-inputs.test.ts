/**
 * Chart inputs from a dataset (notebook 1): run numbering, KPI values with gaps, the evaluator's
 * trend line mapped onto the dataset's runs, human touches and the task × run heat maps.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { join, resolve } from "node:path";
import {
  builtinRuleset,
  datasetFromInline,
  delayHeatmapChartSpec,
  delayHeatmapInput,
  evaluate,
  HEATMAP_MEASURES,
  humanTouchesChartSpec,
  humanTouchesInput,
  kpiTrendChartSpec,
  kpiTrendInput,
  loadDataset,
  runsOfMission,
  runTaskStatIndex,
  runTaskStatTableFrom,
  type Dataset,
} from "../../lib/src/index";

const demoFolder = join(resolve(__dirname, "..", ".."), "data", "demo");
let demo: Dataset;
beforeAll(async () => {
  demo = await loadDataset(demoFolder);
});

describe("runsOfMission", () => {
  it("lists a mission's runs in start order (doc example)", () => {
    const runs = runsOfMission(demo, "sales-pipeline");
    expect(runs.length).toBe(40);
    expect(runs.every((r, i) => i === 0 || (runs[i - 1]?.startMs ?? 0) <= r.startMs)).toBe(true);
  });

  it("names the known missions when the mission is unknown", () => {
    expect(() => runsOfMission(demo, "nope")).toThrow(
      /unknown mission "nope" \(missions: invoice-processing, /,
    );
  });
});

describe("kpiTrendInput", () => {
  const inline = () =>
    datasetFromInline([
      {
        id: "M1",
        name: "Invoices",
        kpi: { name: "days", direction: "lower_is_better", unit: "d", baseline: 9, target: 4 },
        values: [8, null, 6],
      },
    ]);

  it("gives one point per run with gaps, baseline, target and direction (doc example)", () => {
    const input = kpiTrendInput(inline(), "M1");
    expect(input.points.map((p) => p.value)).toEqual([8, null, 6]);
    expect(input.points.map((p) => p.runIndex)).toEqual([1, 2, 3]);
    expect(input.points[0]?.startedAt).toBe("2026-01-05T09:00:00.000Z");
    expect(input).toMatchObject({
      kpiName: "days",
      unit: "d",
      direction: "lower_is_better",
      baseline: 9,
      target: 4,
      trend: null,
      missionName: "Invoices",
    });
    // The chart module accepts it on both axes.
    expect(() => kpiTrendChartSpec(input)).not.toThrow();
    expect(() => kpiTrendChartSpec(input, { xAxis: "index" })).not.toThrow();
  });

  it("charts a secondary KPI by name and refuses an unknown one", () => {
    const input = kpiTrendInput(demo, "onboarding-time", { kpi: "activation_rate_pct" });
    expect(input.direction).toBe("higher_is_better");
    expect(input.points.length).toBe(36);
    expect(() => kpiTrendInput(demo, "onboarding-time", { kpi: "nope" })).toThrow(
      /no KPI "nope" \(KPIs: activation_rate_pct, onboarding_days\)/,
    );
  });

  it("maps the evaluator's fitted trend onto the dataset's runs, skipping excluded runs", () => {
    const ds = datasetFromInline([
      { id: "M1", kpi: { name: "d", direction: "lower_is_better" }, values: [10, 9, null, 8, 7, 6, 5, 4] },
    ]);
    // seed-v3's ledger leaves out runs without the KPI (default keeps them, without a value).
    const result = evaluate(ds, {
      ...builtinRuleset("default"),
      ledger: { ...builtinRuleset("default").ledger, runsWithoutKpi: "exclude" },
    });
    expect(result.ledger.excluded.map((e) => e.runId)).toEqual(["M1-R03"]);
    const trend = kpiTrendInput(ds, "M1", { result }).trend;
    // The evaluator fitted 10 − 1 × j over its 7 analysed runs: first analysed run 1, last run 8.
    expect(trend).toEqual({
      from: { runIndex: 1, startedAt: "2026-01-05T09:00:00.000Z", value: 10 },
      to: { runIndex: 8, startedAt: "2026-01-12T09:00:00.000Z", value: 4 },
    });
  });

  it("draws the demo's trend over the evaluator's window, and none for a secondary KPI", () => {
    const result = evaluate(demo, builtinRuleset("default"));
    const assessment = result.portfolio.missions.find((m) => m.missionId === "sales-pipeline");
    const t = assessment?.metrics.trend;
    const input = kpiTrendInput(demo, "sales-pipeline", { result });
    expect(input.trend).toMatchObject({ from: { runIndex: 1, value: t?.intercept }, to: { runIndex: 40 } });
    expect(kpiTrendInput(demo, "onboarding-time", { kpi: "activation_rate_pct", result }).trend).toBeNull();
    // Too little data: no line.
    expect(kpiTrendInput(demo, "kyc-review", { result }).trend).toBeNull();
  });
});

describe("runTaskStatIndex", () => {
  it("indexes run-task statistics by run, then task (doc example)", () => {
    const index = runTaskStatIndex(demo);
    const stat = index.get("sales-pipeline-R0001")?.get("draft-outreach");
    expect(stat?.missionId).toBe("sales-pipeline");
    expect(typeof stat?.approvalDelayMinutes).toBe("number");
    expect([...index.values()].reduce((n, m) => n + m.size, 0)).toBe(demo.runTaskStats.length);
  });
});

describe("humanTouchesInput", () => {
  it("gives interventions, escalations and approval delay per run (doc example)", () => {
    const ds = datasetFromInline([
      {
        id: "M1",
        kpi: { name: "d", direction: "lower_is_better" },
        values: [3, 2],
        interventions: [1, 2],
        tasks: [{ id: "ok", estimate: 5, approval: true, delay: [10, 20] }],
      },
    ]);
    expect(humanTouchesInput(ds, "M1").runs[1]).toEqual({
      runIndex: 2,
      interventions: 2,
      escalations: 0,
      approvalDelayMinutes: 20,
    });
  });

  it("leaves the delay null for a run without approvals", () => {
    const ds = datasetFromInline([
      {
        id: "M1",
        name: "Plain",
        kpi: { name: "d", direction: "lower_is_better" },
        values: [3, 2],
        escalations: [0, 1],
        tasks: [{ id: "work", estimate: 5, delay: [4, 0] }],
      },
    ]);
    const input = humanTouchesInput(ds, "M1");
    expect(input.missionName).toBe("Plain");
    expect(input.runs.map((r) => r.approvalDelayMinutes)).toEqual([null, null]);
    expect(input.runs.map((r) => r.escalations)).toEqual([0, 1]);
    expect(() => humanTouchesChartSpec(humanTouchesInput(demo, "sales-pipeline"))).not.toThrow();
  });
});

describe("delayHeatmapInput", () => {
  it("gives one cell per task and run, shaded by the chosen minutes (doc example)", () => {
    const ds = datasetFromInline([
      {
        id: "M1",
        kpi: { name: "d", direction: "lower_is_better" },
        values: [3, 2],
        tasks: [{ id: "match", estimate: 40, actual: [40, 65] }],
      },
    ]);
    const input = delayHeatmapInput(ds, "M1", "overrun");
    expect(input.cells).toEqual([
      { taskName: "match", runIndex: 1, minutes: 0 },
      { taskName: "match", runIndex: 2, minutes: 25 },
    ]);
    expect(input.measure).toBe(HEATMAP_MEASURES.overrun);
  });

  it("reads approval delay, human delay and overrun, grey where a task did not run", () => {
    const ds = datasetFromInline([
      {
        id: "M1",
        kpi: { name: "d", direction: "lower_is_better" },
        values: [3, 2],
        tasks: [
          { id: "a", name: "Same", estimate: 5, approval: true, delay: [7, 9] },
          { id: "b", name: "Same", estimate: 5, delay: [3, 1] },
        ],
      },
    ]);
    const partial: Dataset = {
      ...ds,
      runTaskStats: runTaskStatTableFrom(
        ds.runTaskStats.toArray().filter((s) => s.runId !== "M1-R02" || s.taskId !== "b"),
        ds.runs,
      ),
    };
    const minutes = (measure: "approval_delay" | "human_delay" | "overrun") =>
      delayHeatmapInput(partial, "M1", measure).cells.map((c) => c.minutes);
    expect(minutes("approval_delay")).toEqual([7, 9, 0, null]);
    expect(minutes("human_delay")).toEqual([7, 9, 3, null]);
    expect(minutes("overrun")).toEqual([0, 0, 0, null]);
    // Tasks sharing a name get their id, so they keep separate rows.
    expect([...new Set(delayHeatmapInput(ds, "M1").cells.map((c) => c.taskName))]).toEqual([
      "Same (a)",
      "Same (b)",
    ]);
    expect(delayHeatmapInput(ds, "M1").measure).toBe("Approval delay");
  });

  it("refuses an unknown measure and builds the demo's heat map", () => {
    expect(() => delayHeatmapInput(demo, "sales-pipeline", "nope" as "overrun")).toThrow(
      /unknown measure "nope"/,
    );
    const input = delayHeatmapInput(demo, "support-resolution");
    expect(input.cells.length).toBe(5 * 30);
    expect(() => delayHeatmapChartSpec(input)).not.toThrow();
  });
});
