import { describe, expect, it } from "vitest";
import {
  hamedRaoFactor,
  modifiedMannKendall,
  yueWangFactor,
} from "../../lib/src/stats/modified-mann-kendall";

// Reference: pymannkendall 1.4.3 (git ec2e3ab, run locally with numpy 2.4.6 / scipy 1.17.1).
// For each series y: o = mk.original_test(y), hr = mk.hamed_rao_modification_test(y),
// yw = mk.yue_wang_modification_test(y); factor = hr.var_s / o.var_s (resp. yw.var_s / o.var_s).
// pymannkendall detrends with b = mk.sens_slope(y).slope: residuals eᵢ = yᵢ − b·i, i = 1..n.

// D: AR(1) sample (φ = 0.6), rounded to 0.1 (ties in y and in the residuals). n = 30.
const D = [
  0.1, 0.4, 0.1, -0.7, -0.8, -1.3, -0.6, 1.2, 0.4, -0.1, 0.7, 1.0, 1.0, 0.0, 0.3, 1.2, -0.2, -0.2, -1.6, -1.8,
  -2.5, -1.3, -1.5, -0.1, 0.6, 0.7, -1.5, -0.9, 0.0, 0.8,
];
const D_SEN = -0.014285714285714287;
// E: integer counts with heavy ties. n = 24.
const E = [8, 8, 8, 8, 9, 9, 9, 10, 10, 10, 10, 10, 9, 9, 11, 9, 10, 10, 10, 12, 12, 10, 10, 11];
const E_SEN = 0.1111111111111111;
// F: AR(1) sample (φ = 0.5) with a small downward drift, rounded to 0.01. n = 40.
const F = [
  -0.22, 0.53, 0.14, 0.66, 1.68, 0.06, 0.11, -0.54, -0.29, -1.5, -1.51, -1.15, 0.12, 0.98, -1.07, -1.59,
  -0.42, -2.49, -2.01, -1.42, 0.22, 0.45, -0.46, -0.97, -1.13, 0.56, -0.57, -1.02, -0.61, -0.89, -1.12, -2.17,
  -1.61, -1.77, -0.26, -0.03, -0.61, -0.22, -1.05, -0.09,
];
const F_SEN = -0.023521421107628004;

/** eᵢ = yᵢ − b·i (i = 1..n), the same floating-point operations as numpy's x − arange(1, n+1)·b. */
const residuals = (y: readonly number[], b: number): number[] => y.map((v, i) => v - (i + 1) * b);

describe("yueWangFactor (AR(1) effective sample size)", () => {
  it("hand-worked n = 4, ρ = ½", () => {
    // 1 + 2·[(1 − ¼)·½ + (1 − ½)·¼ + (1 − ¾)·⅛] = 1 + 2·(0.375 + 0.125 + 0.03125) = 2.0625
    expect(yueWangFactor([0, 0, 0, 0], 0.5)).toBeCloseTo(2.0625, 15);
  });

  it("matches the closed form of the AR(1) sum", () => {
    // Σ_{k=1}^{n−1}(1 − k/n)ρ^k = [ρ^{n+1} − nρ² + (n − 1)ρ] / [n(1 − ρ)²] (Matalas & Langbein
    // 1962; Yue & Wang 2004). Values of 1 + 2·(closed form), evaluated in Python:
    // n = 30, ρ = 0.5436103470216463 → 3.208230062157165; n = 40, ρ = 0.3 → 1.8265306122448979;
    // n = 200, ρ = 0.9 → 18.10000000063497.
    const zeros = (n: number): number[] => new Array<number>(n).fill(0);
    expect(yueWangFactor(zeros(30), 0.5436103470216463)).toBeCloseTo(3.208230062157165, 12);
    expect(yueWangFactor(zeros(40), 0.3)).toBeCloseTo(1.8265306122448979, 12);
    expect(yueWangFactor(zeros(200), 0.9)).toBeCloseTo(18.10000000063497, 10);
  });

  it("is 1 when ρ ≤ 0", () => {
    expect(yueWangFactor([1, 2, 3], 0)).toBe(1);
    expect(yueWangFactor([1, 2, 3], -0.6)).toBe(1);
  });

  it("throws on bad input", () => {
    expect(() => yueWangFactor([1], 0.5)).toThrow(RangeError);
    expect(() => yueWangFactor([1, 2], 1)).toThrow(RangeError);
    expect(() => yueWangFactor([1, 2], Number.NaN)).toThrow(RangeError);
    expect(() => yueWangFactor([1, Infinity], 0.5)).toThrow(RangeError);
  });
});

