/**
 * JSON-array reader: a file holding one JSON array of objects, streamed element by element with
 * `stream-json` so that a huge file never becomes one giant string.
 */
import { createReadStream } from "node:fs";
import type { TransformCallback } from "node:stream";
import Parser from "stream-json/Parser";
import StreamArray from "stream-json/streamers/StreamArray";
import type { DataIssue } from "../model/issues";
import { describeFound } from "./describe-found";
import { HashingTap, sourceFileOf } from "./fingerprint";
import { unreadableFileIssue } from "./read-errors";
import { countNewlines, issueSink, tableNameOf, type ReadOptions, type SourceRecord } from "./source-record";

/** The parts of stream-json 1.9's Parser internals used to place syntax errors on their line. */
interface ParserInternals {
  _buffer?: unknown;
  _done?: boolean;
  _processBuffer?: (callback: (error?: Error | null) => void) => void;
}

/** A syntax error, placed on its line. */
interface SyntaxFailure {
  readonly error: Error;
  readonly line: number;
  /** Input text where the parser stopped, up to its line end ("" at the end of the input). */
  readonly text: string;
  readonly atEnd: boolean;
}

/**
 * stream-json's parser, made to report the line of a syntax error and to keep what it parsed
 * before it. The parser scans the text it holds in one go and forgets the error position, so each
 * chunk is handed to its scanner one line at a time (plain function calls, no extra stream
 * traffic): when a scan fails, the text still held starts on the failing line. The failure is
 * recorded in {@link failure} (event `syntax-error`) instead of destroying the stream, so tokens
 * already produced still reach the consumer; later input is ignored. Also drops a leading UTF-8
 * byte-order mark. Should the internals change, errors take the stream's error path and are placed
 * on the line where the failing chunk ends.
 */
class LineCountingParser extends Parser {
  /** The syntax error found, if any. */
  failure?: SyntaxFailure;
  /** Whether any non-whitespace byte has been given. */
  sawContent = false;
  /** Line of the first non-whitespace byte (1 until one is seen). */
  firstContentLine = 1;
  /** Whether syntax errors are placed by line (the internals are as expected). */
  readonly lineByLine: boolean;
  /** Newlines in the bytes given to the parser. */
  private newlinesGiven = 0;
  /** Newlines in the text handed to the scanner. */
  private newlinesScanned = 0;
  private started = false;

  constructor(options?: Parser.ParserOptions) {
    super(options);
    const internals = this as unknown as ParserInternals;
    const scan = internals._processBuffer;
    this.lineByLine = typeof scan === "function" && typeof internals._buffer === "string";
    if (!this.lineByLine || !scan) return;
    /** Scans what the parser holds; on failure records it and drops the rest. */
    const scanHeld = (): boolean => {
      let error: Error | null | undefined;
      scan.call(this, (e) => {
        error = e;
      });
      if (!error) return true;
      const held = typeof internals._buffer === "string" ? internals._buffer : "";
      const rest = held.trimStart();
      const nl = rest.indexOf("\n");
      this.failure = {
        error,
        line: 1 + this.newlinesScanned - countNewlines(held),
        text: nl === -1 ? rest : rest.slice(0, nl),
        atEnd: internals._done === true && rest === "",
      };
      internals._buffer = "";
      this.emit("syntax-error");
      return false;
    };
    internals._processBuffer = (callback) => {
      const all = internals._buffer;
      if (this.failure || typeof all !== "string") {
        internals._buffer = "";
        callback(null);
        return;
      }
      if (internals._done) {
        scanHeld();
        callback(null);
        return;
      }
      internals._buffer = "";
      for (let start = 0; start < all.length;) {
        const nl = all.indexOf("\n", start);
        const end = nl === -1 ? all.length : nl + 1;
        internals._buffer = `${internals._buffer as string}${all.slice(start, end)}`;
        if (nl !== -1) this.newlinesScanned++;
        if (!scanHeld()) break;
        start = end;
      }
      callback(null);
    };
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback): void {
    let data = chunk;
    if (!this.started) {
      this.started = true;
      if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)
        data = data.subarray(3);
    }
    if (!this.sawContent) {
      const first = data.findIndex((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
      if (first !== -1) {
        this.sawContent = true;
        this.firstContentLine =
          1 + this.newlinesGiven + data.subarray(0, first).filter((b) => b === 10).length;
      }
    }
    for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) this.newlinesGiven++;
    super._write(data, encoding, callback);
  }

  /** A failure from the stream's error path (internals not as expected, or the element stream). */
  fallbackFailure(error: Error): SyntaxFailure {
    return { error, line: 1 + this.newlinesGiven, text: "", atEnd: false };
  }
}

/** Rewords stream-json's parser messages for people. */
function describeSyntaxError(message: string, atEnd: boolean): string {
  if (/Top-level object should be an array/.test(message)) return "the file must hold one JSON array";
  if (atEnd) return "the file ends before the JSON array is complete";
  return `malformed JSON: ${message.replace(/^Parser (cannot parse input: |has )/, "")}`;
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
export async function* readJsonArrayRecords(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<SourceRecord, void, undefined> {
  const report = issueSink(options, path);
  const file = createReadStream(path);
  const tap = new HashingTap();
  const parser = new LineCountingParser({ packValues: true, streamValues: false });
  const elements = new StreamArray();
  let readFailure: DataIssue | undefined;
  let streamFailure: SyntaxFailure | undefined;

  /** Stops reading the file; the parser then ends, and so does the element stream after it. */
  const stopInput = (): void => {
    file.unpipe(tap);
    tap.unpipe(parser);
    file.destroy();
    if (!parser.writableEnded && !parser.destroyed) parser.end();
  };
  file.on("error", (e) => {
    readFailure ??= unreadableFileIssue(path, e);
    stopInput();
  });
  parser.on("syntax-error", () => setImmediate(stopInput));
  parser.on("error", (e: Error) => {
    // Only without the line-by-line scan: the parser is destroyed; end the elements ourselves.
    streamFailure ??= parser.fallbackFailure(e);
    stopInput();
    if (!elements.writableEnded && !elements.destroyed) elements.end();
  });
  file.pipe(tap).pipe(parser).pipe(elements);

  let rows = 0;
  try {
    for await (const item of elements as AsyncIterable<{ key: number; value: unknown }>) {
      const row = item.key + 1;
      const value = item.value;
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
        continue;
      }
      rows++;
      yield { values: value as Record<string, unknown>, location: { file: path, row }, textual: false };
    }
  } catch (e) {
    // The element stream fails only on a structural problem (the top level is not an array).
    streamFailure ??= { ...parser.fallbackFailure(e instanceof Error ? e : new Error(String(e))), line: 0 };
  } finally {
    file.destroy();
    tap.destroy();
    parser.destroy();
    elements.destroy();
  }
  const syntax = parser.failure ?? streamFailure;
  if (readFailure) {
    report(readFailure);
    return;
  }
  if (syntax) {
    const empty = !parser.sawContent;
    report({
      severity: "error",
      code: "malformed_json",
      file: path,
      line: syntax.line > 0 ? syntax.line : parser.firstContentLine,
      expected: "one JSON array of objects",
      found: syntax.atEnd || empty ? "end of file" : describeFound(syntax.text),
      message: empty ? "the file is empty" : describeSyntaxError(syntax.error.message, syntax.atEnd),
    });
    return;
  }
  options.onComplete?.(
    sourceFileOf(options.table ?? tableNameOf(path), path, "json", tap.bytes, rows, tap.digest()),
  );
}
