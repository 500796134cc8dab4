/**
 * Writes a generated portfolio as a canonical dataset folder: one `<table>.csv` or
 * `<table>.ndjson` per table, streamed row by row with back-pressure (memory stays flat for
 * millions of rows), each file atomic, and no file at all if anything fails before the end.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import {
  GENERATED_TABLES,
  csvColumns,
  toCsvCells,
  toNdjsonLine,
  type GeneratedTable,
  type GeneratedRowTypes,
} from "../generate/canonical-records";
import { kpiRows, missionRows, runRecords, taskRows, type Portfolio } from "../generate/portfolio";
import type { AtomicWriteStream } from "./atomic-file";
import { AtomicFileSet, folderEntries, removeIfPresent } from "./atomic-file-set";
import { BUNDLE_FILES } from "../ingest/dataset-layout";

/** File format of every table of a written dataset. */
export type TableFileFormat = "csv" | "ndjson";

/** One file written. */
export interface WrittenTable {
  readonly table: GeneratedTable;
  /** Path of the file (the folder joined with `<table>.<format>`). */
  readonly path: string;
  /** Data rows (CSV header not counted). */
  readonly rows: number;
  readonly bytes: number;
}

/** What {@link writePortfolioTables} wrote. */
export interface WriteTablesResult {
  readonly folder: string;
  readonly format: TableFileFormat;
  /** In writing order (missions, kpis, tasks, runs, task_executions, risk_events). */
  readonly files: readonly WrittenTable[];
  /**
   * Files of the same tables in another format (`.csv`, `.json`, `.ndjson`, `.parquet`) and reference-bundle
   * files, removed so the folder holds one dataset.
   */
  readonly removed: readonly string[];
  /** Wall-clock time, seconds. */
  readonly seconds: number;
}

/** Options of {@link writePortfolioTables}. */
export interface WriteTablesOptions {
  readonly format: TableFileFormat;
  /** Write into a non-empty folder, replacing the tables' files (default false: refuse). */
  readonly force?: boolean;
  /** Called after every `progressEvery` runs and once at the end with (runs written, total runs). */
  readonly onProgress?: (runsWritten: number, totalRuns: number) => void;
  /** Default 10,000. */
  readonly progressEvery?: number;
}

/** Thrown when the output folder already holds files and `force` was not given. */
export class OutputFolderNotEmptyError extends Error {
  readonly folder: string;
  /** Up to five names found in the folder. */
  readonly entries: readonly string[];
  constructor(folder: string, entries: readonly string[]) {
    super(
      `${folder} is not empty (${entries.slice(0, 5).join(", ")}${entries.length > 5 ? ", …" : ""}); ` +
        "choose an empty folder or pass --force to overwrite",
    );
    this.name = "OutputFolderNotEmptyError";
    this.folder = folder;
    this.entries = entries.slice(0, 5);
  }
}

/** Extensions a loader would also accept for a table, removed after a forced write. */
const OTHER_EXTENSIONS: Readonly<Record<TableFileFormat, readonly string[]>> = {
  csv: ["json", "ndjson", "parquet"],
  ndjson: ["csv", "json", "parquet"],
};

/** Rows buffered before one write: large enough to amortise stringify calls, small for memory. */
const BATCH_ROWS = 512;

/** A table file being written: batches rows, writes with back-pressure, counts rows. */
class TableSink<T extends GeneratedTable> {
  rows = 0;
  private batch: string[][] = [];
  private lines: string[] = [];

  constructor(
    readonly table: T,
    readonly out: AtomicWriteStream,
    private readonly format: TableFileFormat,
    private readonly kpiNames: readonly string[],
  ) {}

  async start(): Promise<void> {
    if (this.format === "csv") await this.out.write(stringify([csvColumns(this.table, this.kpiNames)]));
  }

  async add(row: GeneratedRowTypes[T]): Promise<void> {
    this.rows++;
    if (this.format === "csv") {
      this.batch.push(toCsvCells(this.table, row, this.kpiNames));
      if (this.batch.length >= BATCH_ROWS) await this.flush();
    } else {
      this.lines.push(toNdjsonLine(this.table, row));
      if (this.lines.length >= BATCH_ROWS) await this.flush();
    }
  }

  async flush(): Promise<void> {
    if (this.batch.length > 0) {
      const text = stringify(this.batch);
      this.batch = [];
      await this.out.write(text);
    }
    if (this.lines.length > 0) {
      const text = this.lines.join("");
      this.lines = [];
      await this.out.write(text);
    }
  }
}

type AnySink = TableSink<GeneratedTable>;
/** One sink per table, each typed with its own row type. */
type Sinks = { readonly [T in GeneratedTable]: TableSink<T> };

