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
