import { describe, expect, it } from "vitest";
import {
  backtest,
  parseSweepParam,
  RulesetError,
  sweep,
  sweepChartSpecs,
  sweepCsv,
  sweepGrid,
  SweepParamError,
  sweepRows,
  sweepRulesets,
  readLabels,
  withRulesetValue,
} from "../../lib/src/index";
import { defaultRules, randomDataset } from "./helpers";

describe("sweep grids", () => {
  it("expands from:to:step inclusively without float drift", () => {
    expect(parseSweepParam("trend.alpha=0.01:0.05:0.02")).toEqual({
      path: "trend.alpha",
      values: [0.01, 0.03, 0.05],
    });
    expect(parseSweepParam("trend.alpha=0.1:0.3:0.1").values).toEqual([0.1, 0.2, 0.3]);
    expect(parseSweepParam("health.bands.watch=60,65,70").values).toEqual([60, 65, 70]);
    expect(parseSweepParam("trend.maxWindowRuns=20:60:20").values).toEqual([20, 40, 60]);
  });

  it("rejects malformed parameters with a clear message", () => {
    expect(() => parseSweepParam("trend.alpha")).toThrow(SweepParamError);
    expect(() => parseSweepParam("trend.alpha=0.1:0.05:0.01")).toThrow(/from \(0\.1\) is above to \(0\.05\)/);
    expect(() => parseSweepParam("trend.alpha=0.01:0.05:0")).toThrow(/step must be positive/);
    expect(() => parseSweepParam("trend.alpha=a:1:1")).toThrow(/from is not a number/);
    expect(() => parseSweepParam("x=0:1000000:1")).toThrow(/more than 10000/);
  });

  it("makes the cartesian product and the rulesets", () => {
    const grid = sweepGrid([
      { path: "a", values: [1, 2] },
      { path: "b", values: [5, 6] },
    ]);
    expect(grid).toEqual([
      { a: 1, b: 5 },
      { a: 1, b: 6 },
      { a: 2, b: 5 },
      { a: 2, b: 6 },
    ]);
    expect(() =>
      sweepGrid([
        { path: "a", values: [1] },
        { path: "a", values: [2] },
      ]),
    ).toThrow(/given twice/);
    expect(sweepRulesets(defaultRules, [{ "trend.alpha": 0.1 }])[0]?.trend).toMatchObject({ alpha: 0.1 });
    expect(() => sweepRulesets(defaultRules, [{ "trend.nope": 1 }])).toThrow(RulesetError);
    expect(() => sweepRulesets(defaultRules, [{ "trend.alpha": 2 }])).toThrow(RulesetError);
  });
});

describe("sweep", () => {
  const ds = randomDataset("sweep", [40, 30, 25]);
  const labels = readLabels(
    [
      "mission_id,as_of,expected_status",
      "M1,M1-R10,ON_TRACK",
      "M1,M1-R30,WATCH",
      "M2,M2-R12,WATCH",
      "M2,M2-R30,ATTENTION_REQUIRED",
      "M3,M3-R20,ON_TRACK",
    ].join("\n"),
    "l.csv",
    ds,
  );
  const params = [parseSweepParam("health.bands.watch=55:75:10"), parseSweepParam("trend.alpha=0.05,0.2")];
  const result = sweep(ds, labels, defaultRules, params);

  it("equals a separate backtest at every setting", () => {
    expect(result.points.map((p) => p.setting)).toEqual([
      { "health.bands.watch": 55, "trend.alpha": 0.05 },
      { "health.bands.watch": 55, "trend.alpha": 0.2 },
      { "health.bands.watch": 65, "trend.alpha": 0.05 },
      { "health.bands.watch": 65, "trend.alpha": 0.2 },
      { "health.bands.watch": 75, "trend.alpha": 0.05 },
      { "health.bands.watch": 75, "trend.alpha": 0.2 },
    ]);
    for (const p of result.points) {
      const rules = withRulesetValue(
        withRulesetValue(defaultRules, "health.bands.watch", p.setting["health.bands.watch"]),
        "trend.alpha",
        p.setting["trend.alpha"],
      );
      expect(p.metrics).toEqual(backtest(ds, labels, rules).metrics);
    }
  });

  it("tabulates the metrics as rows and CSV", () => {
    const rows = sweepRows(result);
    expect(Object.keys(rows[0] ?? {}).slice(0, 6)).toEqual([
      "health.bands.watch",
      "trend.alpha",
      "labels",
      "accuracy",
      "kappa",
      "alert_precision",
    ]);
    expect(rows[0]?.labels).toBe(5);
    const csv = sweepCsv(rows).trim().split("\n");
    expect(csv).toHaveLength(7);
    expect(csv[0]?.startsWith("health.bands.watch,trend.alpha,labels,accuracy,kappa,")).toBe(true);
    expect(sweepCsv([])).toBe("");
  });

  it("charts precision and recall against the first parameter, one chart per other setting", () => {
    const charts = sweepChartSpecs(result);
    expect(charts.map((c) => c.title)).toEqual(["trend.alpha = 0.05", "trend.alpha = 0.2"]);
  });
});
