/**
 * How the table readers hand over rows: pushed synchronously to a {@link RowVisitor} as each chunk
 * of the file is parsed (no promise or object per row), or — for callers who want a stream of
 * {@link SourceRecord}s — queued and yielded in file order by {@link recordsFromScan}.
 */
import type { FileFormat, SourceFile } from "../model/dataset";
import type { DataIssue } from "../model/issues";
import { recordMaker } from "./record-shape";
import { issueSink, type ReadOptions, type RecordLocation, type SourceRecord } from "./source-record";

/** Receives the rows of one file, in order, as they are parsed. */
export interface RowVisitor {
  /** CSV only: the header's names (trimmed; `undefined` for an ignored column), before any row. */
  header?(names: readonly (string | undefined)[], line: number): void;
  /**
   * CSV only: one data row, one cell (untrimmed text) per header column. The array is reused once
   * the call returns: copy what you keep.
   */
  cells?(cells: readonly string[], line: number): void;
  /**
   * CSV only, an optional fast path: a data row holding no quote, as its text `text[start, end)`
   * (line end excluded) before it is split. Return true when it was fully handled (it counts as a
   * row and `cells` is not called); false to have it split and checked as usual.
   */
  line?(text: string, start: number, end: number, line: number): boolean;
  /** JSON array or NDJSON: one object, at its `line` (NDJSON) or 1-based `row` (JSON array). */
  object?(values: Record<string, unknown>, at: number): void;
}

/**
 * A pass over one file: drives `visitor` and yields (nothing) after each chunk, so a consumer may
 * pause between chunks. Problems and completion go to the `options` callbacks, as for the readers.
 */
export type RowScan = (visitor: RowVisitor, options: ReadOptions) => AsyncGenerator<void, void, undefined>;

/**
 * Runs a scan (see {@link RowScan}) to its end; the visitor it was given has then seen every row.
 * Rejects with what the scan throws (e.g. a `DatasetLoadError` when no `onIssue` was given).
 *
 * @example
 * let rows = 0;
 * await runScan(scanTableFile({ table: "runs", path: "runs.ndjson", format: "ndjson" }, { object: () => rows++ }));
 * rows // → the number of objects in the file
 */
export async function runScan(scan: AsyncGenerator<void, void, undefined>): Promise<void> {
  for await (const _ of scan) {
    // The visitor does the work.
  }
}

/** A reader event queued between records, to keep everything in file order. */
class QueuedEvent {
  constructor(
    readonly kind: "issue" | "header" | "complete",
    readonly issue?: DataIssue,
    readonly columns?: readonly string[],
    readonly location?: RecordLocation,
    readonly file?: SourceFile,
  ) {}
}

/**
 * Turns a scan into a stream of {@link SourceRecord}s (CSV rows become objects keyed by column
 * name; `format` tells whether objects are located by line or by row), delivering problems, the
 * header and completion to `options` in file order, between the records. Without
 * `options.onIssue` the first problem is thrown as a `DatasetLoadError` at its place in the stream.
 *
 * @example
 * const records = recordsFromScan((v, o) => scanNdjson("a.ndjson", v, o), "a.ndjson", "ndjson", {});
 * for await (const r of records) console.log(r.location.line); // → 1, …
 */
export async function* recordsFromScan(
  scan: RowScan,
  path: string,
  format: FileFormat,
  options: ReadOptions,
): AsyncGenerator<SourceRecord, void, undefined> {
  const report = issueSink(options, path);
  const queue: (SourceRecord | QueuedEvent)[] = [];
  let makeValues = recordMaker([]);
  const visitor: RowVisitor = {
    header: (header) => {
      makeValues = recordMaker(header);
    },
    cells: (cells, line) => {
      const values = makeValues(cells);
      queue.push({ values, location: { file: path, line }, textual: true });
    },
    object: (values, at) => {
      const location = format === "json" ? { file: path, row: at } : { file: path, line: at };
      queue.push({ values, location, textual: false });
    },
  };
  const queued: ReadOptions = {
    ...options,
    onIssue: (issue) => queue.push(new QueuedEvent("issue", issue)),
    onHeader: (columns, location) => queue.push(new QueuedEvent("header", undefined, columns, location)),
    onComplete: (file) => queue.push(new QueuedEvent("complete", undefined, undefined, undefined, file)),
  };
  function* drain(): Generator<SourceRecord, void, undefined> {
    for (let i = 0; i < queue.length; i++) {
      const item = queue[i]!;
      if (!(item instanceof QueuedEvent)) {
        yield item;
        continue;
      }
      if (item.kind === "issue") report(item.issue!);
      else if (item.kind === "header") options.onHeader?.(item.columns!, item.location!);
      else options.onComplete?.(item.file!);
    }
    queue.length = 0;
  }
  for await (const _ of scan(visitor, queued)) yield* drain();
  yield* drain();
}
