import { describe, expect, it } from "vitest";
import { biasCorrectedLag1, lagAutocorrelation } from "../../lib/src/stats/autocorrelation";

// Series D: an AR(1) (φ = 0.6) sample rounded to 0.1, generated once with numpy and typed in.
const D = [
  0.1, 0.4, 0.1, -0.7, -0.8, -1.3, -0.6, 1.2, 0.4, -0.1, 0.7, 1.0, 1.0, 0.0, 0.3, 1.2, -0.2, -0.2, -1.6, -1.8,
  -2.5, -1.3, -1.5, -0.1, 0.6, 0.7, -1.5, -0.9, 0.0, 0.8,
];

describe("lagAutocorrelation", () => {
  it("hand-worked on 1..5", () => {
    // deviations −2, −1, 0, 1, 2; Σ dev² = 10
    // lag 1: (−2)(−1) + (−1)(0) + (0)(1) + (1)(2) = 4 → 0.4
    // lag 2: (−2)(0) + (−1)(1) + (0)(2) = −1 → −0.1
    // lag 3: (−2)(1) + (−1)(2) = −4 → −0.4; lag 4: (−2)(2) = −4 → −0.4
    const x = [1, 2, 3, 4, 5];
    expect(lagAutocorrelation(x, 1)).toBeCloseTo(0.4, 15);
    expect(lagAutocorrelation(x, 2)).toBeCloseTo(-0.1, 15);
    expect(lagAutocorrelation(x, 3)).toBeCloseTo(-0.4, 15);
    expect(lagAutocorrelation(x, 4)).toBeCloseTo(-0.4, 15);
  });

  it("matches pymannkendall's __acf on series D", () => {
    // pymannkendall 1.4.3 (git ec2e3ab): pymannkendall.pymannkendall.__acf(np.array(D), 29)[k]
    expect(lagAutocorrelation(D, 1)).toBeCloseTo(0.5648821357568872, 13);
    expect(lagAutocorrelation(D, 2)).toBeCloseTo(0.2075120704345357, 13);
    expect(lagAutocorrelation(D, 5)).toBeCloseTo(-0.12489349616586194, 13);
    expect(lagAutocorrelation(D, 29)).toBeCloseTo(0.011587617154217555, 13);
  });

  it("is 0 for a constant series", () => {
    expect(lagAutocorrelation([3, 3, 3, 3], 1)).toBe(0);
  });

  it("throws on bad lags and values", () => {
    expect(() => lagAutocorrelation([1, 2, 3], 0)).toThrow(RangeError);
    expect(() => lagAutocorrelation([1, 2, 3], 3)).toThrow(RangeError);
    expect(() => lagAutocorrelation([1, 2, 3], 1.5)).toThrow(RangeError);
    expect(() => lagAutocorrelation([1, Number.NaN, 3], 1)).toThrow(RangeError);
  });
});

describe("biasCorrectedLag1", () => {
  it("(n·r₁ + 1)/(n − 4) with r₁ from pymannkendall's __acf", () => {
    // D: n = 30, r₁ = 0.5648821357568872 → (30·r₁ + 1)/26 = 0.6902486181810237
    expect(biasCorrectedLag1(D)).toBeCloseTo(0.6902486181810237, 13);
  });

  it("clamps to ±0.99 (hand-worked)", () => {
    // 1..6: r₁ = 0.5 (deviations ±2.5, ±1.5, ±0.5; Σdev² = 17.5, lag-1 sum 8.75) → (3 + 1)/2 = 2 → 0.99
    expect(biasCorrectedLag1([1, 2, 3, 4, 5, 6])).toBe(0.99);
    // alternating ±1 (n = 6): r₁ = −5/6 → (−5 + 1)/2 = −2 → −0.99
    expect(biasCorrectedLag1([1, -1, 1, -1, 1, -1])).toBe(-0.99);
    // constant: r₁ = 0 → 1/(n − 4)
    expect(biasCorrectedLag1([2, 2, 2, 2, 2, 2, 2, 2])).toBeCloseTo(0.25, 15);
  });

  it("needs n ≥ 6", () => {
    expect(() => biasCorrectedLag1([1, 2, 3, 4, 5])).toThrow(RangeError);
  });
});
