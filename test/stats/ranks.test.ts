import { describe, expect, it } from "vitest";
import { averageRanks } from "../../lib/src/stats/ranks";

describe("averageRanks", () => {
  it("matches SciPy rankdata (average ties)", () => {
    // scipy 1.17.1: scipy.stats.rankdata([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])
    expect(averageRanks([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])).toEqual([
      4.5, 1.5, 6, 1.5, 8, 11, 3, 10, 8, 4.5, 8,
    ]);
  });

  it("hand-worked: [10, 30, 20, 20] → 1, 4, 2.5, 2.5; constant → all (n + 1)/2", () => {
    expect(averageRanks([10, 30, 20, 20])).toEqual([1, 4, 2.5, 2.5]);
    expect(averageRanks([7, 7, 7])).toEqual([2, 2, 2]);
    expect(averageRanks([])).toEqual([]);
  });

  it("throws on non-finite values", () => {
    expect(() => averageRanks([1, Number.NaN])).toThrow(RangeError);
  });
});
