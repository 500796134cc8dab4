/**
 * One entry point for reading any table file, whatever its format.
 */
import { scanCsv, readCsvRecords } from "./csv-reader";
import { readJsonArrayRecords, scanJsonArray } from "./json-array-reader";
import { readNdjsonRecords, scanNdjson } from "./ndjson-reader";
import type { RowVisitor } from "./row-visitor";
import type { ReadOptions, SourceRecord, TableFile } from "./source-record";

/**
 * Streams the records of a table file with the reader for its format (CSV, JSON array or NDJSON);
 * the table name recorded in `onComplete` is the file's `table`. Same problems and options as the
 * format's reader.
 *
 * Throws `DatasetLoadError` on the first problem when `options.onIssue` is not given.
 *
 * @example
 * // file runs.ndjson: '{"run_id":"R1"}\n'
 * const records = [];
 * for await (const r of readTableRecords({ table: "runs", path: "runs.ndjson", format: "ndjson" })) records.push(r);
 * records.length // → 1
 */
export function readTableRecords(
  file: TableFile,
  options: ReadOptions = {},
): AsyncGenerator<SourceRecord, void, undefined> {
  const withTable: ReadOptions = { ...options, table: options.table ?? file.table };
  switch (file.format) {
    case "csv":
      return readCsvRecords(file.path, withTable);
    case "json":
      return readJsonArrayRecords(file.path, withTable);
    case "ndjson":
      return readNdjsonRecords(file.path, withTable);
  }
}

/**
 * One pass over a table file with the scanner for its format, pushing rows to `visitor` (CSV:
 * `header` then `cells`; JSON and NDJSON: `object`) — the allocation-free path the loaders use.
 * Same problems and options as {@link readTableRecords}; the table name recorded in `onComplete`
 * is the file's `table`.
 *
 * @example
 * let rows = 0;
 * await runScan(scanTableFile({ table: "runs", path: "runs.ndjson", format: "ndjson" }, { object: () => rows++ }));
 * rows // → 1 for the file above
 */
export function scanTableFile(
  file: TableFile,
  visitor: RowVisitor,
  options: ReadOptions = {},
): AsyncGenerator<void, void, undefined> {
  const withTable: ReadOptions = { ...options, table: options.table ?? file.table };
  switch (file.format) {
    case "csv":
      return scanCsv(file.path, visitor, withTable);
    case "json":
      return scanJsonArray(file.path, visitor, withTable);
    case "ndjson":
      return scanNdjson(file.path, visitor, withTable);
  }
}
