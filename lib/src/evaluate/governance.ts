/**
 * Governance findings: missions without a business owner, an AI role or an escalation path.
 */
import type { Mission } from "../model/dataset";
import type { GovernanceFinding } from "./types";

const FIELDS: readonly [GovernanceFinding["field"], string][] = [
  ["businessOwner", "no business owner"],
  ["aiRole", "no AI role (assist, recommend, decide or trigger)"],
  ["escalationPath", "no escalation path"],
];

/**
 * Lists the governance gaps of a mission, in a fixed field order.
 *
 * @example governanceFindings({ missionId: "M1", name: "Sales", description: "" }).length // → 3
 */
export function governanceFindings(mission: Mission): GovernanceFinding[] {
  const out: GovernanceFinding[] = [];
  for (const [field, text] of FIELDS) {
    const value = mission[field];
    if (value === undefined || (typeof value === "string" && value.trim() === "")) {
      out.push({
        missionId: mission.missionId,
        missionName: mission.name,
        field,
        message: `${mission.name} has ${text}.`,
      });
    }
  }
  return out;
}
