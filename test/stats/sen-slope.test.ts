import { describe, expect, it } from "vitest";
import { SEN_SLOPE_MAX_N, createRng, senSlope } from "../../lib/src/index";

// Test vectors computed independently by listing and sorting the pairwise slopes by hand.
// CI convention: ranks round((N − C)/2) and round((N + C)/2) + 1, C = 1.959964·√Var(S).
describe("senSlope — worked examples", () => {
  it("[12, 10, 9, 7]: slope −1.58333 (median of −2, −2, −5/3, −1.5, −1.5, −1)", () => {
    const r = senSlope([12, 10, 9, 7]);
    expect(r.slope).toBeCloseTo(-1.58333, 5);
    expect(r.slope).toBeCloseTo((-5 / 3 - 1.5) / 2, 14);
    expect(r.pairs).toBe(6);
    // C = 1.96·√8.667 = 5.77 > N − 1: both ranks fall outside 1..6 and are clamped.
    expect(r.ciClamped).toBe(true);
    expect(r.lowerRank).toBe(1);
    expect(r.upperRank).toBe(6);
    expect(r.lower).toBe(-2);
    expect(r.upper).toBe(-1);
  });

  it("[3, 4, 4, 6, 5, 7]: slope 0.75, 95 % CI [0, 2] (doc example)", () => {
    // sorted: −1, 0, ⅓, ½, ½, ½, ½, ¾, 0.8, 1, 1, 1, 1, 2, 2; C = 1.96·√27.333 = 10.247
    // M1 = 2.377 → rank 2 (0); M2 + 1 = 13.62 → rank 14 (2)
    const r = senSlope([3, 4, 4, 6, 5, 7]);
    expect(r.n).toBe(6);
    expect(r.pairs).toBe(15);
    expect(r.slope).toBeCloseTo(0.75, 14);
    expect(r.lower).toBeCloseTo(0, 14);
    expect(r.upper).toBeCloseTo(2, 14);
    expect(r.lowerRank).toBe(2);
    expect(r.upperRank).toBe(14);
    expect(r.ciClamped).toBe(false);
    expect(r.ciLevel).toBe(0.95);
    expect(r.varS).toBeCloseTo(27.3333, 4);
    // residuals y − 0.75x: 2.25, 2.5, 1.75, 3, 1.25, 2.5 → median 2.375
    expect(r.intercept).toBeCloseTo(2.375, 14);
  });

  it("[14, 12, 13, 11, 11, 9, 10, 8]: slope −0.75, 95 % CI [−1.0, −0.4]", () => {
    // 28 slopes; ranks 14/15 are both −0.75; C = 1.96·√64.333 = 15.72 → ranks 6 and 23.
    const r = senSlope([14, 12, 13, 11, 11, 9, 10, 8]);
    expect(r.pairs).toBe(28);
    expect(r.slope).toBeCloseTo(-0.75, 14);
    expect(r.lower).toBeCloseTo(-1.0, 14);
    expect(r.upper).toBeCloseTo(-0.4, 14);
    expect(r.lowerRank).toBe(6);
    expect(r.upperRank).toBe(23);
  });

  it("supports arbitrary x (days) and gives the trend-line intercept", () => {
    // slopes 2, 1, 1.5, 0.5, 1.4, 2 → median (1.4 + 1.5)/2 = 1.45;
    // residuals 0, 0.55, −1.35, 0.3 → median 0.15
    const r = senSlope([0, 2, 3, 9], { x: [0, 1, 3, 6] });
    expect(r.slope).toBeCloseTo(1.45, 14);
    expect(r.intercept).toBeCloseTo(0.15, 14);
    // x order does not matter
    const shuffled = senSlope([9, 0, 3, 2], { x: [6, 0, 3, 1] });
    expect(shuffled.slope).toBeCloseTo(1.45, 14);
  });

  it("ignores pairs with equal x", () => {
    // pairs: (1,2) dx = 0 ignored; (1,3) 4/1; (2,3) −6/1 → median −1
    const r = senSlope([0, 10, 4], { x: [1, 1, 2] });
    expect(r.pairs).toBe(2);
    expect(r.slope).toBeCloseTo(-1, 14);
  });

  it("narrows with a lower ciLevel", () => {
    const y = [14, 12, 13, 11, 11, 9, 10, 8, 9, 7, 8, 6];
    const wide = senSlope(y, { ciLevel: 0.99 });
    const narrow = senSlope(y, { ciLevel: 0.8 });
    expect(narrow.lower).toBeGreaterThanOrEqual(wide.lower);
    expect(narrow.upper).toBeLessThanOrEqual(wide.upper);
    expect(narrow.lower).toBeLessThanOrEqual(narrow.slope);
    expect(narrow.upper).toBeGreaterThanOrEqual(narrow.slope);
  });

  it("throws on bad input", () => {
    expect(() => senSlope([1])).toThrow(RangeError);
    expect(() => senSlope([1, Number.NaN])).toThrow(RangeError);
    expect(() => senSlope([1, 2], { x: [1] })).toThrow(RangeError);
    expect(() => senSlope([1, 2], { x: [3, 3] })).toThrow(RangeError);
    expect(() => senSlope([1, 2, 3], { ciLevel: 1 })).toThrow(RangeError);
    expect(() => senSlope(new Array<number>(SEN_SLOPE_MAX_N + 1).fill(0))).toThrow(RangeError);
  });

  it("does not mutate its inputs", () => {
    const y = [5, 3, 8, 1];
    const x = [4, 1, 9, 2];
    senSlope(y, { x });
    expect(y).toEqual([5, 3, 8, 1]);
    expect(x).toEqual([4, 1, 9, 2]);
  });
});

