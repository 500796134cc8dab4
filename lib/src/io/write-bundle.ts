/**
 * Writes a generated portfolio in the reference engine's JSON bundle format (one JSON array per
 * file, pretty-printed like the engine's own files) plus the KPI sidecar `mission_kpi_config.json`:
 * streamed element by element with back-pressure, every file atomic, nothing left behind on failure.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { kpiRows, missionRows, runRecords, taskRows, type Portfolio } from "../generate/portfolio";
import type { KpiSpec, Mission, RiskEvent, Run, TaskDefinition } from "../model/dataset";
import type { TaskExecutionRow } from "../generate/simulate-run";
import type { AtomicWriteStream } from "./atomic-file";
import { AtomicFileSet, folderEntries, removeIfPresent } from "./atomic-file-set";
import { BUNDLE_FILES, CANONICAL_EXTENSIONS, CANONICAL_TABLES } from "../ingest/dataset-layout";
import { OutputFolderNotEmptyError } from "./write-tables";

/** A bundle file stem (`business_missions`, …, and the sidecar `mission_kpi_config`). */
export type BundleFileStem = (typeof BUNDLE_FILES)[keyof typeof BUNDLE_FILES];

/** One bundle file written. */
export interface WrittenBundleFile {
  readonly file: BundleFileStem;
  /** Path of the file (the folder joined with `<stem>.json`). */
  readonly path: string;
  /** Elements of the file's array. */
  readonly rows: number;
  readonly bytes: number;
}

/** What {@link writePortfolioBundle} wrote. */
export interface WriteBundleResult {
  readonly folder: string;
  readonly format: "bundle";
  /** In writing order. */
  readonly files: readonly WrittenBundleFile[];
  /** Canonical table files removed (with `force`) so that the folder holds one dataset. */
  readonly removed: readonly string[];
  /** Wall-clock time, seconds. */
  readonly seconds: number;
}

/** Options of {@link writePortfolioBundle}. */
export interface WriteBundleOptions {
  /** Write into a non-empty folder, replacing the bundle's files (default false: refuse). */
  readonly force?: boolean;
  /** Called after every `progressEvery` runs and once at the end with (runs written, total runs). */
  readonly onProgress?: (runsWritten: number, totalRuns: number) => void;
  /** Default 10,000. */
  readonly progressEvery?: number;
}

/** The bundle's files in writing order. */
const BUNDLE_ORDER: readonly BundleFileStem[] = [
  BUNDLE_FILES.missions,
  BUNDLE_FILES.kpis,
  BUNDLE_FILES.kpiConfig,
  BUNDLE_FILES.tasks,
  BUNDLE_FILES.runs,
  BUNDLE_FILES.taskExecutions,
  BUNDLE_FILES.riskEvents,
];

/** Elements buffered before one write. */
const BATCH_ELEMENTS = 256;

/** A JSON array file being written: `[`, elements separated by `,\n`, `]`. */
class ArraySink {
  rows = 0;
  private pending: string[] = [];

  constructor(
    readonly file: BundleFileStem,
    readonly out: AtomicWriteStream,
    /** One element per line, compact (the sidecar), instead of pretty-printed. */
    private readonly compact = false,
  ) {}

  async add(element: unknown): Promise<void> {
    const text = this.compact
      ? `  ${JSON.stringify(element)}`
      : `  ${JSON.stringify(element, null, 2).replace(/\n/g, "\n  ")}`;
    this.pending.push(this.rows === 0 ? `[\n${text}` : `,\n${text}`);
    this.rows++;
    if (this.pending.length >= BATCH_ELEMENTS) await this.flush();
  }

  async finish(): Promise<void> {
    this.pending.push(this.rows === 0 ? "[]\n" : "\n]\n");
    await this.flush();
  }

  private async flush(): Promise<void> {
    const text = this.pending.join("");
    this.pending = [];
    await this.out.write(text);
  }
}

/** Drops `undefined` fields (JSON.stringify would too; this keeps the element types honest). */
function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

const missionElement = (m: Mission): unknown => ({
  mission_id: m.missionId,
  mission_name: m.name,
  description: m.description,
});

const taskElement = (t: TaskDefinition): unknown => ({
  task_id: t.taskId,
  task: t.name,
  order: t.order,
  depends_on: t.dependsOn,
  estimated_duration_minutes: t.estimatedMinutes,
  requires_human_approval: t.requiresApproval,
});

const configElement = (k: KpiSpec): unknown =>
  defined({
    mission_id: k.missionId,
    kpi: k.kpi,
    direction: k.direction,
    primary: k.primary,
    unit: k.unit,
    target_date: k.targetDate,
  });

const runElement = (r: Run): unknown => ({
  run_id: r.runId,
  mission_id: r.missionId,
  start_time: r.startTime,
  end_time: r.endTime,
  status: r.status,
  total_duration_minutes: r.durationMinutes,
  kpis: r.kpis,
  human_interventions: r.humanInterventions,
  escalations: r.escalations,
  risk_flagged: r.riskFlagged,
});

const executionElement = (e: TaskExecutionRow): unknown => ({
  run_id: e.runId,
  mission_id: e.missionId,
  task_id: e.taskId,
  agent_id: e.agentId,
  actual_duration_minutes: e.actualMinutes,
  human_approval_required: e.approvalRequired,
  human_delay_minutes: e.humanDelayMinutes,
  outcome: e.outcome,
});

