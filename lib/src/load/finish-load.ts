/**
 * The part of a load shared by both layouts, once missions, KPIs, tasks and runs are known:
 * cross-checks, risk events, then the task-execution stream folded into run-task stats.
 */
import type { TableFile } from "../io/source-record";
import type { DatasetFormat, KpiSpec, RunTaskStat } from "../model/dataset";
import { assembleDataset, type DatasetParts } from "../validate/assemble-dataset";
import { checkCoverage } from "../validate/coverage-checks";
import type { MissionTable } from "../validate/missions";
import type { Located } from "../validate/references";
import { RISK_EVENT_REQUIRED_FIELDS, RiskEventTable } from "../validate/risk-events";
import { checkRunKpis } from "../validate/run-kpi-checks";
import { RunTaskStatFolder } from "../validate/run-task-fold";
import type { RunTable } from "../validate/runs";
import type { TaskExecutionContext } from "../validate/task-executions";
import type { TaskTable } from "../validate/tasks";
import { datasetFingerprint } from "../io/fingerprint";
import type { Dataset } from "../model/dataset";
import { readTaskExecutions } from "./task-execution-reader";
import { tablePass, type LoadState } from "./table-pass";

/** The tables read before risk events and task executions. */
export interface CoreTables {
  readonly missions: MissionTable;
  readonly kpis: readonly Located<KpiSpec>[];
  /** Undefined when the dataset has no task table. */
  readonly tasks: TaskTable | undefined;
  readonly runs: RunTable;
}

/** Where risk events and task executions are, when present. */
export interface TailFiles {
  readonly riskEvents?: TableFile;
  readonly taskExecutions?: TableFile;
}

/** Context for task executions from everything registered so far (valid or not). */
function executionContext(tables: CoreTables): TaskExecutionContext {
  const runs = new Map<string, string>();
  for (const runId of tables.runs.ids.keys()) runs.set(runId, tables.runs.ids.get(runId) ?? "");
  let tasks: Map<string, Map<string, number>> | undefined;
  if (tables.tasks) {
    tasks = new Map();
    for (const key of tables.tasks.keys.keys()) {
      const [missionId = "", taskId = ""] = key.split("\u0000");
      let byId = tasks.get(missionId);
      if (!byId) {
        byId = new Map();
        tasks.set(missionId, byId);
      }
      byId.set(taskId, tables.tasks.keys.get(key) ?? Number.NaN);
    }
  }
  return { runs, tasks, checkRuns: tables.runs.ids.complete };
}

/** Streams the task executions, validating each and folding it; never keeps the rows. */
async function foldExecutions(
  state: LoadState,
  tables: CoreTables,
  file: TableFile,
): Promise<{ stats: RunTaskStat[]; count: number }> {
  if (!tables.tasks) {
    state.issues.add({
      severity: "error",
      code: "missing_table",
      file: file.path,
      field: "task_id",
      expected: "task definitions (a tasks table) for the tasks executed",
      found: "no task table",
      message: "task executions are given but no task is defined, so none of their task ids can be checked",
    });
  }
  const context = executionContext(tables);
  const folder = new RunTaskStatFolder(
    [...(context.tasks ?? new Map<string, Map<string, number>>())].flatMap(([missionId, byId]) =>
      [...byId].map(([taskId, estimatedMinutes]) => ({ missionId, taskId, estimatedMinutes })),
    ),
  );
  let count = 0;
  for await (const execution of readTaskExecutions(file, context, {
    onIssue: state.issues.add,
    onComplete: (source) => state.files.push(source),
  })) {
    count++;
    if (context.tasks) folder.add(execution);
  }
  return { stats: folder.stats(), count };
}

/**
 * Runs the shared tail of a load and, when no fatal problem was found anywhere, assembles the
 * dataset. Throws `DatasetLoadError` listing every fatal problem otherwise.
 */
export async function finishLoad(
  state: LoadState,
  folder: string,
  format: DatasetFormat,
  tables: CoreTables,
  files: TailFiles,
): Promise<Dataset> {
  const kpis = tables.kpis.map((k) => k.value);
  const runs = tables.runs.runs;
  checkRunKpis(runs, kpis, tables.runs.kpiSightings, state.issues.add);
  checkCoverage(
    tables.missions.missions,
    runs.map((r) => r.value),
    tables.tasks?.tasks.map((t) => t.value),
    state.issues.add,
  );

  const risk = new RiskEventTable();
  if (files.riskEvents) {
    await tablePass(state, files.riskEvents, RISK_EVENT_REQUIRED_FIELDS, (reader) =>
      risk.add(reader, tables.runs.ids, tables.tasks?.keys),
    );
  }
  const executions = files.taskExecutions
    ? await foldExecutions(state, tables, files.taskExecutions)
    : { stats: [], count: 0 };

  state.issues.throwIfErrors(folder);
  const parts: DatasetParts = {
    source: { folder, format, files: [...state.files], fingerprint: datasetFingerprint(state.files) },
    missions: tables.missions.missions.map((m) => m.value),
    kpis,
    tasks: tables.tasks?.tasks.map((t) => t.value) ?? [],
    runs: runs.map((r) => r.value),
    runTaskStats: executions.stats,
    riskEvents: risk.events.map((e) => e.value),
    taskExecutionCount: executions.count,
    warnings: state.issues.warnings,
  };
  return assembleDataset(parts);
}
