/**
 * An incremental NDJSON parser over text chunks: lines split with `indexOf`, each parsed with
 * `JSON.parse`, so the cost per record is the native parse and little else.
 */
import type { DataIssue } from "../model/issues";
import { describeFound } from "./describe-found";

/** Receives each object with its 1-based line. */
export type NdjsonObjectHandler = (values: Record<string, unknown>, line: number) => void;

const OPEN_BRACE = 123;

/**
 * Incremental NDJSON parser: {@link write} text chunks in order, then {@link end}. Each non-blank
 * line must hold one JSON object; a trailing `\r` and a leading byte-order mark are ignored. A line
 * that is not JSON (`malformed_ndjson`) or not an object (`not_an_object`) is reported and skipped.
 *
 * @example
 * const seen: unknown[] = [];
 * const parser = new NdjsonParser("a.ndjson", (v, line) => seen.push([line, v.id]), () => {});
 * parser.write('{"id":1}\n\n{"i');
 * parser.write('d":2}');
 * parser.end();
 * seen // → [[1, 1], [3, 2]]
 */
export class NdjsonParser {
  /** Objects parsed so far. */
  rows = 0;
  private carry = "";
  private lineNo = 0;

  /**
   * @param path the file, for issues
   * @param onObject receives each object
   * @param report receives each problem
   */
  constructor(
    private readonly path: string,
    private readonly onObject: NdjsonObjectHandler,
    private readonly report: (issue: DataIssue) => void,
  ) {}

  /** Parses the complete lines of the next chunk. */
  write(chunk: string): void {
    let text = chunk;
    let start = 0;
    if (this.carry !== "") {
      // Only the line cut by the previous chunk is joined: the chunk itself is not copied.
      const nl = chunk.indexOf("\n");
      if (nl === -1) {
        this.carry += chunk;
        return;
      }
      const first = this.carry + chunk.slice(0, nl);
      this.carry = "";
      this.line(first, 0, first.length);
      start = nl + 1;
    }
    for (let nl = text.indexOf("\n", start); nl !== -1; nl = text.indexOf("\n", start)) {
      this.line(text, start, nl);
      start = nl + 1;
    }
    text = start === 0 ? text : text.slice(start);
    this.carry = text;
  }

  /** Parses the last line (one without a final newline). */
  end(): void {
    const text = this.carry;
    this.carry = "";
    if (text !== "") this.line(text, 0, text.length);
  }

  private line(text: string, start: number, end: number): void {
    const lineNo = ++this.lineNo;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (lineNo === 1 && text.charCodeAt(start) === 0xfeff && start < end) start++;
    const line = text.slice(start, end);
    if (line.charCodeAt(0) !== OPEN_BRACE && line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      this.report({
        severity: "error",
        code: "malformed_ndjson",
        file: this.path,
        line: lineNo,
        expected: "one JSON object per line",
        found: describeFound(line),
        message: `malformed JSON: ${e instanceof Error ? e.message : String(e)}`,
      });
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      this.report({
        severity: "error",
        code: "not_an_object",
        file: this.path,
        line: lineNo,
        expected: "a JSON object",
        found: describeFound(value),
        message: "each line must hold one JSON object",
      });
      return;
    }
    this.rows++;
    this.onObject(value as Record<string, unknown>, lineNo);
  }
}
