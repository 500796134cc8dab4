/**
 * Writes a generated portfolio as a canonical dataset folder of Parquet files (one
 * `<table>.parquet` per table) through DuckDB: generated rows are appended in batches to a typed
 * staging table, flushed to a Parquet part file whenever the staging table holds
 * {@link PARQUET_PART_ROWS} rows (so memory stays bounded for 10M runs / 80M task executions), and
 * the parts of a table are finally merged into one file by DuckDB (streamed, not loaded). Every file
 * is written into a temporary folder inside the output folder and renamed into place only once all
 * six are complete; on any failure nothing new is left behind.
 */
import { mkdir, mkdtemp, rename, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import {
  GENERATED_TABLES,
  toCanonicalRecord,
  type GeneratedRowTypes,
  type GeneratedTable,
} from "../generate/canonical-records";
import type { Portfolio } from "../generate/portfolio";
import { openEngine, sqlIdent, sqlString, type Engine } from "../ingest/engine";
import { folderEntries, removeIfPresent } from "./atomic-file-set";
import { BUNDLE_FILES } from "../ingest/dataset-layout";
import {
  OutputFolderNotEmptyError,
  writePortfolioRows,
  type WriteTablesResult,
  type WrittenTable,
} from "./write-tables";

/** DuckDB type of a Parquet column. `VARCHAR[]` is a list of strings (`depends_on`). */
export type ParquetColumnType = "VARCHAR" | "DOUBLE" | "INTEGER" | "BOOLEAN" | "VARCHAR[]";

/** One column of a generated Parquet table. */
export interface ParquetColumn {
  /** Column name (snake_case as in data/README.md; runs' KPI values `kpi.<name>`). */
  readonly name: string;
  readonly type: ParquetColumnType;
}

const V: ParquetColumnType = "VARCHAR";
const D: ParquetColumnType = "DOUBLE";
const I: ParquetColumnType = "INTEGER";
const B: ParquetColumnType = "BOOLEAN";
const BASE: { readonly [T in GeneratedTable]: readonly (readonly [string, ParquetColumnType])[] } = {
  missions: [
    ["mission_id", V],
    ["name", V],
    ["description", V],
    ["business_owner", V],
    ["ai_role", V],
    ["escalation_path", V],
    ["data_sources", V],
    ["data_quality", V],
    ["accountable_human", V],
    ["monitoring", V],
    ["drift_response", V],
    ["fallback", V],
  ],
  kpis: [
    ["mission_id", V],
    ["kpi", V],
    ["direction", V],
    ["unit", V],
    ["baseline", D],
    ["target", D],
    ["target_date", V],
    ["primary", B],
  ],
  tasks: [
    ["mission_id", V],
    ["task_id", V],
    ["name", V],
    ["order", I],
    ["depends_on", "VARCHAR[]"],
    ["estimated_minutes", D],
    ["requires_approval", B],
  ],
  runs: [
    ["run_id", V],
    ["mission_id", V],
    ["start_time", V],
    ["end_time", V],
    ["status", V],
    ["duration_minutes", D],
    ["human_interventions", I],
    ["escalations", I],
    ["risk_flagged", B],
  ],
  task_executions: [
    ["run_id", V],
    ["mission_id", V],
    ["task_id", V],
    ["agent_id", V],
    ["actual_minutes", D],
    ["approval_required", B],
    ["human_delay_minutes", D],
    ["outcome", V],
  ],
  risk_events: [
    ["event_id", V],
    ["run_id", V],
    ["mission_id", V],
    ["task_id", V],
    ["risk_type", V],
    ["severity", V],
    ["description", V],
    ["detected_at", V],
    ["status", V],
  ],
};

/**
 * The typed columns of a generated Parquet table, in file order: numbers `DOUBLE` (counts and
 * `order` `INTEGER`), booleans `BOOLEAN`, timestamps and dates as the same ISO text as the CSV
 * writer writes (`VARCHAR`), `depends_on` a list of task ids (`VARCHAR[]`, empty = none), and for
 * `runs` one `kpi.<name>` `DOUBLE` column per KPI name (null = not observed). Absent optional
 * values are null.
 *
 * @example parquetColumns("runs", ["nps"]).at(-1) // → { name: "kpi.nps", type: "DOUBLE" }
 * @example parquetColumns("tasks", [])[4] // → { name: "depends_on", type: "VARCHAR[]" }
 */
export function parquetColumns(table: GeneratedTable, kpiNames: readonly string[]): ParquetColumn[] {
  const base = BASE[table].map(([name, type]) => ({ name, type }));
  return table === "runs" ? [...base, ...kpiNames.map((k) => ({ name: `kpi.${k}`, type: D }))] : base;
}

/** Rows of one table held in DuckDB before they are flushed to a Parquet part file. */
export const PARQUET_PART_ROWS = 1_000_000;
/** Rows buffered in JavaScript before one append to DuckDB. */
const APPEND_ROWS = 8_192;

type Cell = string | number | boolean | null;

/** Appends one table's rows to its staging table and flushes them to numbered part files. */
class ParquetSink<T extends GeneratedTable> {
  rows = 0;
  private staged = 0;
  private buffer: Cell[][] = [];
  readonly parts: string[] = [];
  /** Part files the table was written in before the merge (known after {@link finish}). */
  partCount = 0;
  private readonly columns: readonly ParquetColumn[];

  constructor(
    readonly table: T,
    private readonly engine: Engine,
    private readonly temp: string,
    private readonly kpiNames: readonly string[],
    private readonly partRows: number,
  ) {
    this.columns = parquetColumns(table, kpiNames);
  }

  private get stage(): string {
    return sqlIdent(`stage_${this.table}`);
  }

  async start(): Promise<void> {
    // Lists are staged as JSON text and typed when the part is written.
    const defs = this.columns.map((c) => `${sqlIdent(c.name)} ${c.type === "VARCHAR[]" ? V : c.type}`);
    await this.engine.run(`CREATE OR REPLACE TABLE ${this.stage} (${defs.join(", ")})`);
  }

  private cells(row: GeneratedRowTypes[T]): Cell[] {
    const record = toCanonicalRecord(this.table, row);
    const out: Cell[] = BASE[this.table].map(([name]) => {
      const v = record[name];
      if (v === undefined || v === null) return null;
      if (Array.isArray(v)) return JSON.stringify(v);
      return v as Cell;
    });
    if (this.table === "runs") {
      const kpis = (record["kpis"] ?? {}) as Readonly<Record<string, number>>;
      for (const name of this.kpiNames) out.push(Object.hasOwn(kpis, name) ? (kpis[name] ?? null) : null);
    }
    return out;
  }

  async add(row: GeneratedRowTypes[T]): Promise<void> {
    this.rows++;
    this.buffer.push(this.cells(row));
    if (this.buffer.length >= Math.min(APPEND_ROWS, this.partRows)) await this.append();
  }

  private async append(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    await this.engine.append(`stage_${this.table}`, batch);
    this.staged += batch.length;
    if (this.staged >= this.partRows) await this.flushPart();
  }

  /** Writes the staged rows to the next part file and empties the staging table. */
  private async flushPart(): Promise<void> {
    const path = join(this.temp, `${this.table}.part-${String(this.parts.length).padStart(5, "0")}.parquet`);
    const select = this.columns
      .map((c) =>
        c.type === "VARCHAR[]"
          ? `coalesce(from_json(${sqlIdent(c.name)}, '["VARCHAR"]'), []::VARCHAR[]) AS ${sqlIdent(c.name)}`
          : sqlIdent(c.name),
      )
      .join(", ");
    await this.engine.run(
      `COPY (SELECT ${select} FROM ${this.stage}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    // Replaced rather than emptied: DuckDB frees a dropped table's memory at once.
    await this.engine.run(`DROP TABLE ${this.stage}`);
    await this.start();
    this.parts.push(path);
    this.staged = 0;
  }

  /** Flushes what is left and leaves one `<table>.parquet` in the temporary folder; returns its path. */
  async finish(): Promise<string> {
    await this.append();
    if (this.staged > 0 || this.parts.length === 0) await this.flushPart();
    await this.engine.run(`DROP TABLE ${this.stage}`);
    this.partCount = this.parts.length;
    const file = join(this.temp, `${this.table}.parquet`);
    if (this.parts.length === 1) {
      await rename(this.parts[0]!, file);
    } else {
      const list = this.parts.map(sqlString).join(", ");
      await this.engine.run(
        `COPY (SELECT * FROM read_parquet([${list}])) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      for (const p of this.parts) await rm(p, { force: true });
    }
    return file;
  }
}

/** One sink per table, each typed with its own row type. */
type Sinks = { readonly [T in GeneratedTable]: ParquetSink<T> };

/** Options of {@link writePortfolioParquet}. */
export interface WriteParquetOptions {
  /** Write into a non-empty folder, replacing the tables' files (default false: refuse). */
  readonly force?: boolean;
  /** Called after every `progressEvery` runs and once at the end with (runs written, total runs). */
  readonly onProgress?: (runsWritten: number, totalRuns: number) => void;
  /** Default 10,000. */
  readonly progressEvery?: number;
  /** Rows per part file before the merge (default {@link PARQUET_PART_ROWS}; tests use fewer). */
  readonly partRows?: number;
  /** DuckDB threads (default: DuckDB's choice). */
  readonly threads?: number;
  /** DuckDB memory limit, e.g. `"1GB"` (default `"512MB"`; DuckDB spills to the temporary folder beyond it). */
  readonly memoryLimit?: string;
}

/** What {@link writePortfolioParquet} wrote (as {@link WriteTablesResult}, format `parquet`). */
export interface WriteParquetResult extends Omit<WriteTablesResult, "format"> {
  readonly format: "parquet";
  /** Per table, the part files it was flushed to before they were merged into one file (≥ 1). */
  readonly parts: { readonly [T in GeneratedTable]: number };
}

/** Table files of other formats removed after a forced write (the folder holds one dataset). */
const OTHER_EXTENSIONS = ["csv", "json", "ndjson"] as const;

/**
 * Writes every canonical table of `portfolio` into `folder` (created if missing) as
 * `<table>.parquet`, typed as {@link parquetColumns} says, through DuckDB (zstd-compressed).
 *
 * The six files are written into a temporary folder inside `folder` and renamed into place only
 * once all are complete; on any failure the temporary folder is removed and files that did not
 * exist before are not left behind. With `force`, existing table files are replaced and the same
 * tables' `.csv`, `.json` and `.ndjson` files and a reference bundle's files are removed afterwards.
 * Memory is bounded by {@link PARQUET_PART_ROWS} rows per table, whatever the number of runs.
 *
 * @throws OutputFolderNotEmptyError when `folder` holds anything and `force` is not set
 * @throws Error when `folder` is a file, or on any DuckDB or write failure (after cleaning up)
 * @example const r = await writePortfolioParquet(planPortfolio({ preset: "demo" }), "out/demo");
 *   r.files.map((f) => basename(f.path)) // → ["missions.parquet", "kpis.parquet", …, "risk_events.parquet"]
 */
export async function writePortfolioParquet(
  portfolio: Portfolio,
  folder: string,
  options: WriteParquetOptions = {},
): Promise<WriteParquetResult> {
  const began = performance.now();
  const before = await folderEntries(folder);
  if (before.length > 0 && !options.force) throw new OutputFolderNotEmptyError(folder, before);
  await mkdir(folder, { recursive: true });
  const temp = await mkdtemp(join(folder, `.generate-parquet-${process.pid}-`));
  const committed: string[] = [];
  const sinkList: ParquetSink<GeneratedTable>[] = [];
  try {
    const engine = await openEngine({
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      memoryLimit: options.memoryLimit ?? "512MB",
    });
    try {
      await engine.run(`SET temp_directory = ${sqlString(join(temp, "spill"))}`);
      await engine.run("SET preserve_insertion_order = true");
      const partRows = Math.max(1, options.partRows ?? PARQUET_PART_ROWS);
      const open = <T extends GeneratedTable>(table: T): ParquetSink<T> => {
        const sink = new ParquetSink(table, engine, temp, portfolio.kpiNames, partRows);
        sinkList.push(sink);
        return sink;
      };
      const sinks: Sinks = {
        missions: open("missions"),
        kpis: open("kpis"),
        tasks: open("tasks"),
        runs: open("runs"),
        task_executions: open("task_executions"),
        risk_events: open("risk_events"),
      };
      await writePortfolioRows(portfolio, sinks, options);
      for (const sink of sinkList) await sink.finish();
    } finally {
      engine.close();
    }
    for (const table of GENERATED_TABLES) {
      const target = join(folder, `${table}.parquet`);
      await rename(join(temp, `${table}.parquet`), target);
      committed.push(target);
    }
  } catch (e) {
    const fresh = committed.filter((p) => !before.includes(basename(p)));
    await Promise.allSettled(fresh.map((p) => rm(p, { force: true })));
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
  await rm(temp, { recursive: true, force: true });
  const removed = await removeIfPresent(
    folder,
    [
      ...GENERATED_TABLES.flatMap((table) => OTHER_EXTENSIONS.map((ext) => `${table}.${ext}`)),
      ...Object.values(BUNDLE_FILES).map((stem) => `${stem}.json`),
    ],
    before,
  );
  const files: WrittenTable[] = [];
  for (const sink of sinkList) {
    const path = join(folder, `${sink.table}.parquet`);
    files.push({ table: sink.table, path, rows: sink.rows, bytes: (await stat(path)).size });
  }
  const parts = Object.fromEntries(
    sinkList.map((s) => [s.table, s.partCount]),
  ) as WriteParquetResult["parts"];
  return { folder, format: "parquet", files, removed, parts, seconds: (performance.now() - began) / 1000 };
}
