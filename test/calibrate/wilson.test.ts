/** The Wilson score interval against Newcombe (1998), Table I, method 3 (score, no correction). */
import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../lib/src/calibrate/wilson";

describe("wilsonInterval", () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i/%i → [%f, %f] (Newcombe 1998)", (x, n, lo, hi) => {
    const [l, u] = wilsonInterval(x, n);
    expect(l).toBeCloseTo(lo, 4);
    expect(u).toBeCloseTo(hi, 4);
  });

  it("is symmetric under x → n − x and stays within [0, 1]", () => {
    const [l, u] = wilsonInterval(29, 29);
    const [l0, u0] = wilsonInterval(0, 29);
    expect(u).toBe(1);
    expect(l0).toBe(0);
    expect(l).toBeCloseTo(1 - u0, 12);
  });

  it("widens with the confidence level", () => {
    const [l90, u90] = wilsonInterval(15, 148, 0.9);
    const [l99, u99] = wilsonInterval(15, 148, 0.99);
    expect(u99 - l99).toBeGreaterThan(u90 - l90);
  });

  it("rejects invalid counts and levels", () => {
    expect(() => wilsonInterval(3, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 1)).toThrow(RangeError);
  });
});