describe("senSlope — properties", () => {
  const rng = createRng("sen-slope-properties");
  const series = (n: number) => Array.from({ length: n }, (_, i) => 0.05 * i + rng.normal(0, 1));

  it("reversing a series negates the slope and mirrors the interval", () => {
    for (let k = 0; k < 10; k++) {
      const y = series(10 + 7 * k);
      const a = senSlope(y);
      const b = senSlope([...y].reverse());
      expect(b.slope).toBeCloseTo(-a.slope, 12);
      expect(b.lower).toBeCloseTo(-a.upper, 12);
      expect(b.upper).toBeCloseTo(-a.lower, 12);
    }
  });

  it("adding a constant keeps the slope; scaling y scales slope and interval", () => {
    for (let k = 0; k < 10; k++) {
      const y = series(12 + 5 * k);
      const a = senSlope(y);
      expect(senSlope(y.map((v) => v + 100)).slope).toBeCloseTo(a.slope, 10);
      expect(senSlope(y.map((v) => v + 100)).intercept).toBeCloseTo(a.intercept + 100, 10);
      const scaled = senSlope(y.map((v) => 3 * v));
      expect(scaled.slope).toBeCloseTo(3 * a.slope, 10);
      expect(scaled.lower).toBeCloseTo(3 * a.lower, 10);
      expect(scaled.upper).toBeCloseTo(3 * a.upper, 10);
    }
  });

  it("n = 2000: matches a full sort of all pairwise slopes and runs in < 100 ms", () => {
    const n = 2000;
    const y = series(n);
    // Oracle: every pairwise slope, fully sorted.
    const all = new Float64Array((n * (n - 1)) / 2);
    let m = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) all[m++] = ((y[j] as number) - (y[i] as number)) / (j - i);
    all.sort();
    const N = all.length; // even
    const c = 1.959963984540054 * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
    const lowerRank = Math.round((N - c) / 2);
    const upperRank = Math.round((N + c) / 2) + 1;

    let best = Infinity;
    let r = senSlope(y);
    for (let rep = 0; rep < 3; rep++) {
      const start = performance.now();
      r = senSlope(y);
      best = Math.min(best, performance.now() - start);
    }
    expect(r.slope).toBe(0.5 * ((all[N / 2 - 1] as number) + (all[N / 2] as number)));
    expect(r.lowerRank).toBe(lowerRank);
    expect(r.upperRank).toBe(upperRank);
    expect(r.lower).toBe(all[lowerRank - 1]);
    expect(r.upper).toBe(all[upperRank - 1]);
    expect(best).toBeLessThan(100);
  });

  it.each([300, 450])("selection is right with heavy ties (integer counts, n = %i)", (n) => {
    // n = 450 gives N > 50 000 slopes: the sampled-band selection path.
    const y = Array.from({ length: n }, () => rng.poisson(2));
    const r = senSlope(y);
    const slopes: number[] = [];
    for (let i = 0; i < y.length; i++) {
      for (let j = i + 1; j < y.length; j++) slopes.push(((y[j] as number) - (y[i] as number)) / (j - i));
    }
    slopes.sort((a, b) => a - b);
    expect(r.lower).toBe(slopes[r.lowerRank - 1]);
    expect(r.upper).toBe(slopes[r.upperRank - 1]);
    const N = slopes.length;
    const med =
      N % 2 ? slopes[(N - 1) / 2] : 0.5 * ((slopes[N / 2 - 1] as number) + (slopes[N / 2] as number));
    expect(r.slope).toBe(med);
  });
});
