import { describe, expect, it } from "vitest";
import { XMR_LIMIT_FACTOR, XMR_RANGE_LIMIT_FACTOR, xmrChart } from "../../lib/src/index";

// Expected values by hand: mean, moving ranges |xᵢ − xᵢ₋₁|, limits centre ± 2.66·MR̄.
describe("xmrChart", () => {
  it("matches the doc example (mean centre)", () => {
    // mean 76/5 = 15.2; MR = 2, 1, 2, 17 → MR̄ = 5.5; limits 15.2 ± 14.63 = [0.57, 29.83]
    const chart = xmrChart([10, 12, 11, 13, 30]);
    expect(chart.n).toBe(5);
    expect(chart.centreKind).toBe("mean");
    expect(chart.centre).toBeCloseTo(15.2, 12);
    expect(chart.movingRanges).toEqual([2, 1, 2, 17]);
    expect(chart.averageMovingRange).toBeCloseTo(5.5, 12);
    expect(chart.upperLimit).toBeCloseTo(29.83, 12);
    expect(chart.lowerLimit).toBeCloseTo(0.57, 12);
    expect(chart.movingRangeUpperLimit).toBeCloseTo(17.9685, 12);
    expect(chart.signals).toEqual([{ index: 4, value: 30, side: "above" }]);
  });

  it("uses the median as centre when asked", () => {
    // median 12 → limits 12 ± 14.63 = [−2.63, 26.63]
    const chart = xmrChart([10, 12, 11, 13, 30], { centre: "median" });
    expect(chart.centre).toBe(12);
    expect(chart.upperLimit).toBeCloseTo(26.63, 12);
    expect(chart.lowerLimit).toBeCloseTo(-2.63, 12);
    expect(chart.signals).toEqual([{ index: 4, value: 30, side: "above" }]);
  });

  it("flags points below the lower limit", () => {
    // mean 21/5 = 4.2; MR = 0, 1, 1, 30 → MR̄ 8; limits 4.2 ± 21.28 = [−17.08, 25.48]
    const chart = xmrChart([10, 10, 11, 10, -20]);
    expect(chart.centre).toBeCloseTo(4.2, 12);
    expect(chart.averageMovingRange).toBe(8);
    expect(chart.lowerLimit).toBeCloseTo(-17.08, 12);
    expect(chart.upperLimit).toBeCloseTo(25.48, 12);
    expect(chart.signals).toEqual([{ index: 4, value: -20, side: "below" }]);
  });

  it("has no signals for a constant series and uses the documented constants", () => {
    const chart = xmrChart([3, 3, 3]);
    expect(chart.signals).toEqual([]);
    expect(chart.upperLimit).toBe(3);
    expect(XMR_LIMIT_FACTOR).toBe(2.66);
    expect(XMR_RANGE_LIMIT_FACTOR).toBe(3.267);
  });

  it("does not mutate its input and throws on short or non-finite input", () => {
    const values = [4, 1, 3];
    xmrChart(values, { centre: "median" });
    expect(values).toEqual([4, 1, 3]);
    expect(() => xmrChart([1])).toThrow(RangeError);
    expect(() => xmrChart([1, Number.NaN])).toThrow(RangeError);
  });
});
