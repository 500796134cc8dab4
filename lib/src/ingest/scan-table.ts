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
import type { DataIssue } from "../model/issues";
import type { RecordLocation } from "../io/source-record";
import { FieldReader, type FieldAliases } from "../validate/field-reader";
import { checkCsvHeader } from "../validate/header-check";
import type { TableFile } from "./dataset-layout";
import { sqlIdent, sqlPath, sqlString, type EngineValue } from "./engine";
import { checkFile, MAX_LINE_BYTES } from "./file-check";
import { LEDGER_TASK_COLUMNS } from "./ledger";
import { projectSql, type TablePlan } from "./mapping";
import { applyPlan, markIfOutside, planFor, type ScanContext, type ScanOptions } from "./scan-context";
import {
  csvHeader,
  csvRelation,
  emptyCsvIssue,
  firstLine,
  isObject,
  ndjsonLines,
  parquetColumn,
  unreadableBy,
} from "./table-relations";

export type { ScanContext, ScanOptions } from "./scan-context";
export { csvHeader, csvRelation, emptyCsvIssue, ndjsonLines } from "./table-relations";

let scanCounter = 0;

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
  let rows = 0;
  try {
    rows = await streamRecords(ctx, sql, names, {
      textual: true,
      at: (n) => ({ file: file.path, line: header.line + n }),
      aliases,
      progress,
      each,
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

/**
 * Hands parsed JSON values of one file to `each` as records: a value that is not an object is
 * reported; mapping.yaml's plan (made from the first record's keys) is applied. Returns whether
 * the value became a record.
 */
function jsonTaker(
  ctx: ScanContext,
  file: TableFile,
  aliases: FieldAliases,
  each: (reader: FieldReader) => void,
  ndjson: boolean,
): (value: unknown, location: RecordLocation) => boolean {
  let plan: TablePlan | undefined;
  let first = true;
  return (value, location) => {
    if (!isObject(ctx, value, location, ndjson)) return false;
    if (first) plan = planFor(ctx, file.table, Object.keys(value), location);
    first = false;
    const values = plan ? applyPlan(plan, value) : value;
    each(new FieldReader({ values, location, textual: false }, ctx.sink, aliases));
    return true;
  };
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
  const take = jsonTaker(ctx, file, aliases, each, true);
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
        if (take(value, { file: file.path, line })) rows++;
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
  const take = jsonTaker(ctx, file, aliases, each, false);
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
        if (take(value, { file: file.path, row: at })) rows++;
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
    rows = await streamRecords(ctx, sql, names, {
      textual: false,
      at: (n) => ({ file: file.path, row: n }),
      aliases,
      progress,
      each,
    });
  } catch (e) {
    ctx.sink(unreadableBy(file.path, "malformed_parquet", "Parquet", "a readable Parquet file", e));
    return undefined;
  }
  return rows;
}

/**
 * Streams the rows of `sql` as records named `names` (undefined: a column left out) to `each`,
 * with one object shape for every record (fast properties, made in one step). CSV (`textual`)
 * cells are text, a NULL the empty text; typed values pass as they are. `at(n)` locates the n-th
 * record (1-based). Resolves to the number of records.
 */
async function streamRecords(
  ctx: ScanContext,
  sql: string,
  names: readonly (string | undefined)[],
  how: {
    readonly textual: boolean;
    readonly at: (n: number) => RecordLocation;
    readonly aliases: FieldAliases;
    readonly progress: (rows: number) => void;
    readonly each: (reader: FieldReader) => void;
  },
): Promise<number> {
  const make = recordMaker(names) as unknown as (
    cells: readonly EngineValue[],
  ) => Record<string, EngineValue>;
  const columns = names.filter((n): n is string => n !== undefined);
  const cells: EngineValue[] = new Array<EngineValue>(names.length).fill(null);
  let rows = 0;
  await ctx.engine.stream(sql, (chunk) => {
    for (let r = 0; r < chunk.rowCount; r++) {
      for (let c = 0; c < cells.length; c++) {
        const v = chunk.value(c, r);
        cells[c] = how.textual && v === null ? "" : v;
      }
      rows++;
      const record = { values: make(cells), location: how.at(rows), textual: how.textual, columns };
      how.each(new FieldReader(record, ctx.sink, how.aliases));
    }
    how.progress(rows);
  });
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
    markIfOutside(ctx, file.path);
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
