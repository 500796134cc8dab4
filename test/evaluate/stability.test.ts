import { describe, expect, it } from "vitest";
import { assessStability, assessTrend, coefficientOfVariation } from "../../lib/src/index";
import { defaultRules, entriesOf, seedM002, seedV3 } from "./helpers";

describe("coefficientOfVariation", () => {
  it("is the population st.dev over |mean|", () => {
    expect(coefficientOfVariation([51, 77])).toBeCloseTo(13 / 64, 12);
    expect(coefficientOfVariation([5])).toBe(0);
    expect(coefficientOfVariation([-1, 1])).toBe(0); // zero mean
  });
});

describe("assessStability", () => {
  it("reproduces the reference band on seed M002", () => {
    // (13/64 + 1/9) / 2 = 0.157 → recovering (62)
    const entries = entriesOf(seedM002, seedV3);
    const s = assessStability(
      entries,
      seedV3.stability,
      assessTrend([10, 8], "lower_is_better", seedV3.trend),
    );
    expect(s.dispersion).toBeCloseTo((13 / 64 + 1 / 9) / 2, 12);
    expect(s.label).toBe("recovering");
    expect(s.score).toBe(62);
  });

  it("does not mistake a steady trend for instability", () => {
    const values = [20, 19, 18, 17, 16, 15, 14, 13, 12, 11];
    const entries = entriesOf({ id: "M", kpi: { name: "d", direction: "lower_is_better" }, values });
    const s = assessStability(
      entries,
      defaultRules.stability,
      assessTrend(values, "lower_is_better", defaultRules.trend),
    );
    expect(s.dispersion).toBe(0);
    expect(s.label).toBe("stable");
  });

  it("stays finite for a KPI around zero and flags wild series", () => {
    const values = [0.1, -0.1, 0.2, -0.2, 0.1, -0.1, 0.15, -0.15];
    const entries = entriesOf({ id: "M", kpi: { name: "d", direction: "higher_is_better" }, values });
    const s = assessStability(
      entries,
      defaultRules.stability,
      assessTrend(values, "higher_is_better", defaultRules.trend),
    );
    expect(s.label).toBe("unstable");
    expect(Number.isFinite(s.score)).toBe(true);
  });
});
