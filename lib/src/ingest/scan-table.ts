/**
 * Reads the files of one table through DuckDB and hands every record to a validator as a
 * `FieldReader`: CSV cells as text (the dialect given to DuckDB exactly, never guessed from
 * damaged rows), NDJSON and JSON-array elements as parsed JSON values, Parquet columns as typed
 * values. Malformed rows are reported with their line and reading goes on where the format allows;
 * the file's size and SHA-256 are taken in the same pass (file-check).
 */
import { readFileSync, statSync } from "node:fs";
import { describeFound } from "../io/describe-found";
import { recordMaker } from "../io/record-shape";
import type { SourceFile } from "../model/dataset";
import type { DataIssue } from "../model/issues";
import { FieldReader, type FieldAliases } from "../validate/field-reader";
import { checkCsvHeader } from "../validate/header-check";
import { csvHeaderOf, readCsvHeader, type CsvHeader } from "./csv-layout";
import { CANONICAL_TABLES, type CanonicalTable, type TableFile } from "./dataset-layout";
import { planTable, projectSql, type DatasetMapping, type TablePlan } from "./mapping";
import type { RecordLocation } from "../io/source-record";
import { sqlIdent, sqlPath, sqlString, type Engine, type EngineValue } from "./engine";
import { checkFile, MAX_LINE_BYTES } from "./file-check";
import { LEDGER_TASK_COLUMNS } from "./ledger";
import type { ProgressListener } from "./progress";
import type { RecordLocations } from "./record-locations";

/** What a table scan needs from the load. */
export interface ScanContext {
  readonly engine: Engine;
  readonly sink: (issue: DataIssue) => void;
  readonly locations: RecordLocations;
  /** Files read completely, in read order (the scan appends). */
  readonly files: SourceFile[];
  readonly onProgress?: ProgressListener;
  /** The folder's mapping.yaml, when it has one. */
  readonly mapping?: DatasetMapping;
}

/** The mapping plan of a canonical table's file, when mapping.yaml maps that table. */
export function planFor(
  ctx: ScanContext,
  table: string,
  columns: readonly string[],
  at: RecordLocation,
): TablePlan | undefined {
  if (!ctx.mapping || !(CANONICAL_TABLES as readonly string[]).includes(table)) return undefined;
  if (!ctx.mapping.tables[table as CanonicalTable]) return undefined;
  const plan = planTable(table as CanonicalTable, columns, ctx.mapping, at);
  for (const issue of plan.issues) ctx.sink(ctx.locations.markPhysical(issue));
  return plan;
}

/** Applies a plan to one JSON record in JavaScript: canonical names, values mapped. */
export function applyPlan(plan: TablePlan, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of plan.fields) {
    let v = values[p.column];
    if (p.values && v !== null && v !== undefined) {
      const mapped = p.values.get(String(v).trim());
      if (mapped !== undefined) v = mapped;
    }
    if (p.field !== "__proto__") out[p.field] = v;
  }
  return out;
}

/** Options of {@link scanTable}. */
export interface ScanOptions {
  /**
   * The files are ledgers (ingest/ledger.ts): read each run once, with the run's columns only.
   */
  readonly ledgerRuns?: boolean;
}

/** A file's rows as a DuckDB relation, and how to turn a row into a record. */
export interface FileRelation {
  /** SQL of the relation (a table function call). */
  readonly sql: string;
  /** CSV: column names of the header (undefined = ignored column), for `c0…cN`. */
  readonly header?: readonly (string | undefined)[];
}

let scanCounter = 0;

