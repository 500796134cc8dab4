/**
 * Which files of a dataset folder hold which table: the canonical layout (a table is one file
 * `<table>.<ext>` or a folder `<table>/` of files read as one table) or the reference engine's JSON
 * bundle. Formats: CSV, NDJSON (`.ndjson`, `.jsonl`), one JSON array (`.json`), Parquet; text
 * formats may be compressed (`.gz`, `.zst`). Only regular files are taken: a directory, FIFO,
 * socket or device where a table file should be is a clear error, never read.
 */
import { lstat, readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { DatasetFormat, FileCompression, FileFormat } from "../model/dataset";
import { DatasetLoadError, type DataIssue } from "../model/issues";
import { matchTableFiles, type DatasetMapping } from "./mapping";
import {
  BUNDLE_FILES,
  CANONICAL_TABLES,
  REQUIRED_BUNDLE_FILES,
  REQUIRED_CANONICAL_TABLES,
  type CanonicalTable,
} from "./tables";

export {
  BUNDLE_FILES,
  CANONICAL_TABLES,
  REQUIRED_BUNDLE_FILES,
  REQUIRED_CANONICAL_TABLES,
  type CanonicalTable,
} from "./tables";

/** File extensions of a table file, with their format (compression suffixes come after these). */
export const CANONICAL_EXTENSIONS: readonly (readonly [string, FileFormat])[] = [
  [".csv", "csv"],
  [".json", "json"],
  [".ndjson", "ndjson"],
  [".jsonl", "ndjson"],
  [".parquet", "parquet"],
];
/** Compression suffixes accepted after a text format's extension. */
export const COMPRESSION_SUFFIXES: readonly (readonly [string, FileCompression])[] = [
  [".gz", "gzip"],
  [".zst", "zstd"],
];

/**
 * The ledger table's name: `ledger.parquet` (or a folder `ledger/` of Parquet files) stands in for
 * `runs` and `task_executions` (see ingest/ledger.ts).
 *
 * @example LEDGER_TABLE // → "ledger"
 */
export const LEDGER_TABLE = "ledger";

/** A table file found in a dataset folder. */
export interface TableFile {
  /** Canonical table name (`runs`, …) or bundle file stem (`mission_runs`, …). */
  readonly table: string;
  /** Path of the file (folder joined with the file name). */
  readonly path: string;
  readonly format: FileFormat;
  readonly compression?: FileCompression;
  /** Path relative to the dataset folder, `/`-separated (what the fingerprint names). */
  readonly name: string;
}

/** The files of a dataset folder, by table, with the problems of the layout itself. */
export interface DatasetLayout {
  readonly folder: string;
  readonly format: DatasetFormat;
  /**
   * Canonical table name, or bundle file stem → its files (one, or the files of its folder in
   * name order). Only tables with at least one file are listed.
   */
  readonly tables: Readonly<Record<string, readonly TableFile[]>>;
  /**
   * Problems of the layout: fatal (`missing_table`, `duplicate_table_file`, `ambiguous_layout`,
   * `no_data_files`, `not_a_file`, `mixed_formats`) and warnings (`missing_optional_table`: no
   * tasks or task executions; `unread_file`: a file named like a part of a table but not read).
   */
  readonly issues: readonly DataIssue[];
}

/** What a name says about a file: its table stem, format and compression, or nothing. */
export function parseTableFileName(
  name: string,
):
  { readonly stem: string; readonly format: FileFormat; readonly compression?: FileCompression } | undefined {
  let base = name;
  let compression: FileCompression | undefined;
  for (const [suffix, kind] of COMPRESSION_SUFFIXES) {
    if (base.endsWith(suffix)) {
      base = base.slice(0, -suffix.length);
      compression = kind;
      break;
    }
  }
  for (const [ext, format] of CANONICAL_EXTENSIONS) {
    if (base.endsWith(ext) && base.length > ext.length) {
      if (format === "parquet" && compression) return undefined; // Parquet compresses itself
      const stem = base.slice(0, -ext.length);
      return compression ? { stem, format, compression } : { stem, format };
    }
  }
  return undefined;
}

/** What a directory entry is, in words, when it is not a regular file. */
function kindOf(info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return "not a regular file";
}

const notAFile = (path: string, table: string, what: string): DataIssue => ({
  severity: "error",
  code: "not_a_file",
  file: path,
  field: table,
  expected: "a regular file",
  found: what,
  message: `the file for table ${table} is ${what}, which is not read`,
});

/** An entry of the dataset folder: its name and what it is (symbolic links followed). */
interface Entry {
  readonly name: string;
  readonly path: string;
  /** "file", "dir", or words for anything else (a FIFO, a device…), or "missing" for a dangling link. */
  readonly kind: string;
}

async function entryOf(folder: string, name: string): Promise<Entry> {
  const path = join(folder, name);
  try {
    const info = await stat(path);
    return { name, path, kind: info.isFile() ? "file" : info.isDirectory() ? "dir" : kindOf(info) };
  } catch {
    // A dangling symbolic link, or an entry that vanished.
    const link = await lstat(path).catch(() => undefined);
    return { name, path, kind: link?.isSymbolicLink() ? "a dangling symbolic link" : "missing" };
  }
}

async function listEntries(folder: string): Promise<Entry[]> {
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
  const names = (await readdir(folder)).sort();
  return Promise.all(names.map((name) => entryOf(folder, name)));
}

/** Every table file under a table's folder (recursively, e.g. Parquet partitions), in path order. */
async function filesUnder(
  root: string,
  dir: string,
  table: string,
  issues: DataIssue[],
): Promise<TableFile[]> {
  const out: TableFile[] = [];
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    if (name.startsWith(".") || name.startsWith("_")) continue; // hidden files, _SUCCESS markers
    const entry = await entryOf(dir, name);
    if (entry.kind === "dir") {
      out.push(...(await filesUnder(root, entry.path, table, issues)));
      continue;
    }
    const parsed = parseTableFileName(name);
    if (!parsed) continue;
    if (entry.kind !== "file") {
      issues.push(notAFile(entry.path, table, entry.kind));
      continue;
    }
    out.push({
      table,
      path: entry.path,
      format: parsed.format,
      ...(parsed.compression ? { compression: parsed.compression } : {}),
      name: relative(root, entry.path).split(sep).join("/"),
    });
  }
  return out;
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

/** The accepted names of a table, for messages. */
function expectedNames(table: string): string {
  return `one of ${table}.csv, ${table}.json, ${table}.ndjson, ${table}.jsonl, ${table}.parquet (text formats may end in .gz or .zst), or a folder ${table}/ of such files`;
}

/** Collects the files of each table in `stems` among the folder's entries. */
async function tablesOf(
  folder: string,
  entries: readonly Entry[],
  stems: readonly string[],
  issues: DataIssue[],
  named: Set<string>,
): Promise<Record<string, TableFile[]>> {
  const tables: Record<string, TableFile[]> = {};
  for (const stem of stems) {
    const direct = entries.filter((e) => parseTableFileName(e.name)?.stem === stem);
    const dir = entries.find((e) => e.name === stem && e.kind === "dir");
    const found: TableFile[] = [];
    for (const e of direct) {
      if (e.kind === "a dangling symbolic link") {
        issues.push({
          severity: "error",
          code: "unreadable_file",
          file: e.path,
          field: stem,
          expected: "a readable file",
          found: "ENOENT",
          message: "cannot read the file: it is a symbolic link to nothing",
        });
        named.add(stem);
        continue;
      }
      if (e.kind !== "file") {
        issues.push(notAFile(e.path, stem, e.kind === "dir" ? "a directory" : e.kind));
        named.add(stem);
        continue;
      }
      const parsed = parseTableFileName(e.name)!;
      found.push({
        table: stem,
        path: e.path,
        format: parsed.format,
        ...(parsed.compression ? { compression: parsed.compression } : {}),
        name: e.name,
      });
    }
    if (dir) {
      const parts = await filesUnder(folder, dir.path, stem, issues);
      if (parts.length > 0) found.push(...parts);
    }
    const sources = direct.length + (dir ? 1 : 0);
    if (sources > 1) {
      // Read only the first of them: the others are reported, not merged in.
      const first = found[0]?.path;
      found.splice(0, found.length, ...found.filter((f) => f.path === first));
      issues.push({
        severity: "error",
        code: "duplicate_table_file",
        file: folder,
        field: stem,
        expected: `exactly one of ${expectedNames(stem).slice("one of ".length)}`,
        found: [...direct.map((e) => e.name), ...(dir ? [`${stem}/`] : [])].join(" and "),
        message: `table ${stem} is given by more than one file`,
      });
    }
    const formats = new Set(found.map((f) => f.format));
    if (formats.size > 1) {
      issues.push({
        severity: "error",
        code: "mixed_formats",
        file: dir?.path ?? folder,
        field: stem,
        expected: "files of one format for one table",
        found: [...formats].sort().join(" and "),
        message: `the files of table ${stem} mix formats`,
      });
    }
    if (found.length > 0) tables[stem] = found;
  }
  return tables;
}

/** Warnings for files named like a part of a table (`runs-2026-03.csv`) that are not read. */
function unreadParts(entries: readonly Entry[], stems: readonly string[], folder: string): DataIssue[] {
  const out: DataIssue[] = [];
  for (const e of entries) {
    const parsed = parseTableFileName(e.name);
    if (!parsed || stems.includes(parsed.stem)) continue;
    const stem = stems.find((s) => parsed.stem.startsWith(s) && /^[-_. ]/.test(parsed.stem.slice(s.length)));
    if (!stem) continue;
    out.push({
      severity: "warning",
      code: "unread_file",
      file: e.path,
      field: stem,
      expected: `${stem}.<ext>, or the parts of ${stem} in a folder ${stem}/`,
      found: JSON.stringify(e.name),
      message: `${e.name} looks like a part of table ${stem} but is not read: put the parts in a folder ${join(folder, stem)}/ to read them as one table`,
    });
  }
  return out;
}

/** Every regular file under `dir`, relative to `root`, `/`-separated, in path order. */
async function allFiles(root: string, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const entry = await entryOf(dir, name);
    if (entry.kind === "dir") out.push(...(await allFiles(root, entry.path)));
    else if (entry.kind === "file") out.push(relative(root, entry.path).split(sep).join("/"));
  }
  return out;
}

