/**
 * The part of a load shared by both layouts, once missions, KPIs, tasks and runs are known:
 * cross-checks, risk events, then the task-execution stream folded into run-task stats.
 */
import type { TableFile } from "../ingest/dataset-layout";
import {
  foldLedgerStats,
  foldTaskExecutions,
  type FoldResult,
  type FoldTargets,
} from "../ingest/task-executions";
import { aliasesFor } from "../validate/field-aliases";
import type { DatasetFormat, KpiSpec, TaskDefinition } from "../model/dataset";
import { assembleDataset, compareTasks, type DatasetParts } from "../validate/assemble-dataset";
import { checkCoverage } from "../validate/coverage-checks";
import { checkConfusables, checkTimestampRange, type LocatedTimestamp } from "../validate/plausibility";
import { compareText } from "../validate/ordering";
import type { MissionTable } from "../validate/missions";
import type { Located } from "../validate/references";
import { RISK_EVENT_REQUIRED_FIELDS, RiskEventTable } from "../validate/risk-events";
import { checkRunKpis } from "../validate/run-kpi-checks";
import type { RunTable } from "../validate/runs";
import type { TaskExecutionContext } from "../validate/task-executions";
import type { TaskTable } from "../validate/tasks";
import { datasetFingerprint } from "../io/fingerprint";
import type { Dataset } from "../model/dataset";
import { runTaskStatTableFrom } from "../model/run-task-stat-table";
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
  readonly riskEvents?: readonly TableFile[];
  readonly taskExecutions?: readonly TableFile[];
  /** A ledger standing in for runs and task executions (ingest/ledger.ts). */
  readonly ledger?: readonly TableFile[];
}

/** Streams the task executions through DuckDB's check-and-fold (ingest/task-executions). */
async function foldExecutions(
  state: LoadState,
  tables: CoreTables,
  files: readonly TableFile[],
  ordered: { readonly runs: readonly number[]; readonly tasks: readonly TaskDefinition[] },
): Promise<FoldResult> {
  if (!tables.tasks) {
    state.issues.add({
      severity: "error",
      code: "missing_table",
      file: files[0]!.path,
      field: "task_id",
      expected: "task definitions (a tasks table) for the tasks executed",
      found: "no task table",
      message: "task executions are given but no task is defined, so none of their task ids can be checked",
    });
  }
  const targets = foldTargets(tables, ordered);
  const { runIds, missionIds, invalidRunIds } = targets;
  const estimates = new Map<string, Map<string, number>>();
  for (const t of ordered.tasks) {
    let byId = estimates.get(t.missionId);
    if (!byId) estimates.set(t.missionId, (byId = new Map()));
    byId.set(t.taskId, t.estimatedMinutes);
  }
  for (const [mission, task] of targets.invalidTasks) {
    let byId = estimates.get(mission);
    if (!byId) estimates.set(mission, (byId = new Map()));
    byId.set(task, Number.NaN);
  }
  const runMap = new Map<string, string>();
  runIds.forEach((id, i) => runMap.set(id, missionIds[i]!));
  for (const [id, mission] of invalidRunIds) runMap.set(id, mission);
  const context: TaskExecutionContext = {
    runs: runMap,
    tasks: tables.tasks ? estimates : undefined,
    checkRuns: tables.runs.ids.complete,
  };
  return foldTaskExecutions(state.scan, files, aliasesFor(files[0]!.table), targets, context);
}

/** The valid runs and tasks (in dataset order) that task executions or a ledger fold against. */
function foldTargets(
  tables: CoreTables,
  ordered: { readonly runs: readonly number[]; readonly tasks: readonly TaskDefinition[] },
): FoldTargets {
  const valid = tables.runs.runs;
  const runIds = ordered.runs.map((p) => valid[p]!.runId);
  const missionIds = ordered.runs.map((p) => valid[p]!.missionId);
  const validIds = new Set(runIds);
  const invalidRunIds = [...tables.runs.ids.idsWithValues()].filter(([id]) => !validIds.has(id));
  const validTasks = new Set(ordered.tasks.map((t) => `${t.missionId}\u0000${t.taskId}`));
  const invalidTasks: [string, string][] = [];
  for (const key of tables.tasks?.keys.keys() ?? []) {
    if (validTasks.has(key)) continue;
    const cut = key.indexOf("\u0000");
    invalidTasks.push([key.slice(0, cut), key.slice(cut + 1)]);
  }
  return {
    runIds,
    missionIds,
    invalidRunIds,
    tasks: ordered.tasks,
    invalidTasks,
    checkRuns: tables.runs.ids.complete,
    hasTasks: tables.tasks !== undefined,
  };
}

