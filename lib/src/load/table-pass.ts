/**
 * One pass over a table file: every record handed to a validator as a `FieldReader`, problems
 * collected, the file's fingerprint recorded.
 */
import { recordMaker } from "../io/record-shape";
import { runScan } from "../io/row-visitor";
import type { TableFile } from "../io/source-record";
import { scanTableFile } from "../io/table-reader";
import type { SourceFile } from "../model/dataset";
import type { FoldThreads } from "./parallel-fold";
import { aliasesFor } from "../validate/field-aliases";
import { FieldReader } from "../validate/field-reader";
import { checkCsvHeader } from "../validate/header-check";
import type { IssueCollector } from "../validate/issue-collector";

/** What a load accumulates across passes. */
export interface LoadState {
  readonly issues: IssueCollector;
  /** Files read completely, in read order. */
  readonly files: SourceFile[];
  /** How task executions may be folded (threads). */
  readonly fold?: FoldThreads;
  /** "Now" for the plausibility of timestamps, epoch ms (default: the time of the load). */
  readonly nowMs?: number;
}

/**
 * Streams `file` and calls `each` with a reader per record (fields named as in the file: bundle
 * aliases applied). A CSV header is checked for `required` columns first. Resolves to whether the
 * whole file was read (no read or syntax error stopped it). Records are handed over synchronously
 * as each chunk of the file is parsed.
 */
export async function tablePass(
  state: LoadState,
  file: TableFile,
  required: readonly string[],
  each: (reader: FieldReader) => void,
): Promise<boolean> {
  const aliases = aliasesFor(file.table);
  const sink = state.issues.add;
  let complete = false;
  let makeValues = recordMaker([]);
  let columns: readonly string[] = [];
  const byRow = file.format === "json";
  await runScan(
    scanTableFile(
      file,
      {
        header: (header) => {
          makeValues = recordMaker(header);
          columns = header.filter((name): name is string => name !== undefined);
        },
        cells: (cells, line) => {
          const values = makeValues(cells);
          const record = { values, location: { file: file.path, line }, textual: true, columns };
          each(new FieldReader(record, sink, aliases));
        },
        object: (values, at) => {
          const location = byRow ? { file: file.path, row: at } : { file: file.path, line: at };
          each(new FieldReader({ values, location, textual: false }, sink, aliases));
        },
      },
      {
        onIssue: sink,
        onHeader: (columns, location) => checkCsvHeader(columns, required, location, sink, aliases),
        onComplete: (source) => {
          state.files.push(source);
          complete = true;
        },
      },
    ),
  );
  return complete;
}
