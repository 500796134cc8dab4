import { describe, expect, it } from "vitest";
import { createRng, poissonLowerTail } from "../../lib/src/index";

const summary = (xs: readonly number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
};

describe("createRng", () => {
  it("reproduces an independent reference implementation (cyrb128 + sfc32 in Python)", () => {
    const rng = createRng("mission-demo");
    expect([rng.next(), rng.next(), rng.next(), rng.next()]).toEqual([
      0.4534222370710159, 0.6266052730720024, 0.6312304753721862, 0.0034200212205354186,
    ]);
    const numeric = createRng(42);
    expect([numeric.next(), numeric.next()]).toEqual([0.525846899946691, 0.40502332794757057]);
  });

  it("gives the same sequence for the same seed and different ones otherwise (doc example)", () => {
    expect(createRng("demo").int(1, 6) === createRng("demo").int(1, 6)).toBe(true);
    const a = createRng("seed-a");
    const b = createRng("seed-a");
    const c = createRng("seed-b");
    const sa = Array.from({ length: 50 }, () => a.normal());
    const sb = Array.from({ length: 50 }, () => b.normal());
    const sc = Array.from({ length: 50 }, () => c.normal());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    expect(createRng(7).next()).toBe(createRng("7").next());
    expect(createRng("x").seed).toBe("x");
  });

  it("derive() gives a reproducible independent stream without touching the parent", () => {
    const parent = createRng("parent");
    const child = parent.derive("kpi");
    expect(child.next()).toBe(createRng("parent").derive("kpi").next());
    expect(parent.next()).toBe(createRng("parent").next());
    expect(child.next()).not.toBe(createRng("parent").next());
  });

  it("uniform draws lie in [0, 1) with mean ½ and variance 1/12 (10k samples)", () => {
    const rng = createRng("uniform");
    const xs = Array.from({ length: 10_000 }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const { mean, variance } = summary(xs);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.012); // 4 standard errors
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.004);
    const scaled = rng.uniform(10, 20);
    expect(scaled).toBeGreaterThanOrEqual(10);
    expect(scaled).toBeLessThan(20);
  });

  it("int() covers its inclusive range uniformly", () => {
    const rng = createRng("dice");
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 12_000; i++) {
      const v = rng.int(1, 6);
      counts[v - 1] = (counts[v - 1] as number) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(170); // ~4 sd
  });

  it("normal draws have the requested mean and variance (10k samples)", () => {
    const rng = createRng("normal");
    const { mean, variance } = summary(Array.from({ length: 10_000 }, () => rng.normal(3, 2)));
    expect(Math.abs(mean - 3)).toBeLessThan(0.08); // 4 · 2/100
    expect(Math.abs(variance - 4)).toBeLessThan(0.25); // 4 · 4·√(2/10⁴)
  });

  it("poisson draws have mean ≈ variance ≈ λ, for small λ and for PTRS (λ ≥ 10)", () => {
    const rng = createRng("poisson");
    for (const [lambda, meanTol, varTol] of [
      [0.7, 0.04, 0.06],
      [3, 0.07, 0.2],
      [12, 0.14, 0.8],
      [50, 0.3, 3.5],
    ] as const) {
      const xs = Array.from({ length: 10_000 }, () => rng.poisson(lambda));
      const { mean, variance } = summary(xs);
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      expect(Math.abs(mean - lambda)).toBeLessThan(meanTol);
      expect(Math.abs(variance - lambda)).toBeLessThan(varTol);
    }
    // Shape check for PTRS: empirical P(X ≤ 10) for λ = 12 against the exact CDF.
    const ys = Array.from({ length: 20_000 }, () => rng.poisson(12));
    const share = ys.filter((y) => y <= 10).length / ys.length;
    expect(Math.abs(share - poissonLowerTail(10, 12))).toBeLessThan(0.015);
    expect(rng.poisson(0)).toBe(0);
  });

  it("bernoulli(p) hits with rate p", () => {
    const rng = createRng("coin");
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (rng.bernoulli(0.3)) hits++;
    expect(Math.abs(hits / 10_000 - 0.3)).toBeLessThan(0.02);
  });

  it("throws on invalid parameters", () => {
    const rng = createRng(1);
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
    expect(() => rng.int(3, 1)).toThrow(RangeError);
    expect(() => rng.int(1.5, 3)).toThrow(RangeError);
    expect(() => rng.normal(0, -1)).toThrow(RangeError);
    expect(() => rng.poisson(-1)).toThrow(RangeError);
    expect(() => rng.bernoulli(2)).toThrow(RangeError);
    expect(() => rng.uniform(0, Infinity)).toThrow(RangeError);
  });
});
