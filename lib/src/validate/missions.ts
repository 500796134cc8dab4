/**
 * Validates mission records and collects the missions, with the governance findings (missing
 * owner, AI role or escalation path) as warnings.
 */
import { AI_ROLES, type Mission } from "../model/dataset";
import type { FieldReader } from "./field-reader";
import { IdIndex, type Located } from "./references";

/** Fields a mission record must have (canonical names). */
export const MISSION_REQUIRED_FIELDS: readonly string[] = ["mission_id", "name"];

/** Optional governance-answer columns and the {@link Mission} fields they fill. */
export const GOVERNANCE_ANSWERS = [
  ["data_sources", "dataSources"],
  ["data_quality", "dataQuality"],
  ["accountable_human", "accountableHuman"],
  ["monitoring", "monitoring"],
  ["drift_response", "driftResponse"],
  ["fallback", "fallback"],
] as const;

/** Missions read so far, indexed by id. */
export class MissionTable {
  /** Every mission id seen (payload unused). */
  readonly ids = new IdIndex<true>();
  private readonly valid: Located<Mission>[] = [];

  /**
   * Validates one mission record: `mission_id` and `name` required; `description` defaults to "";
   * `business_owner`, `ai_role` (assist|recommend|decide|trigger) and `escalation_path` optional,
   * each missing one named in a single `governance_gap` warning for the mission. The governance
   * answers `data_sources`, `data_quality`, `accountable_human`, `monitoring`, `drift_response` and
   * `fallback` are optional text (no warning: the brief reports them). Duplicate ids are fatal.
   */
  add(reader: FieldReader): void {
    const missionId = reader.requiredText("mission_id");
    const name = reader.requiredText("name");
    const description = reader.optionalText("description") ?? "";
    const businessOwner = reader.optionalText("business_owner");
    const aiRole = reader.enumValue("ai_role", AI_ROLES, false);
    const escalationPath = reader.optionalText("escalation_path");
    const answers: Partial<Record<(typeof GOVERNANCE_ANSWERS)[number][1], string>> = {};
    for (const [column, field] of GOVERNANCE_ANSWERS) {
      const v = reader.optionalText(column);
      if (v !== undefined) answers[field] = v;
    }
    if (missionId === undefined) return;
    if (!this.ids.register(reader, "mission_id", missionId, true, "mission")) return;
    if (reader.failed || name === undefined) return;
    const mission: Mission = {
      missionId,
      name,
      description,
      ...(businessOwner !== undefined ? { businessOwner } : {}),
      ...(aiRole !== undefined ? { aiRole } : {}),
      ...(escalationPath !== undefined ? { escalationPath } : {}),
      ...answers,
    };
    const gaps = [
      businessOwner === undefined ? "business_owner" : undefined,
      aiRole === undefined ? "ai_role" : undefined,
      escalationPath === undefined ? "escalation_path" : undefined,
    ].filter((g): g is string => g !== undefined);
    if (gaps.length > 0) {
      const words: Record<string, string> = {
        business_owner: "business owner",
        ai_role: "AI role",
        escalation_path: "escalation path",
      };
      const list = gaps.map((g) => words[g] ?? g);
      const text =
        list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
      reader.warn({
        code: "governance_gap",
        field: gaps.join(", "),
        message: `mission ${missionId} has no ${text} (governance finding)`,
      });
    }
    this.valid.push({ value: mission, location: reader.record.location });
  }

  /** Valid missions, in input order. */
  get missions(): readonly Located<Mission>[] {
    return this.valid;
  }
}
