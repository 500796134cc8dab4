/**
 * One pass over a table (its file, or the files of its folder): every record handed to a
 * validator as a `FieldReader`, problems collected, the files' fingerprints recorded.
 */
import type { TableFile } from "../ingest/dataset-layout";
import type { ScanContext } from "../ingest/scan-table";
import { scanTable, type ScanOptions } from "../ingest/scan-table";
import type { SourceFile } from "../model/dataset";
import { aliasesFor } from "../validate/field-aliases";
import type { FieldReader } from "../validate/field-reader";
import type { IssueCollector } from "../validate/issue-collector";

/** What a load accumulates across passes. */
export interface LoadState {
  readonly issues: IssueCollector;
  /** Files read completely, in read order. */
  readonly files: SourceFile[];
  /** "Now" for the plausibility of timestamps, epoch ms (default: the time of the load). */
  readonly nowMs?: number;
  /** The engine, issue sink and record locations of the load. */
  readonly scan: ScanContext;
}

/**
 * Streams the files of a table and calls `each` with a reader per record (fields named as in the
 * file: bundle aliases applied). A CSV header is checked for `required` columns first. Resolves to
 * whether every file was read to its end (no read, encoding or syntax error stopped it).
 */
export async function tablePass(
  state: LoadState,
  files: readonly TableFile[],
  required: readonly string[],
  each: (reader: FieldReader) => void,
  options: ScanOptions = {},
): Promise<boolean> {
  const table = files[0]?.table ?? "";
  return scanTable(state.scan, files, required, aliasesFor(table), each, options);
}
