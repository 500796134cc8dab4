/**
 * The calibration runner: for each scenario, simulate its trials with a fixed seed per scenario
 * and trial, evaluate each under a ruleset, count the outcome, and report the rate with its
 * Wilson 95 % interval against the scenario's target.
 */
import { evaluate } from "../evaluate/evaluate";
import type { Ruleset } from "../rules/schema";
import { createRng } from "../stats/random";
import { outcomeHolds } from "./outcome";
import { CALIBRATION_SCENARIOS, type CalibrationScenario } from "./scenarios";
import { simulateDataset } from "./simulate-dataset";
import { wilsonInterval } from "../stats/wilson";

/** Full suite or the fast subset (each scenario's `trials.fast`, a prefix of the full trials). */
export type CalibrationSize = "full" | "fast";

/** One scenario's measurement. */
export interface ScenarioResult {
  readonly scenario: CalibrationScenario;
  /** Missions or portfolios simulated. */
  readonly trials: number;
  /** Trials in which the outcome held. */
  readonly events: number;
  /** events ÷ trials (0–1). */
  readonly rate: number;
  /** Wilson 95 % interval of the rate. */
  readonly interval: readonly [number, number];
  /** The rate (point estimate) meets the target in the scenario's direction. */
  readonly met: boolean;
  /** Wall-clock seconds spent. */
  readonly seconds: number;
}

/** Options of {@link runCalibration}. */
export interface CalibrationOptions {
  readonly rules: Ruleset;
  /** Default `full`. */
  readonly size?: CalibrationSize;
  /** Scenario ids to run (default: all). */
  readonly only?: readonly string[];
  /** Trials per scenario instead of the size's count (overrides `size`). */
  readonly trials?: number;
  /** Called after every trial: trials done and total over the selected scenarios. */
  readonly onProgress?: (done: number, total: number, scenarioId: string) => void;
}

/** A whole calibration run. */
export interface CalibrationReport {
  readonly ruleset: { readonly id: string; readonly version: string };
  readonly size: CalibrationSize;
  readonly results: readonly ScenarioResult[];
  /** Wall-clock seconds of the whole run. */
  readonly seconds: number;
}

/** Seed text of one trial of a scenario: the same for every run of the suite. */
function trialSeed(scenario: CalibrationScenario, trial: number): string {
  return `calibrate/${scenario.id}/${trial}`;
}

/**
 * Runs one scenario: `trials` datasets (one mission, or one portfolio of `portfolioSize`
 * missions), each seeded by the scenario id and trial number, evaluated under `rules` as of their
 * last run.
 *
 * @throws RangeError when `trials` is not a positive integer or the scenario's model is invalid.
 * @example runScenario(CALIBRATION_SCENARIOS[0], builtinRuleset("default"), 50).trials // → 50
 */
export function runScenario(
  scenario: CalibrationScenario,
  rules: Ruleset,
  trials: number,
  onTrial?: () => void,
): ScenarioResult {
  if (!Number.isSafeInteger(trials) || trials < 1) {
    throw new RangeError(`trials must be a positive integer, got ${String(trials)}`);
  }
  const started = performance.now();
  const models = Array.from({ length: scenario.portfolioSize }, () => scenario.model);
  let events = 0;
  for (let t = 0; t < trials; t++) {
    const dataset = simulateDataset(models, createRng(trialSeed(scenario, t)), scenario.id);
    if (outcomeHolds(scenario.outcome, evaluate(dataset, rules))) events++;
    onTrial?.();
  }
  const rate = events / trials;
  return {
    scenario,
    trials,
    events,
    rate,
    interval: wilsonBounds(events, trials),
    met: scenario.comparison === "at_most" ? rate <= scenario.target : rate >= scenario.target,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The scenarios whose ids are listed in `only` (all when omitted), in suite order.
 *
 * @throws Error naming the unknown ids when `only` lists an id no scenario has.
 * @example selectScenarios(["b1-iid-12"]).length // → 1
 */
export function selectScenarios(only?: readonly string[]): readonly CalibrationScenario[] {
  if (only === undefined) return CALIBRATION_SCENARIOS;
  const known = new Set(CALIBRATION_SCENARIOS.map((s) => s.id));
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(
      `unknown calibration scenario(s): ${unknown.join(", ")}; known: ${[...known].join(", ")}`,
    );
  }
  const wanted = new Set(only);
  return CALIBRATION_SCENARIOS.filter((s) => wanted.has(s.id));
}

/**
 * Runs the selected scenarios under `options.rules` and reports each rate, its Wilson 95 %
 * interval and whether it meets the target. Deterministic for given scenarios, sizes and ruleset.
 *
 * @throws Error for unknown scenario ids; RangeError for an invalid trial count.
 * @example runCalibration({ rules: builtinRuleset("default"), size: "fast", only: ["b1-iid-12"] }).results[0].trials // → 1500
 */
export function runCalibration(options: CalibrationOptions): CalibrationReport {
  const size = options.size ?? "full";
  const scenarios = selectScenarios(options.only);
  const count = (s: CalibrationScenario): number => options.trials ?? s.trials[size];
  const total = scenarios.reduce((sum, s) => sum + count(s), 0);
  const started = performance.now();
  let done = 0;
  const results = scenarios.map((s) =>
    runScenario(s, options.rules, count(s), () => options.onProgress?.(++done, total, s.id)),
  );
  return {
    ruleset: { id: options.rules.id, version: options.rules.version },
    size,
    results,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The Wilson 95 % interval of `events` in `trials` as [lower, upper]. */
function wilsonBounds(events: number, trials: number): readonly [number, number] {
  const w = wilsonInterval(events, trials, 0.95);
  return [w.lower, w.upper];
}
