/**
 * Which files of a dataset folder hold which table: the canonical layout (one file per table, CSV,
 * JSON array or NDJSON) or the reference engine's JSON bundle.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { DatasetFormat, FileFormat } from "../model/dataset";
import { DatasetLoadError, type DataIssue } from "../model/issues";
import type { TableFile } from "./source-record";

/**
 * Tables of the canonical layout, in load order.
 *
 * @example CANONICAL_TABLES[0] // → "missions"
 */
export const CANONICAL_TABLES = [
  "missions",
  "kpis",
  "tasks",
  "runs",
  "risk_events",
  "task_executions",
] as const;
/** A canonical table name. */
export type CanonicalTable = (typeof CANONICAL_TABLES)[number];
/**
 * Canonical tables that must be present.
 *
 * @example REQUIRED_CANONICAL_TABLES // → ["missions", "kpis", "runs"]
 */
export const REQUIRED_CANONICAL_TABLES: readonly CanonicalTable[] = ["missions", "kpis", "runs"];
/** File extensions accepted for a canonical table, with their format. */
export const CANONICAL_EXTENSIONS: readonly (readonly [string, FileFormat])[] = [
  [".csv", "csv"],
  [".json", "json"],
  [".ndjson", "ndjson"],
];

/**
 * Files of the reference JSON bundle (stems; each is `<stem>.json`, one JSON array).
 *
 * @example BUNDLE_FILES.kpiConfig // → "mission_kpi_config" (the KPI sidecar)
 */
export const BUNDLE_FILES = {
  missions: "business_missions",
  tasks: "decomposed_mission_tasks",
  kpis: "mission_kpis",
  kpiConfig: "mission_kpi_config",
  runs: "mission_runs",
  taskExecutions: "task_execution_logs",
  riskEvents: "mission_risk_events",
} as const;
/** Bundle files that must be present (the KPI sidecar is checked by the loader, with its own message). */
export const REQUIRED_BUNDLE_FILES: readonly string[] = [
  BUNDLE_FILES.missions,
  BUNDLE_FILES.kpis,
  BUNDLE_FILES.runs,
];

/** The files of a dataset folder, by table, with the problems of the layout itself. */
export interface DatasetLayout {
  readonly folder: string;
  readonly format: DatasetFormat;
  /** Canonical table name, or bundle file stem → its file. Only files that exist are listed. */
  readonly files: Readonly<Record<string, TableFile>>;
  /**
   * Problems of the layout: fatal (`missing_table`, `duplicate_table_file`, `ambiguous_layout`,
   * `no_data_files`) and warnings (`missing_optional_table`: no tasks or task executions).
   */
  readonly issues: readonly DataIssue[];
}

const missingOptional = (folder: string, table: string, names: string): DataIssue => ({
  severity: "warning",
  code: "missing_optional_table",
  file: folder,
  field: table,
  expected: names,
  found: "no such file",
  message:
    table === "task_executions" || table === BUNDLE_FILES.taskExecutions
      ? `no task executions: approval delays, overruns and bottlenecks cannot be assessed`
      : `no task definitions: friction (overruns, bottlenecks) cannot be assessed`,
});

const missingRequired = (folder: string, table: string, names: string): DataIssue => ({
  severity: "error",
  code: "missing_table",
  file: folder,
  field: table,
  expected: names,
  found: "no such file",
  message: `the required table ${table} is missing`,
});

async function listFiles(folder: string): Promise<Set<string>> {
  let info;
  try {
    info = await stat(folder);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new DatasetLoadError(folder, [
      {
        severity: "error",
        code: "unreadable_folder",
        file: folder,
        expected: "an existing dataset folder",
        found: code === "ENOENT" ? "no such folder" : (code ?? "an error"),
        message: code === "ENOENT" ? "the folder does not exist" : `cannot read the folder: ${String(e)}`,
      },
    ]);
  }
  if (!info.isDirectory()) {
    throw new DatasetLoadError(folder, [
      {
        severity: "error",
        code: "unreadable_folder",
        file: folder,
        expected: "a folder",
        found: "a file",
        message: "the dataset path is not a folder",
      },
    ]);
  }
  const entries = await readdir(folder, { withFileTypes: true });
  return new Set(entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name));
}

