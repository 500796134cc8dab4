import { describe, expect, it } from "vitest";
import { rankSumTest } from "../../lib/src/stats/rank-sum";

// Reference values: scipy 1.17.1, stats.mannwhitneyu(a, b, alternative=…, method="asymptotic",
// use_continuity=True).
describe("rankSumTest", () => {
  it("matches scipy's asymptotic Mann–Whitney U with ties and continuity correction", () => {
    const r = rankSumTest([2, 3, 1, 4, 2, 2, 5, 3], [1, 0, 2, 1, 1, 0, 3, 1]);
    expect(r.u).toBe(54.5);
    expect(r.pGreater).toBeCloseTo(0.008838362722921076, 10);
    expect(r.pLess).toBeCloseTo(0.9934337135287342, 10);
    const s = rankSumTest([1, 3, 2, 2, 4, 3], [0, 0, 1, 0, 2, 1]);
    expect(s.u).toBe(33);
    expect(s.pGreater).toBeCloseTo(0.008738936028087008, 10);
  });

  it("gives p = 1 both ways when every value is equal, and refuses empty samples", () => {
    expect(rankSumTest([1, 1, 1], [1, 1, 1])).toEqual({ u: 4.5, pGreater: 1, pLess: 1 });
    expect(() => rankSumTest([], [1])).toThrow(RangeError);
  });
});
