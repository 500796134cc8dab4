import { describe, expect, it } from "vitest";
import { assessTrend } from "../../lib/src/index";
import { defaultRules, seedV3 } from "./helpers";

describe("assessTrend — three_point (seed-v3)", () => {
  const rules = seedV3.trend;
  it("calls improving when the latest beats both the previous and the first run by 5 %", () => {
    expect(assessTrend([3.1, 2.6, 2.1], "lower_is_better", rules).label).toBe("improving");
    expect(assessTrend([10, 8], "lower_is_better", rules).label).toBe("improving");
  });
  it("calls worsening when both the previous and the first beat the latest", () => {
    expect(assessTrend([2, 3, 4], "lower_is_better", rules).label).toBe("worsening");
  });
  it("calls flat within tolerance, and flat for mixed signals", () => {
    expect(assessTrend([10, 10.2, 10.1], "lower_is_better", rules).label).toBe("flat");
    // 3.05 is worse than 2 but within 5 % of 3: neither rule applies → flat.
    expect(assessTrend([3, 2, 3.05], "lower_is_better", rules).label).toBe("flat");
  });
  it("needs two runs", () => {
    const t = assessTrend([5], "lower_is_better", rules);
    expect(t.label).toBe("insufficient_data");
    expect(t.description).toContain("one observation");
  });
});

describe("assessTrend — mann_kendall (default)", () => {
  const rules = defaultRules.trend;
  const series = [14, 12, 13, 11, 11, 9, 10, 8];

  it("finds a significant, material decrease and reads it by direction", () => {
    // S = −23, exact p = 1/360, Sen slope −0.75; median level 11 → relative change 0.75·7/11 = 0.477.
    const lower = assessTrend(series, "lower_is_better", rules);
    expect(lower.label).toBe("improving");
    expect(lower.mannKendall?.s).toBe(-23);
    expect(lower.mannKendall?.pValue).toBeCloseTo(1 / 360, 10);
    expect(lower.slopePerRun).toBeCloseTo(-0.75, 10);
    expect(lower.relativeChange).toBeCloseTo((0.75 * 7) / 11, 10);
    expect(assessTrend(series, "higher_is_better", rules).label).toBe("worsening");
  });

  it("calls a constant series flat (evidence of no change), not 'no clear trend'", () => {
    const t = assessTrend([5, 5, 5, 5, 5, 5], "lower_is_better", rules);
    expect(t.label).toBe("flat");
    expect(t.mannKendall?.pValue).toBe(1);
  });

  it("calls a noisy series without direction 'no clear trend'", () => {
    expect(assessTrend([10, 14, 8, 13, 9, 15, 7, 12], "lower_is_better", rules).label).toBe("no_clear_trend");
  });

  it("does not call a trend on fewer than minRuns runs, and describes the raw change instead", () => {
    const t = assessTrend([12, 10, 9, 7], "lower_is_better", rules);
    expect(t.label).toBe("insufficient_data");
    expect(t.description).toContain("moved from 12 to 7 over 4 runs");
    expect(t.mannKendall).toBeUndefined();
  });

  it("tests only the most recent maxWindowRuns observations", () => {
    const long = Array.from({ length: 100 }, (_, i) => (i < 40 ? 100 : 100 - (i - 40)));
    const t = assessTrend(long, "lower_is_better", rules);
    expect(t.n).toBe(60);
    expect(t.label).toBe("improving");
  });

  it("a significant but immaterial change is not a trend", () => {
    // 0.1 % steps: p is tiny, but 0.001·1000·7/1000 ≈ 0.7 % < 5 % material change.
    const tiny = [1000, 999, 998, 997, 996, 995, 994, 993];
    const t = assessTrend(tiny, "lower_is_better", rules);
    expect(t.mannKendall?.pValue).toBeLessThan(0.05);
    expect(t.label).toBe("flat");
  });
});

describe("assessTrend — default 2.0: steps and serial correlation", () => {
  const rules = defaultRules.trend;
  const day = 86_400_000;
  const times = (n: number) =>
    Array.from({ length: n }, (_, i) => Date.parse("2026-01-05T09:00:00Z") + i * day);

  it("describes a level shift then flat as a shift on its date, and judges the runs since", () => {
    // 15 runs at 10 (±0.05), then 15 at 7 (±0.05): a step, not a trend.
    const wiggle = [0.05, -0.05, 0, 0.03, -0.03];
    const values = Array.from({ length: 30 }, (_, i) => (i < 15 ? 10 : 7) + wiggle[i % 5]!);
    const t = assessTrend(values, "lower_is_better", rules, "days", undefined, times(30));
    expect(t.levelShift).toMatchObject({ index: 15, direction: "better", date: "2026-01-20" });
    expect(t.n).toBe(15); // the stretch after the shift
    expect(t.label).toBe("flat");
    expect(t.description).toMatch(/^Level shift for the better from about 10 days to 7 days on 2026-01-20/);
  });

  it("calls a shift for the worse a worsening, however flat the runs since", () => {
    const wiggle = [0.05, -0.05, 0, 0.03, -0.03];
    const values = Array.from({ length: 30 }, (_, i) => (i < 15 ? 7 : 10) + wiggle[i % 5]!);
    const t = assessTrend(values, "lower_is_better", rules, undefined, undefined, times(30));
    expect(t.levelShift?.direction).toBe("worse");
    expect(t.label).toBe("worsening");
  });

  it("corrects a slow wander for serial correlation instead of calling it a trend", () => {
    // One slow cycle over 40 runs: no trend, strongly autocorrelated residuals.
    const values = Array.from({ length: 40 }, (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / 40));
    const t = assessTrend(values, "lower_is_better", rules, undefined, undefined, times(40));
    expect(t.serialCorrelation?.correction).toBe("yue_wang");
    expect(t.serialCorrelation!.varianceFactor).toBeGreaterThan(2);
    expect(["no_clear_trend", "flat"]).toContain(t.label);
    expect(t.description).toContain("corrected for serial correlation");
  });

  it("keeps a clean straight line improving (residuals at rounding level carry no correlation)", () => {
    const values = Array.from({ length: 12 }, (_, i) => 20 - i);
    const t = assessTrend(values, "lower_is_better", rules, undefined, undefined, times(12));
    expect(t.label).toBe("improving");
    expect(t.serialCorrelation).toMatchObject({ lag1: 0, varianceFactor: 1, correction: "none" });
  });
});
