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

describe("assessAutonomy — touch_rate_increase (default)", () => {
  it("flags rising human touches per run", () => {
    const entries = entriesOf({ ...base, interventions: [0, 0, 1, 0, 1, 1, 1, 2, 2, 3, 3, 2] });
    const a = assessAutonomy(entries, defaultRules.autonomy);
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
    const a = assessAutonomy(entries, defaultRules.autonomy);
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
