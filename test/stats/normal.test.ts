import { describe, expect, it } from "vitest";
import { normalCdf, normalPdf, normalQuantile, normalUpperTail } from "../../lib/src/index";

// Expected values: published tables (Φ(1.96) = 0.9750021, Φ⁻¹(0.975) = 1.959964,
// Φ(−3) = 0.0013499) and mpmath / scipy to 17 digits.
const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe("normalCdf", () => {
  it("matches the classic table values (doc examples)", () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.0013499, 7);
    expect(rel(normalCdf(1.96), 0.9750021048517795)).toBeLessThan(1e-14);
    expect(rel(normalCdf(-3), 0.0013498980316300946)).toBeLessThan(1e-12);
  });

  it("is accurate to ~1e-12 relative on both sides of the series/continued-fraction switch", () => {
    const cases: [number, number][] = [
      [0.5, 0.6914624612740131],
      [-1.5, 0.06680720126885807],
      [2.4999, 0.9937885816250555],
      [2.5, 0.9937903346742238],
      [5, 0.9999997133484281],
      [8, 0.9999999999999993],
      [-10, 7.619853024160525e-24],
      [-30, 4.906713927148187e-198],
    ];
    for (const [z, expected] of cases) expect(rel(normalCdf(z), expected)).toBeLessThan(1e-12);
    expect(normalCdf(0)).toBe(0.5);
  });

  it("is symmetric and monotone", () => {
    for (let z = -6; z <= 6; z += 0.37) {
      expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 15);
      expect(normalCdf(z + 0.01)).toBeGreaterThan(normalCdf(z));
    }
  });

  it("handles infinities and NaN", () => {
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});

describe("normalUpperTail", () => {
  it("matches the doc example: 1 − Φ(1.959963984540054) = 0.025", () => {
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 15);
  });

  it("keeps relative accuracy far in the tail", () => {
    expect(rel(normalUpperTail(30), 4.906713927148187e-198)).toBeLessThan(1e-12);
    expect(rel(normalUpperTail(10), 7.619853024160525e-24)).toBeLessThan(1e-12);
  });
});

describe("normalPdf", () => {
  it("matches the doc example φ(0) = 1/√(2π)", () => {
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 16);
    expect(normalPdf(1)).toBeCloseTo(0.24197072451914337, 16);
  });
});

describe("normalQuantile", () => {
  it("matches the doc example Φ⁻¹(0.975) = 1.959964", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(rel(normalQuantile(0.975), 1.9599639845400538)).toBeLessThan(1e-14);
  });

  it("is accurate in all three AS 241 regions", () => {
    const cases: [number, number][] = [
      [0.025, -1.9599639845400543],
      [0.3, -0.5244005127080408],
      [0.9, 1.2815515655446006],
      [0.999, 3.090232306167813],
      [1e-10, -6.361340902404057],
      [1e-300, -37.0470962993612],
    ];
    for (const [p, expected] of cases) expect(rel(normalQuantile(p), expected)).toBeLessThan(1e-13);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it("inverts normalCdf", () => {
    for (const p of [1e-12, 1e-6, 0.001, 0.05, 0.2, 0.5, 0.77, 0.95, 0.9999]) {
      expect(rel(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-12);
    }
  });

  it("returns ∓Infinity at 0 and 1 and throws outside [0, 1]", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});
