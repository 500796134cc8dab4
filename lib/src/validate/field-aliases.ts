/**
 * How the reference bundle names fields that the canonical layout names differently.
 */
import { BUNDLE_FILES } from "../ingest/tables";
import type { FieldAliases } from "./field-reader";

/** Bundle file stem → (canonical field → bundle field). Fields not listed have the same name. */
export const BUNDLE_ALIASES: Readonly<Record<string, FieldAliases>> = {
  [BUNDLE_FILES.missions]: { name: "mission_name" },
  [BUNDLE_FILES.tasks]: {
    name: "task",
    estimated_minutes: "estimated_duration_minutes",
    requires_approval: "requires_human_approval",
  },
  [BUNDLE_FILES.runs]: { duration_minutes: "total_duration_minutes" },
  [BUNDLE_FILES.taskExecutions]: {
    actual_minutes: "actual_duration_minutes",
    approval_required: "human_approval_required",
  },
};

/** The aliases for a table file (none for canonical tables). */
export function aliasesFor(table: string): FieldAliases {
  return BUNDLE_ALIASES[table] ?? {};
}
