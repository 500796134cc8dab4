/** The `@example`s of lib/src/calibrate, checked as written. */
import { describe, expect, it } from "vitest";
import { countDraw, exponentialDraw, gammaDraw } from "../../lib/src/calibrate/draws";
import { HEALTHY_TASKS } from "../../lib/src/calibrate/mission-model";
import { runCalibration, selectScenarios } from "../../lib/src/calibrate/run-calibration";
import {
  BUNCHED_DAYS,
  BUNCHED_TRUE_DAYS_TO_TARGET,
  CALIBRATION_GROUPS,
  CALIBRATION_SCENARIOS,
} from "../../lib/src/calibrate/scenarios";
import { ar1Noise, kpiValues, runStartDays, touchCounts } from "../../lib/src/calibrate/series";
import { SIMULATED_KPI, SIMULATION_START_MS } from "../../lib/src/calibrate/simulate-dataset";
import { builtinRuleset } from "../../lib/src/rules/load-ruleset";
import { createRng } from "../../lib/src/stats/random";

describe("calibrate examples", () => {
  it("draws", () => {
    expect(gammaDraw(createRng("g"), 2, 3) > 0).toBe(true);
    expect(countDraw(createRng("c"), 0, 2.5)).toBe(0);
    expect(exponentialDraw(createRng("e"), 1) >= 0).toBe(true);
  });

  it("series", () => {
    expect(ar1Noise(createRng("a"), 3, 0.5, 0).join(",")).toBe("0,0,0");
    expect(runStartDays(createRng("d"), { kind: "daily" }, 3).join(",")).toBe("0,1,2");
    expect(
      kpiValues(createRng("k"), { direction: "lower_is_better", level: 10, noise: { sd: 0 } }, [0, 1]).join(
        ",",
      ),
    ).toBe("10,10");
    expect(touchCounts(createRng("t"), { mean: 0, escalationShare: 0.3 }, 2).interventions.join(",")).toBe(
      "0,0",
    );
  });

  it("constants and scenarios", () => {
    expect(HEALTHY_TASKS.count).toEqual([2, 4]);
    expect(CALIBRATION_GROUPS.g).toBe("Autonomy regression (human touches per run)");
    expect(BUNCHED_DAYS[BUNCHED_DAYS.length - 1]).toBe(300.75);
    expect(BUNCHED_TRUE_DAYS_TO_TARGET).toBe(180);
    expect(new Date(SIMULATION_START_MS).toISOString()).toBe("2026-01-05T09:00:00.000Z");
    expect(SIMULATED_KPI).toBe("kpi");
    expect(CALIBRATION_SCENARIOS.find((s) => s.id === "b1-iid-12")?.target).toBe(0.05);
    expect(selectScenarios(["b1-iid-12"]).length).toBe(1);
  });

  it("runner", () => {
    const rules = builtinRuleset("default");
    expect(runCalibration({ rules, size: "fast", only: ["b1-iid-12"] }).results[0]!.trials).toBe(1500);
  });
});
