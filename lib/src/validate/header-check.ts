/**
 * Checks a CSV header against the columns a table needs, once per file (rows then do not repeat
 * the complaint).
 */
import { describeFound } from "../io/describe-found";
import type { RecordLocation } from "../io/source-record";
import type { DataIssue } from "../model/issues";
import type { FieldAliases } from "./field-reader";

/**
 * Reports a fatal `missing_column` for every required field (by its on-disk name) absent from
 * `columns`; for the runs table also a `bad_column` for a `kpi.` column without a KPI name.
 */
export function checkCsvHeader(
  columns: readonly string[],
  required: readonly string[],
  location: RecordLocation,
  sink: (issue: DataIssue) => void,
  aliases: FieldAliases = {},
): void {
  const present = new Set(columns);
  for (const field of required) {
    const name = aliases[field] ?? field;
    if (present.has(name)) continue;
    sink({
      severity: "error",
      code: "missing_column",
      file: location.file,
      line: location.line ?? 1,
      field: name,
      expected: `a column named ${name}`,
      found: `columns ${describeFound(columns.join(","))}`,
      message: `the header has no ${name} column`,
    });
  }
  for (const column of columns) {
    if (column.startsWith("kpi.") && column.slice(4).trim() === "") {
      sink({
        severity: "error",
        code: "bad_column",
        file: location.file,
        line: location.line ?? 1,
        field: column,
        expected: "kpi.<KPI name>",
        found: describeFound(column),
        message: "a KPI column must name its KPI",
      });
    }
  }
}
