/**
 * From a source folder to the canonical tables: read `missions.yaml`, detect (or take) the source
 * kind, build its views in DuckDB, and either write the tables (`mission import`, DuckDB COPY into
 * a temporary folder renamed into place) or load them as a validated Dataset
 * ({@link loadSourceFolder}).
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { loadDataset, type LoadOptions } from "../../load/load-dataset";
import type { Dataset } from "../../model/dataset";
import { DatasetLoadError, type DataIssue } from "../../model/issues";
import { OutputFolderNotEmptyError } from "../../io/write-tables";
import { sqlString, withEngine, type Engine } from "../engine";
import { CONFIG_FILE, parseSourceConfig, SourceConfigSchema, type SourceConfig } from "./config";
import { detectSourceKind, type SourceKind } from "./detect";
import { buildEventLogViews } from "./eventlog";
import { buildLangfuseViews } from "./langfuse";
import { buildOtelViews } from "./otel";
import { CANONICAL_VIEWS, createConfigTables } from "./source-kit";

/** Options of {@link importSource} and {@link loadSourceFolder}. */
export interface SourceOptions {
  /** The source kind; default: detected from the folder's files. */
  readonly source?: SourceKind;
}

/** What a source folder was read as. */
export interface SourceReading {
  readonly kind: SourceKind;
  /** The config file used, or undefined (event logs without config). */
  readonly configFile?: string;
  /** One line per mapping rule used, for the user. */
  readonly mapping: readonly string[];
  /** Warnings about the source (unmapped traces, tasks…), located in the source files. */
  readonly warnings: readonly DataIssue[];
}

/** The order each canonical table is written in (stable output). */
const ORDER: Readonly<Record<keyof typeof CANONICAL_VIEWS, string>> = {
  missions: "mission_id",
  kpis: "mission_id, kpi",
  tasks: 'mission_id, "order", task_id',
  runs: "start_time, run_id",
  task_executions: "all", // every column: repeated executions of a task sort the same way every time
  risk_events: "detected_at, event_id",
};

function readConfig(folder: string, required: boolean): { config?: SourceConfig; file?: string } {
  const file = join(folder, CONFIG_FILE);
  if (!existsSync(file)) {
    if (required)
      throw new DatasetLoadError(folder, [
        {
          severity: "error",
          code: "missing_config",
          file: CONFIG_FILE,
          expected: "missions.yaml with the missions, their KPIs and tasks (see docs/sources.md)",
          found: "no such file",
          message:
            "this source needs a missions.yaml: traces do not carry missions, KPI directions, baselines or targets",
        },
      ]);
    return {};
  }
  return { config: parseSourceConfig(readFileSync(file, "utf8"), CONFIG_FILE), file: CONFIG_FILE };
}

/**
 * Builds the canonical views (`c_missions`, `c_kpis`, `c_tasks`, `c_runs`, `c_task_executions`,
 * `c_risk_events`) of the source in `folder` on `engine`.
 *
 * @throws DatasetLoadError when the folder is no known source, the config is invalid or the
 *   source's own required fields are missing or malformed (each problem naming source file,
 *   line or row, field, expected and found; repeats grouped with a count and the first places).
 * @example await withEngine((e) => buildSourceViews(e, "data/samples/langfuse")) // → { kind: "langfuse", … }
 */
export async function buildSourceViews(
  engine: Engine,
  folder: string,
  options: SourceOptions = {},
): Promise<SourceReading> {
  const kind = options.source ?? detectSourceKind(folder);
  if (!kind)
    throw new DatasetLoadError(folder, [
      {
        severity: "error",
        code: "unknown_source",
        expected:
          "a Langfuse export (traces + observations), OTLP JSON spans, an event log (XES CSV/Parquet, OCEL 2.0 JSON) or the canonical tables",
        found: "none of these",
        message: "cannot tell what this folder holds; pass --source langfuse|otel|eventlog",
      },
    ]);
  const { config, file } = readConfig(folder, kind !== "eventlog");
  const settings = config ?? { ...SourceConfigSchema.omit({ missions: true }).parse({}), missions: [] };
  await engine.run("set TimeZone = 'UTC'");
  await createConfigTables(engine, config);
  const issues: DataIssue[] = [];
  const mapping =
    kind === "langfuse"
      ? await buildLangfuseViews(engine, folder, settings, issues)
      : kind === "otel"
        ? await buildOtelViews(engine, folder, settings, issues)
        : await buildEventLogViews(engine, folder, config, settings, issues);
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0) throw new DatasetLoadError(folder, errors);
  return {
    kind,
    ...(file ? { configFile: file } : {}),
    mapping,
    warnings: issues.filter((i) => i.severity === "warning"),
  };
}

