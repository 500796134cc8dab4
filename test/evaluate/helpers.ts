/** Shared test helpers for the evaluation tests: rulesets and inline histories. */
import {
  builtinRuleset,
  buildLedger,
  datasetFromInline,
  type InlineMission,
  type LedgerEntry,
} from "../../lib/src/index";

export const seedV3 = builtinRuleset("seed-v3");
export const defaultRules = builtinRuleset("default");

/** Ledger entries of the single mission of an inline history. */
export function entriesOf(mission: InlineMission, rules = defaultRules): readonly LedgerEntry[] {
  const ledger = buildLedger(datasetFromInline([mission]), rules, Infinity);
  return ledger.byMission[mission.id] ?? [];
}

/** The seed portfolio's M002 as an inline history (figures from shared/fixtures/seed-portfolio). */
export const seedM002: InlineMission = {
  id: "M002",
  name: "Accelerate Sales Pipeline Progression",
  kpi: { name: "pipeline_days", direction: "lower_is_better", baseline: 14, target: 7 },
  start: "2026-02-02T10:10:00Z",
  everyDays: 2,
  values: [10, 8],
  interventions: [1, 2],
  escalations: [0, 1],
  durations: [51, 77],
  riskFlagged: [false, true],
  tasks: [
    { id: "T4", estimate: 8, actual: [9, 12], risk: [null, "low"] },
    { id: "T5", estimate: 6, approval: true, actual: [7, 9], delay: [3, 6], risk: [null, "high"] },
  ],
};