/** What {@link writePortfolioRows} writes each table's rows into. */
export interface RowSink<T extends GeneratedTable> {
  start(): Promise<void>;
  add(row: GeneratedRowTypes[T]): Promise<void>;
  /** Called once every row was added (a sink that finishes later has none). */
  flush?(): Promise<void>;
}

/**
 * Streams every generated row of `portfolio` into one sink per table — missions, KPIs and tasks,
 * then each run with its task executions and risk events — reporting progress every
 * `progressEvery` runs; the one loop every table writer (CSV, NDJSON, Parquet) shares.
 *
 * @example await writePortfolioRows(portfolio, sinks, { progressEvery: 10_000 }) // every sink flushed
 */
export async function writePortfolioRows(
  portfolio: Portfolio,
  sinks: { readonly [T in GeneratedTable]: RowSink<T> },
  options: Pick<WriteTablesOptions, "onProgress" | "progressEvery">,
): Promise<void> {
  for (const sink of Object.values(sinks)) await sink.start();
  for (const m of missionRows(portfolio)) await sinks.missions.add(m);
  for (const k of kpiRows(portfolio)) await sinks.kpis.add(k);
  for (const t of taskRows(portfolio)) await sinks.tasks.add(t);
  const every = Math.max(1, options.progressEvery ?? 10_000);
  let done = 0;
  for (const record of runRecords(portfolio)) {
    await sinks.runs.add(record.run);
    for (const e of record.executions) await sinks.task_executions.add(e);
    for (const r of record.riskEvents) await sinks.risk_events.add(r);
    done++;
    if (options.onProgress && done % every === 0) options.onProgress(done, portfolio.totalRuns);
  }
  for (const sink of Object.values(sinks)) await sink.flush?.();
  if (done % every !== 0 || done === 0) options.onProgress?.(done, portfolio.totalRuns);
}

/**
 * Writes every canonical table of `portfolio` into `folder` (created if missing).
 *
 * All six files are streamed to temporary files first and renamed into place only once all are
 * complete; on any failure the temporary files are removed, and files that did not exist before
 * are not left behind. With `force`, existing table files are replaced and the same tables' files
 * in another format (e.g. `runs.csv` when writing NDJSON) are removed afterwards, as are the files
 * of a reference bundle (the folder would otherwise hold two layouts); other files in the folder
 * are left alone.
 *
 * @throws OutputFolderNotEmptyError when `folder` holds anything and `force` is not set
 * @throws Error when `folder` is a file, or on any write failure (after cleaning up)
 * @example const r = await writePortfolioTables(planPortfolio({ preset: "demo" }), "out/demo", { format: "csv" });
 *   r.files.map((f) => f.rows) // → [6, 8, 30, 160, <executions>, <risk events>]
 */
export async function writePortfolioTables(
  portfolio: Portfolio,
  folder: string,
  options: WriteTablesOptions,
): Promise<WriteTablesResult> {
  const began = performance.now();
  const before = await folderEntries(folder);
  if (before.length > 0 && !options.force) throw new OutputFolderNotEmptyError(folder, before);
  const format = options.format;
  const sinkList: AnySink[] = [];
  const set = new AtomicFileSet(before);
  try {
    const open = async <T extends GeneratedTable>(table: T): Promise<TableSink<T>> => {
      const out = await set.open(join(folder, `${table}.${format}`));
      const sink = new TableSink(table, out, format, portfolio.kpiNames);
      sinkList.push(sink);
      return sink;
    };
    // Opened in GENERATED_TABLES order, which is also the commit order.
    const sinks: Sinks = {
      missions: await open("missions"),
      kpis: await open("kpis"),
      tasks: await open("tasks"),
      runs: await open("runs"),
      task_executions: await open("task_executions"),
      risk_events: await open("risk_events"),
    };
    await writePortfolioRows(portfolio, sinks, options);
    await set.commitAll();
  } catch (e) {
    await set.rollback();
    throw e;
  }
  const removed = await removeIfPresent(
    folder,
    [
      ...GENERATED_TABLES.flatMap((table) => OTHER_EXTENSIONS[format].map((ext) => `${table}.${ext}`)),
      ...Object.values(BUNDLE_FILES).map((stem) => `${stem}.json`), // a bundle here would be ambiguous
    ],
    before,
  );
  const files: WrittenTable[] = [];
  for (const sink of sinkList) {
    files.push({
      table: sink.table,
      path: sink.out.target,
      rows: sink.rows,
      bytes: (await stat(sink.out.target)).size,
    });
  }
  return { folder, format, files, removed, seconds: (performance.now() - began) / 1000 };
}
