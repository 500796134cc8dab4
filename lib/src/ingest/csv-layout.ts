/**
 * The physical layout of a CSV file that DuckDB is then told exactly (so that its sniffer never
 * guesses a dialect from damaged rows): the header record, its line, the delimiter, and — only
 * when a problem must be located — where every record starts.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { TableFile } from "./dataset-layout";

/** Delimiters a CSV file may use, in order of preference on a tie. */
export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;

/** The header of a CSV file. */
export interface CsvHeader {
  /** Cells of the header record, untrimmed. */
  readonly cells: readonly string[];
  /** Physical line of the header (1 unless blank lines come first). */
  readonly line: number;
  /** Physical lines before the header (blank lines DuckDB must skip). */
  readonly skip: number;
  /** The delimiter: the candidate seen most often outside quotes in the header. */
  readonly delimiter: string;
}

/** The first `max` bytes of a file's text (decompressed for gzip). */
function headBytes(file: TableFile, max: number): Buffer {
  if (file.compression === "gzip") {
    // Decompress only the start: gunzipSync of a prefix throws on the truncated stream, so read a
    // bounded prefix and accept the partial output.
    const fd = openSync(file.path, "r");
    try {
      const raw = Buffer.alloc(Math.min(max, 4 << 20));
      const n = readSync(fd, raw, 0, raw.length, 0);
      try {
        return gunzipSync(raw.subarray(0, n), { finishFlush: 2 /* Z_SYNC_FLUSH */ }).subarray(0, max);
      } catch {
        return Buffer.alloc(0);
      }
    } finally {
      closeSync(fd);
    }
  }
  const fd = openSync(file.path, "r");
  try {
    const buf = Buffer.alloc(max);
    const n = readSync(fd, buf, 0, max, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Splits one CSV record (RFC 4180: `"` quoting, quotes doubled) starting at `text[start]`; returns
 * its cells and the index after its line end, or undefined when the record does not end in `text`.
 */
function splitRecord(
  text: string,
  start: number,
  delimiter: string,
  final: boolean,
): { cells: string[]; end: number; lines: number } | undefined {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  let lines = 1;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") lines++;
        cell += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      cells.push(cell);
      const end = c === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1;
      return { cells, end, lines };
    } else cell += c;
  }
  if (!final || quoted) return undefined;
  cells.push(cell);
  return { cells, end: text.length, lines };
}

/** Counts a candidate delimiter outside quotes in one line of text. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) n++;
  }
  return n;
}

/**
 * Reads the header of a CSV file: skips a byte-order mark and blank lines, picks the delimiter
 * (`,`, `;`, tab or `|`, whichever appears most outside quotes in the header line; `,` on a tie)
 * and splits the header record. Returns undefined when the file has no header (empty, or only
 * blank lines) within its first 4 MiB.
 *
 * @example
 * // a.csv holds "\uFEFFid;name\n1;x\n"
 * readCsvHeader({ table: "missions", path: "a.csv", format: "csv", name: "a.csv" })
 * // → { cells: ["id", "name"], line: 1, skip: 0, delimiter: ";" }
 */
export function readCsvHeader(file: TableFile): CsvHeader | undefined {
  const bytes = headBytes(file, 4 << 20);
  return csvHeaderOf(bytes.toString("utf8"), bytes.length < 4 << 20);
}

/**
 * The header of CSV text that starts a file (`complete`: the text is the whole file), as
 * {@link readCsvHeader} finds it.
 *
 * @example csvHeaderOf("a|b\n1|2\n", true) // → { cells: ["a", "b"], line: 1, skip: 0, delimiter: "|" }
 */
export function csvHeaderOf(start: string, complete: boolean): CsvHeader | undefined {
  let text = start;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let at = 0;
  let line = 1;
  for (;;) {
    const nl = text.indexOf("\n", at);
    const end = nl === -1 ? text.length : nl;
    if (text.slice(at, end).trim() !== "") break;
    if (nl === -1) return undefined;
    at = nl + 1;
    line++;
  }
  const firstLineEnd = text.indexOf("\n", at);
  const firstLine = text.slice(at, firstLineEnd === -1 ? text.length : firstLineEnd);
  let delimiter: string = CSV_DELIMITERS[0];
  let best = -1;
  for (const d of CSV_DELIMITERS) {
    const n = countOutsideQuotes(firstLine, d);
    if (n > best) {
      best = n;
      delimiter = d;
    }
  }
  const record = splitRecord(text, at, delimiter, complete);
  if (!record) return undefined;
  return { cells: record.cells, line, skip: line - 1, delimiter };
}

/**
 * Where the records of a CSV or NDJSON file start, for locating problems: record k (0-based,
 * blank lines excluded, the header included for CSV) starts at physical line `lines[k]`, and
 * `duckLines[k]` is the line number DuckDB's CSV reader gives it (which counts a blank line as a
 * line and a quoted multi-line record as one). Built by one linear pass over the file, only when a
 * problem in the file is reported.
 */
export interface RecordLines {
  readonly lines: Uint32Array;
  readonly duckLines: Uint32Array;
}

/** The whole text of a file (decompressed for gzip); zstd files are not supported here. */
function wholeText(file: TableFile): string {
  const fd = openSync(file.path, "r");
  try {
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    const raw = Buffer.concat(chunks);
    return (file.compression === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/**
 * Indexes the record starts of a CSV (`delimiter` given) or NDJSON file (`delimiter` undefined:
 * one record a line). Linear in the file's size.
 *
 * @example
 * // b.csv holds 'id,v\n1,"a\nb"\n\n2,c\n'
 * const idx = indexRecordLines({ table: "t", path: "b.csv", format: "csv", name: "b.csv" }, ",");
 * [...idx.lines] // → [1, 2, 5]
 */
export function indexRecordLines(file: TableFile, delimiter: string | undefined): RecordLines {
  let text = wholeText(file);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines: number[] = [];
  const duck: number[] = [];
  let line = 1;
  let duckLine = 1;
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf("\n", at);
    const end = nl === -1 ? text.length : nl;
    if (text.slice(at, end).trim() === "") {
      at = end + 1;
      line++;
      duckLine++;
      continue;
    }
    if (delimiter === undefined) {
      lines.push(line);
      duck.push(duckLine);
      at = end + 1;
      line++;
      duckLine++;
      continue;
    }
    const record = splitRecord(text, at, delimiter, true);
    lines.push(line);
    duck.push(duckLine);
    if (!record) break; // an unterminated quote: the rest is one broken record
    line += record.lines;
    duckLine++;
    at = record.end;
  }
  return { lines: Uint32Array.from(lines), duckLines: Uint32Array.from(duck) };
}
