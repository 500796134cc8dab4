/**
 * The part of a load shared by both layouts, once missions, KPIs, tasks and runs are known:
 * cross-checks, risk events, then the task-execution stream folded into run-task stats.
 */
import type { TableFile } from "../io/source-record";
import type { DatasetFormat, KpiSpec, SourceFile, TaskDefinition } from "../model/dataset";
import {
  assembleDataset,
  compareTasks,
  taskPositions,
  type DatasetParts,
} from "../validate/assemble-dataset";
import { checkCoverage } from "../validate/coverage-checks";
import { checkConfusables, checkTimestampRange, type LocatedTimestamp } from "../validate/plausibility";
import { compareText } from "../validate/ordering";
import type { MissionTable } from "../validate/missions";
import type { Located } from "../validate/references";
import { RISK_EVENT_REQUIRED_FIELDS, RiskEventTable } from "../validate/risk-events";
import { checkRunKpis } from "../validate/run-kpi-checks";
import { RunTaskAccumulator, type OrderedRuns } from "../validate/run-task-accumulator";
import type { RunTable } from "../validate/runs";
import type { TaskExecutionContext } from "../validate/task-executions";
import type { TaskTable } from "../validate/tasks";
import { datasetFingerprint } from "../io/fingerprint";
import type { Dataset } from "../model/dataset";
import { runTaskStatTableFrom } from "../model/run-task-stat-table";
import { foldExecutionsInto } from "./task-execution-reader";
import {
  findFoldSplit,
  FOLD_WORKER_SCRIPT,
  type FoldSplit,
  type ParallelFoldPlan,
  foldOnTwoThreads,
  foldThreads,
  PARALLEL_FOLD_MIN_BYTES,
} from "./parallel-fold";
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

/**
 * Mission id → task id → estimate of every task registered so far (valid or not): the valid tasks
 * first, in dataset order (`ordered`), so that the fold's slots are already in the table's order.
 */
function taskEstimates(
  tasks: TaskTable,
  ordered: readonly TaskDefinition[],
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const add = (missionId: string, taskId: string): void => {
    let byId = out.get(missionId);
    if (!byId) {
      byId = new Map();
      out.set(missionId, byId);
    }
    if (!byId.has(taskId)) byId.set(taskId, tasks.keys.get(`${missionId}\u0000${taskId}`) ?? Number.NaN);
  };
  for (const t of ordered) add(t.missionId, t.taskId);
  for (const key of tasks.keys.keys()) {
    const cut = key.indexOf("\u0000");
    add(key.slice(0, cut), key.slice(cut + 1));
  }
  return out;
}

/**
 * The runs the fold is given: the valid runs in dataset order (`order` lists their positions in
 * `runs`, the runs file's order) with, for each, the run after it in the file; any invalid runs
 * after them.
 */
function runsForFold(
  runs: RunTable,
  order: readonly number[],
): OrderedRuns | Iterable<readonly [string, string]> {
  const valid = runs.runs;
  if (runs.ids.size > valid.length) {
    // Invalid runs too (the load will fail): every run id, the valid ones first.
    return (function* (): Generator<[string, string], void, undefined> {
      for (const p of order) yield [valid[p]!.runId, valid[p]!.missionId];
      yield* runs.ids.idsWithValues();
    })();
  }
  const runIds = order.map((p) => valid[p]!.runId);
  const missionIds = order.map((p) => valid[p]!.missionId);
  const indexOfPosition = new Int32Array(valid.length);
  order.forEach((p, k) => (indexOfPosition[p] = k));
  const next = new Int32Array(order.length);
  order.forEach((p, k) => (next[k] = p + 1 < valid.length ? indexOfPosition[p + 1]! : -1));
  // Every registered run is valid: registration number = position, so the id index already built
  // while reading the runs gives each run's index through `indexOfPosition` (no second map).
  const numbering = runs.ids.numbering;
  const index = {
    get: (runId: string): number | undefined => {
      const p = numbering.get(runId);
      return p === undefined ? undefined : indexOfPosition[p];
    },
    size: numbering.size,
  };
  return { runIds, missionIds, next, index, ...(valid.length > 0 ? { first: indexOfPosition[0]! } : {}) };
}

/** Streams the task executions, validating each and folding it; never keeps the rows. */
async function foldExecutions(
  state: LoadState,
  tables: CoreTables,
  file: TableFile,
  ordered: { readonly runs: readonly number[]; readonly tasks: readonly TaskDefinition[] },
): Promise<RunTaskAccumulator> {
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
  const tasks = tables.tasks ? taskEstimates(tables.tasks, ordered.tasks) : undefined;
  const runs = runsForFold(tables.runs, ordered.runs);
  // Two threads for a large file of valid runs (see parallel-fold.ts): columns shared, runs claimed.
  const split: FoldSplit | string = !tasks
    ? "no task definitions"
    : !("runIds" in runs)
      ? "some runs are invalid"
      : foldThreads(state.fold) < 2
        ? FOLD_WORKER_SCRIPT
          ? "one thread asked for, or one core"
          : "the worker script is not built"
        : await findFoldSplit(file, state.fold?.minBytes ?? PARALLEL_FOLD_MIN_BYTES);
  const owner =
    typeof split !== "string"
      ? new Int32Array(new SharedArrayBuffer(4 * (runs as OrderedRuns).runIds.length))
      : undefined;
  const accumulator = new RunTaskAccumulator(
    runs,
    tasks ?? new Map(),
    owner ? { shared: true, claims: { owner, mark: 1 } } : {},
  );
  const context: TaskExecutionContext = {
    runs: accumulator.runMissionMap,
    tasks,
    checkRuns: tables.runs.ids.complete,
  };
  const options = { onIssue: state.issues.add, onComplete: (source: SourceFile) => state.files.push(source) };
  let why = typeof split === "string" ? split : "";
  if (typeof split !== "string" && owner && tasks && FOLD_WORKER_SCRIPT) {
    const plan: ParallelFoldPlan = {
      split,
      runs: runs as OrderedRuns,
      tasks,
      owner,
      mark: 1,
      script: FOLD_WORKER_SCRIPT,
    };
    const done = await foldOnTwoThreads(file, accumulator, context, options, plan);
    if (done === true) {
      state.fold?.onFold?.({ threads: 2 });
      return accumulator;
    }
    why = done;
  }
  await foldExecutionsInto(file, accumulator, context, options);
  state.fold?.onFold?.({ threads: 1, reason: why });
  return accumulator;
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
    : undefined;

  state.issues.throwIfErrors(folder);
  const runTaskStats =
    executions?.takeTable(
      orderedRuns.map((r) => r.runId),
      taskPositions(orderedTasks),
    ) ?? runTaskStatTableFrom([], orderedRuns);
  const parts: DatasetParts = {
    source: { folder, format, files: [...state.files], fingerprint: datasetFingerprint(state.files) },
    missions: tables.missions.missions.map((m) => m.value),
    kpis,
    tasks: orderedTasks,
    runs: orderedRuns,
    runTaskStats,
    riskEvents: risk.events,
    taskExecutionCount: executions?.count ?? 0,
    warnings: state.issues.warnings,
    ordered: true,
  };
  return assembleDataset(parts);
}
