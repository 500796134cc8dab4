/**
 * JSON-array reader: a file holding one JSON array of objects, split into its elements by a
 * purpose-built streaming splitter and each element parsed natively, so that a huge file never
 * becomes one giant string. Syntax errors are described by replaying the file with stream-json.
 */
import { describeFound } from "./describe-found";
import { sourceFileOf } from "./fingerprint";
import { JsonArraySplitter } from "./json-array-splitter";
import { diagnoseJsonSyntax } from "./json-syntax-diagnosis";
import { unreadableFileIssue } from "./read-errors";
import { recordsFromScan, type RowVisitor } from "./row-visitor";
import { issueSink, tableNameOf, type ReadOptions, type SourceRecord } from "./source-record";
import { ByteTally, FileReadFailure, readTextChunks } from "./text-chunks";

/**
 * One pass over a JSON-array file, pushing each object element (with its 1-based row) to `visitor`
 * and yielding after each chunk (see `RowScan`). Same format, problems and options as
 * {@link readJsonArrayRecords}.
 *
 * @example
 * let rows = 0;
 * await runScan(scanJsonArray("runs.json", { object: () => rows++ }));
 * rows // → the number of elements
 */
export async function* scanJsonArray(
  path: string,
  visitor: RowVisitor,
  options: ReadOptions = {},
): AsyncGenerator<void, void, undefined> {
  const report = issueSink(options, path);
  const tally = new ByteTally();
  let rows = 0;
  const splitter = new JsonArraySplitter((value, row) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      report({
        severity: "error",
        code: "not_an_object",
        file: path,
        row,
        expected: "a JSON object",
        found: describeFound(value),
        message: "each element of the array must be a JSON object",
      });
      return;
    }
    rows++;
    visitor.object?.(value as Record<string, unknown>, row);
  });
  try {
    for await (const text of readTextChunks(path, tally)) {
      splitter.write(text);
      if (splitter.failure) break;
      yield;
    }
  } catch (e) {
    if (!(e instanceof FileReadFailure)) throw e;
    report(unreadableFileIssue(path, e.error));
    return;
  }
  splitter.end();
  const failure = splitter.failure;
  if (failure) {
    const problem = (await diagnoseJsonSyntax(path, failure.fromLine, failure.prefix)) ?? {
      line: failure.line,
      found: "the element there",
      message: `malformed JSON: ${failure.reason}`,
    };
    report({
      severity: "error",
      code: "malformed_json",
      file: path,
      line: problem.line,
      expected: "one JSON array of objects",
      found: problem.found,
      message: problem.message,
    });
    return;
  }
  options.onComplete?.(
    sourceFileOf(options.table ?? tableNameOf(path), path, "json", tally.bytes, rows, tally.digest()),
  );
}

/**
 * Streams the elements of a file holding one JSON array of objects. Each element is yielded as a
 * record with its 1-based `row` (position in the array) and `textual: false`. Reported problems:
 * `unreadable_file`; `malformed_json` with the line of the syntax error (elements before it are
 * still yielded, nothing after it); `not_an_object` for an element that is not an object (reading
 * goes on). A leading byte-order mark is ignored.
 *
 * Throws `DatasetLoadError` on the first problem when `options.onIssue` is not given.
 *
 * @example
 * // file runs.json: '[{"run_id":"R1"},{"run_id":"R2"}]'
 * for await (const r of readJsonArrayRecords("runs.json")) console.log(r.location.row, r.values.run_id);
 * // → 1 R1, then 2 R2
 */
export function readJsonArrayRecords(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<SourceRecord, void, undefined> {
  return recordsFromScan((visitor, o) => scanJsonArray(path, visitor, o), path, "json", options);
}
