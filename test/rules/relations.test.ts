/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit ruleset documents freely, as a user would */
import { describe, expect, it } from "vitest";
import {
  builtinRuleset,
  BUILTIN_RULESETS,
  parseRuleset,
  RulesetError,
  sweepGrid,
  sweepRulesets,
  withRulesetValue,
  withRulesetValues,
  type Ruleset,
} from "../../lib/src/index";

/** A deep copy of the default ruleset as a plain document, changed by `edit`. */
function docWith(edit: (doc: Record<string, any>) => void): Record<string, any> {
  const doc = structuredClone(builtinRuleset("default")) as unknown as Record<string, any>;
  edit(doc);
  return doc;
}

function issuesOf(doc: unknown): RulesetError {
  try {
    parseRuleset(doc, "test.json");
  } catch (e) {
    if (e instanceof RulesetError) return e;
    throw e;
  }
  throw new Error("the ruleset was accepted");
}

describe("ruleset relations", () => {
  it("both built-in rulesets still validate unchanged", () => {
    for (const name of BUILTIN_RULESETS) {
      const rules = builtinRuleset(name);
      expect(parseRuleset(structuredClone(rules), name)).toEqual(rules);
    }
  });

  it("refuses health weights summing to 5, naming the path and the sum", () => {
    const err = issuesOf(
      docWith((d) => {
        d.health.weights = { outcome: 1, trajectory: 1, friction: 1, risk: 1, stability: 1 };
      }),
    );
    expect(err.issues.map((i) => i.path)).toEqual(["health.weights"]);
    expect(err.message).toContain("must sum to 1 (they sum to 5)");
    expect(err.message).toContain('"outcome":1');
  });

  it("refuses all-zero weights", () => {
    const err = issuesOf(
      docWith((d) => {
        d.health.weights = { outcome: 0, trajectory: 0, friction: 0, risk: 0, stability: 0 };
      }),
    );
    expect(err.issues.map((i) => i.path)).toEqual(["health.weights"]);
    expect(err.message).toContain("they sum to 0");
  });

  it("accepts weights that sum to 1 within 1e-9 and refuses 1 + 1e-6", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point: within tolerance.
    const near = docWith((d) => {
      d.health.weights = { outcome: 0.1, trajectory: 0.2, friction: 0.3, risk: 0.2, stability: 0.2 };
    });
    expect(() => parseRuleset(near, "near.json")).not.toThrow();
    const off = docWith((d) => {
      d.health.weights = { outcome: 0.2, trajectory: 0.2, friction: 0.2, risk: 0.2, stability: 0.200001 };
    });
    expect(issuesOf(off).issues.map((i) => i.path)).toEqual(["health.weights"]);
  });

  it("refuses negative weights at the weight's path", () => {
    const err = issuesOf(
      docWith((d) => {
        d.health.weights.outcome = -0.15;
        d.health.weights.trajectory = 0.65;
      }),
    );
    expect(err.issues.map((i) => i.path)).toContain("health.weights.outcome");
  });

  it("refuses inverted health bands and bands outside 0–100", () => {
    const inverted = issuesOf(
      docWith((d) => {
        d.health.bands = { onTrack: 60, watch: 70 };
      }),
    );
    expect(inverted.issues.map((i) => i.path)).toEqual(["health.bands.onTrack"]);
    expect(inverted.message).toContain("must be above health.bands.watch (70) (found 60)");
    const equal = issuesOf(
      docWith((d) => {
        d.health.bands = { onTrack: 70, watch: 70 };
      }),
    );
    expect(equal.issues.map((i) => i.path)).toEqual(["health.bands.onTrack"]);
    const outside = issuesOf(
      docWith((d) => {
        d.health.bands = { onTrack: 120, watch: 70 };
      }),
    );
    expect(outside.issues.map((i) => i.path)).toContain("health.bands.onTrack");
    expect(outside.message).toContain("found 120");
  });

  it("refuses stability bands whose `below` does not increase", () => {
    const err = issuesOf(
      docWith((d) => {
        d.stability.bands[2].below = 0.1; // equal to the band before
      }),
    );
    expect(err.issues.map((i) => i.path)).toEqual(["stability.bands.2.below"]);
    expect(err.message).toContain("must be above stability.bands.1.below (0.1):");
  });

  it("refuses lowBelowRuns above mediumBelowRuns, in both confidence methods", () => {
    const factors = issuesOf(
      docWith((d) => {
        d.confidence.sampleSize = { lowBelowRuns: 13, mediumBelowRuns: 12 };
      }),
    );
    expect(factors.issues.map((i) => i.path)).toEqual(["confidence.sampleSize.lowBelowRuns"]);
    expect(factors.message).toContain("found 13");
    const seed = structuredClone(builtinRuleset("seed-v3")) as unknown as Record<string, any>;
    seed.confidence.lowBelowRuns = 4; // medium is 3
    expect(issuesOf(seed).issues.map((i) => i.path)).toEqual(["confidence.lowBelowRuns"]);
  });

  it("bounds trend.maxWindowRuns (1e9 used to crash with 'Invalid typed array length')", () => {
    const err = issuesOf(
      docWith((d) => {
        d.trend.maxWindowRuns = 1e9;
      }),
    );
    expect(err.issues.map((i) => i.path)).toEqual(["trend.maxWindowRuns"]);
    expect(err.message).toContain("found 1000000000");
    expect(() => withRulesetValue(builtinRuleset("default"), "trend.maxWindowRuns", 1000)).not.toThrow();
    expect(() => withRulesetValue(builtinRuleset("default"), "trend.maxWindowRuns", 1001)).toThrow(
      RulesetError,
    );
  });

  it("bounds run counts, needs whole numbers, and keeps minRuns within the window", () => {
    const rules = builtinRuleset("default");
    expect(() => withRulesetValue(rules, "friction.recentRuns", 100_001)).toThrow(/friction\.recentRuns/);
    expect(() => withRulesetValue(rules, "bottleneck.persistenceRuns", 2.5)).toThrow(
      /bottleneck\.persistenceRuns/,
    );
    expect(() => withRulesetValue(rules, "trajectory.horizonRuns", 1e9)).toThrow(/trajectory\.horizonRuns/);
    expect(() => withRulesetValue(rules, "trend.minRuns", 61)).toThrow(
      /trend\.minRuns: must not exceed trend\.maxWindowRuns \(60\) \(found 61\)/,
    );
  });

  it("keeps probabilities in (0, 1) and scores in 0–100", () => {
    const rules = builtinRuleset("default");
    expect(() => withRulesetValue(rules, "trend.alpha", 0)).toThrow(/trend\.alpha/);
    expect(() => withRulesetValue(rules, "trend.alpha", 1)).toThrow(/trend\.alpha/);
    expect(() => withRulesetValue(rules, "health.trendScores.flat", 101)).toThrow(
      /health\.trendScores\.flat/,
    );
    expect(() => withRulesetValue(rules, "health.trendScores.flat", -1)).toThrow(/health\.trendScores\.flat/);
  });

  it("judges settings that move together as a whole", () => {
    const rules: Ruleset = builtinRuleset("default"); // bands 80 / 65
    // Raising watch to 85 alone inverts the bands; with onTrack 90 at the same time it does not.
    expect(() => withRulesetValue(rules, "health.bands.watch", 85)).toThrow(RulesetError);
    const both = withRulesetValues(rules, { "health.bands.watch": 85, "health.bands.onTrack": 90 });
    expect(both.health.bands).toEqual({ onTrack: 90, watch: 85 });
    expect(rules.health.bands).toEqual({ onTrack: 80, watch: 65 }); // input untouched
  });
});

