import { describe, expect, it } from "vitest";
import { assessAutonomy, autonomyLevel, type InlineMission } from "../../lib/src/index";
import { defaultRules, entriesOf, seedM002, seedV3 } from "./helpers";

const base: Omit<InlineMission, "interventions"> = {
  id: "M1",
  kpi: { name: "days", direction: "lower_is_better" },
  values: Array.from({ length: 12 }, (_, i) => 20 - i),
};

describe("autonomyLevel", () => {
  it("reproduces the reference score on seed M002", () => {
    // 100 − 1.5·14 − 0.5·18 − min(35, 4.5·0.9) − 0.5·40 = 45.95 → 46
    expect(autonomyLevel(entriesOf(seedM002, seedV3), seedV3.autonomy.level)).toBe(46);
  });
});

/** The rate-window rule of default 1.x, kept as an option. */
const rateWindows = {
  ...defaultRules.autonomy,
  regression: {
    method: "touch_rate_increase" as const,
    windowFraction: 0.34,
    minRunsPerWindow: 3,
    alpha: 0.05,
    minRateRatio: 1.5,
    minRateIncrease: 0.5,
  },
};

describe("assessAutonomy — touch_trend", () => {
  const counts = [0, 0, 1, 0, 1, 1, 1, 2, 2, 3, 3, 2];

  it("default: the recent half against the early half by a rank-sum test", () => {
    const a = assessAutonomy(entriesOf({ ...base, interventions: counts }), defaultRules.autonomy);
    // scipy 1.17.1: mannwhitneyu([1, 2, 2, 3, 3, 2], [0, 0, 1, 0, 1, 1], alternative="greater",
    // method="asymptotic") → U = 34.5, p = 0.00400505841577789.
    expect(a.pValue).toBeCloseTo(0.00400505841577789, 10);
    expect(a.earlyTouchRate).toBe(0.5);
    expect(a.recentTouchRate).toBe(2.167);
    expect(a.regression).toBe(true);
    expect(a.description).toContain("rank-sum test of the last 6 against the first 6");
  });

  it("mann_kendall: a monotone rise over every run", () => {
    const reg = defaultRules.autonomy.regression;
    if (reg.method !== "touch_trend") throw new Error("default uses touch_trend");
    const rules = { ...defaultRules.autonomy, regression: { ...reg, test: "mann_kendall" as const } };
    const entries = entriesOf({ ...base, interventions: counts });
    const a = assessAutonomy(entries, rules);
    // Worked independently (Python, pairwise signs): S = 47; ties: 0×3, 1×4, 2×3, 3×2 →
    // Var(S) = [12·11·29 − (3·2·11 + 4·3·13 + 3·2·11 + 2·1·9)]/18 = (3828 − 306)/18 = 195.67;
    // z = (47 − 1)/√195.67 = 3.289 → one-sided p = 0.000503. Halves: 3/6 = 0.5 and 13/6 = 2.167.
    expect(a.testedRuns).toBe(12);
    expect(a.earlyTouchRate).toBe(0.5);
    expect(a.recentTouchRate).toBe(2.167);
    expect(a.pValue).toBeCloseTo(0.000503, 5);
    expect(a.regression).toBe(true);
    expect(a.touchDirection).toBe("rising");
  });
});

describe("assessAutonomy — touch_rate_increase", () => {
  it("flags rising human touches per run", () => {
    const entries = entriesOf({ ...base, interventions: [0, 0, 1, 0, 1, 1, 1, 2, 2, 3, 3, 2] });
    const a = assessAutonomy(entries, rateWindows);
    // Windows of max(3, floor(12·0.34)) = 4 runs: 1 touch early, 10 recent.
    // One-sided p = P(X ≥ 10 | X ~ Bin(11, ½)) = 12/2048.
    expect(a.windowRuns).toBe(4);
    expect(a.earlyTouchRate).toBe(0.25);
    expect(a.recentTouchRate).toBe(2.5);
    expect(a.pValue).toBeCloseTo(12 / 2048, 12);
    expect(a.regression).toBe(true);
    expect(a.touchDirection).toBe("rising");
  });

  it("reports falling touches without calling a regression", () => {
    const entries = entriesOf({ ...base, interventions: [2, 3, 3, 2, 2, 1, 1, 1, 0, 1, 0, 0] });
    const a = assessAutonomy(entries, rateWindows);
    expect(a.regression).toBe(false);
    expect(a.touchDirection).toBe("falling");
  });

  it("needs two windows of runs before judging a direction", () => {
    const a = assessAutonomy(
      entriesOf({ ...base, values: [5, 4, 3, 2, 1], interventions: [0, 0, 0, 3, 4] }),
      defaultRules.autonomy,
    );
    expect(a.regression).toBe(false);
    expect(a.touchDirection).toBe("unknown");
  });

  it("does not call a small rise a regression (absolute increase below 0.5 per run)", () => {
    const a = assessAutonomy(
      entriesOf({ ...base, interventions: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0] }),
      defaultRules.autonomy,
    );
    expect(a.regression).toBe(false);
    expect(a.touchDirection).toBe("steady");
  });
});

describe("assessAutonomy — level_below (seed-v3)", () => {
  it("calls a low level a regression, whatever the direction of touches", () => {
    const a = assessAutonomy(entriesOf(seedM002, seedV3), seedV3.autonomy);
    expect(a.score).toBe(46);
    expect(a.regression).toBe(true);
    expect(a.touchDirection).toBe("rising"); // 1 touch in the first half, 3 in the second
  });
});
