/**
 * How DuckDB is asked to read one table file — the `read_csv` call with the stated dialect, an
 * NDJSON file as lines, a Parquet column as a JSON record would hold it, a CSV header (zstd
 * through DuckDB) — and the issues of a file DuckDB could not read.
 */
import { describeFound } from "../io/describe-found";
import type { DataIssue } from "../model/issues";
import { csvHeaderOf, readCsvHeader, type CsvHeader } from "./csv-layout";
import type { TableFile } from "./dataset-layout";
import { sqlIdent, sqlPath, sqlString, type Engine } from "./engine";
import { MAX_LINE_BYTES } from "./file-check";
import type { ScanContext } from "./scan-context";

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
export function unreadableBy(
  path: string,
  code: string,
  kind: string,
  expected: string,
  error: unknown,
): DataIssue {
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

/** The first line of an engine error message. */
export function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/^[A-Za-z ]+Error: /, "");
}

/** Reports a JSON value that is not an object; returns whether it is one. */
export function isObject(
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

/** SQL turning a Parquet column into what a JSON record would hold (timestamps as ISO text). */
export function parquetColumn(name: string, type: string): string {
  const col = sqlIdent(name);
  if (type === "TIMESTAMP WITH TIME ZONE")
    return `strftime(timezone('UTC', ${col}), '%Y-%m-%dT%H:%M:%S.%gZ') as ${col}`;
  if (type.startsWith("TIMESTAMP")) return `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%g') as ${col}`;
  if (type === "DATE") return `strftime(${col}, '%Y-%m-%d') as ${col}`;
  if (/^(DECIMAL|HUGEINT|UHUGEINT)/.test(type)) return `${col}::DOUBLE as ${col}`;
  return col;
}
