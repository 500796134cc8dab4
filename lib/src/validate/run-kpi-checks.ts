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
 * Warns `primary_kpi_never_reported` once per mission none of whose runs reports its primary KPI
 * (naming the file and the column), `primary_kpi_missing` for each other run whose mission's
 * primary KPI has no value (the run stays usable but cannot be scored on the KPI; `placeOf(i)`
 * tells where `runs[i]` was read), and `undeclared_kpi` once per (mission, KPI name) that
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
  const has = (run: Run, kpi: string) => Object.prototype.hasOwnProperty.call(run.kpis, kpi);
  // Missions none of whose runs reports the primary KPI (its column is missing or empty): one
  // warning naming the file and the column, instead of one per run.
  const reported = new Set<string>();
  const firstRun = new Map<string, number>();
  const runCount = new Map<string, number>();
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const kpi = primary.get(run.missionId);
    if (kpi === undefined) continue;
    if (!firstRun.has(run.missionId)) firstRun.set(run.missionId, i);
    runCount.set(run.missionId, (runCount.get(run.missionId) ?? 0) + 1);
    if (has(run, kpi)) reported.add(run.missionId);
  }
  for (const [missionId, i] of firstRun) {
    if (reported.has(missionId)) continue;
    const kpi = primary.get(missionId) as string;
    const { location, kpiPrefix } = placeOf(i);
    const runsOf = runCount.get(missionId) as number;
    sink({
      severity: "warning",
      code: "primary_kpi_never_reported",
      ...locationFields(location),
      field: `${kpiPrefix}${kpi}`,
      expected: `a column or field ${kpiPrefix}${kpi} with the primary KPI's values`,
      found: "no value in any run",
      message:
        `no run of mission ${missionId} reports its primary KPI ${kpi} (${kpiPrefix}${kpi}; ${runsOf} run${runsOf === 1 ? "" : "s"}): ` +
        `human touches, friction and risk are still analysed, but the KPI's trend and target cannot be judged`,
    });
  }
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const kpi = primary.get(run.missionId);
    if (kpi === undefined || has(run, kpi) || !reported.has(run.missionId)) continue;
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
