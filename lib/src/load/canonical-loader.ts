/**
 * Loads the canonical layout: one file per table (missions, kpis, tasks, runs, risk_events,
 * task_executions), each CSV, JSON array or NDJSON.
 */
import type { DatasetLayout } from "../ingest/dataset-layout";
import { basename } from "node:path";
import type { Dataset } from "../model/dataset";
import { checkPrimaryKpis, KPI_REQUIRED_FIELDS, KpiTable } from "../validate/kpis";
import { MISSION_REQUIRED_FIELDS, MissionTable } from "../validate/missions";
import { reportIfEmpty } from "../validate/references";
import { RUN_REQUIRED_FIELDS, RunTable } from "../validate/runs";
import { TASK_REQUIRED_FIELDS, TaskTable } from "../validate/tasks";
import { finishLoad } from "./finish-load";
import { tablePass, type LoadState } from "./table-pass";

/**
 * Reads and validates a canonical dataset in order missions, kpis, tasks, runs, risk events, task
 * executions. Throws `DatasetLoadError` with every fatal problem (layout problems included).
 */
export async function loadCanonical(layout: DatasetLayout, state: LoadState): Promise<Dataset> {
  const files = layout.tables;
  const missions = new MissionTable();
  missions.ids.complete = false;
  if (files.missions) {
    missions.ids.source = basename(files.missions[0]!.path);
    missions.ids.complete = await tablePass(state, files.missions, MISSION_REQUIRED_FIELDS, (r) =>
      missions.add(r),
    );
    reportIfEmpty(missions.ids, files.missions[0]!.path, "mission", state.issues.add);
  }

  const kpis = new KpiTable(true);
  if (files.kpis) {
    const complete = await tablePass(state, files.kpis, KPI_REQUIRED_FIELDS, (r) =>
      kpis.add(r, missions.ids),
    );
    if (complete && missions.ids.complete) {
      const ids = missions.missions.map((m) => m.value.missionId);
      checkPrimaryKpis(ids, kpis.claims, files.kpis[0]!.path, state.issues.add);
    }
  }

  let tasks: TaskTable | undefined;
  if (files.tasks) {
    const table = new TaskTable();
    table.keys.source = basename(files.tasks[0]!.path);
    table.keys.complete = await tablePass(state, files.tasks, TASK_REQUIRED_FIELDS, (r) =>
      table.addRecord(r, missions.ids),
    );
    table.checkDependencies(state.issues.add);
    tasks = table;
  }

  const runs = new RunTable();
  runs.ids.complete = false;
  const runFiles = files.runs ?? files.ledger;
  if (runFiles) {
    runs.ids.source = basename(runFiles[0]!.path);
    runs.ids.complete = await tablePass(
      state,
      runFiles,
      RUN_REQUIRED_FIELDS,
      (r) => runs.add(r, missions.ids),
      files.runs ? {} : { ledgerRuns: true },
    );
    reportIfEmpty(runs.ids, runFiles[0]!.path, "run", state.issues.add);
  }

  return finishLoad(
    state,
    layout.folder,
    "canonical",
    { missions, kpis: kpis.specs, tasks, runs },
    { riskEvents: files.risk_events, taskExecutions: files.task_executions, ledger: files.ledger },
  );
}