/** The files mapping.yaml's `files:` globs name for each table that has them. */
async function mappedTables(
  folder: string,
  mapping: DatasetMapping,
  issues: DataIssue[],
): Promise<Record<string, TableFile[]>> {
  const out: Record<string, TableFile[]> = {};
  const globbed = Object.values(mapping.tables).filter((t) => t?.files && t.files.length > 0);
  if (globbed.length === 0) return out;
  const paths = await allFiles(folder, folder);
  for (const t of globbed) {
    const matched = matchTableFiles(t!.files!, paths);
    const files: TableFile[] = [];
    for (const name of matched) {
      const parsed = parseTableFileName(name.split("/").pop()!);
      if (!parsed) {
        issues.push({
          severity: "error",
          code: "unsupported_format",
          file: join(folder, name),
          field: t!.table,
          expected: "a .csv, .json, .ndjson, .jsonl or .parquet file (text formats may end in .gz or .zst)",
          found: JSON.stringify(name),
          message: `mapping.yaml names ${name} for table ${t!.table}, but its format is not known by its name`,
        });
        continue;
      }
      files.push({
        table: t!.table,
        path: join(folder, name),
        format: parsed.format,
        ...(parsed.compression ? { compression: parsed.compression } : {}),
        name,
      });
    }
    if (matched.length === 0) {
      issues.push({
        severity: "error",
        code: "missing_table",
        file: mapping.file,
        line: t!.line,
        field: t!.table,
        expected: `files matching ${t!.files!.map((g) => JSON.stringify(g)).join(" or ")}`,
        found: "no such file",
        message: `no file matches the files: of table ${t!.table} in mapping.yaml`,
      });
    }
    if (files.length > 0) out[t!.table] = files;
  }
  return out;
}

