import { describe, expect, it } from "vitest";
import { hampelOutlier } from "../../lib/src/stats/robust-limits";

describe("hampelOutlier (hand-worked)", () => {
  it("a wild last value", () => {
    // others [10, 11, 9, 10, 12] → sorted 9, 10, 10, 11, 12: median 10;
    // |dev| 0, 1, 1, 0, 2 → sorted 0, 0, 1, 1, 2: MAD 1 → scale 1.4826; score 20/1.4826 = 13.4898
    const r = hampelOutlier([10, 11, 9, 10, 12, 30], 5);
    expect(r.median).toBe(10);
    expect(r.scale).toBeCloseTo(1.4826, 14);
    expect(r.score).toBeCloseTo(20 / 1.4826, 12);
    expect(r.outlier).toBe(true);
  });

  it("an ordinary value, judged without itself", () => {
    // index 4 (12): others [10, 11, 9, 10, 30] → sorted 9, 10, 10, 11, 30: median 10;
    // |dev| 0, 1, 1, 0, 20 → MAD 1 → scale 1.4826; score 2/1.4826 = 1.3490 ≤ 3
    const r = hampelOutlier([10, 11, 9, 10, 12, 30], 4);
    expect(r.median).toBe(10);
    expect(r.score).toBeCloseTo(2 / 1.4826, 12);
    expect(r.outlier).toBe(false);
    // with k = 1 it is flagged
    expect(hampelOutlier([10, 11, 9, 10, 12, 30], 4, 1).outlier).toBe(true);
  });

  it("even number of others: median and MAD average the middle pair", () => {
    // index 0 (100): others [1, 2, 4, 7] → median 3; |dev| 2, 1, 1, 4 → sorted 1, 1, 2, 4: MAD 1.5;
    // scale 2.2239; score 97/2.2239 = 43.617
    const r = hampelOutlier([100, 1, 2, 4, 7], 0);
    expect(r.median).toBe(3);
    expect(r.scale).toBeCloseTo(1.4826 * 1.5, 14);
    expect(r.score).toBeCloseTo(97 / (1.4826 * 1.5), 12);
    expect(r.outlier).toBe(true);
  });

  it("scale 0: outlier iff different from the median", () => {
    // others [5, 5, 5, 6] → median 5, |dev| 0, 0, 0, 1 → MAD 0
    expect(hampelOutlier([5, 5, 5, 6, 5.1], 4)).toEqual({
      median: 5,
      scale: 0,
      score: Infinity,
      outlier: true,
    });
    expect(hampelOutlier([5, 5, 5, 6, 5], 4)).toEqual({ median: 5, scale: 0, score: 0, outlier: false });
  });

  it("exactly k is not an outlier (strict >)", () => {
    // others [0, 1, 2] → median 1, |dev| 1, 0, 1 → MAD 1, scale 1.4826; x = 1 + 2·1.4826 → score 2
    const r = hampelOutlier([0, 1, 2, 1 + 2 * 1.4826], 3, 2);
    expect(r.score).toBeCloseTo(2, 12);
    expect(hampelOutlier([0, 1, 2, 1 + 2 * 1.4826 + 1e-9], 3, 2).outlier).toBe(true);
  });

  it("throws on bad input", () => {
    expect(() => hampelOutlier([1], 0)).toThrow(RangeError);
    expect(() => hampelOutlier([1, 2], 2)).toThrow(RangeError);
    expect(() => hampelOutlier([1, 2], -1)).toThrow(RangeError);
    expect(() => hampelOutlier([1, 2], 0.5)).toThrow(RangeError);
    expect(() => hampelOutlier([1, Number.NaN], 0)).toThrow(RangeError);
    expect(() => hampelOutlier([1, 2], 0, -1)).toThrow(RangeError);
  });
});
