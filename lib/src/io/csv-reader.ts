/**
 * CSV reader over csv-parse's streaming API. Line numbers are physical lines of the file (line 1
 * is the header), counted by the reader itself so that quoted cells spanning lines and CRLF line
 * ends are placed correctly.
 */
import { createReadStream } from "node:fs";
import { parse, type CsvError } from "csv-parse";
import type { DataIssue } from "../model/issues";
import { describeFound } from "./describe-found";
import { HashingTap, sourceFileOf } from "./fingerprint";
import { unreadableFileIssue } from "./read-errors";
import { countNewlines, issueSink, tableNameOf, type ReadOptions, type SourceRecord } from "./source-record";

/** Rewords csv-parse's syntax errors: the message and what was found. */
function describeCsvError(error: Error): { message: string; found: string } {
  const got = /got "(.*)" at line/.exec(error.message)?.[1];
  const value = /value is "(.*)"/.exec(error.message)?.[1];
  switch ((error as CsvError).code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return {
        message: "malformed CSV: a quoted cell is never closed",
        found: "end of file inside a quoted cell",
      };
    case "CSV_INVALID_CLOSING_QUOTE":
      return {
        message: "malformed CSV: a closing quote is followed by other characters",
        found:
          got !== undefined ? `${describeFound(got)} after a closing quote` : "text after a closing quote",
      };
    case "INVALID_OPENING_QUOTE":
      return {
        message: "malformed CSV: a quote appears inside an unquoted cell",
        found:
          value !== undefined ? `a quote after ${describeFound(value)}` : "a quote inside an unquoted cell",
      };
    default:
      return {
        message: `malformed CSV: ${error.message.replace(/ at line \d+.*$/, "")}`,
        found: "a syntax error",
      };
  }
}

function isBlank(cells: readonly string[]): boolean {
  return cells.length === 0 || (cells.length === 1 && cells[0]!.trim() === "");
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
export async function* readCsvRecords(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<SourceRecord, void, undefined> {
  const report = issueSink(options, path);
  const file = createReadStream(path);
  const tap = new HashingTap();
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
  });
  let readFailure: DataIssue | undefined;
  /** Syntax errors csv-parse skipped, with the number of records it had emitted before each. */
  const skipped: { error: Error; before: number }[] = [];
  parser.on("skip", (error: CsvError) => {
    skipped.push({ error, before: typeof error.records === "number" ? error.records : 0 });
  });
  file.on("error", (e) => {
    readFailure ??= unreadableFileIssue(path, e);
    file.unpipe(tap);
    tap.unpipe(parser);
    if (!parser.writableEnded && !parser.destroyed) parser.end();
  });
  file.pipe(tap).pipe(parser);

  const malformed = (line: number, problem: { message: string; found: string }): DataIssue => ({
    severity: "error",
    code: "malformed_csv",
    file: path,
    line,
    expected: "well-formed CSV (RFC 4180 quoting)",
    found: problem.found,
    message: problem.message,
  });

  let nextLine = 1;
  let consumed = 0;
  let header: (string | undefined)[] | undefined;
  let rows = 0;
  let failure: DataIssue | undefined;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const pendingError = skipped[0];
      if (pendingError && pendingError.before <= consumed) {
        failure = malformed(nextLine, describeCsvError(pendingError.error));
        break;
      }
      consumed++;
      const line = nextLine;
      for (const cell of cells) nextLine += countNewlines(cell);
      nextLine++;
      if (isBlank(cells)) continue;
      if (!header) {
        header = readHeader(cells, path, line, report);
        options.onHeader?.(
          header.filter((c): c is string => c !== undefined),
          { file: path, line },
        );
        continue;
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
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((name, i) => {
        if (name !== undefined) values[name] = cells[i]!;
      });
      rows++;
      yield { values, location: { file: path, line }, textual: true };
    }
    const leftover = skipped[0];
    if (!failure && leftover) failure = malformed(nextLine, describeCsvError(leftover.error));
  } catch (e) {
    failure ??= malformed(nextLine, describeCsvError(e instanceof Error ? e : new Error(String(e))));
  } finally {
    file.destroy();
    tap.destroy();
    parser.destroy();
  }
  failure = readFailure ?? failure;
  if (!failure && !header)
    failure = malformed(1, { message: "the file is empty: expected a header line", found: "nothing" });
  if (failure) {
    report(failure);
    return;
  }
  options.onComplete?.(
    sourceFileOf(options.table ?? tableNameOf(path), path, "csv", tap.bytes, rows, tap.digest()),
  );
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
