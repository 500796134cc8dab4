/**
 * What the file readers produce: raw records with their location, before any validation, plus the
 * options every reader accepts.
 */
import type { FileFormat, SourceFile } from "../model/dataset";
import { DatasetLoadError, type DataIssue } from "../model/issues";

/**
 * Where a record sits in its file. CSV and NDJSON records have a physical `line` (CSV: line 1 is
 * the header); records of a JSON array have a 1-based `row` (position in the array).
 */
export interface RecordLocation {
  /** Path of the file as read. */
  readonly file: string;
  readonly line?: number;
  readonly row?: number;
}

/** One record as read from a table file, before validation. */
export interface SourceRecord {
  /**
   * Field name → value as read. CSV: one entry per (non-empty, first-seen) header column, always a
   * string. JSON / NDJSON: the object's own fields, with their JSON types.
   */
  readonly values: Readonly<Record<string, unknown>>;
  readonly location: RecordLocation;
  /** True when every value is text to be parsed (CSV); false when values are typed (JSON, NDJSON). */
  readonly textual: boolean;
  /**
   * CSV, when the reader shares it: the keys of `values` in header order, the same array for every
   * record of the file (so validators can work out per-column facts once per file).
   */
  readonly columns?: readonly string[];
}

/** A table file found in a dataset folder. */
export interface TableFile {
  /** Canonical table name (`runs`, …) or bundle file stem (`mission_runs`, …). */
  readonly table: string;
  /** Path of the file (folder joined with the file name). */
  readonly path: string;
  readonly format: FileFormat;
}

/** Options accepted by every record reader. */
export interface ReadOptions {
  /**
   * Receives every problem the reader finds (unreadable file, malformed syntax, a line that is not
   * an object, a CSV row with the wrong number of cells). Reading goes on after a problem whenever
   * the format allows it. Without this callback the first problem is thrown as a
   * `DatasetLoadError`.
   */
  readonly onIssue?: (issue: DataIssue) => void;
  /**
   * Called once, after the whole file was read without a syntax or read error, with its size, the
   * number of data records and the SHA-256 of its bytes (computed while streaming).
   */
  readonly onComplete?: (file: SourceFile) => void;
  /** CSV only: called with the header's column names (trimmed) before the first record. */
  readonly onHeader?: (columns: readonly string[], location: RecordLocation) => void;
  /** Table name recorded in the {@link SourceFile}; defaults to the file name without extension. */
  readonly table?: string;
  /**
   * CSV and NDJSON: parse only the first `parseBytes` bytes (they must end at a line end); the rest
   * is read for the file's size and SHA-256 only, another thread parsing it. Default: everything.
   */
  readonly parseBytes?: number;
}

/**
 * Returns the issue sink a reader uses: the caller's `onIssue`, or one that throws a
 * `DatasetLoadError` naming the file's folder.
 */
export function issueSink(options: ReadOptions, path: string): (issue: DataIssue) => void {
  if (options.onIssue) return options.onIssue;
  return (issue) => {
    throw new DatasetLoadError(path, [issue]);
  };
}

/** Counts `\n` characters in a string. */
export function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Default table name of a file: its base name without the extension. */
export function tableNameOf(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}