describe("sweep grid validation", () => {
  it("validates every point before running and names the first invalid one", () => {
    const rules = builtinRuleset("default"); // onTrack 80
    const grid = sweepGrid([{ path: "health.bands.watch", values: [60, 70, 80, 90] }]);
    let err: unknown;
    try {
      sweepRulesets(rules, grid);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RulesetError);
    const message = (err as RulesetError).message;
    // 80 is the first value not below onTrack 80: setting 3 of 4.
    expect(message).toContain("setting 3 of 4: health.bands.watch=80");
    expect(message).toContain("health.bands.onTrack: must be above health.bands.watch (80)");
    expect(message).not.toContain("watch=90");
  });

  it("accepts a grid where two settings move together", () => {
    const grid = sweepGrid([
      { path: "health.bands.onTrack", values: [90, 95] },
      { path: "health.bands.watch", values: [85] },
    ]);
    const rulesets = sweepRulesets(builtinRuleset("default"), grid);
    expect(rulesets.map((r) => r.health.bands)).toEqual([
      { onTrack: 90, watch: 85 },
      { onTrack: 95, watch: 85 },
    ]);
  });
});

describe("relations of the calibrated default's settings", () => {
  it("refuses change-point segments that cannot fit in the window, a touch test longer than its window, and an ON_TRACK excursion cap", () => {
    const base = builtinRuleset("default");
    const bad = (path: string, value: unknown) => () => withRulesetValue(base, path, value);
    expect(bad("trend.changePoint.minSegmentRuns", 31)).toThrow(
      /two segments of 31 runs must fit in trend\.maxWindowRuns \(60\)/,
    );
    expect(bad("autonomy.regression.minRuns", 61)).toThrow(
      /must not exceed autonomy\.regression\.windowRuns \(60\)/,
    );
    expect(bad("level.excursionBand", "ON_TRACK")).toThrow(/ON_TRACK caps nothing/);
  });
});
