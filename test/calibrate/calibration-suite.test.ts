/**
 * The calibration suite's fast subset under the `default` ruleset: every scenario with its
 * `trials.fast` missions or portfolios (a deterministic prefix of the full run's trials), asserting
 * the scenario's target on the observed rate. `npm run calibrate` runs the
 * full suite and writes docs/calibration.md.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../lib/src/calibrate/run-calibration";
import { CALIBRATION_SCENARIOS } from "../../lib/src/calibrate/scenarios";
import { builtinRuleset } from "../../lib/src/rules/load-ruleset";

const rules = builtinRuleset("default");

describe("calibration suite (fast subset, default ruleset)", () => {
  it.each(CALIBRATION_SCENARIOS.map((s) => [s.id, s] as const))("%s", (_id, scenario) => {
    const r = runScenario(scenario, rules, scenario.trials.fast);
    const [lo, hi] = r.interval;
    const figure = `${scenario.id}: ${scenario.measures} ${(r.rate * 100).toFixed(1)} % (${r.events}/${r.trials}, Wilson 95 % ${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)} %)`;
    console.info(figure);
    if (scenario.comparison === "at_most") expect(r.rate, figure).toBeLessThanOrEqual(scenario.target);
    else expect(r.rate, figure).toBeGreaterThanOrEqual(scenario.target);
  });
});
