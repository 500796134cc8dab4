import { describe, expect, it } from "vitest";
import { hingeFit } from "../../lib/src/stats/hinge-fit";

describe("hingeFit", () => {
  it("finds the bend of an exact broken line (worked by hand: flat at 5 to x = 4, then −1 per run)", () => {
    const f = hingeFit([5, 5, 5, 5, 4, 3, 2, 1]);
    expect(f.knot).toBe(4);
    expect(f.intercept).toBeCloseTo(5, 10);
    expect(f.slope).toBeCloseTo(0, 10);
    expect(f.slopeChange).toBeCloseTo(-1, 10);
    expect(f.rss).toBeCloseTo(0, 10);
  });

  it("matches numpy least squares over every break (numpy 2.4 lstsq on [1, x, max(0, x − k)], k = 3..n−3)", () => {
    // y = [9, 9.1, 8.9, 9, 9.1, 8.9, 10, 11, 12, 13, 14, 15]: best k = 6, RSS 0.03830136986301345,
    // a = 9.033150684931512, b = −0.00849315068493256, c = 1.0126027397260287.
    const a = hingeFit([9, 9.1, 8.9, 9, 9.1, 8.9, 10, 11, 12, 13, 14, 15]);
    expect(a.knot).toBe(6);
    expect(a.rss).toBeCloseTo(0.03830136986301345, 10);
    expect(a.intercept).toBeCloseTo(9.033150684931512, 9);
    expect(a.slope).toBeCloseTo(-0.00849315068493256, 9);
    expect(a.slopeChange).toBeCloseTo(1.0126027397260287, 9);
    // y = digits of π: best k = 6, RSS 39.788856304985345, a = 0.6146627565982464,
    // b = 0.8222873900293249, c = −1.1354838709677422.
    const b = hingeFit([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]);
    expect(b.knot).toBe(6);
    expect(b.rss).toBeCloseTo(39.788856304985345, 9);
    expect(b.slopeChange).toBeCloseTo(-1.1354838709677422, 9);
    expect(b.residuals).toHaveLength(11);
  });

  it("refuses too few values and a bad minSide", () => {
    expect(() => hingeFit([1, 2, 3, 4, 5, 6])).toThrow(RangeError);
    expect(() => hingeFit([1, 2, 3, 4, 5, 6, 7], 1)).toThrow(/minSide/);
  });
});
