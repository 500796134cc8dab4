import { describe, expect, it } from "vitest";
import {
  improvementPct,
  isBetter,
  isFlat,
  kpiFigures,
  meetsTarget,
  round,
  type KpiSpec,
} from "../../lib/src/index";

describe("kpiFigures", () => {
  it("keeps baseline, first run and target figures apart (seed M003)", () => {
    const spec: KpiSpec = {
      missionId: "M003",
      kpi: "resolution_time_hours",
      direction: "lower_is_better",
      baseline: 12,
      target: 4,
      primary: true,
    };
    const f = kpiFigures(spec, [5.2, 3.9, 3.2]);
    expect(f.improvementFromBaselinePct).toBe(73.33); // (12 − 3.2) / 12
    expect(f.changeSinceFirstRunPct).toBe(38.46); // (5.2 − 3.2) / 5.2
    expect(f.remainingGapToTargetPct).toBe(0); // 3.2 ≤ 4: met
    expect(f.targetMet).toBe(true);
    expect(f.previous).toBe(3.9);
  });

  it("is direction-aware for higher-is-better KPIs", () => {
    const spec: KpiSpec = {
      missionId: "M",
      kpi: "csat",
      direction: "higher_is_better",
      baseline: 3.5,
      target: 4.5,
      primary: true,
    };
    const f = kpiFigures(spec, [3.8, 4.0]);
    expect(f.improvementFromBaselinePct).toBe(14.29); // (4.0 − 3.5) / 3.5
    expect(f.changeSinceFirstRunPct).toBe(5.26); // (4.0 − 3.8) / 3.8
    expect(f.remainingGapToTargetPct).toBe(11.11); // |4.0 − 4.5| / 4.5
    expect(f.targetMet).toBe(false);
  });

  it("gives null figures when there is nothing to compare with", () => {
    const spec: KpiSpec = { missionId: "M", kpi: "x", direction: "lower_is_better", primary: true };
    const f = kpiFigures(spec, [7]);
    expect(f.improvementFromBaselinePct).toBeNull();
    expect(f.changeSinceFirstRunPct).toBeNull();
    expect(f.remainingGapToTargetPct).toBeNull();
    expect(f.targetMet).toBeNull();
  });
});

describe("comparisons", () => {
  it("isBetter and isFlat follow the reference definitions", () => {
    expect(isBetter(2.1, 2.6, "lower_is_better", 0.05)).toBe(true);
    expect(isBetter(2.5, 2.6, "lower_is_better", 0.05)).toBe(false); // needs < 2.47
    expect(isBetter(0, 0, "higher_is_better", 0.05)).toBe(false);
    expect(isBetter(1, 0, "higher_is_better", 0.05)).toBe(true);
    expect(isFlat(10, 10.4, 0.05)).toBe(true);
    expect(isFlat(10, 11, 0.05)).toBe(false);
  });
  it("improvementPct and meetsTarget", () => {
    expect(improvementPct(3.2, 12, "lower_is_better")).toBeCloseTo(73.3333, 3);
    expect(improvementPct(1, 0, "lower_is_better")).toBeNull();
    expect(meetsTarget(4, 4, "lower_is_better")).toBe(true);
    expect(meetsTarget(4.4, 4.5, "higher_is_better")).toBe(false);
  });
  it("round avoids binary artefacts", () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(-2.345, 2)).toBe(-2.35);
    expect(round(73.33333, 2)).toBe(73.33);
  });
});
