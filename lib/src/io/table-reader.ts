/**
 * One entry point for reading any table file, whatever its format.
 */
import { readCsvRecords } from "./csv-reader";
import { readJsonArrayRecords } from "./json-array-reader";
import { readNdjsonRecords } from "./ndjson-reader";
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
