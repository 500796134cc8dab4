/**
 * Describes a syntax error in a JSON-array file the way the project always has (stream-json's
 * wording, the line of the error, the text found there). Only run once the fast splitter has met a
 * problem: it replays the file with stream-json from a line where the array's state is known.
 */
import { createReadStream } from "node:fs";
import { Readable, type TransformCallback } from "node:stream";
import Parser from "stream-json/Parser";
import StreamArray from "stream-json/streamers/StreamArray";
import { describeFound } from "./describe-found";
import { countNewlines } from "./source-record";

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
 * stream-json's parser, made to report the line of a syntax error. The parser scans the text it
 * holds in one go and forgets the error position, so each chunk is handed to its scanner one line at
 * a time (plain function calls, no extra stream traffic): when a scan fails, the text still held
 * starts on the failing line. The failure is recorded in {@link failure} (event `syntax-error`)
 * instead of destroying the stream. Also drops a leading UTF-8 byte-order mark. Should the internals
 * change, errors take the stream's error path and are placed on the line where the failing chunk
 * ends.
 */
class LineCountingParser extends Parser {
  /** The syntax error found, if any. */
  failure?: SyntaxFailure;
  /** Whether any non-whitespace byte has been given. */
  sawContent = false;
  /** Line of the first non-whitespace byte (1 until one is seen). */
  firstContentLine = 1;
  /** Newlines in the bytes given to the parser. */
  private newlinesGiven = 0;
  /** Newlines in the text handed to the scanner. */
  private newlinesScanned = 0;
  private started = false;

  constructor(options?: Parser.ParserOptions) {
    super(options);
    const internals = this as unknown as ParserInternals;
    const scan = internals._processBuffer;
    if (typeof scan !== "function" || typeof internals._buffer !== "string") return;
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

/** A syntax error as reported in a `malformed_json` issue. */
export interface JsonSyntaxProblem {
  readonly line: number;
  /** Already rendered (quoted, cut), or "end of file". */
  readonly found: string;
  readonly message: string;
}

/** The file's bytes from line `fromLine` on, after `prefix`; stops when `stop()` says so. */
async function* replayBytes(
  path: string,
  fromLine: number,
  prefix: string,
  stop: () => boolean,
): AsyncGenerator<Buffer> {
  if (prefix !== "") yield Buffer.from(prefix, "utf8");
  const file = createReadStream(path);
  let skip = fromLine - 1;
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      if (stop()) return;
      let data = chunk;
      while (skip > 0 && data.length > 0) {
        const nl = data.indexOf(10);
        if (nl === -1) {
          data = data.subarray(data.length);
          break;
        }
        data = data.subarray(nl + 1);
        skip--;
      }
      if (data.length > 0) yield data;
    }
  } finally {
    file.destroy();
  }
}

/**
 * Replays `path` from line `fromLine` (1 = the whole file) after `prefix` (text setting up the
 * array's state at that line, e.g. `"[\n"`; its newlines are discounted) with stream-json, and
 * describes the first syntax error: its line in the file, what was found there and a message —
 * "the file is empty", "the file must hold one JSON array", "the file ends before the JSON array is
 * complete" or "malformed JSON: <stream-json's reason>". Resolves to `undefined` when the replay
 * finds no error (or cannot read the file).
 *
 * @example
 * // file t.json: '[\n  {"a": 1},\n  {"a": 2,, "b": 4}\n]\n'
 * await diagnoseJsonSyntax("t.json", 3, "[{},\n")
 * // → { line: 3, found: '"{\\"a\\": 2,, \\"b\\": 4}"', message: "malformed JSON: expected an object key" }
 */
export async function diagnoseJsonSyntax(
  path: string,
  fromLine: number,
  prefix: string,
): Promise<JsonSyntaxProblem | undefined> {
  const parser = new LineCountingParser({ packValues: true, streamValues: false });
  const elements = new StreamArray();
  let streamFailure: SyntaxFailure | undefined;
  let readError = false;
  const source = Readable.from(
    replayBytes(path, fromLine, prefix, () => parser.failure !== undefined),
    {
      objectMode: false,
    },
  );
  const stopInput = (): void => {
    source.unpipe(parser);
    source.destroy();
    if (!parser.writableEnded && !parser.destroyed) parser.end();
  };
  source.on("error", () => {
    readError = true;
    stopInput();
  });
  parser.on("syntax-error", () => setImmediate(stopInput));
  parser.on("error", (e: Error) => {
    streamFailure ??= parser.fallbackFailure(e);
    stopInput();
    if (!elements.writableEnded && !elements.destroyed) elements.end();
  });
  source.pipe(parser).pipe(elements);
  try {
    for await (const _ of elements as AsyncIterable<unknown>) {
      // Elements were handed over by the fast splitter already.
    }
  } catch (e) {
    streamFailure ??= { ...parser.fallbackFailure(e instanceof Error ? e : new Error(String(e))), line: 0 };
  } finally {
    source.destroy();
    parser.destroy();
    elements.destroy();
  }
  const syntax = parser.failure ?? streamFailure;
  if (readError || !syntax) return undefined;
  const empty = !parser.sawContent;
  const shift = fromLine - 1 - countNewlines(prefix);
  const line = syntax.line > 0 ? syntax.line : parser.firstContentLine;
  return {
    line: Math.max(fromLine, line + shift),
    found: syntax.atEnd || empty ? "end of file" : describeFound(syntax.text),
    message: empty ? "the file is empty" : describeSyntaxError(syntax.error.message, syntax.atEnd),
  };
}
