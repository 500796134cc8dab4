/**
 * NDJSON reader: one JSON object per line, streamed in large chunks (the file is never held whole).
 */
import { sourceFileOf } from "./fingerprint";
import { NdjsonParser } from "./ndjson-parser";
import { unreadableFileIssue } from "./read-errors";
import { recordsFromScan, type RowVisitor } from "./row-visitor";
import { issueSink, tableNameOf, type ReadOptions, type SourceRecord } from "./source-record";
import { ByteTally, FileReadFailure, readTextChunks } from "./text-chunks";

/** Does nothing: the default for a visitor without `object`. */
const ignore = (): void => {};

/**
 * One pass over an NDJSON file, pushing each object (with its line) to `visitor` and yielding after
 * each chunk (see `RowScan`). Same format, problems and options as {@link readNdjsonRecords}.
 *
 * @example
 * let rows = 0;
 * await runScan(scanNdjson("runs.ndjson", { object: () => rows++ }));
 * rows // → the number of objects
 */
export async function* scanNdjson(
  path: string,
  visitor: RowVisitor,
  options: ReadOptions = {},
): AsyncGenerator<void, void, undefined> {
  const report = issueSink(options, path);
  const tally = new ByteTally();
  const parser = new NdjsonParser(path, visitor.object?.bind(visitor) ?? ignore, report);
  try {
    for await (const text of readTextChunks(path, tally, { parseBytes: options.parseBytes })) {
      parser.write(text);
      yield;
    }
  } catch (e) {
    if (!(e instanceof FileReadFailure)) throw e;
    report(unreadableFileIssue(path, e.error));
    return;
  }
  parser.end();
  options.onComplete?.(
    sourceFileOf(
      options.table ?? tableNameOf(path),
      path,
      "ndjson",
      tally.bytes,
      parser.rows,
      tally.digest(),
    ),
  );
}

/**
 * Streams the records of an NDJSON file: each non-blank line must hold one JSON object. Blank
 * lines are skipped; a trailing `\r` (CRLF files) and a leading byte-order mark are ignored. A line
 * that is not valid JSON, or not an object, is reported (code `malformed_ndjson` /
 * `not_an_object`, with its line) and reading goes on with the next line. An unreadable file is
 * reported as `unreadable_file`. Records carry `line` (1-based) and `textual: false`.
 *
 * Throws `DatasetLoadError` on the first problem when `options.onIssue` is not given.
 *
 * @example
 * // file a.ndjson: '{"run_id":"R1"}\n\n{"run_id":"R2"}\n'
 * for await (const r of readNdjsonRecords("a.ndjson")) console.log(r.location.line, r.values.run_id);
 * // → 1 R1, then 3 R2
 */
export function readNdjsonRecords(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<SourceRecord, void, undefined> {
  return recordsFromScan((visitor, o) => scanNdjson(path, visitor, o), path, "ndjson", options);
}
