/**
 * Coverage warnings: missions that have no runs, or no task plan while other missions have one.
 */
import type { Mission, Run, TaskDefinition } from "../model/dataset";
import type { DataIssue } from "../model/issues";
import { locationFields, type Located } from "./references";

/**
 * Warns `mission_without_runs` for each mission no run belongs to, and (when a task table was
 * given, `tasks` defined) `mission_without_tasks` for each mission with no task definition.
 * Located at the mission's record.
 */
export function checkCoverage(
  missions: readonly Located<Mission>[],
  runs: readonly Pick<Run, "missionId">[],
  tasks: readonly Pick<TaskDefinition, "missionId">[] | undefined,
  sink: (issue: DataIssue) => void,
): void {
  const withRuns = new Set(runs.map((r) => r.missionId));
  const withTasks = new Set((tasks ?? []).map((t) => t.missionId));
  for (const { value: mission, location } of missions) {
    const at = locationFields(location);
    if (!withRuns.has(mission.missionId)) {
      sink({
        severity: "warning",
        code: "mission_without_runs",
        ...at,
        field: "mission_id",
        expected: "at least one run",
        found: "no runs",
        message: `mission ${mission.missionId} has no runs: it cannot be assessed`,
      });
    }
    if (tasks !== undefined && !withTasks.has(mission.missionId)) {
      sink({
        severity: "warning",
        code: "mission_without_tasks",
        ...at,
        field: "mission_id",
        expected: "at least one task definition",
        found: "no tasks",
        message: `mission ${mission.missionId} has no task definitions: its friction cannot be assessed`,
      });
    }
  }
}
