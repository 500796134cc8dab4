/**
 * Cross-checks between runs and KPI specs, all warnings: a run without its mission's primary KPI
 * value, and KPI values reported for KPIs the mission does not declare.
 */
import { describeFound } from "../io/describe-found";
import type { KpiSpec, Run } from "../model/dataset";
import type { DataIssue } from "../model/issues";
import { locationFields } from "./references";
import type { KpiSighting, RunPlace } from "./runs";

/**
 * Warns `primary_kpi_missing` for each run whose mission's primary KPI has no value (the run stays
 * usable but cannot be scored on the KPI; `placeOf(i)` tells where `runs[i]` was read), and `undeclared_kpi` once per (mission, KPI name) that
 * runs report but the mission does not declare (the values are kept, not evaluated).
 */
export function checkRunKpis(
  runs: readonly Run[],
  placeOf: (index: number) => RunPlace,
  specs: readonly KpiSpec[],
  sightings: ReadonlyMap<string, ReadonlyMap<string, KpiSighting>>,
  sink: (issue: DataIssue) => void,
): void {
  const primary = new Map<string, string>();
  const declared = new Set<string>();
  for (const spec of specs) {
    declared.add(`${spec.missionId}\u0000${spec.kpi}`);
    if (spec.primary) primary.set(spec.missionId, spec.kpi);
  }
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const kpi = primary.get(run.missionId);
    if (kpi === undefined || Object.prototype.hasOwnProperty.call(run.kpis, kpi)) continue;
    const { location, kpiPrefix } = placeOf(i);
    sink({
      severity: "warning",
      code: "primary_kpi_missing",
      ...locationFields(location),
      field: `${kpiPrefix}${kpi}`,
      expected: `a value for the primary KPI ${kpi}`,
      found: "nothing",
      message: `run ${run.runId} has no value for the primary KPI ${kpi} of mission ${run.missionId}: it cannot be scored on it`,
    });
  }
  for (const [missionId, byName] of sightings) {
    for (const [name, seen] of byName) {
      if (declared.has(`${missionId}\u0000${name}`)) continue;
      const { location } = seen;
      sink({
        severity: "warning",
        code: "undeclared_kpi",
        ...locationFields(location),
        field: seen.field,
        expected: `a KPI declared for mission ${missionId}`,
        found: describeFound(name),
        message:
          `KPI ${name} is reported by ${seen.runs} run${seen.runs === 1 ? "" : "s"} of mission ${missionId} ` +
          `but is not declared for it: its values are kept but not evaluated`,
      });
    }
  }
}
