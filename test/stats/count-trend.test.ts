import { describe, expect, it } from "vitest";
import { countTrendTest } from "../../lib/src/stats/count-trend";

// Mann–Kendall parts: pymannkendall 1.4.3 (git ec2e3ab) o = mk.original_test(counts) gives S,
// the tie-corrected var_s and the two-sided p = 2·(1 − Φ(|z|)), z = (S − sign S)/√var_s.
// One-sided in the direction of S: p/2. The other side, Φ((S + 1)/√var_s) for S > 0 (or
// 1 − Φ((S − 1)/√var_s) for S < 0), from scipy 1.17.1 norm.cdf / norm.sf with o.var_s.
// z_{0.95} = 1.6448536269514722, z_{0.99} = 2.3263478740408408, z_{0.8} = 0.8416212335729143 (scipy norm.ppf).

describe("countTrendTest", () => {
  it("overdispersed rising counts (n = 26)", () => {
    const counts = [2, 0, 1, 5, 0, 0, 3, 1, 7, 2, 0, 4, 6, 1, 3, 9, 2, 5, 0, 8, 4, 3, 11, 6, 2, 7];
    // pymannkendall: s = 109, var_s = 2021.6666666666667, p = 0.016306700211811798
    // → pRising = p/2 = 0.008153350105905899; pFalling = Φ(110/√2021.667) = 0.9927866361582711
    const r = countTrendTest(counts);
    expect(r.s).toBe(109);
    expect(r.pRising).toBeCloseTo(0.016306700211811798 / 2, 14);
    expect(r.pFalling).toBeCloseTo(0.9927866361582711, 13);
    // By hand, h = 13: early sum 31 (mean 31/13 = 2.384615), Σe² = 145, SS_e = 145 − 961/13 = 71.0769;
    // recent sum 61 (mean 61/13 = 4.692308), Σr² = 419, SS_r = 419 − 3721/13 = 132.7692;
    // s_p² = (2650/13)/24 = 8.49359, s_p = 2.914377;
    // MDE = (1.644854 + 0.841621)·2.914377·√(2/13) = 2.486475·2.914377·0.392232 = 2.842320
    expect(r.earlyMean).toBeCloseTo(31 / 13, 14);
    expect(r.recentMean).toBeCloseTo(61 / 13, 14);
    expect(r.minDetectableRise).toBeCloseTo(
      (1.6448536269514722 + 0.8416212335729143) * Math.sqrt(1325 / 156) * Math.sqrt(2 / 13),
      13,
    );
    expect(r.minDetectableRise).toBeCloseTo(2.84232, 5);
    // alpha = 0.01: (2.326348 + 0.841621)·2.914377·0.392232 = 3.621345
    expect(countTrendTest(counts, 0.01).minDetectableRise).toBeCloseTo(3.6213449850154493, 12);
  });

  it("falling counts, odd n (middle run left out of the halves)", () => {
    const counts = [5, 3, 6, 2, 4, 1, 3, 0, 2, 1, 0, 1, 0];
    // pymannkendall: s = −48, var_s = 259.3333333333333, p = 0.003516517327854629
    // → pFalling = p/2; pRising = 1 − Φ(−49/√259.333) = 0.9988278823982788
    const r = countTrendTest(counts);
    expect(r.s).toBe(-48);
    expect(r.pFalling).toBeCloseTo(0.003516517327854629 / 2, 14);
    expect(r.pRising).toBeCloseTo(0.9988278823982788, 13);
    // h = 6: early [5, 3, 6, 2, 4, 1] mean 3.5, SS 17.5; recent [0, 2, 1, 0, 1, 0] mean 2/3, SS 10/3;
    // s_p² = (125/6)/10 = 25/12; MDE = 2.486475·1.443376·√(1/3) = 2.072062
    expect(r.earlyMean).toBeCloseTo(3.5, 14);
    expect(r.recentMean).toBeCloseTo(2 / 3, 14);
    expect(r.minDetectableRise).toBeCloseTo(2.072062383770322, 12);
  });

  it("doc example, hand-worked with ties", () => {
    // [0, 1, 0, 2, 1, 3]: S = 9; ties 0 ×2, 1 ×2 → Var(S) = (6·5·17 − 18 − 18)/18 = 26.3333
    // (pymannkendall var_s = 26.333333333333332, p = 0.11900406643496342 → pRising = p/2)
    const r = countTrendTest([0, 1, 0, 2, 1, 3]);
    expect(r.s).toBe(9);
    expect(r.pRising).toBeCloseTo(0.11900406643496342 / 2, 14);
    expect(r.pFalling).toBeCloseTo(0.9743349311498405, 13);
    // halves [0, 1, 0] (mean 1/3, SS 2/3) and [2, 1, 3] (mean 2, SS 2): s_p² = (8/3)/4 = 2/3
    expect(r.earlyMean).toBeCloseTo(1 / 3, 14);
    expect(r.recentMean).toBe(2);
    expect(r.minDetectableRise).toBeCloseTo(
      (1.6448536269514722 + 0.8416212335729143) * Math.sqrt(2 / 3) * Math.sqrt(2 / 3),
      13,
    );
  });

  it("constant counts: S = 0, both p = 1, MDE 0", () => {
    const r = countTrendTest([2, 2, 2, 2, 2]);
    expect(r).toEqual({ s: 0, pRising: 1, pFalling: 1, earlyMean: 2, recentMean: 2, minDetectableRise: 0 });
  });

  it("throws on bad input", () => {
    expect(() => countTrendTest([1, 2, 3])).toThrow(RangeError);
    expect(() => countTrendTest([1, 2, -1, 3])).toThrow(RangeError);
    expect(() => countTrendTest([1, 2, Number.NaN, 3])).toThrow(RangeError);
    expect(() => countTrendTest([1, 2, 3, 4], 0)).toThrow(RangeError);
    expect(() => countTrendTest([1, 2, 3, 4], 1)).toThrow(RangeError);
  });
});