async function canonicalLayout(
  folder: string,
  entries: readonly Entry[],
  mapping?: DatasetMapping,
): Promise<DatasetLayout> {
  const issues: DataIssue[] = [];
  const named = new Set<string>();
  const globbed = mapping ? await mappedTables(folder, mapping, issues) : {};
  for (const t of Object.keys(mapping?.tables ?? {}))
    if (mapping?.tables[t as CanonicalTable]?.files?.length) named.add(t);
  const byName = await tablesOf(
    folder,
    entries,
    CANONICAL_TABLES.filter((t) => !named.has(t)),
    issues,
    named,
  );
  const ledger = await tablesOf(folder, entries, [LEDGER_TABLE], issues, named);
  const tables: Record<string, TableFile[]> = { ...byName, ...globbed, ...ledger };
  if (tables[LEDGER_TABLE]) {
    // The ledger stands in for runs and task executions.
    named.add("runs");
    named.add("task_executions");
    const both = ["runs", "task_executions"].filter((t) => tables[t]);
    if (both.length > 0) {
      issues.push({
        severity: "error",
        code: "ambiguous_layout",
        file: folder,
        expected: "a ledger or runs and task executions, not both",
        found: `ledger and ${both.join(" and ")}`,
        message: "the folder holds a ledger and the tables it is computed from",
      });
    }
    if (tables[LEDGER_TABLE]!.some((f) => f.format !== "parquet")) {
      issues.push({
        severity: "error",
        code: "unsupported_format",
        file: tables[LEDGER_TABLE]![0]!.path,
        field: LEDGER_TABLE,
        expected: "a Parquet ledger (ledger.parquet, or a folder ledger/ of Parquet files)",
        found: tables[LEDGER_TABLE]![0]!.format,
        message: "a ledger is read from Parquet only",
      });
    }
  }
  for (const table of CANONICAL_TABLES) {
    if (tables[table] || named.has(table)) continue;
    if (REQUIRED_CANONICAL_TABLES.includes(table))
      issues.push(missingRequired(folder, table, expectedNames(table)));
    else if (table === "tasks" || table === "task_executions")
      issues.push(missingOptional(folder, table, expectedNames(table)));
  }
  issues.push(...unreadParts(entries, CANONICAL_TABLES, folder));
  return { folder, format: "canonical", tables, issues };
}

