/**
 * What every table scan of one load shares — the engine, the issue sink, the record locations,
 * the files read, progress and the folder's mapping — and the mapping's plan for a file.
 */
import { realpathSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import type { RecordLocation } from "../io/source-record";
import type { SourceFile } from "../model/dataset";
import type { DataIssue } from "../model/issues";
import type { Engine } from "./engine";
import { planTable, type DatasetMapping, type TablePlan } from "./mapping";
import type { ProgressListener } from "./progress";
import type { RecordLocations } from "./record-locations";
import { CANONICAL_TABLES, type CanonicalTable } from "./tables";

/** What a table scan needs from the load. */
export interface ScanContext {
  readonly engine: Engine;
  readonly sink: (issue: DataIssue) => void;
  readonly locations: RecordLocations;
  /** Files read completely, in read order (the scan appends). */
  readonly files: SourceFile[];
  readonly onProgress?: ProgressListener;
  /** The data folder (files whose real path lies outside it are read, but nothing of them is echoed). */
  readonly folder?: string;
  /** The folder's mapping.yaml, when it has one. */
  readonly mapping?: DatasetMapping;
}

/** The mapping plan of a canonical table's file, when mapping.yaml maps that table. */
export function planFor(
  ctx: ScanContext,
  table: string,
  columns: readonly string[],
  at: RecordLocation,
): TablePlan | undefined {
  if (!ctx.mapping || !(CANONICAL_TABLES as readonly string[]).includes(table)) return undefined;
  if (!ctx.mapping.tables[table as CanonicalTable]) return undefined;
  const plan = planTable(table as CanonicalTable, columns, ctx.mapping, at);
  for (const issue of plan.issues) ctx.sink(ctx.locations.markPhysical(issue));
  return plan;
}

/** Applies a plan to one JSON record in JavaScript: canonical names, values mapped. */
export function applyPlan(plan: TablePlan, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of plan.fields) {
    let v = values[p.column];
    if (p.values && v !== null && v !== undefined) {
      const mapped = p.values.get(String(v).trim());
      if (mapped !== undefined) v = mapped;
    }
    if (p.field !== "__proto__") out[p.field] = v;
  }
  return out;
}

/** Options of {@link scanTable}. */
export interface ScanOptions {
  /**
   * The files are ledgers (ingest/ledger.ts): read each run once, with the run's columns only.
   */
  readonly ledgerRuns?: boolean;
}

/**
 * Marks `path` in the load's record locations when its real path (links followed) lies outside the
 * data folder, so that no excerpt of it reaches a message.
 */
export function markIfOutside(ctx: ScanContext, path: string): void {
  if (ctx.folder === undefined) return;
  try {
    const root = realpathSync(ctx.folder);
    const real = realpathSync(path);
    const rel = relative(root, real);
    if (rel.startsWith("..") || isAbsolute(rel)) ctx.locations.markOutside(path);
  } catch {
    // An unreadable path is reported where it is read.
  }
}
