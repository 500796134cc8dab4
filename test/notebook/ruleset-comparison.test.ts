/**
 * Comparing rulesets and backtests in a notebook (notebook 3): side-by-side rows, the portfolio
 * health chart input, the confusion-matrix input and backtest rows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  backtest,
  backtestRows,
  builtinRuleset,
  confusionMatrixChartSpec,
  confusionMatrixInput,
  datasetFromInline,
  diffEvaluations,
  evaluate,
  loadDataset,
  portfolioHealthInput,
  portfolioStatusChartSpec,
  readLabels,
  rulesetComparisonRows,
  sweepRows,
  type Dataset,
  type EvaluationResult,
} from "../../lib/src/index";

const demoFolder = join(resolve(__dirname, "..", ".."), "data", "demo");
let dataset: Dataset;
let a: EvaluationResult;
let b: EvaluationResult;
beforeAll(async () => {
  dataset = await loadDataset(demoFolder);
  a = evaluate(dataset, builtinRuleset("default"));
  b = evaluate(dataset, builtinRuleset("seed-v3"));
});

describe("rulesetComparisonRows", () => {
  it("puts each mission's two assessments side by side (doc example)", () => {
    const rows = rulesetComparisonRows(a, b);
    expect(rows.map((r) => r.missionId)).toEqual(a.portfolio.missions.map((m) => m.missionId));
    expect(rows.find((r) => r.missionId === "onboarding-time")).toMatchObject({
      statusA: "ON_TRACK",
      statusB: "ATTENTION_REQUIRED",
      differs: "status, primaryDriver",
      driverA: "REPEATED_BOTTLENECK",
      driverB: "AUTONOMY_REGRESSION",
    });
  });

  it("says what differs exactly as diffEvaluations does, and which rules fired on one side only", () => {
    const rows = rulesetComparisonRows(a, b);
    const diff = diffEvaluations(a, b);
    for (const m of diff.missions) {
      expect(rows.find((r) => r.missionId === m.missionId)?.differs).toBe(m.differs.join(", "));
    }
    expect(rows.filter((r) => r.differs === "").length).toBe(diff.same);
    for (const r of rows) {
      const fired = (res: EvaluationResult) =>
        new Set(res.portfolio.missions.find((m) => m.missionId === r.missionId)?.triggers.map((t) => t.id));
      const [fa, fb] = [fired(a), fired(b)];
      expect(r.onlyA.split(", ").filter(Boolean)).toEqual([...fa].filter((t) => !fb.has(t)));
      expect(r.onlyB.split(", ").filter(Boolean)).toEqual([...fb].filter((t) => !fa.has(t)));
    }
    // The same evaluation twice: nothing differs.
    expect(
      rulesetComparisonRows(a, a).every((r) => r.differs === "" && r.onlyA === "" && r.onlyB === ""),
    ).toBe(true);
  });

  it("keeps a mission assessed on one side only, with nulls on the other", () => {
    const mission = (id: string) => ({
      id,
      kpi: { name: "d", direction: "lower_is_better" as const },
      values: [5, 4, 3],
    });
    const one = evaluate(datasetFromInline([mission("M1")]), builtinRuleset("default"));
    const two = evaluate(datasetFromInline([mission("M1"), mission("M2")]), builtinRuleset("default"));
    const rows = rulesetComparisonRows(one, two);
    expect(rows.map((r) => [r.missionId, r.differs])).toEqual([
      ["M1", ""],
      ["M2", "missing in A"],
    ]);
    expect(rows[1]).toMatchObject({ statusA: null, healthScoreA: null, driverA: null, confidenceA: null });
    expect(rulesetComparisonRows(two, one)[1]?.differs).toBe("missing in B");
  });
});

describe("portfolioHealthInput", () => {
  it("lists missions weakest first with their status over the bands (doc example)", () => {
    const rules = builtinRuleset("default");
    const input = portfolioHealthInput(a, rules.health.bands);
    // Weakest first: the worsening invoice mission has the lowest health score of the demo.
    const invoice = a.portfolio.missions.find((m) => m.missionId === "invoice-processing");
    expect(input.missions[0]).toEqual({
      missionName: "Accounts-payable invoice processing",
      healthScore: invoice?.metrics.healthScore,
      status: "ATTENTION_REQUIRED",
    });
    const scores = input.missions.map((m) => m.healthScore);
    expect(scores).toEqual([...scores].sort((x, y) => x - y));
    expect(input.thresholds).toEqual({ onTrack: 80, watch: 65 });
    expect(input.missions.length).toBe(6);
    expect(() => portfolioStatusChartSpec(input)).not.toThrow();
  });
});

describe("confusionMatrixInput", () => {
  it("lists every expected × predicted pair (doc example)", () => {
    const input = confusionMatrixInput({
      statuses: ["ON_TRACK", "WATCH"],
      counts: [
        [2, 1],
        [0, 3],
      ],
      total: 6,
    });
    expect(input.counts[1]).toEqual({ expected: "ON_TRACK", predicted: "WATCH", count: 1 });
    expect(input.counts.length).toBe(4);
  });
});

describe("backtestRows", () => {
  it("flattens backtest reports like a sweep row, with the ruleset and disagreements (doc example)", () => {
    const labelsFile = join(demoFolder, "labels.csv");
    const labels = readLabels(readFileSync(labelsFile, "utf8"), labelsFile, dataset);
    const reports = [
      backtest(dataset, labels, builtinRuleset("default")),
      backtest(dataset, labels, builtinRuleset("seed-v3")),
    ];
    const rows = backtestRows(reports);
    expect(rows.map((r) => r.ruleset)).toEqual(["default 2.0.0", "seed-v3 3.0.0"]);
    // Cohen's kappa from the default confusion matrix [[6,3,0],[0,8,4],[0,0,6]] (27 labels):
    // po = 20/27, pe = (9·6 + 12·11 + 6·10)/27² = 246/729 → κ = (540 − 246)/(729 − 246) = 294/483 = 0.6087.
    expect(rows[0]?.kappa).toBeCloseTo(294 / 483, 6);
    reports.forEach((report, i) => {
      const [figures] = sweepRows({
        base: report.ruleset,
        params: [],
        points: [{ setting: {}, metrics: report.metrics }],
      });
      expect(rows[i]).toEqual({
        ruleset: rows[i]?.ruleset,
        ...figures,
        disagreements: report.disagreements.length,
      });
    });
    expect(() => confusionMatrixChartSpec(confusionMatrixInput(reports[0]!.metrics.confusion))).not.toThrow();
  });
});
