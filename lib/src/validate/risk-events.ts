/**
 * Validates risk events (a risk detected during a run).
 */
import { describeFound } from "../io/describe-found";
import { RISK_SEVERITIES, RISK_STATUSES, type RiskEvent } from "../model/dataset";
import type { FieldReader } from "./field-reader";
import { checkReference, IdIndex } from "./references";
import { StringPool } from "./string-pool";
import { taskKey } from "./tasks";

/** Fields a risk event record must have (canonical names). */
export const RISK_EVENT_REQUIRED_FIELDS: readonly string[] = [
  "event_id",
  "run_id",
  "mission_id",
  "risk_type",
  "severity",
  "detected_at",
  "status",
];

/** Risk events read so far. */
export class RiskEventTable {
  /** Event ids seen. */
  readonly ids = new IdIndex<true>();
  private readonly valid: RiskEvent[] = [];
  /** One string per distinct task id and risk type (a few), not one copy per event. */
  private readonly texts = new StringPool();

  /**
   * Validates one risk event: event_id (unique), run_id (a known run), mission_id (must be the
   * run's mission), risk_type, severity (low|medium|high), detected_at (ISO 8601 with zone), status
   * (open|mitigated|closed) required; description optional; task_id optional — a task unknown for
   * the mission is only a warning (`unknown_task`), the event is kept.
   *
   * @param tasks (mission, task) keys of the task table, or undefined when there is none
   */
  add(reader: FieldReader, runs: IdIndex<string>, tasks: IdIndex<number> | undefined): void {
    const eventId = reader.requiredText("event_id");
    const runId = reader.requiredText("run_id");
    const missionId = reader.requiredText("mission_id");
    const taskId = reader.optionalText("task_id");
    const riskType = reader.requiredText("risk_type");
    const severity = reader.enumValue("severity", RISK_SEVERITIES, true);
    const description = reader.optionalText("description");
    const detected = reader.timestamp("detected_at", true);
    const status = reader.enumValue("status", RISK_STATUSES, true);
    const runKnown = runId !== undefined && checkReference(reader, "run_id", runId, runs, "run");
    const runMission = runKnown ? runs.get(runId) : undefined;
    if (missionId !== undefined && runMission && missionId !== runMission) {
      reader.error({
        code: "mission_mismatch",
        field: "mission_id",
        expected: `${runMission}, the mission of run ${runId}`,
        found: describeFound(missionId),
        message: `the event's mission differs from the mission of run ${runId}`,
      });
    }
    if (
      taskId !== undefined &&
      missionId !== undefined &&
      tasks?.complete &&
      !tasks.has(taskKey(missionId, taskId))
    ) {
      reader.warn({
        code: "unknown_task",
        field: "task_id",
        expected: `a task of mission ${missionId}`,
        found: describeFound(taskId),
        message: `risk event ${eventId ?? "?"} names task ${taskId}, which is not a task of mission ${missionId}`,
      });
    }
    if (eventId === undefined) return;
    if (!this.ids.register(reader, "event_id", eventId, true, "risk event")) return;
    if (
      reader.failed ||
      !runKnown ||
      runId === undefined ||
      missionId === undefined ||
      riskType === undefined ||
      severity === undefined ||
      !detected ||
      status === undefined
    ) {
      return;
    }
    this.valid.push({
      eventId,
      runId,
      missionId: runMission ?? missionId, // the run's mission id string: one per mission
      ...(taskId !== undefined ? { taskId: this.texts.shared(taskId) } : {}),
      riskType: this.texts.shared(riskType),
      severity,
      ...(description !== undefined ? { description } : {}),
      detectedAt: detected.iso,
      detectedMs: detected.ms,
      status,
    });
  }

  /** Valid risk events, in input order. */
  get events(): readonly RiskEvent[] {
    return this.valid;
  }
}
