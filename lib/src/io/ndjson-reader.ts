/**
 * NDJSON reader: one JSON object per line, streamed line by line (the file is never held whole).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { describeFound } from "./describe-found";
import { sourceFileOf } from "./fingerprint";
import { unreadableFileIssue } from "./read-errors";
import { issueSink, tableNameOf, type ReadOptions, type SourceRecord } from "./source-record";

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
export async function* readNdjsonRecords(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<SourceRecord, void, undefined> {
  const report = issueSink(options, path);
  const hash = createHash("sha256");
  const decoder = new StringDecoder("utf8");
  let bytes = 0;
  let rows = 0;
  let lineNo = 0;
  let pending = "";
  let first = true;

  function* take(line: string): Generator<SourceRecord> {
    lineNo++;
    let text = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (first) {
      first = false;
      if (text.startsWith("\ufeff")) text = text.slice(1);
    }
    if (text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      report({
        severity: "error",
        code: "malformed_ndjson",
        file: path,
        line: lineNo,
        expected: "one JSON object per line",
        found: describeFound(text),
        message: `malformed JSON: ${e instanceof Error ? e.message : String(e)}`,
      });
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      report({
        severity: "error",
        code: "not_an_object",
        file: path,
        line: lineNo,
        expected: "a JSON object",
        found: describeFound(value),
        message: "each line must hold one JSON object",
      });
      return;
    }
    rows++;
    yield {
      values: value as Record<string, unknown>,
      location: { file: path, line: lineNo },
      textual: false,
    };
  }

  const stream = createReadStream(path);
  const chunks = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<Buffer>;
      try {
        step = (await chunks.next()) as IteratorResult<Buffer>;
      } catch (e) {
        report(unreadableFileIssue(path, e));
        return;
      }
      if (step.done) break;
      hash.update(step.value);
      bytes += step.value.length;
      pending += decoder.write(step.value);
      let start = 0;
      for (let nl = pending.indexOf("\n"); nl !== -1; nl = pending.indexOf("\n", start)) {
        yield* take(pending.slice(start, nl));
        start = nl + 1;
      }
      pending = pending.slice(start);
    }
  } finally {
    stream.destroy();
  }
  pending += decoder.end();
  if (pending !== "") yield* take(pending);
  options.onComplete?.(
    sourceFileOf(options.table ?? tableNameOf(path), path, "ndjson", bytes, rows, hash.digest("hex")),
  );
}
