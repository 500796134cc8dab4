/**
 * CSV reader over the project's incremental RFC 4180 parser (csv-parser). Line numbers are
 * physical lines of the file (line 1 is the header), so that quoted cells spanning lines and CRLF
 * line ends are placed correctly.
 */
import type { DataIssue } from "../model/issues";
import { CsvRecordParser, type CsvSyntaxError } from "./csv-parser";
import { describeFound } from "./describe-found";
import { sourceFileOf } from "./fingerprint";
import { unreadableFileIssue } from "./read-errors";
import { recordsFromScan, type RowVisitor } from "./row-visitor";
import { issueSink, tableNameOf, type ReadOptions, type SourceRecord } from "./source-record";
import { ByteTally, FileReadFailure, readTextChunks } from "./text-chunks";

/** Whether a line terminator is in `text` (what a regex `.` does not match). */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** Words for a syntax error: the message and what was found (as csv-parse's errors read). */
function describeCsvError(error: CsvSyntaxError): { message: string; found: string } {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return {
        message: "malformed CSV: a quoted cell is never closed",
        found: "end of file inside a quoted cell",
      };
    case "CSV_INVALID_CLOSING_QUOTE":
      return {
        message: "malformed CSV: a closing quote is followed by other characters",
        found: LINE_TERMINATOR.test(error.detail)
          ? "text after a closing quote"
          : `${describeFound(error.detail)} after a closing quote`,
      };
    case "INVALID_OPENING_QUOTE": {
      const value = JSON.stringify(error.detail).slice(1, -1);
      return {
        message: "malformed CSV: a quote appears inside an unquoted cell",
        found: LINE_TERMINATOR.test(value)
          ? "a quote inside an unquoted cell"
          : `a quote after ${describeFound(value)}`,
      };
    }
  }
}

function isBlank(cells: readonly string[]): boolean {
  return cells.length === 0 || (cells.length === 1 && cells[0]!.trim() === "");
}

/** Trims header names; blanks and repeats (reported) become `undefined` (ignored columns). */
function readHeader(
  cells: readonly string[],
  path: string,
  line: number,
  report: (issue: DataIssue) => void,
): (string | undefined)[] {
  const seen = new Set<string>();
  return cells.map((cell) => {
    const name = cell.trim();
    if (name === "") return undefined;
    if (seen.has(name)) {
      report({
        severity: "error",
        code: "duplicate_column",
        file: path,
        line,
        field: name,
        expected: "each column name once",
        found: describeFound(name),
        message: `column ${name} appears more than once in the header`,
      });
      return undefined;
    }
    seen.add(name);
    return name;
  });
}

/**
 * One pass over a CSV file, pushing the header and each data row to `visitor` and yielding after
 * each chunk (see `RowScan`). Same format, problems and options as {@link readCsvRecords}.
 *
 * @example
 * let rows = 0;
 * await runScan(scanCsv("runs.csv", { cells: () => rows++ }));
 * rows // → the number of data rows
 */
export async function* scanCsv(
  path: string,
  visitor: RowVisitor,
  options: ReadOptions = {},
): AsyncGenerator<void, void, undefined> {
  const report = issueSink(options, path);
  const tally = new ByteTally();
  let header: (string | undefined)[] | undefined;
  let rows = 0;
  const parser = new CsvRecordParser((cells, line) => {
    if (isBlank(cells)) return;
    if (!header) {
      header = readHeader(cells, path, line, report);
      options.onHeader?.(
        header.filter((c): c is string => c !== undefined),
        { file: path, line },
      );
      visitor.header?.(header, line);
      if (visitor.line) {
        const fast = visitor.line.bind(visitor);
        parser.onLine = (text, start, end, at) => {
          if (!fast(text, start, end, at)) return false;
          rows++;
          return true;
        };
      }
      return;
    }
    if (cells.length !== header.length) {
      report({
        severity: "error",
        code: "column_count",
        file: path,
        line,
        expected: `${header.length} cells, as in the header`,
        found: `${cells.length} cells: ${describeFound(cells.join(","))}`,
        message: "the row does not have as many cells as the header has columns",
      });
      return;
    }
    rows++;
    visitor.cells?.(cells, line);
  });
  let failure: DataIssue | undefined;
  try {
    for await (const text of readTextChunks(path, tally, {
      utf16Bom: true,
      parseBytes: options.parseBytes,
    })) {
      parser.write(text);
      if (parser.failure) break;
      yield;
    }
    parser.end();
  } catch (e) {
    if (!(e instanceof FileReadFailure)) throw e;
    failure = unreadableFileIssue(path, e.error);
  }
  if (!failure && parser.failure) {
    const { message, found } = describeCsvError(parser.failure);
    failure = {
      severity: "error",
      code: "malformed_csv",
      file: path,
      line: parser.failure.line,
      expected: "well-formed CSV (RFC 4180 quoting)",
      found,
      message,
    };
  }
  if (!failure && !header) {
    failure = {
      severity: "error",
      code: "malformed_csv",
      file: path,
      line: 1,
      expected: "well-formed CSV (RFC 4180 quoting)",
      found: "nothing",
      message: "the file is empty: expected a header line",
    };
  }
  if (failure) {
    report(failure);
    return;
  }
  options.onComplete?.(
    sourceFileOf(options.table ?? tableNameOf(path), path, "csv", tally.bytes, rows, tally.digest()),
  );
}

/**
 * Streams the data rows of a CSV file (comma-separated, `"` quoting, UTF-8, optional byte-order
 * mark, LF or CRLF line ends). The first non-blank line is the header: column names are trimmed,
 * empty names are ignored, a repeated name is reported (`duplicate_column`) and its first
 * occurrence used. Blank lines are skipped. Each record maps every column to its cell text
 * (untrimmed), with the record's first physical `line` and `textual: true`.
 *
 * Reported problems: `unreadable_file`; `malformed_csv` (empty file, broken quoting — reading stops
 * there, with the line of the record where it happened); `column_count` for a row whose number of
 * cells differs from the header's (the row is skipped, reading goes on).
 *
 * Throws `DatasetLoadError` on the first problem when `options.onIssue` is not given.
 *
 * @example
 * // file runs.csv: 'run_id,status\nR1,completed\nR2,failed\n'
 * for await (const r of readCsvRecords("runs.csv")) console.log(r.location.line, r.values.status);
 * // → 2 completed, then 3 failed
 */
export function readCsvRecords(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<SourceRecord, void, undefined> {
  return recordsFromScan((visitor, o) => scanCsv(path, visitor, o), path, "csv", options);
}
