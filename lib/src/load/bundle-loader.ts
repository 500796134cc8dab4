/**
 * Loads the reference engine's JSON bundle (business_missions.json, mission_runs.json, …) plus the
 * KPI sidecar mission_kpi_config.json.
 */
import { basename, join } from "node:path";
import { BUNDLE_FILES, type DatasetLayout } from "../ingest/dataset-layout";
import type { Dataset } from "../model/dataset";
import {
  buildBundleKpis,
  knownKpiNames,
  MissionKpiTargets,
  type BundleKpiInput,
} from "../validate/bundle-kpis";
import { addBundleTaskGroup } from "../validate/bundle-tasks";
import { aliasesFor } from "../validate/field-aliases";
import { checkPrimaryKpis, KPI_REQUIRED_FIELDS, KpiTable } from "../validate/kpis";
import { MISSION_REQUIRED_FIELDS, MissionTable } from "../validate/missions";
import { reportIfEmpty } from "../validate/references";
import { RUN_REQUIRED_FIELDS, RunTable } from "../validate/runs";
import { TaskTable } from "../validate/tasks";
import { finishLoad } from "./finish-load";
import { tablePass, type LoadState } from "./table-pass";

/**
 * Reads and validates a bundle in order business_missions, mission_kpis, the KPI sidecar,
 * decomposed_mission_tasks, mission_runs, then (KPI specs built) mission_risk_events and
 * task_execution_logs. Throws `DatasetLoadError` with every fatal problem.
 */
export async function loadBundle(layout: DatasetLayout, state: LoadState): Promise<Dataset> {
  const files = layout.tables;
  const missionsFile = files[BUNDLE_FILES.missions];
  const missions = new MissionTable();
  missions.ids.complete = false;
  if (missionsFile) {
    missions.ids.source = basename(missionsFile[0]!.path);
    missions.ids.complete = await tablePass(state, missionsFile, MISSION_REQUIRED_FIELDS, (r) =>
      missions.add(r),
    );
    reportIfEmpty(missions.ids, missionsFile[0]!.path, "mission", state.issues.add);
  }

  const targets = new MissionKpiTargets();
  const targetsFile = files[BUNDLE_FILES.kpis];
  targets.ids.complete = false;
  if (targetsFile) {
    targets.ids.complete = await tablePass(state, targetsFile, [], (r) => targets.add(r, missions.ids));
  }

  const configFile = files[BUNDLE_FILES.kpiConfig];
  let config: KpiTable | undefined;
  if (configFile) {
    const table = new KpiTable(false);
    table.keys.complete = await tablePass(state, configFile, KPI_REQUIRED_FIELDS, (r) =>
      table.add(r, missions.ids),
    );
    config = table;
  }

  let tasks: TaskTable | undefined;
  const tasksFile = files[BUNDLE_FILES.tasks];
  if (tasksFile) {
    const table = new TaskTable();
    const aliases = aliasesFor(BUNDLE_FILES.tasks);
    table.keys.source = basename(tasksFile[0]!.path);
    table.keys.complete = await tablePass(state, tasksFile, [], (r) =>
      addBundleTaskGroup(r, table, missions.ids, aliases, state.issues.add),
    );
    table.checkDependencies(state.issues.add);
    tasks = table;
  }

  const runs = new RunTable();
  const runsFile = files[BUNDLE_FILES.runs];
  runs.ids.complete = false;
  if (runsFile) {
    runs.ids.source = basename(runsFile[0]!.path);
    runs.ids.complete = await tablePass(state, runsFile, RUN_REQUIRED_FIELDS, (r) =>
      runs.add(r, missions.ids),
    );
    reportIfEmpty(runs.ids, runsFile[0]!.path, "run", state.issues.add);
  }

  const missionIds = missions.missions.map((m) => m.value.missionId);
  const configPath = configFile?.[0]?.path ?? join(layout.folder, `${BUNDLE_FILES.kpiConfig}.json`);
  const input: BundleKpiInput = { missionIds, targets, config, configPath, sightings: runs.kpiSightings };
  const kpis = missions.ids.complete ? buildBundleKpis(input, state.issues.add) : [];
  if (config?.keys.complete && missions.ids.complete) {
    checkPrimaryKpis(missionIds, config.claims, configPath, state.issues.add, (id) =>
      knownKpiNames(input, id),
    );
  }

  return finishLoad(
    state,
    layout.folder,
    "bundle",
    { missions, kpis, tasks, runs },
    { riskEvents: files[BUNDLE_FILES.riskEvents], taskExecutions: files[BUNDLE_FILES.taskExecutions] },
  );
}
