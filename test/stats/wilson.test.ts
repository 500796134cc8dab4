import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../lib/src/stats/wilson";

describe("wilsonInterval", () => {
  it("Newcombe (1998, Stat. Med. 17, Table I, method 3: score without CC) at 95 %", () => {
    // Published to 4 decimals.
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, lower, upper] of cases) {
      const r = wilsonInterval(x, n);
      expect(Math.abs(r.lower - lower)).toBeLessThan(5e-5);
      expect(Math.abs(r.upper - upper)).toBeLessThan(5e-5);
      expect(r.estimate).toBe(x / n);
    }
  });

  it("full-precision values of the closed form", () => {
    // Hand formula (2x + z² ∓ z√(z² + 4x(n − x)/n)) / (2(n + z²)), z = 1.959963984540054,
    // evaluated in Python: 81/263 → 0.2552885198782742, 0.36620957698280004;
    // 1/10 → 0.017876213095072906, 0.4041500267952385
    const a = wilsonInterval(81, 263);
    expect(a.lower).toBeCloseTo(0.2552885198782742, 14);
    expect(a.upper).toBeCloseTo(0.36620957698280004, 14);
    const b = wilsonInterval(1, 10);
    expect(b.lower).toBeCloseTo(0.017876213095072906, 14);
    expect(b.upper).toBeCloseTo(0.4041500267952385, 14);
  });

  it("x = 0 and x = n hit the bounds exactly and mirror each other", () => {
    const none = wilsonInterval(0, 10);
    const all = wilsonInterval(10, 10);
    expect(none.lower).toBe(0);
    expect(all.upper).toBe(1);
    // 0/10: upper = z²/(n + z²) = 3.841459/13.841459 = 0.2775328
    expect(none.upper).toBeCloseTo(0.2775327998628892, 14);
    expect(all.lower).toBeCloseTo(1 - 0.2775327998628892, 14);
  });

  it("other levels: 90 % is narrower than 99 %", () => {
    // z(0.99) = 2.5758293035489; 0/20 at 99 %: z²/(n + z²) = 6.634897/26.634897 = 0.2491054
    expect(wilsonInterval(0, 20, 0.99).upper).toBeCloseTo(0.2491054, 6);
    const narrow = wilsonInterval(5, 20, 0.9);
    const wide = wilsonInterval(5, 20, 0.99);
    expect(narrow.lower).toBeGreaterThan(wide.lower);
    expect(narrow.upper).toBeLessThan(wide.upper);
  });

  it("trials = 0 gives [0, 1] with estimate NaN", () => {
    const r = wilsonInterval(0, 0);
    expect(r.lower).toBe(0);
    expect(r.upper).toBe(1);
    expect(r.estimate).toBeNaN();
  });

  it("throws on bad counts or level", () => {
    expect(() => wilsonInterval(-1, 5)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 5)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2.5)).toThrow(RangeError);
    expect(() => wilsonInterval(6, 5)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 5, 1)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 5, 0)).toThrow(RangeError);
  });
});
