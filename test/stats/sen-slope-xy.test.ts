import { describe, expect, it } from "vitest";
import { createRng } from "../../lib/src/stats/random";
import { senSlope } from "../../lib/src/stats/sen-slope";
import { senSlopeXY } from "../../lib/src/stats/sen-slope-xy";

// Irregular x (elapsed days) with three tied pairs of x; y has no ties, so Kendall's Var(S) with
// ties in x only — [n(n−1)(2n+5) − Σu(u−1)(2u+5)]/18 = (7350 − 54)/18 = 405.33 — equals SciPy's
// (SciPy omits the x-and-y tie cross terms, which vanish here). SciPy's theilslopes uses the same
// ranks: 0-based round((N ∓ C)/2) − 1 and round((N ± C)/2), numpy round = halves to even.
const X = [0, 1, 1, 3, 4, 4, 7, 9, 10, 12, 15, 15, 16, 20, 21];
const Y = [2.0, 2.9, 2.4, 3.8, 4.4, 3.1, 5.2, 5.0, 6.3, 6.1, 8.0, 7.2, 7.7, 9.9, 9.4];

describe("senSlopeXY", () => {
  it("matches scipy.stats.theilslopes(y, x, alpha) (scipy 1.17.1, method='joint')", () => {
    // theilslopes(Y, X, 0.95, method="joint") → slope 0.357983193277311, intercept 2.042016806722689,
    // low 0.3166666666666666, high 0.38571428571428573; N' = 102 pairs with x_i ≠ x_j
    const r = senSlopeXY(X, Y);
    expect(r.pairs).toBe(102);
    expect(r.slope).toBeCloseTo(0.357983193277311, 14);
    expect(r.intercept).toBeCloseTo(2.042016806722689, 14);
    expect(r.lower).toBeCloseTo(0.3166666666666666, 14);
    expect(r.upper).toBeCloseTo(0.38571428571428573, 14);
    // theilslopes(Y, X, 0.90) → low 0.325, high 0.38000000000000006
    const r90 = senSlopeXY(X, Y, 0.9);
    expect(r90.lower).toBeCloseTo(0.325, 14);
    expect(r90.upper).toBeCloseTo(0.38, 14);
  });

  it("varianceFactor f: same as SciPy at the level whose z is z·√f", () => {
    // C = z·√(f·Var S) = (z√f)·√Var S, i.e. SciPy with alpha' = 2·(1 − Φ(z√f)).
    // f = 2.5, 95 %: alpha' = 2·norm.sf(1.959964·√2.5) = 0.0019419129967408483 →
    //   theilslopes(Y, X, 1 − alpha') → low 0.27499999999999997, high 0.4454545454545455
    const wide = senSlopeXY(X, Y, 0.95, 2.5);
    expect(wide.slope).toBeCloseTo(0.357983193277311, 14);
    expect(wide.lower).toBeCloseTo(0.275, 14);
    expect(wide.upper).toBeCloseTo(0.4454545454545455, 14);
    // f = 1.7, 80 %: alpha' = 0.09473376478064063 → low 0.325, high 0.38000000000000006
    const r = senSlopeXY(X, Y, 0.8, 1.7);
    expect(r.lower).toBeCloseTo(0.325, 14);
    expect(r.upper).toBeCloseTo(0.38, 14);
  });

  it("hand-worked irregular x: [0, 1, 3, 6] → [0, 2, 3, 9]", () => {
    // slopes 2, 1, 1.5, 0.5, 1.4, 2 → sorted 0.5, 1, 1.4, 1.5, 2, 2 → median 1.45;
    // residuals 0, 0.55, −1.35, 0.3 → median 0.15. Var S = 4·3·13/18 = 8.667, C = 5.77:
    // ranks round(0.115) = 0 → clamped to 1 (0.5) and round(5.885) + 1 = 7 → clamped to 6 (2).
    const r = senSlopeXY([0, 1, 3, 6], [0, 2, 3, 9]);
    expect(r.slope).toBeCloseTo(1.45, 14);
    expect(r.intercept).toBeCloseTo(0.15, 14);
    expect(r.lower).toBe(0.5);
    expect(r.upper).toBe(2);
    expect(r.pairs).toBe(6);
  });

  it("equals senSlope exactly for x = 1..n and varianceFactor 1 (ties in y included)", () => {
    const rng = createRng("sen-slope-xy-equivalence");
    for (let rep = 0; rep < 25; rep++) {
      const n = 3 + rep * 4;
      const y = Array.from({ length: n }, (_, i) => Math.round((0.1 * i + rng.normal(0, 1)) * 4) / 4);
      const x = Array.from({ length: n }, (_, i) => i + 1);
      for (const level of [0.95, 0.8]) {
        const a = senSlope(y, { ciLevel: level });
        const b = senSlopeXY(x, y, level, 1);
        expect(b).toEqual({
          slope: a.slope,
          lower: a.lower,
          upper: a.upper,
          intercept: a.intercept,
          pairs: a.pairs,
        });
      }
    }
    // and with irregular tied x too
    const x = [1, 1, 2, 5, 5, 8, 9];
    const y = [3, 4, 4, 6, 5, 7, 7];
    const a = senSlope(y, { x });
    expect(senSlopeXY(x, y)).toEqual({
      slope: a.slope,
      lower: a.lower,
      upper: a.upper,
      intercept: a.intercept,
      pairs: a.pairs,
    });
  });

  it("a larger varianceFactor never narrows the interval", () => {
    const base = senSlopeXY(X, Y);
    const wide = senSlopeXY(X, Y, 0.95, 3);
    expect(wide.lower).toBeLessThanOrEqual(base.lower);
    expect(wide.upper).toBeGreaterThanOrEqual(base.upper);
  });

  it("throws on bad input", () => {
    expect(() => senSlopeXY([1], [1])).toThrow(RangeError);
    expect(() => senSlopeXY([1, 2], [1])).toThrow(RangeError);
    expect(() => senSlopeXY([3, 3], [1, 2])).toThrow(RangeError);
    expect(() => senSlopeXY([1, 2], [1, Number.NaN])).toThrow(RangeError);
    expect(() => senSlopeXY([1, 2], [1, 2], 1)).toThrow(RangeError);
    expect(() => senSlopeXY([1, 2], [1, 2], 0.95, 0)).toThrow(RangeError);
    expect(() => senSlopeXY([1, 2], [1, 2], 0.95, Infinity)).toThrow(RangeError);
  });
});
