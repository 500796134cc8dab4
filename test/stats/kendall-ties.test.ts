import { describe, expect, it } from "vitest";
import { kendallVarianceS, tieGroupSizes } from "../../lib/src/index";

describe("tieGroupSizes", () => {
  it("matches the doc example", () => {
    expect(tieGroupSizes([3, 4, 4, 6, 5, 7])).toEqual([1, 2, 1, 1, 1]);
  });

  it("lists groups in ascending value order and sums to n", () => {
    expect(tieGroupSizes([2, 9, 2, 9, 9, -1])).toEqual([1, 2, 3]);
    expect(tieGroupSizes([])).toEqual([]);
  });

  it("throws on non-finite values", () => {
    expect(() => tieGroupSizes([1, Number.NaN])).toThrow(RangeError);
  });
});

describe("kendallVarianceS", () => {
  it("matches the doc example: n = 6, one tied pair → (510 − 18)/18", () => {
    expect(kendallVarianceS(6, [1, 2, 1, 1, 1])).toBeCloseTo(492 / 18, 12);
    expect(kendallVarianceS(6, [1, 2, 1, 1, 1])).toBeCloseTo(27.3333, 4);
  });

  it("is n(n−1)(2n+5)/18 without ties and 0 for a constant series", () => {
    expect(kendallVarianceS(4, [1, 1, 1, 1])).toBeCloseTo((4 * 3 * 13) / 18, 12);
    expect(kendallVarianceS(5, [5])).toBe(0);
    expect(kendallVarianceS(1, [1])).toBe(0);
    expect(kendallVarianceS(0, [])).toBe(0);
  });

  it("handles ties in both variables (brute-force variance over all 4! and 7! orderings)", () => {
    // Enumerated in Python: Var(S) over all permutations of y against x.
    expect(kendallVarianceS(4, [2, 1, 1], [2, 2])).toBeCloseTo(6, 12);
    expect(kendallVarianceS(7, [2, 3, 1, 1], [3, 1, 2, 1])).toBeCloseTo(35.78095238095238, 10);
  });

  it("throws when the groups do not sum to n or are not positive integers", () => {
    expect(() => kendallVarianceS(5, [1, 1])).toThrow(RangeError);
    expect(() => kendallVarianceS(2, [0, 2])).toThrow(RangeError);
    expect(() => kendallVarianceS(3, [1, 1, 1], [1, 1])).toThrow(RangeError);
    expect(() => kendallVarianceS(-1, [])).toThrow(RangeError);
  });
});
