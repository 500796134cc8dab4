/**
 * Comparing two rulesets on the same data: the missions whose status, primary driver or confidence
 * differ, with the evidence behind each side's verdict.
 */
import type { EvaluationResult, MissionAssessment } from "../evaluate/types";
import type { Band } from "../rules/schema";
import { formatStatusEvidence } from "./format-backtest";
import { statusEvidence, type StatusEvidence } from "./status-evidence";

/** What can differ for a mission. */
export type DiffField = "status" | "primaryDriver" | "confidence";

/** A mission assessed differently by the two rulesets. */
export interface MissionDifference {
  readonly missionId: string;
  readonly missionName: string;
  readonly differs: readonly DiffField[];
  readonly a: StatusEvidence;
  readonly b: StatusEvidence;
}

/** The comparison of two evaluations. */
export interface RulesetDiff {
  readonly a: { readonly id: string; readonly version: string };
  readonly b: { readonly id: string; readonly version: string };
  readonly asOf: string;
  readonly verdict: { readonly a: Band; readonly b: Band };
  readonly missions: readonly MissionDifference[];
  /** Missions assessed the same way (status, driver and confidence). */
  readonly same: number;
}

function driverOf(m: MissionAssessment): string | null {
  return m.primaryDriver?.trigger ?? null;
}

/**
 * Compares two evaluations of the same dataset (e.g. under two rulesets) mission by mission.
 *
 * @example diffEvaluations(evaluate(ds, a), evaluate(ds, b)).missions.map((m) => m.differs) // → [["status", "primaryDriver"]]
 */
export function diffEvaluations(a: EvaluationResult, b: EvaluationResult): RulesetDiff {
  const other = new Map(b.portfolio.missions.map((m) => [m.missionId, m]));
  const missions: MissionDifference[] = [];
  let same = 0;
  for (const ma of a.portfolio.missions) {
    const mb = other.get(ma.missionId);
    if (!mb) continue;
    const differs: DiffField[] = [];
    if (ma.health !== mb.health) differs.push("status");
    if (driverOf(ma) !== driverOf(mb)) differs.push("primaryDriver");
    if (ma.confidence.level !== mb.confidence.level) differs.push("confidence");
    if (differs.length === 0) {
      same++;
      continue;
    }
    missions.push({
      missionId: ma.missionId,
      missionName: ma.missionName,
      differs,
      a: statusEvidence(ma),
      b: statusEvidence(mb),
    });
  }
  return {
    a: a.ruleset,
    b: b.ruleset,
    asOf: a.asOf,
    verdict: { a: a.portfolio.verdict, b: b.portfolio.verdict },
    missions,
    same,
  };
}

/**
 * The comparison as readable text.
 *
 * @example formatRulesetDiff(diff).split("\n")[0] // → "Ruleset default 1.0.0 (A) vs seed-v3 3.0.0 (B), as of 2026-02-06T09:00:00.000Z"
 */
export function formatRulesetDiff(diff: RulesetDiff): string {
  const name = (r: RulesetDiff["a"]) => `${r.id} ${r.version}`;
  const lines = [
    `Ruleset ${name(diff.a)} (A) vs ${name(diff.b)} (B), as of ${diff.asOf}`,
    `Portfolio verdict: A ${diff.verdict.a}, B ${diff.verdict.b}${diff.verdict.a === diff.verdict.b ? " (same)" : ""}`,
    `${diff.missions.length} mission${diff.missions.length === 1 ? "" : "s"} differ${diff.missions.length === 1 ? "s" : ""}; ${diff.same} assessed the same way`,
  ];
  for (const m of diff.missions) {
    const show = (f: DiffField, e: StatusEvidence) =>
      f === "status"
        ? e.status
        : f === "primaryDriver"
          ? (e.primaryDriver?.trigger ?? "none")
          : e.confidence.level;
    lines.push(
      "",
      `${m.missionName} (${m.missionId}): ${m.differs.map((f) => `${f} ${show(f, m.a)} → ${show(f, m.b)}`).join(", ")}`,
      `  A (${name(diff.a)}):`,
      ...formatStatusEvidence(m.a, "    "),
      `  B (${name(diff.b)}):`,
      ...formatStatusEvidence(m.b, "    "),
    );
  }
  return `${lines.join("\n")}\n`;
}
