/**
 * Test helpers for fatal problems: load a changed copy of the base tables and check that one
 * issue names file, line or row, field, expected and found as wanted.
 */
import path from "node:path";
import { expect } from "vitest";
import { DatasetLoadError, formatIssue, loadDataset, type DataIssue } from "../../lib/src/index";
import { baseTables, type CanonicalTables, type Row, type Tables } from "./base-tables";
import { loadError, writeTables, type Format } from "./dataset-files";

/** What an issue must say; `file` is a base name. Omitted fields are not checked, except line and row. */
export interface Want {
  readonly file: string;
  readonly line?: number;
  readonly row?: number;
  readonly field?: string;
  readonly expected?: string;
  readonly found?: string;
  readonly message?: string;
}

/** What the messages of timestamps expect. */
export const TIMESTAMP_EXPECTED = "an ISO 8601 timestamp with a zone, e.g. 2026-02-01T14:05:00Z or +02:00";

/** Writes `tables` and returns the load error, which must be thrown. */
export async function failing(tables: Tables, format: Format = "csv"): Promise<DatasetLoadError> {
  return loadError(() => loadDataset(writeTables(tables, format)));
}

/**
 * Asserts that exactly one issue has `code` (and `want.field`, when given), that it is fatal and
 * names file (base name), line or row, field, expected and found as wanted, and that the error's
 * message lists it.
 */
export function expectIssue(error: DatasetLoadError, code: string, want: Want): DataIssue {
  const matches = error.issues.filter(
    (i) => i.code === code && (want.field === undefined || i.field === want.field),
  );
  expect(matches, `issues: ${error.message}`).toHaveLength(1);
  const issue = matches[0]!;
  expect(issue.severity).toBe("error");
  expect(path.basename(issue.file ?? "")).toBe(want.file);
  expect([issue.line, issue.row]).toEqual([want.line, want.row]);
  if (want.expected !== undefined) expect(issue.expected).toBe(want.expected);
  if (want.found !== undefined) expect(issue.found).toBe(want.found);
  if (want.message !== undefined) expect(issue.message).toBe(want.message);
  expect(error.message).toContain(formatIssue(issue));
  return issue;
}

/** The base tables with one row of one table changed. */
export function edit(table: keyof CanonicalTables, index: number, change: (row: Row) => void): Tables {
  const tables = baseTables();
  change(tables[table][index]!);
  return tables;
}

/** The base tables with one more row: a changed copy of row `index`. */
export function append(
  table: keyof CanonicalTables,
  index: number,
  change: (row: Row) => void = () => {},
): Tables {
  const tables = baseTables();
  const copy = structuredClone(tables[table][index]!);
  change(copy);
  tables[table].push(copy);
  return tables;
}
