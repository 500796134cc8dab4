import { describe, expect, it } from "vitest";
import { binomialLowerTail, binomialPmf, binomialUpperTail } from "../../lib/src/index";

// Expected values: hand-computed (C(10, k)/1024 …) or mpmath exact sums.
const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe("binomialPmf", () => {
  it("matches the doc example: P(X = 8 | 10, ½) = 45/1024", () => {
    expect(binomialPmf(8, 10, 0.5)).toBeCloseTo(45 / 1024, 15);
  });

  it("is 0 outside the support and handles p ∈ {0, 1}", () => {
    expect(binomialPmf(-1, 10, 0.5)).toBe(0);
    expect(binomialPmf(11, 10, 0.5)).toBe(0);
    expect(binomialPmf(0, 10, 0)).toBe(1);
    expect(binomialPmf(3, 10, 0)).toBe(0);
    expect(binomialPmf(10, 10, 1)).toBe(1);
  });

  it("sums to 1", () => {
    let total = 0;
    for (let k = 0; k <= 37; k++) total += binomialPmf(k, 37, 0.23);
    expect(total).toBeCloseTo(1, 13);
  });
});

describe("binomial tails", () => {
  it("match the doc examples: P(X ≥ 8) = P(X ≤ 2) = 56/1024 for Binomial(10, ½)", () => {
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 15);
    expect(binomialLowerTail(2, 10, 0.5)).toBeCloseTo(56 / 1024, 15);
  });

  it("match a hand value with p = 1/3: P(X ≥ 4 | 5, ⅓) = 11/243", () => {
    expect(rel(binomialUpperTail(4, 5, 1 / 3), 11 / 243)).toBeLessThan(1e-13);
  });

  it("keep relative accuracy far in the tails (n = 1000)", () => {
    expect(rel(binomialUpperTail(400, 1000, 0.3), 1.1041298190556822e-11)).toBeLessThan(1e-10);
    expect(rel(binomialLowerTail(249, 1000, 0.3), 0.00019854732623304054)).toBeLessThan(1e-10);
    expect(rel(binomialUpperTail(300, 1000, 0.3), 0.5119274840071484)).toBeLessThan(1e-10);
    expect(rel(binomialLowerTail(300, 1000, 0.3), 0.5155935198141203)).toBeLessThan(1e-10);
  });

  it("are complementary: P(X ≤ k) + P(X ≥ k + 1) = 1", () => {
    for (const [n, p] of [
      [12, 0.4],
      [50, 0.07],
      [200, 0.9],
    ] as const) {
      for (let k = -1; k <= n; k++) {
        expect(binomialLowerTail(k, n, p) + binomialUpperTail(k + 1, n, p)).toBeCloseTo(1, 12);
      }
    }
  });

  it("handle the edges", () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialLowerTail(10, 10, 0.3)).toBe(1);
    expect(binomialLowerTail(-1, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(1, 0, 0.3)).toBe(0);
    expect(binomialUpperTail(3, 10, 0)).toBe(0);
    expect(binomialUpperTail(3, 10, 1)).toBe(1);
  });

  it("throw on invalid arguments", () => {
    expect(() => binomialUpperTail(1.5, 10, 0.5)).toThrow(RangeError);
    expect(() => binomialUpperTail(1, -2, 0.5)).toThrow(RangeError);
    expect(() => binomialUpperTail(1, 10, 1.2)).toThrow(RangeError);
    expect(() => binomialPmf(1, 10, Number.NaN)).toThrow(RangeError);
  });
});
