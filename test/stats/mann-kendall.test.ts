import { describe, expect, it } from "vitest";
import { MANN_KENDALL_DEFAULT_EXACT_MAX_N, createRng, mannKendall } from "../../lib/src/index";

// Test vectors computed independently (by hand: S, Var(S), and the exact p-value as a count of
// arrangements with |S'| ≥ |S| over the number of distinct arrangements).
describe("mannKendall — worked examples", () => {
  it("[12, 10, 9, 7]: S = −6, exact p = 2/24 = 1/12 (doc example)", () => {
    const r = mannKendall([12, 10, 9, 7]);
    expect(r.n).toBe(4);
    expect(r.s).toBe(-6);
    expect(r.varS).toBeCloseTo((4 * 3 * 13) / 18, 12);
    expect(r.method).toBe("exact");
    expect(r.pValue).toBeCloseTo(1 / 12, 14);
    expect(r.pValue).toBeCloseTo(0.083333, 6);
    expect(r.pDecreasing).toBeCloseTo(1 / 24, 14);
    expect(r.pIncreasing).toBeCloseTo(1, 14);
    expect(r.tau).toBeCloseTo(-1, 14);
    expect(r.untiedPairs).toBe(6);
    expect(r.ties).toEqual({ groupSizes: [], tiedValues: 0, tiedPairs: 0 });
  });

  it("[3, 4, 4, 6, 5, 7]: S = 12, Var(S) = 27.3333, exact p = 10/360 = 1/36 (ties)", () => {
    // 360 distinct arrangements; S ≥ 12 ⇔ ≤ 1 inversion: the sorted order + 4 adjacent swaps.
    const r = mannKendall([3, 4, 4, 6, 5, 7]);
    expect(r.s).toBe(12);
    expect(r.varS).toBeCloseTo(27.3333, 4);
    expect(r.pValue).toBeCloseTo(1 / 36, 14);
    expect(r.pIncreasing).toBeCloseTo(1 / 72, 14);
    expect(r.untiedPairs).toBe(14);
    expect(r.ties).toEqual({ groupSizes: [2], tiedValues: 2, tiedPairs: 1 });
    expect(r.tau).toBeCloseTo(12 / Math.sqrt(15 * 14), 14);
    expect(r.z).toBeCloseTo(11 / Math.sqrt(492 / 18), 14);
  });

  it("[14, 12, 13, 11, 11, 9, 10, 8]: S = −23, exact p = 2·28/20160 = 1/360", () => {
    // 20160 arrangements; ≤ 2 inversions: 1 + 6 + 21 (Mahonian 1, 7, 27 divided by 1 + q).
    const r = mannKendall([14, 12, 13, 11, 11, 9, 10, 8]);
    expect(r.s).toBe(-23);
    expect(r.varS).toBeCloseTo(1158 / 18, 12);
    expect(r.pValue).toBeCloseTo(1 / 360, 14);
    expect(r.pDecreasing).toBeCloseTo(1 / 720, 14);
  });

  it("long series (n = 200, sawtooth with ties) uses the hand-computed normal approximation", () => {
    // y = (i mod 20), 10 cycles: S = 10·C(20, 2) = 1900 (between-cycle pairs cancel);
    // 20 tie groups of 10: Var = [200·199·405 − 20·10·9·25]/18 = 893000;
    // z = 1899/√893000 = 2.009551938159662, p = 2(1 − Φ(z)) = 0.044478632391115984.
    const y = Array.from({ length: 200 }, (_, i) => i % 20);
    const r = mannKendall(y);
    expect(r.method).toBe("normal");
    expect(r.s).toBe(1900);
    expect(r.varS).toBeCloseTo(893000, 6);
    expect(r.z).toBeCloseTo(2.009551938159662, 12);
    expect(r.pValue).toBeCloseTo(0.044478632391115984, 12);
    expect(r.pIncreasing).toBeCloseTo(0.022239316195557992, 12);
    expect(r.pDecreasing).toBeCloseTo(0.9778725465068002, 12);
    expect(r.ties.groupSizes).toEqual(new Array<number>(20).fill(10));

    // Period 10, 20 cycles: S = 900, Var = 886000, p = 0.3395338170751381.
    const r2 = mannKendall(Array.from({ length: 200 }, (_, i) => i % 10));
    expect(r2.s).toBe(900);
    expect(r2.varS).toBeCloseTo(886000, 6);
    expect(r2.pValue).toBeCloseTo(0.3395338170751381, 12);
  });

  it("strictly increasing n = 200: S = C(200, 2) and a tiny p-value", () => {
    const r = mannKendall(Array.from({ length: 200 }, (_, i) => i * 1.5));
    expect(r.s).toBe(19900);
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.pValue).toBeLessThan(1e-90);
  });

  it("constant series: S = 0, Var = 0, p = 1 (exact and normal)", () => {
    for (const method of ["exact", "normal"] as const) {
      const r = mannKendall([5, 5, 5, 5, 5], { method });
      expect(r.s).toBe(0);
      expect(r.varS).toBe(0);
      expect(r.z).toBe(0);
      expect(r.pValue).toBe(1);
      expect(r.tau).toBe(0);
      expect(r.ties.groupSizes).toEqual([5]);
    }
  });

  it("trivial series give p = 1", () => {
    expect(mannKendall([]).pValue).toBe(1);
    expect(mannKendall([3]).pValue).toBe(1);
    expect(mannKendall([3, 4]).pValue).toBe(1); // S = 1 of ±1: P(|S'| ≥ 1) = 1
  });

  it("forced normal on a small series matches the hand formula", () => {
    // z = (−6 + 1)/√8.6667 = −1.6984155512168937; p = erfc(|z|/√2) = 0.08942935902899359
    const r = mannKendall([12, 10, 9, 7], { method: "normal" });
    expect(r.method).toBe("normal");
    expect(r.z).toBeCloseTo(-1.6984155512168937, 12);
    expect(r.pValue).toBeCloseTo(0.08942935902899359, 12);
    expect(r.pDecreasing).toBeCloseTo(0.04471467951449679, 12);
  });

  it("switches to normal above exactMaxN", () => {
    const y = Array.from({ length: 30 }, (_, i) => (i * 7) % 11);
    expect(mannKendall(y).method).toBe("exact");
    expect(mannKendall(y, { exactMaxN: 20 }).method).toBe("normal");
    expect(
      mannKendall(Array.from({ length: MANN_KENDALL_DEFAULT_EXACT_MAX_N + 1 }, (_, i) => i)).method,
    ).toBe("normal");
    expect(
      mannKendall(
        Array.from({ length: 100 }, (_, i) => i % 7),
        { method: "exact" },
      ).method,
    ).toBe("exact");
  });

  it("throws on non-finite values and invalid options", () => {
    expect(() => mannKendall([1, Number.NaN, 3])).toThrow(RangeError);
    expect(() => mannKendall([1, 2, 3], { exactMaxN: 500 })).toThrow(RangeError);
    expect(() => mannKendall([1, 2, 3], { exactMaxN: 2.5 })).toThrow(RangeError);
    expect(() => mannKendall(new Array<number>(151).fill(0), { method: "exact" })).toThrow(RangeError);
  });

  it("does not mutate its input", () => {
    const y = [3, 1, 2];
    mannKendall(y);
    expect(y).toEqual([3, 1, 2]);
  });
});