async function bundleLayout(folder: string, entries: readonly Entry[]): Promise<DatasetLayout> {
  const issues: DataIssue[] = [];
  const stems = Object.values(BUNDLE_FILES);
  const named = new Set<string>();
  const tables = await tablesOf(folder, entries, stems, issues, named);
  for (const stem of stems) {
    if (tables[stem] || named.has(stem)) continue;
    if (REQUIRED_BUNDLE_FILES.includes(stem)) issues.push(missingRequired(folder, stem, `${stem}.json`));
    else if (stem === BUNDLE_FILES.tasks || stem === BUNDLE_FILES.taskExecutions)
      issues.push(missingOptional(folder, stem, `${stem}.json`));
  }
  const canonical = entries
    .filter((e) =>
      CANONICAL_TABLES.some(
        (t) => parseTableFileName(e.name)?.stem === t || (e.name === t && e.kind === "dir"),
      ),
    )
    .map((e) => e.name);
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
  return { folder, format: "bundle", tables, issues };
}

/** Whether an entry names a table of `stems` (a table file, or a folder named as the table). */
const names = (e: Entry, stems: readonly string[]): boolean =>
  stems.includes(parseTableFileName(e.name)?.stem ?? "") || (e.kind === "dir" && stems.includes(e.name));

/**
 * Looks at a dataset folder and tells which layout it uses and which files hold each table. The
 * folder is the reference bundle when it holds `business_missions` and `mission_runs` files;
 * otherwise it is the canonical layout. Layout problems are returned in `issues`, not thrown, so
 * that a loader can report them together with the problems inside the files. Reads no file
 * contents.
 *
 * Throws `DatasetLoadError` (code `unreadable_folder`) when the folder does not exist, is not a
 * folder or cannot be listed.
 *
 * With a `mapping` (the folder's mapping.yaml), a table whose mapping has `files:` globs is read
 * from the files they match, whatever their names.
 *
 * @example
 * // folder with missions.csv, kpis.json, runs/2026-01.csv, runs/2026-02.csv
 * (await detectDatasetFormat(folder)).format // → 'canonical'
 * (await detectDatasetFormat(folder)).tables.runs.length // → 2
 */
export async function detectDatasetFormat(folder: string, mapping?: DatasetMapping): Promise<DatasetLayout> {
  const entries = await listEntries(folder);
  if (mapping && Object.values(mapping.tables).some((t) => t?.files?.length))
    return canonicalLayout(folder, entries, mapping);
  const bundle: readonly string[] = Object.values(BUNDLE_FILES);
  const has = (stem: string) => entries.some((e) => names(e, [stem]));
  if (has(BUNDLE_FILES.missions) && has(BUNDLE_FILES.runs)) return bundleLayout(folder, entries);
  if (entries.some((e) => names(e, CANONICAL_TABLES)) || mapping)
    return canonicalLayout(folder, entries, mapping);
  if (entries.some((e) => names(e, bundle))) return bundleLayout(folder, entries);
  return {
    folder,
    format: "canonical",
    tables: {},
    issues: [
      {
        severity: "error",
        code: "no_data_files",
        file: folder,
        expected:
          "missions, kpis and runs tables (.csv, .json, .ndjson, .parquet, or folders of them) or the reference bundle " +
          "(business_missions.json, mission_runs.json, …)",
        found:
          entries.length === 0
            ? "an empty folder"
            : `${entries.length} unrelated file${entries.length === 1 ? "" : "s"}`,
        message: "no dataset files found in the folder",
      },
    ],
  };
}
