import { describe, expect, it } from "vitest";
import { MANN_KENDALL_EXACT_MAX_N, kendallVarianceS, mannKendallNullDistribution } from "../../lib/src/index";

/** Independent oracle: enumerate every distinct arrangement of a multiset and tally S. */
function bruteForce(multiset: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of multiset) counts.set(v, (counts.get(v) ?? 0) + 1);
  const values = [...counts.keys()];
  const tally = new Map<number, number>();
  const current: number[] = [];
  const recurse = () => {
    if (current.length === multiset.length) {
      let s = 0;
      for (let i = 0; i < current.length; i++) {
        for (let j = i + 1; j < current.length; j++)
          s += Math.sign((current[j] as number) - (current[i] as number));
      }
      tally.set(s, (tally.get(s) ?? 0) + 1);
      return;
    }
    for (const v of values) {
      const left = counts.get(v) as number;
      if (left === 0) continue;
      counts.set(v, left - 1);
      current.push(v);
      recurse();
      current.pop();
      counts.set(v, left);
    }
  };
  recurse();
  return tally;
}

function groupsOf(multiset: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of multiset) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()];
}

describe("mannKendallNullDistribution", () => {
  it("matches the doc example: n = 3 without ties", () => {
    const d = mannKendallNullDistribution([1, 1, 1]);
    expect(d.n).toBe(3);
    expect(d.untiedPairs).toBe(3);
    expect(d.s).toEqual([-3, -1, 1, 3]);
    const expected = [1 / 6, 1 / 3, 1 / 3, 1 / 6];
    d.probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i] as number, 15));
  });

  it("reproduces the Mahonian numbers for n = 4 (1, 3, 5, 6, 5, 3, 1)/24", () => {
    const d = mannKendallNullDistribution([1, 1, 1, 1]);
    expect(d.s).toEqual([-6, -4, -2, 0, 2, 4, 6]);
    const counts = [1, 3, 5, 6, 5, 3, 1];
    d.probabilities.forEach((p, i) => expect(p).toBeCloseTo((counts[i] as number) / 24, 15));
  });

  it("agrees with brute-force enumeration of multiset permutations (ties)", () => {
    for (const multiset of [
      [1, 2, 2, 3, 3, 3],
      [1, 1, 2, 2, 3, 4, 5],
      [4, 4, 4, 4, 1, 2, 2, 7],
      [1, 2, 3, 4, 5, 6, 7],
      [9, 9, 9, 9, 9, 1],
    ]) {
      const tally = bruteForce(multiset);
      const total = [...tally.values()].reduce((a, b) => a + b, 0);
      const d = mannKendallNullDistribution(groupsOf(multiset));
      d.s.forEach((s, i) => {
        expect(d.probabilities[i]).toBeCloseTo((tally.get(s) ?? 0) / total, 14);
      });
      // every S the enumeration produced is in the support
      for (const s of tally.keys()) expect(d.s).toContain(s);
    }
  });

  it("sums to 1, is symmetric, has mean 0 and the tie-corrected variance", () => {
    for (const groups of [
      [3, 1, 4, 1, 5, 9, 2, 6],
      new Array<number>(60).fill(1),
      [10, 10, 10, 10, 10, 10],
      [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 1, 1, 1, 1, 1, 1, 1, 1],
    ]) {
      const d = mannKendallNullDistribution(groups);
      const n = groups.reduce((a, b) => a + b, 0);
      let total = 0;
      let mean = 0;
      let second = 0;
      d.probabilities.forEach((p, i) => {
        const s = d.s[i] as number;
        total += p;
        mean += p * s;
        second += p * s * s;
        expect(p).toBe(d.probabilities[d.probabilities.length - 1 - i]);
      });
      expect(total).toBeCloseTo(1, 12);
      expect(mean).toBeCloseTo(0, 9);
      expect(second / kendallVarianceS(n, groups)).toBeCloseTo(1, 10);
    }
  });

  it("is fast for n = 60 without ties", () => {
    const start = performance.now();
    mannKendallNullDistribution(new Array<number>(60).fill(1));
    expect(performance.now() - start).toBeLessThan(250);
  });

  it("throws on invalid group sizes or n above the limit", () => {
    expect(() => mannKendallNullDistribution([1, 0, 2])).toThrow(RangeError);
    expect(() => mannKendallNullDistribution([1.5, 1])).toThrow(RangeError);
    expect(() =>
      mannKendallNullDistribution(new Array<number>(MANN_KENDALL_EXACT_MAX_N + 1).fill(1)),
    ).toThrow(RangeError);
  });
});