describe("hamedRaoFactor", () => {
  it("hand-worked: residuals 1..10", () => {
    // ranks 1..10, r₁ = 57.75/82.5 = 0.7 > 1.959964/√10 = 0.6198; r₂ = 0.41212, r₃ ≈ 0.1485, … all
    // below the bound in absolute value. Σ = 9·8·7·0.7 = 352.8 → 1 + 2·352.8/(10·9·8) = 1.98.
    expect(hamedRaoFactor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo(1.98, 14);
  });

  it("matches pymannkendall hamed_rao_modification_test (var ratio)", () => {
    // D: significant rank lags [1]; E: none (factor 1); F: [1].
    expect(hamedRaoFactor(residuals(D, D_SEN))).toBeCloseTo(1.8719563765857998, 12);
    expect(hamedRaoFactor(residuals(E, E_SEN))).toBe(1);
    expect(hamedRaoFactor(residuals(F, F_SEN))).toBeCloseTo(1.7203025328330206, 12);
  });

  it("constant residuals give 1; bad input throws", () => {
    expect(hamedRaoFactor([2, 2, 2, 2, 2])).toBe(1);
    expect(() => hamedRaoFactor([1, 2])).toThrow(RangeError);
    expect(() => hamedRaoFactor([1, 2, 3], 0)).toThrow(RangeError);
    expect(() => hamedRaoFactor([1, 2, 3], 1)).toThrow(RangeError);
  });
});

describe("modifiedMannKendall", () => {
  it("end to end with hamedRaoFactor against pymannkendall hamed_rao_modification_test", () => {
    // D (ties): o.s = −43, hr.var_s = 5862.343386007863, hr.z = −0.5485467718329444, hr.p = 0.5833165230109203
    const d = modifiedMannKendall(D, hamedRaoFactor(residuals(D, D_SEN)));
    expect(d.s).toBe(-43);
    expect(d.varS).toBeCloseTo(5862.343386007863, 8);
    expect(d.z).toBeCloseTo(-0.5485467718329444, 12);
    expect(d.pValue).toBeCloseTo(0.5833165230109203, 12);
    // F: o.s = −156, hr.var_s = 12669.454720137586, hr.z = −1.3770595971894133, hr.p = 0.1684938227828634
    const f = modifiedMannKendall(F, hamedRaoFactor(residuals(F, F_SEN)));
    expect(f.s).toBe(-156);
    expect(f.varS).toBeCloseTo(12669.454720137586, 8);
    expect(f.z).toBeCloseTo(-1.3770595971894133, 12);
    expect(f.pValue).toBeCloseTo(0.1684938227828634, 12);
    // E (heavy ties, factor 1): o.s = 154, var_s = 1461.3333333333333, z = 4.0023658605569565, p = 6.2712223867889e-05
    const e = modifiedMannKendall(E, hamedRaoFactor(residuals(E, E_SEN)));
    expect(e.s).toBe(154);
    expect(e.varS).toBeCloseTo(1461.3333333333333, 9);
    expect(e.z).toBeCloseTo(4.0023658605569565, 12);
    expect(e.pValue / 6.2712223867889e-5).toBeCloseTo(1, 9);
  });

  it("applies pymannkendall's yue_wang_modification_test factor (full-ACF version, ratio < 1)", () => {
    // D: yw.var_s / o.var_s = 0.36013157707816346 → yw.z = −1.2506359949803258, yw.p = 0.2110673118715316
    const d = modifiedMannKendall(D, 0.36013157707816346);
    expect(d.varS).toBeCloseTo(1127.812055549782, 8);
    expect(d.z).toBeCloseTo(-1.2506359949803258, 12);
    expect(d.pValue).toBeCloseTo(0.2110673118715316, 12);
    // F: ratio 0.32094665231926756 → z = −3.1881498475454983, p = 0.0014318631259599979
    const f = modifiedMannKendall(F, 0.32094665231926756);
    expect(f.z).toBeCloseTo(-3.1881498475454983, 12);
    expect(f.pValue).toBeCloseTo(0.0014318631259599979, 13);
  });

  it("hand-worked: 1..5 with factor 2", () => {
    // S = 10, Var(S) = 5·4·15/18 = 16.667 → ×2 = 33.333; z = 9/√33.333 = 1.5588457;
    // p = 2·(1 − Φ(1.5588457)) = 0.1190329 (scipy 1.17.1: 2 * scipy.stats.norm.sf(9 / (100/3) ** 0.5))
    const r = modifiedMannKendall([1, 2, 3, 4, 5], 2);
    expect(r.s).toBe(10);
    expect(r.varS).toBeCloseTo(100 / 3, 12);
    expect(r.z).toBeCloseTo(9 / Math.sqrt(100 / 3), 14);
    expect(r.pValue).toBeCloseTo(0.11903289845700783, 13);
  });

  it("S = 0 gives z = 0 and p = 1; bad factor throws", () => {
    // [1, 2, 2, 1]: pairs (1,2) +, (1,2) +, (1,1) 0, (2,2) 0, (2,1) −, (2,1) − → S = 0
    const r = modifiedMannKendall([1, 2, 2, 1], 1.5);
    expect(r.s).toBe(0);
    expect(r.z).toBe(0);
    expect(r.pValue).toBe(1);
    const flat = modifiedMannKendall([3, 3, 3], 2);
    expect(flat).toEqual({ s: 0, varS: 0, z: 0, pValue: 1 });
    expect(() => modifiedMannKendall([1, 2, 3], 0)).toThrow(RangeError);
    expect(() => modifiedMannKendall([1, 2, 3], Number.NaN)).toThrow(RangeError);
  });
});
