/**
 * One pass over a table file: every record handed to a validator as a `FieldReader`, problems
 * collected, the file's fingerprint recorded.
 */
import type { TableFile } from "../io/source-record";
import { readTableRecords } from "../io/table-reader";
import type { SourceFile } from "../model/dataset";
import { aliasesFor } from "../validate/field-aliases";
import { FieldReader } from "../validate/field-reader";
import { checkCsvHeader } from "../validate/header-check";
import type { IssueCollector } from "../validate/issue-collector";

/** What a load accumulates across passes. */
export interface LoadState {
  readonly issues: IssueCollector;
  /** Files read completely, in read order. */
  readonly files: SourceFile[];
}

/**
 * Streams `file` and calls `each` with a reader per record (fields named as in the file: bundle
 * aliases applied). A CSV header is checked for `required` columns first. Resolves to whether the
 * whole file was read (no read or syntax error stopped it).
 */
export async function tablePass(
  state: LoadState,
  file: TableFile,
  required: readonly string[],
  each: (reader: FieldReader) => void,
): Promise<boolean> {
  const aliases = aliasesFor(file.table);
  let complete = false;
  const records = readTableRecords(file, {
    onIssue: state.issues.add,
    onHeader: (columns, location) => checkCsvHeader(columns, required, location, state.issues.add, aliases),
    onComplete: (source) => {
      state.files.push(source);
      complete = true;
    },
  });
  for await (const record of records) each(new FieldReader(record, state.issues.add, aliases));
  return complete;
}
