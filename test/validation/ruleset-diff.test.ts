import { describe, expect, it } from "vitest";
import {
  datasetFromInline,
  diffEvaluations,
  evaluate,
  formatRulesetDiff,
  withRulesetValue,
} from "../../lib/src/index";
import { defaultRules, seedV3 } from "./helpers";

const ds = datasetFromInline([
  {
    id: "A",
    kpi: { name: "days", direction: "lower_is_better", baseline: 20, target: 8 },
    values: [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9],
  },
  {
    id: "B",
    kpi: { name: "days", direction: "lower_is_better", baseline: 10, target: 5 },
    values: [10, 10.5, 11, 11.5, 12, 12.5, 13, 13.5, 14, 14.5, 15, 15.5],
  },
]);

describe("diffEvaluations", () => {
  it("finds nothing between a ruleset and itself", () => {
    const d = diffEvaluations(evaluate(ds, defaultRules), evaluate(ds, defaultRules));
    expect(d.missions).toEqual([]);
    expect(d.same).toBe(2);
  });

  it("lists the missions whose status differs, with each side's evidence", () => {
    // A's health is 95.5 (see rules/tests/default.rules.yaml); an on-track band at 97 makes it WATCH.
    const stricter = withRulesetValue(defaultRules, "health.bands.onTrack", 97);
    const d = diffEvaluations(evaluate(ds, defaultRules), evaluate(ds, stricter));
    expect(d.missions.map((m) => [m.missionId, m.differs, m.a.status, m.b.status])).toEqual([
      ["A", ["status"], "ON_TRACK", "WATCH"],
    ]);
    expect(d.same).toBe(1);
    expect(d.verdict).toEqual({ a: "ATTENTION_REQUIRED", b: "ATTENTION_REQUIRED" });
    expect(d.missions[0]?.a.bandEvidence[0]).toMatchObject({ rule: "health_band", comparison: "≥" });
    const text = formatRulesetDiff(d);
    expect(text.split("\n")[0]).toBe(`Ruleset default 2.0.0 (A) vs default 2.0.0 (B), as of ${d.asOf}`);
    expect(text).toContain("A (A): status ON_TRACK → WATCH");
  });

  it("compares default with seed-v3: same statuses, a different driver for B", () => {
    // B: default sees a significant worsening (MISSION_TREND_WORSENING, high). seed-v3's three-point
    // rule compares 15.5 with 15 (3.2 % apart, within 5 %) and with 10: "flat" — so its driver is
    // TARGET_GAP_PERSISTING (gap 210 % > 8). Both bands are ATTENTION_REQUIRED (seed-v3: 0.35·0 +
    // 0.25·74 + 0.2·100 + 0.1·100 + 0.1·90 = 57.5 < 70). A is ON_TRACK under both (seed-v3 ≈ 92.9).
    const d = diffEvaluations(evaluate(ds, defaultRules), evaluate(ds, seedV3));
    expect(d.missions.map((m) => [m.missionId, m.differs])).toEqual([["B", ["primaryDriver"]]]);
    const b = d.missions[0];
    expect([b?.a.primaryDriver?.trigger, b?.b.primaryDriver?.trigger]).toEqual([
      "MISSION_TREND_WORSENING",
      "TARGET_GAP_PERSISTING",
    ]);
    expect(b?.b.trend.label).toBe("flat");
    expect(b?.b.healthScore).toBe(57.5);
    expect(d.a).toEqual({ id: "default", version: defaultRules.version });
    expect(d.b).toEqual({ id: "seed-v3", version: seedV3.version });
  });
});