/** The DuckDB `read_csv` call for a CSV file whose header was read by us. */
export function csvRelation(
  file: TableFile,
  cells: number,
  delimiter: string,
  skip: number,
  rejects?: string,
): string {
  const columns = Array.from({ length: cells }, (_, i) => `${sqlString(`c${i}`)}: 'VARCHAR'`).join(", ");
  const options = [
    "auto_detect = false",
    "header = true",
    `skip = ${skip}`,
    `delim = ${sqlString(delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    `columns = {${columns}}`,
    `max_line_size = ${MAX_LINE_BYTES * 4}`,
    `compression = ${sqlString(file.compression ?? "none")}`,
  ];
  if (rejects)
    options.push(
      "store_rejects = true",
      `rejects_table = ${sqlString(rejects)}`,
      `rejects_scan = ${sqlString(`${rejects}_scan`)}`,
    );
  return `read_csv(${sqlPath(file.path)}, ${options.join(", ")})`;
}

/**
 * The lines of an NDJSON file as a DuckDB relation with one text column `line`: one row per
 * physical line, blank lines included (NULL), so that a row's number is its line.
 */
export function ndjsonLines(file: TableFile): string {
  return (
    `read_csv(${sqlPath(file.path)}, columns = {'line': 'VARCHAR'}, header = false, auto_detect = false, ` +
    `delim = '\x1f', quote = '', escape = '', strict_mode = false, null_padding = false, ` +
    `max_line_size = ${MAX_LINE_BYTES * 4}, compression = ${sqlString(file.compression ?? "none")})`
  );
}

/** Words for a DuckDB CSV reject. */
function describeReject(type: string, header: number): { code: string; expected: string; message: string } {
  switch (type) {
    case "MISSING COLUMNS":
    case "TOO MANY COLUMNS":
      return {
        code: "column_count",
        expected: `${header} cells, as in the header`,
        message: "the row does not have as many cells as the header has columns",
      };
    case "UNQUOTED VALUE":
      return {
        code: "malformed_csv",
        expected: "well-formed CSV (RFC 4180 quoting)",
        message: "malformed CSV: a closing quote is followed by other characters",
      };
    case "LINE SIZE OVER MAXIMUM":
      return { code: "line_too_long", expected: "a shorter record", message: "a record is too long" };
    default:
      return {
        code: "malformed_csv",
        expected: "well-formed CSV (RFC 4180 quoting)",
        message: `malformed CSV (${type.toLowerCase()})`,
      };
  }
}

/**
 * The problem of a CSV file without a header line (empty, or blank lines only).
 *
 * @example emptyCsvIssue("runs.csv").message // → "the file is empty: expected a header line"
 */
export function emptyCsvIssue(path: string): DataIssue {
  return {
    severity: "error",
    code: "malformed_csv",
    file: path,
    line: 1,
    expected: "well-formed CSV (RFC 4180 quoting)",
    found: "nothing",
    message: "the file is empty: expected a header line",
  };
}

/** The problem of a file DuckDB could not read at all (`kind`: "CSV", "Parquet"). */
function unreadableBy(path: string, code: string, kind: string, expected: string, error: unknown): DataIssue {
  return {
    severity: "error",
    code,
    file: path,
    expected,
    found: "a file DuckDB could not read",
    message: `cannot read the ${kind} file: ${firstLine((error as Error).message)}`,
  };
}

/**
 * The header of a CSV file: read directly, or — for a zstd file, which Node cannot decompress —
 * from its first lines as DuckDB decompresses them.
 */
export async function csvHeader(engine: Engine, file: TableFile): Promise<CsvHeader | undefined> {
  if (file.compression !== "zstd") return readCsvHeader(file);
  const lines: string[] = [];
  await engine.stream(`select line from ${ndjsonLines(file)} limit 200`, (chunk) => {
    for (let r = 0; r < chunk.rowCount; r++) lines.push((chunk.value(0, r) as string | null) ?? "");
  });
  return csvHeaderOf(lines.join("\n") + "\n", lines.length < 200);
}

/** Trims header names; blanks and repeats (reported) become `undefined` (ignored columns). */
function headerNames(
  cells: readonly string[],
  file: TableFile,
  line: number,
  ctx: ScanContext,
): (string | undefined)[] {
  const seen = new Set<string>();
  return cells.map((cell) => {
    const name = cell.trim();
    if (name === "") return undefined;
    if (seen.has(name)) {
      ctx.sink(
        ctx.locations.markPhysical({
          severity: "error",
          code: "duplicate_column",
          file: file.path,
          line,
          field: name,
          expected: "each column name once",
          found: describeFound(name),
          message: `column ${name} appears more than once in the header`,
        }),
      );
      return undefined;
    }
    seen.add(name);
    return name;
  });
}

/** Streams a CSV file; returns the number of data rows, or undefined when it could not be read. */
async function scanCsvFile(
  ctx: ScanContext,
  file: TableFile,
  required: readonly string[],
  aliases: FieldAliases,
  each: (reader: FieldReader) => void,
  progress: (rows: number) => void,
): Promise<number | undefined> {
  const header = await csvHeader(ctx.engine, file);
  if (!header) {
    ctx.sink(emptyCsvIssue(file.path));
    return undefined;
  }
  const rawNames = headerNames(header.cells, file, header.line, ctx);
  const rawColumns = rawNames.filter((n): n is string => n !== undefined);
  const plan = planFor(ctx, file.table, rawColumns, { file: file.path, line: header.line });
  // A header without a required column makes the table unusable as a reference: it counts as
  // not read completely, so that other tables' references to it are not reported on top.
  let headerFailed = plan ? plan.issues.some((i) => i.severity === "error") : false;
  if (!plan) {
    const headerIssues: DataIssue[] = [];
    const at = { file: file.path, line: header.line };
    checkCsvHeader(rawColumns, required, at, (i) => headerIssues.push(i), aliases);
    for (const issue of headerIssues) ctx.sink(ctx.locations.markPhysical(issue));
    headerFailed = headerIssues.some((i) => i.severity === "error");
  }
  ctx.locations.register(file, header.delimiter, header.line);
  const rejects = `rejects_${++scanCounter}`;
  const relation = csvRelation(file, header.cells.length, header.delimiter, header.skip, rejects);
  let sql = `select * from ${relation}`;
  let names: readonly (string | undefined)[] = rawNames;
  if (plan) {
    if (plan.fields.length === 0) return undefined;
    // Source columns by their header names, then the plan's projection to canonical names.
    const named = rawNames.flatMap((n, i) => (n === undefined ? [] : [`c${i} as ${sqlIdent(n)}`]));
    sql = projectSql(plan, `(select ${named.join(", ")} from ${relation})`);
    names = plan.fields.map((f) => f.field);
  }
  const columns = names.filter((n): n is string => n !== undefined);
  const make = recordMaker(names);
  const cells: string[] = new Array<string>(names.length).fill("");
  let rows = 0;
  try {
    await ctx.engine.stream(sql, (chunk) => {
      const n = chunk.rowCount;
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < cells.length; c++) {
          const v = chunk.value(c, r);
          cells[c] = v === null ? "" : (v as string);
        }
        const line = header.line + 1 + rows;
        rows++;
        each(
          new FieldReader(
            { values: make(cells), location: { file: file.path, line }, textual: true, columns },
            ctx.sink,
            aliases,
          ),
        );
      }
      progress(rows);
    });
  } catch (e) {
    ctx.sink(unreadableBy(file.path, "malformed_csv", "CSV", "well-formed CSV (RFC 4180 quoting)", e));
    return undefined;
  }
  const rejected = await ctx.engine.rows(
    `select line, error_type, csv_line from ${rejects} order by line limit 1000`,
  );
  let broken = false;
  for (const r of rejected) {
    const type = String(r.error_type);
    const line = Number(r.line);
    ctx.locations.rejected(file.path, line);
    if (type === "INVALID ENCODING") {
      broken = true; // reported by the file check, with the byte found
      continue;
    }
    const text = String(r.csv_line ?? "").replace(/\r?\n$/, "");
    // A quote never closed runs the record to the end of the file, over several lines.
    const unclosed = type === "UNQUOTED VALUE" && text.includes("\n");
    const words = unclosed
      ? {
          code: "malformed_csv",
          expected: "well-formed CSV (RFC 4180 quoting)",
          message: "malformed CSV: a quoted cell is never closed",
        }
      : describeReject(type, header.cells.length);
    if (words.code !== "column_count") broken = true;
    ctx.sink(
      ctx.locations.markDuckLine({
        severity: "error",
        code: words.code,
        file: file.path,
        line,
        expected: words.expected,
        found: unclosed
          ? "end of file inside a quoted cell"
          : words.code === "column_count"
            ? `${text.split(header.delimiter).length} cells: ${describeFound(text)}`
            : type === "UNQUOTED VALUE"
              ? "text after a closing quote"
              : describeFound(text),
        message: words.message,
      }),
    );
  }
  await ctx.engine.run(`drop table if exists ${rejects}; drop table if exists ${rejects}_scan`);
  return broken || headerFailed ? undefined : rows;
}

/** The first line of an engine error message. */
function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/^[A-Za-z ]+Error: /, "");
}

/** Reports a JSON value that is not an object; returns whether it is one. */
function isObject(
  ctx: ScanContext,
  value: unknown,
  location: { file: string; line?: number; row?: number },
  ndjson: boolean,
): value is Record<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return true;
  ctx.sink({
    severity: "error",
    code: "not_an_object",
    ...location,
    expected: "a JSON object",
    found: describeFound(value),
    message: ndjson
      ? "each line must hold one JSON object"
      : "each element of the array must be a JSON object",
  });
  return false;
}

/** Streams an NDJSON file, line by line (a malformed line is reported and reading goes on). */
async function scanNdjsonFile(
  ctx: ScanContext,
  file: TableFile,
  aliases: FieldAliases,
  each: (reader: FieldReader) => void,
  progress: (rows: number) => void,
): Promise<number | undefined> {
  let rows = 0;
  let line = 0;
  let plan: TablePlan | undefined;
  try {
    await ctx.engine.stream(`select line from ${ndjsonLines(file)}`, (chunk) => {
      for (let r = 0; r < chunk.rowCount; r++) {
        line++;
        const text = chunk.value(0, r) as string | null;
        if (text === null || text.trim() === "") continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (e) {
          ctx.sink(
            ctx.locations.markPhysical({
              severity: "error",
              code: "malformed_ndjson",
              file: file.path,
              line,
              expected: "one JSON object per line",
              found: describeFound(text),
              message: `malformed JSON: ${(e as Error).message}`,
            }),
          );
          continue;
        }
        const location = { file: file.path, line };
        if (!isObject(ctx, value, location, true)) continue;
        rows++;
        if (rows === 1) plan = planFor(ctx, file.table, Object.keys(value), location);
        const values = plan ? applyPlan(plan, value) : value;
        each(new FieldReader({ values, location, textual: false }, ctx.sink, aliases));
      }
      progress(rows);
    });
  } catch (e) {
    ctx.sink({
      severity: "error",
      code: "unreadable_file",
      file: file.path,
      expected: "a readable file",
      found: "an error",
      message: `cannot read the file: ${firstLine((e as Error).message)}`,
    });
    return undefined;
  }
  return rows;
}

/** The line and text of a JSON syntax error, found by parsing the file again (small files only). */
function diagnoseJson(path: string): { line: number; found: string; message: string } | undefined {
  let text: string;
  try {
    if (statSync(path).size > 256 << 20) return undefined;
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "")
    return { line: 1, found: "nothing", message: "the file is empty: expected a JSON array" };
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value))
      return { line: 1, found: describeFound(value), message: "the file does not hold a JSON array" };
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    const at = m ? Number(m[1]) : text.length;
    const line = text.slice(0, at).split("\n").length;
    const lineText = text.split("\n")[line - 1] ?? "";
    return {
      line,
      found:
        lineText.trim() === "" ? "the end of the file" : describeFound(lineText.trim().replace(/,$/, "")),
      message: `malformed JSON: ${message}`,
    };
  }
}

/** Streams a file holding one JSON array of objects (element by element). */
async function scanJsonFile(
  ctx: ScanContext,
  file: TableFile,
  aliases: FieldAliases,
  each: (reader: FieldReader) => void,
  progress: (rows: number) => void,
): Promise<number | undefined> {
  const sql =
    `select json from read_json_objects(${sqlPath(file.path)}, format = 'array', ` +
    `compression = ${sqlString(file.compression ?? "uncompressed")}, maximum_object_size = ${MAX_LINE_BYTES * 4})`;
  let rows = 0;
  let at = 0;
  let plan: TablePlan | undefined;
  const fail = (message: string): undefined => {
    const diagnosis = file.compression ? undefined : diagnoseJson(file.path);
    ctx.sink(
      ctx.locations.markPhysical({
        severity: "error",
        code: "malformed_json",
        file: file.path,
        ...(diagnosis ? { line: diagnosis.line } : {}),
        expected: "one JSON array of objects",
        found: diagnosis?.found ?? "the text there",
        message: diagnosis?.message ?? `malformed JSON: ${firstLine(message)}`,
      }),
    );
    return undefined;
  };
  try {
    await ctx.engine.stream(sql, (chunk) => {
      for (let r = 0; r < chunk.rowCount; r++) {
        at++;
        const value: unknown = JSON.parse(chunk.value(0, r) as string);
        const location = { file: file.path, row: at };
        if (!isObject(ctx, value, location, false)) continue;
        rows++;
        if (rows === 1) plan = planFor(ctx, file.table, Object.keys(value), location);
        const values = plan ? applyPlan(plan, value) : value;
        each(new FieldReader({ values, location, textual: false }, ctx.sink, aliases));
      }
      progress(rows);
    });
  } catch (e) {
    return fail((e as Error).message);
  }
  if (at === 0 && !file.compression) {
    const diagnosis = diagnoseJson(file.path);
    if (diagnosis) return fail(diagnosis.message);
  }
  return rows;
}

/** SQL turning a Parquet column into what a JSON record would hold (timestamps as ISO text). */
function parquetColumn(name: string, type: string): string {
  const col = sqlIdent(name);
  if (type === "TIMESTAMP WITH TIME ZONE")
    return `strftime(timezone('UTC', ${col}), '%Y-%m-%dT%H:%M:%S.%gZ') as ${col}`;
  if (type.startsWith("TIMESTAMP")) return `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%g') as ${col}`;
  if (type === "DATE") return `strftime(${col}, '%Y-%m-%d') as ${col}`;
  if (/^(DECIMAL|HUGEINT|UHUGEINT)/.test(type)) return `${col}::DOUBLE as ${col}`;
  return col;
}

/** Streams a Parquet file (or Parquet part). */
async function scanParquetFile(
  ctx: ScanContext,
  file: TableFile,
  options: ScanOptions,
  aliases: FieldAliases,
  each: (reader: FieldReader) => void,
  progress: (rows: number) => void,
): Promise<number | undefined> {
  const ledger = options.ledgerRuns === true;
  const relation = ledger
    ? `(select distinct on (run_id) * exclude (${LEDGER_TASK_COLUMNS.map(([n]) => sqlIdent(n)).join(", ")}) from read_parquet(${sqlPath(file.path)}))`
    : `read_parquet(${sqlPath(file.path)})`;
  let rows = 0;
  try {
    const described = await ctx.engine.describe(`select * from ${relation}`);
    const plan = planFor(
      ctx,
      file.table,
      described.map((d) => d.name),
      { file: file.path },
    );
    if (plan && plan.fields.length === 0) return undefined;
    const typed = `select ${described.map((d) => parquetColumn(d.name, d.type)).join(", ")} from ${relation}`;
    const sql = plan ? projectSql(plan, `(${typed})`) : typed;
    const names = plan ? plan.fields.map((f) => f.field) : described.map((d) => d.name);
    await ctx.engine.stream(sql, (chunk) => {
      for (let r = 0; r < chunk.rowCount; r++) {
        const values: Record<string, EngineValue> = {};
        for (let c = 0; c < names.length; c++) {
          const name = names[c]!;
          if (name !== "__proto__") values[name] = chunk.value(c, r);
        }
        rows++;
        each(
          new FieldReader(
            { values, location: { file: file.path, row: rows }, textual: false, columns: names },
            ctx.sink,
            aliases,
          ),
        );
      }
      progress(rows);
    });
  } catch (e) {
    ctx.sink(unreadableBy(file.path, "malformed_parquet", "Parquet", "a readable Parquet file", e));
    return undefined;
  }
  return rows;
}

/**
 * Streams every file of a table (in order) and calls `each` with a reader per record (fields named
 * as in the file; `aliases` map canonical names to on-disk ones). A CSV header is checked for the
 * `required` columns first. Resolves to whether every file was read to its end without a read,
 * encoding or syntax error (a row with a wrong cell count does not stop a file).
 */
export async function scanTable(
  ctx: ScanContext,
  files: readonly TableFile[],
  required: readonly string[],
  aliases: FieldAliases,
  each: (reader: FieldReader) => void,
  options: ScanOptions = {},
): Promise<boolean> {
  let complete = true;
  let tableRows = 0;
  const table = files[0]?.table ?? "";
  for (const file of files) {
    // The bytes first: a file that is not UTF-8 text is not parsed at all (no cascade of row
    // problems caused by its encoding).
    const check = await checkFile(file);
    for (const issue of check.issues) ctx.sink(ctx.locations.markPhysical(issue));
    if (check.issues.length > 0) {
      complete = false;
      continue;
    }
    const progress = (rows: number) => ctx.onProgress?.({ stage: "read", table, rows: tableRows + rows });
    const rows =
      file.format === "csv"
        ? await scanCsvFile(ctx, file, required, aliases, each, progress)
        : file.format === "parquet"
          ? await scanParquetFile(ctx, file, options, aliases, each, progress)
          : file.format === "ndjson"
            ? await scanNdjsonFile(ctx, file, aliases, each, progress)
            : await scanJsonFile(ctx, file, aliases, each, progress);
    if (rows === undefined) {
      complete = false;
      continue;
    }
    tableRows += rows;
    ctx.files.push({
      table: file.table,
      path: file.path,
      format: file.format,
      ...(file.compression ? { compression: file.compression } : {}),
      bytes: check.bytes,
      rows,
      sha256: check.sha256,
    });
  }
  ctx.onProgress?.({ stage: "read", table, rows: tableRows, done: true });
  return complete;
}
