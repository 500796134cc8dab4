/**
 * Which rules the rule tests exercised: a rule (trigger or band gate) counts as exercised when it
 * fired in some checkpoint or some case asserted that it must not fire.
 */
import { TRIGGER_IDS, type Ruleset, type TriggerId } from "../rules/schema";
import type { RuleObservations } from "./rule-test-runner";
import { BAND_GATES, type RuleId } from "./rule-test-schema";

/** Coverage of one ruleset's rules. */
export interface RuleCoverage {
  readonly ruleset: { readonly id: string; readonly version: string };
  /** Enabled triggers, then band gates (when the ruleset has gates). */
  readonly rules: readonly RuleId[];
  readonly exercised: readonly RuleId[];
  readonly unexercised: readonly RuleId[];
  /** Triggers the ruleset disables (never fire, not counted). */
  readonly disabled: readonly TriggerId[];
}

/**
 * Coverage of `rules` by the observations of one or more test runs under it.
 *
 * @example ruleCoverage(seedV3, [{ fired: ["KPI_PLATEAU"], assertedNotFired: [] }]).unexercised.includes("KPI_PLATEAU") // → false
 */
export function ruleCoverage(rules: Ruleset, observations: readonly RuleObservations[]): RuleCoverage {
  const enabled = TRIGGER_IDS.filter((id) => rules.triggers[id]?.enabled === true);
  const gates: RuleId[] = rules.missionBand.method === "health_with_gates" ? [...BAND_GATES] : [];
  const all: RuleId[] = [...enabled, ...gates];
  const seen = new Set<RuleId>(observations.flatMap((o) => [...o.fired, ...o.assertedNotFired]));
  return {
    ruleset: { id: rules.id, version: rules.version },
    rules: all,
    exercised: all.filter((r) => seen.has(r)),
    unexercised: all.filter((r) => !seen.has(r)),
    disabled: TRIGGER_IDS.filter((id) => rules.triggers[id]?.enabled !== true),
  };
}
