/**
 * Checks a CSV header against the columns a table needs, once per file (rows then do not repeat
 * the complaint).
 */
import { describeFound } from "../io/describe-found";
import type { RecordLocation } from "../io/source-record";
import { mappingHint, suggestColumn } from "../ingest/suggest-column";
import type { DataIssue } from "../model/issues";
import type { FieldAliases } from "./field-reader";

/**
 * The fatal `missing_column` issue for a header (at `location`, line 1 unless given) without the
 * column `name`. When a column of `columns` is a near miss of it (see `suggestColumn`; columns in
 * `taken` — those other fields already use — are not offered) the message ends with the hint to
 * map it.
 *
 * @example missingColumnIssue("run_id", ["Run ID", "mission_id"], { file: "runs.csv" }).message
 *   // → "the header has no run_id column; column `Run ID`: did you mean `run_id`? map it in mapping.yaml"
 */
export function missingColumnIssue(
  name: string,
  columns: readonly string[],
  location: RecordLocation,
  taken: ReadonlySet<string> = new Set(),
): DataIssue {
  const near = suggestColumn(
    name,
    columns.filter((c) => !taken.has(c)),
  );
  return {
    severity: "error",
    code: "missing_column",
    file: location.file,
    line: location.line ?? 1,
    field: name,
    expected: `a column named ${name}`,
    found: `columns ${describeFound(columns.join(","))}`,
    message: `the header has no ${name} column` + (near !== undefined ? `; ${mappingHint(near, name)}` : ""),
  };
}

/**
 * Reports a fatal `missing_column` for every required field (by its on-disk name) absent from
 * `columns` (with a near-miss suggestion, see {@link missingColumnIssue}); for the runs table also
 * a `bad_column` for a `kpi.` column without a KPI name.
 */
export function checkCsvHeader(
  columns: readonly string[],
  required: readonly string[],
  location: RecordLocation,
  sink: (issue: DataIssue) => void,
  aliases: FieldAliases = {},
): void {
  const present = new Set(columns);
  const names = new Set(required.map((field) => aliases[field] ?? field));
  for (const field of required) {
    const name = aliases[field] ?? field;
    if (present.has(name)) continue;
    sink(missingColumnIssue(name, columns, location, names));
  }
  for (const column of columns) {
    if (column.startsWith("kpi.") && column.slice(4).trim() === "") sink(badKpiColumnIssue(column, location));
  }
}

/**
 * The fatal `bad_column` issue for a runs column `kpi.` without a KPI name, at the header.
 *
 * @example badKpiColumnIssue("kpi. ", { file: "runs.csv" }).message // → "a KPI column must name its KPI"
 */
export function badKpiColumnIssue(column: string, location: RecordLocation): DataIssue {
  return {
    severity: "error",
    code: "bad_column",
    file: location.file,
    line: location.line ?? 1,
    field: column,
    expected: "kpi.<KPI name>",
    found: describeFound(column),
    message: "a KPI column must name its KPI",
  };
}
