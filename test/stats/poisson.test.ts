import { describe, expect, it } from "vitest";
import { poissonLowerTail, poissonPmf, poissonUpperTail } from "../../lib/src/index";

// Expected values: hand-computed (e^-λ λ^k/k!) or scipy / mpmath sums.
const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe("poissonPmf", () => {
  it("matches the doc example: P(X = 2 | λ = 3) = 4.5·e⁻³", () => {
    expect(rel(poissonPmf(2, 3), 4.5 * Math.exp(-3))).toBeLessThan(1e-14);
    expect(poissonPmf(2, 3)).toBeCloseTo(0.22404180765538775, 15);
  });

  it("handles k < 0 and λ = 0", () => {
    expect(poissonPmf(-1, 3)).toBe(0);
    expect(poissonPmf(0, 0)).toBe(1);
    expect(poissonPmf(2, 0)).toBe(0);
  });
});

describe("poisson tails", () => {
  it("match the doc examples: P(X ≤ 1 | 2) = 3e⁻², P(X ≥ 2 | 2) = 1 − 3e⁻²", () => {
    expect(poissonLowerTail(1, 2)).toBeCloseTo(3 * Math.exp(-2), 15);
    expect(poissonUpperTail(2, 2)).toBeCloseTo(1 - 3 * Math.exp(-2), 15);
  });

  it("match scipy / mpmath values", () => {
    expect(rel(poissonUpperTail(20, 10), 0.0034543419758568078)).toBeLessThan(1e-12);
    expect(rel(poissonLowerTail(2, 10), 0.0027693957155115775)).toBeLessThan(1e-12);
    expect(rel(poissonLowerTail(1000, 1000), 0.508409367168506)).toBeLessThan(1e-10);
    expect(rel(poissonUpperTail(1100, 1000), 0.0009626304058665587)).toBeLessThan(1e-9);
  });

  it("are complementary", () => {
    for (const lambda of [0.3, 4, 25.5]) {
      for (let k = -1; k <= 60; k++) {
        expect(poissonLowerTail(k, lambda) + poissonUpperTail(k + 1, lambda)).toBeCloseTo(1, 12);
      }
    }
  });

  it("handle λ = 0 and throw on invalid arguments", () => {
    expect(poissonUpperTail(1, 0)).toBe(0);
    expect(poissonLowerTail(0, 0)).toBe(1);
    expect(() => poissonUpperTail(1, -1)).toThrow(RangeError);
    expect(() => poissonLowerTail(0.5, 1)).toThrow(RangeError);
    expect(() => poissonPmf(1, Infinity)).toThrow(RangeError);
  });
});
