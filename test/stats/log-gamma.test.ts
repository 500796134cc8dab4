import { describe, expect, it } from "vitest";
import { logChoose, logFactorial, logGamma } from "../../lib/src/index";

// Expected values: mpmath (50 digits), independent of this code.
const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe("logGamma", () => {
  it("matches the doc example: log Γ(10) = log 9! = log 362880", () => {
    expect(logGamma(10)).toBeCloseTo(12.801827480081469, 13);
  });

  it("is accurate across the Lanczos, Stirling and reflection ranges", () => {
    const cases: [number, number][] = [
      [0.5, 0.5723649429247001],
      [0.1, 2.252712651734206],
      [3.7, 1.4280723266653881],
      [14.9, 24.924132002217277],
      [15.1, 25.458999750992664],
      [100, 359.1342053695754],
      [1e6, 12815504.569147613],
      [1e15, 33538776394910668],
      [-0.5, 1.2655121234846454],
      [-2.3, 0.36956666345500805],
    ];
    for (const [x, expected] of cases) expect(rel(logGamma(x), expected)).toBeLessThan(1e-13);
  });

  it("handles special arguments", () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
    expect(logGamma(Number.NaN)).toBeNaN();
    expect(Number.isFinite(logGamma(1e300))).toBe(true);
  });
});

describe("logFactorial", () => {
  it("matches the doc example: log 5! = log 120", () => {
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 14);
    expect(logFactorial(5)).toBeCloseTo(4.787491742782046, 14);
  });

  it("is exact for small n and continuous across the table boundary", () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    expect(rel(logFactorial(20), 42.335616460753485)).toBeLessThan(1e-15);
    expect(rel(logFactorial(170) + Math.log(171), 711.71472580229)).toBeLessThan(1e-14);
    expect(rel(logFactorial(171), 711.71472580229)).toBeLessThan(1e-14);
    expect(rel(logFactorial(1000), 5912.128178488163)).toBeLessThan(1e-14);
  });

  it("throws on negative or fractional n", () => {
    expect(() => logFactorial(-1)).toThrow(RangeError);
    expect(() => logFactorial(2.5)).toThrow(RangeError);
  });
});

describe("logChoose", () => {
  it("matches the doc example: C(10, 3) = 120", () => {
    expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 10);
  });

  it("is -Infinity outside 0..n and 0 at the ends", () => {
    expect(logChoose(5, -1)).toBe(-Infinity);
    expect(logChoose(5, 6)).toBe(-Infinity);
    expect(logChoose(5, 0)).toBe(0);
    expect(logChoose(5, 5)).toBe(0);
  });

  it("stays finite for huge n (C(10000, 5000) ≈ 10^3008)", () => {
    // log C(2m, m) ≈ 2m log 2 − ½ log(πm) (relative error ~ 1/(8m)).
    const m = 5000;
    const approx = 2 * m * Math.log(2) - 0.5 * Math.log(Math.PI * m);
    expect(Math.abs(logChoose(2 * m, m) - approx)).toBeLessThan(1e-4);
  });

  it("throws on non-integers", () => {
    expect(() => logChoose(5.5, 2)).toThrow(RangeError);
  });
});