function canonicalLayout(folder: string, names: ReadonlySet<string>): DatasetLayout {
  const files: Record<string, TableFile> = {};
  const issues: DataIssue[] = [];
  for (const table of CANONICAL_TABLES) {
    const found = CANONICAL_EXTENSIONS.filter(([ext]) => names.has(`${table}${ext}`));
    const expected = CANONICAL_EXTENSIONS.map(([ext]) => `${table}${ext}`).join(", ");
    if (found.length > 1) {
      issues.push({
        severity: "error",
        code: "duplicate_table_file",
        file: folder,
        field: table,
        expected: `exactly one of ${expected}`,
        found: found.map(([ext]) => `${table}${ext}`).join(" and "),
        message: `table ${table} is given by more than one file`,
      });
    }
    const first = found[0];
    if (first) {
      files[table] = { table, path: join(folder, `${table}${first[0]}`), format: first[1] };
    } else if (REQUIRED_CANONICAL_TABLES.includes(table)) {
      issues.push(missingRequired(folder, table, `one of ${expected}`));
    } else if (table === "tasks" || table === "task_executions") {
      issues.push(missingOptional(folder, table, `one of ${expected}`));
    }
  }
  return { folder, format: "canonical", files, issues };
}

function bundleLayout(folder: string, names: ReadonlySet<string>): DatasetLayout {
  const files: Record<string, TableFile> = {};
  const issues: DataIssue[] = [];
  for (const stem of Object.values(BUNDLE_FILES)) {
    if (names.has(`${stem}.json`)) {
      files[stem] = { table: stem, path: join(folder, `${stem}.json`), format: "json" };
    } else if (REQUIRED_BUNDLE_FILES.includes(stem)) {
      issues.push(missingRequired(folder, stem, `${stem}.json`));
    } else if (stem === BUNDLE_FILES.tasks || stem === BUNDLE_FILES.taskExecutions) {
      issues.push(missingOptional(folder, stem, `${stem}.json`));
    }
  }
  const canonical = [...names].filter((n) =>
    CANONICAL_TABLES.some((t) => CANONICAL_EXTENSIONS.some(([ext]) => n === `${t}${ext}`)),
  );
  if (canonical.length > 0) {
    issues.push({
      severity: "error",
      code: "ambiguous_layout",
      file: folder,
      expected: "either canonical table files or the reference bundle, not both",
      found: canonical.sort().join(", "),
      message: "the folder holds the reference bundle and canonical table files",
    });
  }
  return { folder, format: "bundle", files, issues };
}

/**
 * Looks at a dataset folder and tells which layout it uses and which file holds each table. The
 * folder is the reference bundle when it contains `business_missions.json` and
 * `mission_runs.json`; otherwise it is the canonical layout (`<table>.csv|.json|.ndjson`). Layout
 * problems are returned in `issues`, not thrown, so that a loader can report them together with
 * the problems inside the files. Reads no file contents.
 *
 * Throws `DatasetLoadError` (code `unreadable_folder`) when the folder does not exist, is not a
 * folder or cannot be listed.
 *
 * @example
 * // folder with missions.csv, kpis.json, runs.ndjson
 * (await detectDatasetFormat(folder)).format // → 'canonical'
 * (await detectDatasetFormat(folder)).files.runs.format // → 'ndjson'
 */
export async function detectDatasetFormat(folder: string): Promise<DatasetLayout> {
  const names = await listFiles(folder);
  if (names.has(`${BUNDLE_FILES.missions}.json`) && names.has(`${BUNDLE_FILES.runs}.json`)) {
    return bundleLayout(folder, names);
  }
  const anyCanonical = CANONICAL_TABLES.some((t) =>
    CANONICAL_EXTENSIONS.some(([ext]) => names.has(`${t}${ext}`)),
  );
  if (anyCanonical) return canonicalLayout(folder, names);
  if (Object.values(BUNDLE_FILES).some((stem) => names.has(`${stem}.json`)))
    return bundleLayout(folder, names);
  return {
    folder,
    format: "canonical",
    files: {},
    issues: [
      {
        severity: "error",
        code: "no_data_files",
        file: folder,
        expected:
          "missions, kpis and runs tables (.csv, .json or .ndjson) or the reference bundle " +
          "(business_missions.json, mission_runs.json, …)",
        found:
          names.size === 0 ? "an empty folder" : `${names.size} unrelated file${names.size === 1 ? "" : "s"}`,
        message: "no dataset files found in the folder",
      },
    ],
  };
}
