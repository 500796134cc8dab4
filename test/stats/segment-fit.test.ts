import { describe, expect, it } from "vitest";
import { stepVersusLine } from "../../lib/src/stats/segment-fit";

// numpy 2.4.6 references: line = np.polyfit(x, y, 1), RSS = Σ(y − fit)²; step = brute force over
// every split t = 2..n−2 of Σ(y[:t] − mean)² + Σ(y[t:] − mean)² (np.sum), smallest RSS;
// BIC = n·ln(RSS/n) + p·ln(n) with np.log.

describe("stepVersusLine — clean shapes (hand-worked)", () => {
  it("a clean step is a step", () => {
    // [1, 1, 1, 5, 5, 5]: step after 3, RSS 0 → floored to 1e-12·SST = 24e-12.
    // Line over 1..6: x̄ = 3.5, Sxx = 17.5, Sxy = 18 → slope 18/17.5 = 1.028571, intercept 3 − 3.6 = −0.6,
    // RSS = SST − Sxy²/Sxx = 24 − 18.514286 = 5.485714.
    const r = stepVersusLine([1, 1, 1, 5, 5, 5]);
    expect(r.step.location).toBe(3);
    expect(r.step.before).toBeCloseTo(1, 14);
    expect(r.step.after).toBeCloseTo(5, 14);
    expect(r.step.rss).toBeCloseTo(24e-12, 20);
    expect(r.line.slope).toBeCloseTo(18 / 17.5, 14);
    expect(r.line.intercept).toBeCloseTo(-0.6, 14);
    expect(r.line.rss).toBeCloseTo(24 - 324 / 17.5, 12);
    expect(r.line.bic).toBeCloseTo(6 * Math.log((24 - 324 / 17.5) / 6) + 3 * Math.log(6), 12);
    expect(r.step.bic).toBeCloseTo(6 * Math.log(4e-12) + 4 * Math.log(6), 10);
    expect(r.preferred).toBe("step");
  });

  it("a clean line is a line", () => {
    // y = 2 + 0.5x over x = 1..8: line RSS 0 (floored); best step splits in the middle (t = 4):
    // means 3.25 and 5.25, RSS = 2·(0.75² + 0.25² + 0.25² + 0.75²) = 2.5.
    const y = [2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6];
    const r = stepVersusLine(y);
    expect(r.line.slope).toBeCloseTo(0.5, 14);
    expect(r.line.intercept).toBeCloseTo(2, 14);
    expect(r.step.location).toBe(4);
    expect(r.step.before).toBeCloseTo(3.25, 14);
    expect(r.step.after).toBeCloseTo(5.25, 14);
    expect(r.step.rss).toBeCloseTo(2.5, 12);
    expect(r.preferred).toBe("line");
  });

  it("a constant series: both RSS floored, the line wins on the penalty", () => {
    const r = stepVersusLine([4, 4, 4, 4, 4]);
    expect(r.step.rss).toBe(Number.MIN_VALUE);
    expect(r.line.rss).toBe(Number.MIN_VALUE);
    expect(r.line.slope).toBe(0);
    expect(r.preferred).toBe("line");
  });
});

describe("stepVersusLine — against numpy", () => {
  it("noisy step", () => {
    const y = [3.1, 2.8, 3.4, 3.0, 2.9, 5.2, 4.8, 5.5, 5.1, 4.9, 5.3];
    const r = stepVersusLine(y);
    // polyfit: intercept 2.469090909090911, slope 0.28545454545454535, RSS 3.5330909090909084,
    // BIC −5.299258088311058; step: t = 5, means 3.04 / 5.133333333333334, RSS 0.5453333333333333,
    // BIC −23.45520546495169
    expect(r.line.intercept).toBeCloseTo(2.469090909090911, 12);
    expect(r.line.slope).toBeCloseTo(0.28545454545454535, 13);
    expect(r.line.rss).toBeCloseTo(3.5330909090909084, 12);
    expect(r.line.bic).toBeCloseTo(-5.299258088311058, 11);
    expect(r.step.location).toBe(5);
    expect(r.step.before).toBeCloseTo(3.04, 13);
    expect(r.step.after).toBeCloseTo(5.133333333333334, 13);
    expect(r.step.rss).toBeCloseTo(0.5453333333333333, 12);
    expect(r.step.bic).toBeCloseTo(-23.45520546495169, 11);
    expect(r.preferred).toBe("step");
  });

  it("noisy line over 1..12", () => {
    const y = [1.0, 1.6, 2.1, 2.4, 3.2, 3.4, 4.1, 4.4, 5.2, 5.5, 5.9, 6.6];
    const r = stepVersusLine(y);
    // polyfit: 0.546969696969696, 0.4979020979020977, RSS 0.14603729603729598, BIC −45.45087869912328;
    // step: t = 6, 2.2833333333333337 / 5.283333333333334, RSS 8.596666666666666, BIC 5.9372411763977215
    expect(r.line.intercept).toBeCloseTo(0.546969696969696, 12);
    expect(r.line.slope).toBeCloseTo(0.4979020979020977, 13);
    expect(r.line.rss).toBeCloseTo(0.14603729603729598, 12);
    expect(r.line.bic).toBeCloseTo(-45.45087869912328, 10);
    expect(r.step.location).toBe(6);
    expect(r.step.rss).toBeCloseTo(8.596666666666666, 11);
    expect(r.step.bic).toBeCloseTo(5.9372411763977215, 11);
    expect(r.preferred).toBe("line");
  });

  it("irregular x for the line; the step is located by index", () => {
    const x = [0, 2, 3, 7, 8, 12, 13, 20];
    const y = [1.0, 1.9, 2.6, 4.4, 5.1, 7.0, 7.4, 11.1];
    const r = stepVersusLine(y, x);
    // polyfit(x, y, 1): 0.976477683956572, 0.5028950542822677, RSS 0.057394451145958814,
    // BIC −33.25966891048307; step: t = 5 (index), 3.0 / 8.5, RSS 21.959999999999994, BIC 16.39601476641129
    expect(r.line.intercept).toBeCloseTo(0.976477683956572, 12);
    expect(r.line.slope).toBeCloseTo(0.5028950542822677, 13);
    expect(r.line.rss).toBeCloseTo(0.057394451145958814, 12);
    expect(r.line.bic).toBeCloseTo(-33.25966891048307, 10);
    expect(r.step.location).toBe(5);
    expect(r.step.before).toBeCloseTo(3, 13);
    expect(r.step.after).toBeCloseTo(8.5, 13);
    expect(r.step.rss).toBeCloseTo(21.959999999999994, 11);
    expect(r.step.bic).toBeCloseTo(16.39601476641129, 11);
    expect(r.preferred).toBe("line");
  });

  it("throws on bad input", () => {
    expect(() => stepVersusLine([1, 2, 3])).toThrow(RangeError);
    expect(() => stepVersusLine([1, 2, 3, Number.NaN])).toThrow(RangeError);
    expect(() => stepVersusLine([1, 2, 3, 4], [1, 2, 3])).toThrow(RangeError);
    expect(() => stepVersusLine([1, 2, 3, 4], [5, 5, 5, 5])).toThrow(RangeError);
  });
});