/** Plausibility warnings (validate/plausibility.ts): run times out of range, look-alike ids. */
function checkPlausibility(state: LoadState, tables: CoreTables): void {
  const runs = tables.runs.runs;
  const add = state.issues.add;
  const place = (i: number) => tables.runs.placeOf(i).location;
  function* stamps(): Generator<LocatedTimestamp> {
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i]!;
      // Locations are looked up only for the timestamps out of range.
      yield {
        field: "start_time",
        iso: r.startTime,
        ms: r.startMs,
        get location() {
          return place(i);
        },
      };
      yield {
        field: "end_time",
        iso: r.endTime,
        ms: r.endMs,
        get location() {
          return place(i);
        },
      };
    }
  }
  checkTimestampRange(stamps(), state.nowMs ?? Date.now(), add);
  const missions = tables.missions.missions;
  const missionAt = (i: number) => missions[i]!.location;
  checkConfusables(
    "mission id",
    "mission_id",
    missions.map((m) => m.value.missionId),
    missionAt,
    true,
    add,
  );
  checkConfusables(
    "mission name",
    "name",
    missions.map((m) => m.value.name),
    missionAt,
    false,
    add,
  );
  const tasks = tables.tasks?.tasks ?? [];
  checkConfusables(
    "task id",
    "task_id",
    tasks.map((t) => t.value.taskId),
    (i) => tasks[i]!.location,
    true,
    add,
  );
  checkConfusables(
    "run id",
    "run_id",
    runs.map((r) => r.runId),
    place,
    true,
    add,
  );
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
  checkRunKpis(runs, (i) => tables.runs.placeOf(i), kpis, tables.runs.kpiSightings, state.issues.add);
  checkCoverage(
    tables.missions.missions,
    runs,
    tables.tasks?.tasks.map((t) => t.value),
    state.issues.add,
  );

  checkPlausibility(state, tables);

  const risk = new RiskEventTable();
  if (files.riskEvents) {
    await tablePass(state, files.riskEvents, RISK_EVENT_REQUIRED_FIELDS, (reader) =>
      risk.add(reader, tables.runs.ids, tables.tasks?.keys),
    );
  }
  // Runs and tasks in dataset order, known before the task executions are folded: the fold lays
  // its slots out in that order, so its columns become the run-task table as they are.
  // Sorted by a typed key (start instants, then ids): an index sort reading the run objects would
  // chase a pointer per comparison.
  const starts = Float64Array.from(runs, (r) => r.startMs);
  const runOrder = runs
    .map((_, p) => p)
    .sort((a, b) => starts[a]! - starts[b]! || compareText(runs[a]!.runId, runs[b]!.runId));
  const orderedRuns = runOrder.map((p) => runs[p]!);
  const orderedTasks = (tables.tasks?.tasks.map((t) => t.value) ?? []).sort(compareTasks);
  const executions = files.taskExecutions
    ? await foldExecutions(state, tables, files.taskExecutions, { runs: runOrder, tasks: orderedTasks })
    : files.ledger
      ? await foldLedgerStats(
          state.scan,
          files.ledger,
          foldTargets(tables, { runs: runOrder, tasks: orderedTasks }),
        )
      : undefined;

  state.issues.resolveLines(state.scan.locations);
  state.issues.throwIfErrors(folder);
  const runTaskStats = executions?.table ?? runTaskStatTableFrom([], orderedRuns);
  const parts: DatasetParts = {
    source: { folder, format, files: [...state.files], fingerprint: datasetFingerprint(state.files, folder) },
    missions: tables.missions.missions.map((m) => m.value),
    kpis,
    tasks: orderedTasks,
    runs: orderedRuns,
    runTaskStats,
    riskEvents: risk.events,
    taskExecutionCount: executions?.executions ?? 0,
    warnings: state.issues.warnings,
    ordered: true,
  };
  return assembleDataset(parts);
}
