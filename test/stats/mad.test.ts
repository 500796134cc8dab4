import { describe, expect, it } from "vitest";
import { MAD_NORMAL_CONSTANT, mad, scaledMad } from "../../lib/src/index";

// Expected values by hand: median, then the median of absolute deviations.
describe("mad", () => {
  it("matches the doc example: [1, 1, 2, 2, 4, 6, 9] → 1", () => {
    // median 2; |deviations| 1, 1, 0, 0, 2, 4, 7 → sorted 0, 0, 1, 1, 2, 4, 7 → 1
    expect(mad([1, 1, 2, 2, 4, 6, 9])).toBe(1);
  });

  it("ignores a wild value", () => {
    // median 6; |deviations| 4, 2, 0, 2, 94 → 2
    expect(mad([2, 4, 6, 8, 100])).toBe(2);
    expect(mad([5, 5, 5])).toBe(0);
  });

  it("throws on empty or non-finite input", () => {
    expect(() => mad([])).toThrow(RangeError);
    expect(() => mad([1, Infinity])).toThrow(RangeError);
  });
});

describe("scaledMad", () => {
  it("matches the doc example: 1.4826 · 1", () => {
    expect(scaledMad([1, 1, 2, 2, 4, 6, 9])).toBeCloseTo(1.4826, 14);
    expect(MAD_NORMAL_CONSTANT).toBe(1.4826);
  });

  it("scales with the data and ignores shifts", () => {
    expect(scaledMad([4, 8, 12, 16, 200])).toBeCloseTo(2 * scaledMad([2, 4, 6, 8, 100]), 12);
    expect(scaledMad([12, 14, 16, 18, 110])).toBeCloseTo(scaledMad([2, 4, 6, 8, 100]), 12);
  });
});