/** Options of {@link importSource}. */
export interface ImportOptions extends SourceOptions {
  /** `csv` (default) or `parquet`. */
  readonly format?: "csv" | "parquet";
  /** Replace a non-empty output folder. */
  readonly force?: boolean;
}

/** What {@link importSource} wrote. */
export interface ImportResult extends SourceReading {
  readonly out: string;
  /** Rows per canonical table. */
  readonly rows: Readonly<Record<string, number>>;
}

async function copyTables(
  engine: Engine,
  target: string,
  format: "csv" | "parquet",
): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const [table, view] of Object.entries(CANONICAL_VIEWS)) {
    const path = join(target, `${table}.${format}`);
    const options = format === "csv" ? "(HEADER, DELIMITER ',')" : "(FORMAT parquet)";
    await engine.run(
      `copy (select * from ${view} order by ${ORDER[table as keyof typeof CANONICAL_VIEWS]}) to ${sqlString(path)} ${options}`,
    );
    // Counted from the file written (Parquet: its footer), not by running the view again.
    const n = await engine.rows(
      format === "csv"
        ? `select count(*) as n from read_csv(${sqlString(path)}, header = true, all_varchar = true)`
        : `select count(*) as n from read_parquet(${sqlString(path)})`,
    );
    rows[table] = Number(n[0]?.n ?? 0);
  }
  return rows;
}

/**
 * Reads the source in `folder` and writes the six canonical tables to `out` (CSV or Parquet):
 * into a temporary folder next to `out`, renamed into place when complete.
 *
 * @throws OutputFolderNotEmptyError when `out` holds files and `force` is not set;
 *   DatasetLoadError as {@link buildSourceViews}.
 * @example await importSource("data/samples/langfuse", "/tmp/lf-canonical") // → { kind: "langfuse", rows: { runs: 160, … } }
 */
export async function importSource(
  folder: string,
  out: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const target = resolve(out);
  const existing = existsSync(target) ? await readdir(target) : [];
  if (existing.length > 0 && !options.force) throw new OutputFolderNotEmptyError(out, existing);
  const format = options.format ?? "csv";
  await mkdir(dirname(target), { recursive: true });
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  await mkdir(temp);
  try {
    const result = await withEngine(async (engine) => {
      const reading = await buildSourceViews(engine, folder, options);
      const rows = await copyTables(engine, temp, format);
      return { ...reading, rows };
    });
    if (existsSync(target)) {
      const old = `${temp}.old`;
      await rename(target, old);
      await rename(temp, target);
      await rm(old, { recursive: true, force: true });
    } else await rename(temp, target);
    return { ...result, out };
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Loads a source folder (Langfuse export, OTLP JSON, event log) as a validated Dataset.
 *
 * For now it imports the source into a temporary canonical CSV folder and loads that with
 * `loadDataset`; this one function is where the DuckDB loader will read the views directly.
 * Problems of the canonical tables (found by the loader) name the imported table with the
 * source folder.
 *
 * @throws DatasetLoadError for any fatal problem of the source or of the tables it maps to.
 * @example (await loadSourceFolder("data/samples/langfuse")).dataset.runs.length // → 160
 */
export async function loadSourceFolder(
  folder: string,
  options: SourceOptions & { readonly load?: LoadOptions } = {},
): Promise<{ dataset: Dataset; reading: SourceReading }> {
  const temp = join(tmpdir(), `mission-source-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    const result = await importSource(folder, temp, {
      ...(options.source ? { source: options.source } : {}),
      format: "csv",
    });
    const { kind, mapping, warnings, configFile } = result;
    const relabel = (i: DataIssue): DataIssue => {
      if (!i.file) return i;
      const table = basename(i.file).replace(/\.csv$/, "");
      if (configFile && (table === "missions" || table === "kpis" || table === "tasks")) {
        // These tables come from missions.yaml: point there, not at a line of a temporary file.
        const { line: _line, ...rest } = i;
        void _line;
        return { ...rest, file: configFile };
      }
      return { ...i, file: `imported ${basename(i.file)}` };
    };
    let dataset: Dataset;
    try {
      dataset = await loadDataset(temp, options.load ?? {});
    } catch (e) {
      if (e instanceof DatasetLoadError) throw new DatasetLoadError(folder, e.issues.map(relabel), e.omitted);
      throw e;
    }
    return {
      dataset: {
        ...dataset,
        source: { ...dataset.source, folder },
        warnings: [...warnings, ...dataset.warnings.map(relabel)],
      },
      reading: { kind, mapping, warnings, ...(configFile ? { configFile } : {}) },
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