const riskElement = (e: RiskEvent): unknown =>
  defined({
    event_id: e.eventId,
    run_id: e.runId,
    mission_id: e.missionId,
    task_id: e.taskId,
    risk_type: e.riskType,
    severity: e.severity,
    description: e.description,
    detected_at: e.detectedAt,
    status: e.status,
  });

/** Per mission: its `target_<kpi>` and `baseline_<kpi>` numbers, KPIs in plan order. */
function kpiTargetElements(portfolio: Portfolio): unknown[] {
  const byMission = new Map<string, Record<string, number>>();
  for (const m of missionRows(portfolio)) byMission.set(m.missionId, {});
  for (const k of kpiRows(portfolio)) {
    const kpis = byMission.get(k.missionId) ?? {};
    if (k.target !== undefined) kpis[`target_${k.kpi}`] = k.target;
    if (k.baseline !== undefined) kpis[`baseline_${k.kpi}`] = k.baseline;
    byMission.set(k.missionId, kpis);
  }
  return [...byMission].map(([missionId, kpis]) => ({ mission_id: missionId, kpis }));
}

/** Per mission: its tasks in plan order. */
function taskGroupElements(portfolio: Portfolio): unknown[] {
  const byMission = new Map<string, unknown[]>();
  for (const m of missionRows(portfolio)) byMission.set(m.missionId, []);
  for (const t of taskRows(portfolio)) byMission.get(t.missionId)?.push(taskElement(t));
  return [...byMission].map(([missionId, tasks]) => ({ mission_id: missionId, tasks }));
}

async function writeAll(
  portfolio: Portfolio,
  sinks: Readonly<Record<BundleFileStem, ArraySink>>,
  options: WriteBundleOptions,
): Promise<void> {
  for (const m of missionRows(portfolio)) await sinks.business_missions.add(missionElement(m));
  for (const e of kpiTargetElements(portfolio)) await sinks.mission_kpis.add(e);
  for (const k of kpiRows(portfolio)) await sinks.mission_kpi_config.add(configElement(k));
  for (const e of taskGroupElements(portfolio)) await sinks.decomposed_mission_tasks.add(e);
  const every = Math.max(1, options.progressEvery ?? 10_000);
  let done = 0;
  for (const record of runRecords(portfolio)) {
    await sinks.mission_runs.add(runElement(record.run));
    for (const e of record.executions) await sinks.task_execution_logs.add(executionElement(e));
    for (const r of record.riskEvents) await sinks.mission_risk_events.add(riskElement(r));
    done++;
    if (options.onProgress && done % every === 0) options.onProgress(done, portfolio.totalRuns);
  }
  for (const stem of BUNDLE_ORDER) await sinks[stem].finish();
  if (done % every !== 0 || done === 0) options.onProgress?.(done, portfolio.totalRuns);
}

/**
 * Writes `portfolio` into `folder` (created if missing) as the reference JSON bundle: the six
 * bundle files and the KPI sidecar, each one JSON array — business missions (`mission_name`; the
 * bundle has no owner, AI role or escalation path), KPI baselines and targets per mission, the
 * sidecar (direction, primary, unit, target date per KPI), tasks grouped per mission, runs
 * (`total_duration_minutes`), task execution logs (`actual_duration_minutes`,
 * `human_approval_required`) and risk events. Loading the folder gives the same runs, tasks, KPI
 * specs, run-task stats and risk events as the canonical tables of the same portfolio.
 *
 * All files are streamed to temporary files and renamed into place only once all are complete; on
 * failure the temporary files are removed and files that did not exist before are not left behind.
 * With `force`, existing bundle files are replaced and the canonical tables' files removed
 * afterwards (a folder holding both layouts could not be loaded); other files are left alone.
 *
 * @throws OutputFolderNotEmptyError when `folder` holds anything and `force` is not set
 * @throws Error when `folder` is a file, or on any write failure (after cleaning up)
 * @example const r = await writePortfolioBundle(planPortfolio({ preset: "demo" }), "out/demo-bundle");
 *   r.files.map((f) => f.rows).slice(0, 5) // → [6, 6, <KPIs>, 6, 160]
 */
export async function writePortfolioBundle(
  portfolio: Portfolio,
  folder: string,
  options: WriteBundleOptions = {},
): Promise<WriteBundleResult> {
  const began = performance.now();
  const before = await folderEntries(folder);
  if (before.length > 0 && !options.force) throw new OutputFolderNotEmptyError(folder, before);
  const sinkList: ArraySink[] = [];
  const set = new AtomicFileSet(before);
  try {
    const sinks = {} as Record<BundleFileStem, ArraySink>;
    for (const stem of BUNDLE_ORDER) {
      const out = await set.open(join(folder, `${stem}.json`));
      const sink = new ArraySink(stem, out, stem === BUNDLE_FILES.kpiConfig);
      sinks[stem] = sink;
      sinkList.push(sink);
    }
    await writeAll(portfolio, sinks, options);
    await set.commitAll();
  } catch (e) {
    await set.rollback();
    throw e;
  }
  const removed = await removeIfPresent(
    folder,
    CANONICAL_TABLES.flatMap((table) => CANONICAL_EXTENSIONS.map(([ext]) => `${table}${ext}`)),
    before,
  );
  const files: WrittenBundleFile[] = [];
  for (const sink of sinkList) {
    files.push({
      file: sink.file,
      path: sink.out.target,
      rows: sink.rows,
      bytes: (await stat(sink.out.target)).size,
    });
  }
  return { folder, format: "bundle", files, removed, seconds: (performance.now() - began) / 1000 };
}
