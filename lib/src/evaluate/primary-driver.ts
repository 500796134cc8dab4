/**
 * The primary driver: the most severe trigger, then the most persistent, then the one with the
 * largest KPI impact (remaining gap to target); then mission id and rule order, so the choice is
 * deterministic.
 */
import { TRIGGER_IDS, type Severity } from "../rules/schema";
import { round } from "./kpi-compare";
import type { PrimaryDriver, Trigger } from "./types";

const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

/**
 * Orders triggers from strongest to weakest driver. Does not modify its input.
 *
 * @example rankTriggers([medium, high])[0] === high // → true
 */
export function rankTriggers(triggers: readonly Trigger[]): Trigger[] {
  return [...triggers].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      b.persistence - a.persistence ||
      b.kpiImpact - a.kpiImpact ||
      (a.missionId < b.missionId ? -1 : a.missionId > b.missionId ? 1 : 0) ||
      TRIGGER_IDS.indexOf(a.id) - TRIGGER_IDS.indexOf(b.id),
  );
}

function rankedBy(winner: Trigger, next: Trigger | undefined, total: number): string {
  if (!next) return `the only trigger that fired`;
  const runnerUp = { ...next, id: `${next.id} in ${next.missionId}` };
  if (winner.severity !== runnerUp.severity) {
    return `highest severity (${winner.severity}) among ${total} triggers; next: ${runnerUp.id} (${runnerUp.severity})`;
  }
  if (winner.persistence !== runnerUp.persistence) {
    return `tied on severity (${winner.severity}) with ${runnerUp.id}; more persistent (${round(winner.persistence, 2)} vs ${round(runnerUp.persistence, 2)})`;
  }
  if (winner.kpiImpact !== runnerUp.kpiImpact) {
    return `tied on severity and persistence with ${runnerUp.id}; larger KPI impact (${round(winner.kpiImpact, 2)} % vs ${round(runnerUp.kpiImpact, 2)} % from target)`;
  }
  return `tied with ${runnerUp.id} on severity, persistence and KPI impact; first by mission id and rule order`;
}

/**
 * The primary driver among `triggers`, or null when none fired. `missionNames` maps mission ids to
 * names for the result.
 *
 * @example primaryDriver(seedTriggers, names)?.trigger // → "AUTONOMY_REGRESSION"
 */
export function primaryDriver(
  triggers: readonly Trigger[],
  missionNames: ReadonlyMap<string, string>,
): PrimaryDriver | null {
  const ranked = rankTriggers(triggers);
  const winner = ranked[0];
  if (!winner) return null;
  return {
    missionId: winner.missionId,
    missionName: missionNames.get(winner.missionId) ?? winner.missionId,
    trigger: winner.id,
    severity: winner.severity,
    ...(winner.taskId !== undefined ? { taskId: winner.taskId } : {}),
    explanation: winner.explanation,
    evidence: winner.evidence,
    rankedBy: rankedBy(winner, ranked[1], ranked.length),
  };
}
