import { describe, expect, it } from "vitest";
import { poissonRateTest } from "../../lib/src/index";

// Expected p-values by hand from the conditional binomial k₂ | k ~ Binomial(k, n₂/(n₁ + n₂));
// interval limits from closed forms (k₁ = 0) or scipy's beta quantiles (Clopper–Pearson).
describe("poissonRateTest", () => {
  it("2 of 10 runs early vs 8 of 10 recent: p = P(X ≥ 8 | 10, ½) = 56/1024 (doc example)", () => {
    const r = poissonRateTest({ earlyCount: 2, earlyExposure: 10, recentCount: 8, recentExposure: 10 });
    expect(r.earlyRate).toBeCloseTo(0.2, 15);
    expect(r.recentRate).toBeCloseTo(0.8, 15);
    expect(r.rateRatio).toBeCloseTo(4, 14);
    expect(r.pValue).toBeCloseTo(56 / 1024, 15);
    expect(r.alternative).toBe("greater");
    expect(r.totalCount).toBe(10);
    expect(r.nullProportion).toBe(0.5);
    expect(r.ciLevel).toBe(0.95);
  });

  it("unequal exposures: 1 in 20 runs vs 4 in 10 → p = P(X ≥ 4 | 5, ⅓) = 11/243", () => {
    const r = poissonRateTest({ earlyCount: 1, earlyExposure: 20, recentCount: 4, recentExposure: 10 });
    expect(r.rateRatio).toBeCloseTo(8, 14);
    expect(r.nullProportion).toBeCloseTo(1 / 3, 15);
    expect(r.pValue).toBeCloseTo(11 / 243, 14);
  });

  it("no early events: ratio Infinity, p = ½³, lower limit from π_L = 0.025^(1/3)", () => {
    const r = poissonRateTest({ earlyCount: 0, earlyExposure: 5, recentCount: 3, recentExposure: 5 });
    expect(r.rateRatio).toBe(Infinity);
    expect(r.pValue).toBeCloseTo(0.125, 15);
    const piL = 0.025 ** (1 / 3);
    expect(r.ratioLower).toBeCloseTo(piL / (1 - piL), 9);
    expect(r.ratioLower).toBeCloseTo(0.41323135503089387, 9);
    expect(r.ratioUpper).toBe(Infinity);
  });

  it("no events at all: ratio null, p = 1, interval [0, ∞)", () => {
    const r = poissonRateTest({ earlyCount: 0, earlyExposure: 5, recentCount: 0, recentExposure: 5 });
    expect(r.rateRatio).toBeNull();
    expect(r.pValue).toBe(1);
    expect(r.ratioLower).toBe(0);
    expect(r.ratioUpper).toBe(Infinity);
  });

  it("exact rate-ratio interval matches Clopper–Pearson via beta quantiles", () => {
    // k = 8, x = 5: π ∈ [0.2448632163665516, 0.9147665858627465] → RR = π/(1 − π)
    const r = poissonRateTest({ earlyCount: 3, earlyExposure: 10, recentCount: 5, recentExposure: 10 });
    expect(r.ratioLower).toBeCloseTo(0.324263393962028, 9);
    expect(r.ratioUpper).toBeCloseTo(10.732487899518786, 7);
    // recent only recent events: upper limit from π_U = 1 − 0.025^(1/3)
    const s = poissonRateTest({ earlyCount: 3, earlyExposure: 5, recentCount: 0, recentExposure: 5 });
    expect(s.ratioLower).toBe(0);
    const piU = 1 - 0.025 ** (1 / 3);
    expect(s.ratioUpper).toBeCloseTo(piU / (1 - piU), 9);
  });

  it("supports 'less' and 'two-sided' (R binom.test rule)", () => {
    // π0 = 10/30 = ⅓, k = 12, x = 2: less = 0.18112264578758525, two-sided = 0.3588451022785222
    const input = { earlyCount: 10, earlyExposure: 20, recentCount: 2, recentExposure: 10 };
    expect(poissonRateTest(input, { alternative: "less" }).pValue).toBeCloseTo(0.18112264578758525, 12);
    expect(poissonRateTest(input, { alternative: "two-sided" }).pValue).toBeCloseTo(0.3588451022785222, 12);
    // symmetric case: two-sided = 2 × one-sided = 112/1024
    const sym = { earlyCount: 2, earlyExposure: 10, recentCount: 8, recentExposure: 10 };
    expect(poissonRateTest(sym, { alternative: "two-sided" }).pValue).toBeCloseTo(0.109375, 14);
  });

  it("throws on invalid counts, exposures or ciLevel", () => {
    const ok = { earlyCount: 1, earlyExposure: 1, recentCount: 1, recentExposure: 1 };
    expect(() => poissonRateTest({ ...ok, earlyCount: -1 })).toThrow(RangeError);
    expect(() => poissonRateTest({ ...ok, recentCount: 1.5 })).toThrow(RangeError);
    expect(() => poissonRateTest({ ...ok, earlyExposure: 0 })).toThrow(RangeError);
    expect(() => poissonRateTest({ ...ok, recentExposure: Number.NaN })).toThrow(RangeError);
    expect(() => poissonRateTest(ok, { ciLevel: 0 })).toThrow(RangeError);
  });
});
