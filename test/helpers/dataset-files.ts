/**
 * Test helpers: writing tables as CSV, JSON or NDJSON into fresh temp folders, and catching load
 * errors. Re-exports the test data (base tables, mini bundle).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatasetLoadError } from "../../lib/src/index";
import type { Row, Tables } from "./base-tables";

export * from "./base-tables";
export { bundleFiles, writeBundle } from "./mini-bundle";

/** A table file format. */
export type Format = "csv" | "json" | "ndjson";

/** Column order of each canonical table when written as CSV (runs get `kpi.<name>` columns too). */
export const COLUMNS: Record<string, string[]> = {
  missions: ["mission_id", "name", "description", "business_owner", "ai_role", "escalation_path"],
  kpis: ["mission_id", "kpi", "direction", "unit", "baseline", "target", "target_date", "primary"],
  tasks: ["mission_id", "task_id", "name", "order", "depends_on", "estimated_minutes", "requires_approval"],
  runs: [
    "run_id",
    "mission_id",
    "start_time",
    "end_time",
    "status",
    "duration_minutes",
    "human_interventions",
    "escalations",
    "risk_flagged",
  ],
  task_executions: [
    "run_id",
    "task_id",
    "agent_id",
    "actual_minutes",
    "approval_required",
    "human_delay_minutes",
    "outcome",
    "mission_id",
  ],
  risk_events: [
    "event_id",
    "run_id",
    "mission_id",
    "task_id",
    "risk_type",
    "severity",
    "description",
    "detected_at",
    "status",
  ],
};

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = Array.isArray(value) ? value.join("|") : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of a table (runs: `kpi.<name>` columns for every KPI name seen). */
export function toCsv(table: string, rows: readonly Row[]): string {
  const base = COLUMNS[table] ?? Object.keys(rows[0] ?? {});
  const kpiNames =
    table === "runs" ? [...new Set(rows.flatMap((r) => Object.keys((r.kpis ?? {}) as object)))].sort() : [];
  const header = [...base, ...kpiNames.map((k) => `kpi.${k}`)];
  const lines = rows.map((row) => {
    const kpis = (row.kpis ?? {}) as Record<string, unknown>;
    return [...base.map((c) => csvCell(row[c])), ...kpiNames.map((k) => csvCell(kpis[k]))].join(",");
  });
  return `${[header.join(","), ...lines].join("\n")}\n`;
}

/** The text of a table file in a format. */
export function tableText(table: string, rows: readonly Row[], format: Format): string {
  if (format === "csv") return toCsv(table, rows);
  if (format === "json") return `${JSON.stringify(rows, null, 2)}\n`;
  return rows.map((r) => `${JSON.stringify(r)}\n`).join("");
}

/** A fresh, empty temp folder. */
export function tempDir(label = "mission-data-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), label));
}

/**
 * Writes `tables` as `<table>.<format>` files into a fresh temp folder (per-table format
 * overrides in `formats`) and returns the folder.
 */
export function writeTables(
  tables: Tables,
  format: Format = "csv",
  formats: Partial<Record<string, Format>> = {},
): string {
  const dir = tempDir();
  for (const [table, rows] of Object.entries(tables)) {
    const f = formats[table] ?? format;
    fs.writeFileSync(path.join(dir, `${table}.${f}`), tableText(table, rows, f));
  }
  return dir;
}

/** Writes raw files (name → content) into a fresh temp folder. */
export function writeFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Runs `load` and returns the DatasetLoadError it throws (fails the test if it does not throw one). */
export async function loadError(load: () => Promise<unknown>): Promise<DatasetLoadError> {
  try {
    await load();
  } catch (e) {
    if (e instanceof DatasetLoadError) return e;
    throw e;
  }
  throw new Error("expected a DatasetLoadError, but the dataset loaded");
}
