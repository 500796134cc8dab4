import { describe, expect, it } from "vitest";
import {
  STORY_NAMES,
  STORY_PROFILES,
  createRng,
  kpiGapAt,
  logNormalWithMean,
  pickUniform,
  profileFor,
  randomProfile,
  trendAt,
  weightedIndex,
} from "../../lib/src/index";

describe("story profiles", () => {
  it("lists the six designed stories and random", () => {
    expect(STORY_NAMES).toHaveLength(7);
    expect(Object.keys(STORY_PROFILES).sort()).toEqual(STORY_NAMES.filter((s) => s !== "random").sort());
  });

  it("encode the designed directions", () => {
    const p = STORY_PROFILES;
    expect(p.improving_autonomous.kpiGap.end).toBeLessThan(p.improving_autonomous.kpiGap.start);
    expect(p.improving_autonomous.interventions.end).toBeLessThan(p.improving_autonomous.interventions.start);
    expect(p.improving_dependent.kpiGap.end).toBeLessThan(p.improving_dependent.kpiGap.start);
    expect(p.improving_dependent.interventions.end).toBeGreaterThan(
      p.improving_dependent.interventions.start,
    );
    expect(p.plateau.kpiGap.end).toBe(p.plateau.kpiGap.start);
    expect(p.worsening.kpiGap.end).toBeGreaterThan(1);
    expect(p.on_track.kpiGap.end).toBeLessThanOrEqual(0);
    expect(p.too_little_history.fixedRuns).toBe(2);
  });

  it("profileFor returns the designed parameters, or a seeded draw for random (documented examples)", () => {
    expect(profileFor("plateau", createRng(1)).kpiGap).toEqual({ start: 0.85, end: 0.85 });
    expect(randomProfile(createRng(1)).story).toBe("random");
    expect(randomProfile(createRng(1))).toEqual(randomProfile(createRng(1)));
    expect(randomProfile(createRng(1))).not.toEqual(randomProfile(createRng(2)));
  });

  it("trendAt interpolates linearly and clamps t to [0, 1]", () => {
    expect(trendAt({ start: 2, end: 4 }, 0.25)).toBe(2.5);
    expect(trendAt({ start: 2, end: 4 }, -1)).toBe(2);
    expect(trendAt({ start: 2, end: 4 }, 3)).toBe(4);
  });

  it("kpiGapAt runs from start to end along the curve", () => {
    expect(kpiGapAt(STORY_PROFILES.improving_autonomous, 0)).toBe(1);
    expect(kpiGapAt(STORY_PROFILES.improving_autonomous, 1)).toBeCloseTo(0.25, 12);
    // Linear when the curvature is 0: half way is the midpoint.
    expect(kpiGapAt(STORY_PROFILES.worsening, 0.5)).toBeCloseTo((0.9 + 1.6) / 2, 12);
    // Curvature k > 0 front-loads progress: s(½) = (1 − e^(−k/2)) / (1 − e^(−k)) > ½.
    const k = STORY_PROFILES.on_track.kpiCurvature;
    const s = (1 - Math.exp(-k / 2)) / (1 - Math.exp(-k));
    expect(kpiGapAt(STORY_PROFILES.on_track, 0.5)).toBeCloseTo(0.8 + (-0.02 - 0.8) * s, 12);
    expect(s).toBeGreaterThan(0.5);
  });
});

describe("random helpers", () => {
  it("weightedIndex and pickUniform map one uniform number (documented examples)", () => {
    expect(weightedIndex({ next: () => 0.9 }, [1, 0, 1])).toBe(2);
    expect(weightedIndex({ next: () => 0.2 }, [1, 0, 1])).toBe(0);
    expect(weightedIndex({ next: () => 0.4 }, [0, 3, 1])).toBe(1);
    expect(() => weightedIndex({ next: () => 0.5 }, [0, 0])).toThrow(RangeError);
    expect(pickUniform({ next: () => 0.5 }, ["a", "b", "c"])).toBe("b");
    expect(pickUniform({ next: () => 0.9999 }, ["a", "b", "c"])).toBe("c");
    expect(() => pickUniform({ next: () => 0.5 }, [])).toThrow(RangeError);
  });

  it("logNormalWithMean keeps the arithmetic mean", () => {
    expect(logNormalWithMean(createRng(1), 40, 0)).toBeCloseTo(40, 12);
    const rng = createRng("lognormal");
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += logNormalWithMean(rng, 30, 0.5);
    // sd of the mean: 30·sqrt(e^0.25 − 1)/sqrt(n) ≈ 0.11, so ±0.6 is > 5 sd.
    expect(Math.abs(sum / n - 30)).toBeLessThan(0.6);
  });
});
