import { describe, expect, it } from "vitest";
import { pettitt } from "../../lib/src/stats/pettitt";
import { createRng } from "../../lib/src/stats/random";

/** The definition, O(n²): U_t = Σ_{i≤t} Σ_{j>t} sign(x_j − x_i). Test oracle only. */
function bruteForce(x: readonly number[]): { k: number; location: number; u: number } {
  let best = { k: -1, location: 1, u: 0 };
  for (let t = 1; t < x.length; t++) {
    let u = 0;
    for (let i = 0; i < t; i++)
      for (let j = t; j < x.length; j++) u += Math.sign((x[j] as number) - (x[i] as number));
    if (Math.abs(u) > best.k) best = { k: Math.abs(u), location: t, u };
  }
  return best;
}

describe("pettitt", () => {
  it("Pettitt (1979) Table 1 data: K = 232 at t = 17, p ≈ 0.0146", () => {
    // Published: Pettitt 1979 (Applied Statistics 28, Table 1), as reproduced by R wq::pett's
    // documentation ("K=232, p=0.0146, change-point=17, the same results as Pettitt").
    // p = 2·exp(−6·232²/(40³ + 40²)) = 2·exp(−4.92293) = 0.0145556 (hand / Python math.exp).
    const y = [
      -1.05, 0.96, 1.22, 0.58, -0.98, -0.03, -1.54, -0.71, -0.35, 0.66, 0.44, 0.91, -0.02, -1.42, 1.26, -1.02,
      -0.81, 1.66, 1.05, 0.97, 2.14, 1.22, -0.24, 1.6, 0.72, -0.12, 0.44, 0.03, 0.66, 0.56, 1.37, 1.66, 0.1,
      0.8, 1.29, 0.49, -0.07, 1.18, 3.29, 1.84,
    ];
    const r = pettitt(y);
    expect(r.k).toBe(232);
    expect(r.location).toBe(17);
    expect(r.u).toBe(232); // the later segment is higher
    expect(r.pValue).toBeCloseTo(0.0146, 4);
    expect(r.pValue).toBeCloseTo(0.014555597539789477, 13);
  });

  it("R trend::pettitt.test output quoted on Cross Validated (q. 362395): U* = 17, K = 10", () => {
    // trend (then) printed p-value = 1.109 = 2·exp(−6·17²/(14³ + 14²)); trend 1.1.6 and this
    // function cap it at 1. Ties (−0.2 ×4, 1.2 ×2, −1 ×2) are handled through average ranks.
    const vec = [-0.2, -0.2, -1.8, -0.3, 1.5, -0.2, -0.2, 1.2, -1, 1.2, -1, -0.5, 1.1, -1.2];
    const r = pettitt(vec);
    expect(r.k).toBe(17);
    expect(r.location).toBe(10);
    expect(r.u).toBe(-17);
    expect(r.pValue).toBe(1);
  });

  it("hand-worked clean step", () => {
    // [1, 1, 1, 5, 5, 5]: U_3 = 9 pairs (i ≤ 3 < j), all +1; p = 2·exp(−6·81/(216 + 36)) = 0.290711
    const r = pettitt([1, 1, 1, 5, 5, 5]);
    expect(r).toMatchObject({ k: 9, location: 3, u: 9 });
    expect(r.pValue).toBeCloseTo(0.2907114024676932, 14);
  });

  it("agrees with the O(n²) definition on random series with ties", () => {
    const rng = createRng("pettitt-brute-force");
    for (let rep = 0; rep < 20; rep++) {
      const n = 5 + rep * 3;
      const x = Array.from({ length: n }, (_, i) => Math.round(rng.normal(i > n / 2 ? 1 : 0, 1) * 2));
      const r = pettitt(x);
      expect({ k: r.k, location: r.location, u: r.u }).toEqual(bruteForce(x));
    }
  });

  it("constant series: K = 0, p = 1; bad input throws", () => {
    expect(pettitt([4, 4, 4, 4])).toEqual({ k: 0, location: 1, pValue: 1, u: 0 });
    expect(() => pettitt([1])).toThrow(RangeError);
    expect(() => pettitt([1, Number.NaN])).toThrow(RangeError);
  });
});
