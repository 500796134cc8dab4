import { describe, expect, it } from "vitest";
import { median, quantile, quantiles } from "../../lib/src/index";

// Expected values by hand with the type-7 rule h = (n − 1)p (R's default quantile()).
describe("quantile (type 7)", () => {
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it("matches the doc example: Q(0.25) of 1..10 = 3.25", () => {
    expect(quantile(oneToTen, 0.25)).toBeCloseTo(3.25, 14);
  });

  it("matches hand values", () => {
    expect(quantile(oneToTen, 0.9)).toBeCloseTo(9.1, 14); // h = 8.1 → 9 + 0.1
    expect(quantile([1, 3, 7, 15], 0.4)).toBeCloseTo(3.8, 14); // h = 1.2 → 3 + 0.2·4
    expect(quantile([15, 1, 7, 3], 0.4)).toBeCloseTo(3.8, 14); // order does not matter
    expect(quantile(oneToTen, 0)).toBe(1);
    expect(quantile(oneToTen, 1)).toBe(10);
    expect(quantile([42], 0.3)).toBe(42);
  });

  it("computes several at once (doc example)", () => {
    const q = quantiles(oneToTen, [0.1, 0.5, 0.9]);
    expect(q[0]).toBeCloseTo(1.9, 14);
    expect(q[1]).toBeCloseTo(5.5, 14);
    expect(q[2]).toBeCloseTo(9.1, 14);
  });

  it("does not mutate its input", () => {
    const values = [5, 3, 9, 1];
    quantile(values, 0.5);
    quantiles(values, [0.2]);
    median(values);
    expect(values).toEqual([5, 3, 9, 1]);
  });

  it("throws on empty input, non-finite values or p outside [0, 1]", () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantiles([1, 2], [0.5, -1])).toThrow(RangeError);
  });
});

describe("median", () => {
  it("matches the doc example: median([5, 1, 4, 2]) = 3", () => {
    expect(median([5, 1, 4, 2])).toBe(3);
  });

  it("is the middle value for odd counts", () => {
    expect(median([7, -2, 3])).toBe(3);
  });

  it("throws on empty input", () => {
    expect(() => median([])).toThrow(RangeError);
  });
});