describe("mannKendall — properties", () => {
  const rng = createRng("mann-kendall-properties");
  const series = (n: number, levels: number) => Array.from({ length: n }, () => rng.int(0, levels));

  it("reversing a series negates S and swaps the one-sided p-values", () => {
    for (let k = 0; k < 20; k++) {
      const y = series(5 + k * 3, 6);
      const a = mannKendall(y);
      const b = mannKendall([...y].reverse());
      expect(b.s).toBe(-a.s);
      expect(b.pValue).toBeCloseTo(a.pValue, 12);
      expect(b.pIncreasing).toBeCloseTo(a.pDecreasing, 12);
    }
  });

  it("adding a constant or applying an increasing map leaves S unchanged", () => {
    for (let k = 0; k < 20; k++) {
      const y = series(8 + k * 4, 9);
      const s = mannKendall(y).s;
      expect(mannKendall(y.map((v) => v + 1000.5)).s).toBe(s);
      expect(mannKendall(y.map((v) => Math.exp(v / 3))).s).toBe(s);
    }
  });

  it("S agrees with the O(n²) definition", () => {
    for (let k = 0; k < 10; k++) {
      const y = series(3 + k * 17, 12);
      let s = 0;
      for (let i = 0; i < y.length; i++) {
        for (let j = i + 1; j < y.length; j++) s += Math.sign((y[j] as number) - (y[i] as number));
      }
      expect(mannKendall(y).s).toBe(s);
    }
  });

  it("exact and normal p-values agree closely for n ≈ 40", () => {
    for (let k = 0; k < 15; k++) {
      const drift = (k - 7) * 0.02;
      const y = Array.from({ length: 40 }, (_, i) => Math.round(rng.normal(drift * i, 1) * 4) / 4);
      const exact = mannKendall(y, { method: "exact" });
      const normal = mannKendall(y, { method: "normal" });
      expect(Math.abs(exact.pValue - normal.pValue)).toBeLessThan(0.005);
      expect(Math.abs(exact.pIncreasing - normal.pIncreasing)).toBeLessThan(0.005);
    }
  });

  it("two-sided exact p = 2 × the smaller one-sided p when S ≠ 0", () => {
    for (let k = 0; k < 10; k++) {
      const r = mannKendall(series(12 + k, 5));
      if (r.s === 0) continue;
      expect(r.pValue).toBeCloseTo(Math.min(1, 2 * Math.min(r.pIncreasing, r.pDecreasing)), 12);
    }
  });

  it("takes a few ms for n = 2000 (normal) and n = 60 (exact)", () => {
    const big = Array.from({ length: 2000 }, () => rng.normal(0, 1));
    let start = performance.now();
    mannKendall(big);
    expect(performance.now() - start).toBeLessThan(100);
    start = performance.now();
    mannKendall(big.slice(0, 60));
    expect(performance.now() - start).toBeLessThan(100);
  });
});
