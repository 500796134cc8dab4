/**
 * Which kind of source a folder holds: a Langfuse export, OpenTelemetry OTLP JSON, or a process-
 * mining event log — or none (the canonical tables or the reference bundle, read by the loader).
 */
import { closeSync, existsSync, openSync, readSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { isLangfuseFolder } from "./langfuse";
import { fileFormatOf } from "./source-kit";

/** The source kinds `mission import` and the reading commands understand. */
export type SourceKind = "langfuse" | "otel" | "eventlog";
/** Every {@link SourceKind}. */
export const SOURCE_KINDS: readonly SourceKind[] = ["langfuse", "otel", "eventlog"];

function head(path: string, bytes = 4096): string {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** Data files of a folder and of its sub-folders one level down. */
export function dataFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const p = join(folder, name);
    const s = statSync(p);
    if (s.isFile() && fileFormatOf(name)) out.push(p);
    else if (s.isDirectory())
      for (const inner of readdirSync(p).sort()) {
        const q = join(p, inner);
        if (statSync(q).isFile() && fileFormatOf(inner)) out.push(q);
      }
  }
  return out;
}

/** True when the folder holds the canonical tables or the reference bundle (the loader's layouts). */
export function isCanonicalFolder(folder: string): boolean {
  const has = (stem: string, exts: readonly string[]) =>
    exts.some((e) => existsSync(join(folder, `${stem}${e}`)));
  return (
    has("missions", [".csv", ".json", ".ndjson"]) ||
    has("business_missions", [".json"]) ||
    has("runs", [".csv", ".json", ".ndjson"])
  );
}

/** True when a text file starts like an OTLP JSON trace export. */
function looksOtlp(path: string): boolean {
  return /"resourceSpans"\s*:/.test(head(path));
}

/** True when a text file starts like an OCEL 2.0 JSON log. */
export function looksOcel(path: string): boolean {
  const h = head(path);
  return /"objectTypes"\s*:/.test(h) || /"eventTypes"\s*:/.test(h);
}

/** True when a CSV file's header names an XES case column. */
function looksXesCsv(path: string): boolean {
  const first = head(path).split(/\r?\n/)[0] ?? "";
  return first.includes("case:concept:name") || first.includes("concept:name");
}

/**
 * Detects the source kind of `folder` from the files it holds: `traces` + `observations` tables →
 * Langfuse; a JSON file with `resourceSpans` → OpenTelemetry; a CSV with XES keys, a Parquet file
 * (not a Langfuse table) or an OCEL 2.0 JSON → event log. Undefined for the canonical layouts or
 * when nothing fits.
 *
 * @example detectSourceKind("data/samples/langfuse") // → "langfuse"
 */
export function detectSourceKind(folder: string): SourceKind | undefined {
  if (isCanonicalFolder(folder)) return undefined;
  if (isLangfuseFolder(folder)) return "langfuse";
  const files = dataFiles(folder);
  if (files.some((f) => (fileFormatOf(f) === "json" || fileFormatOf(f) === "jsonl") && looksOtlp(f)))
    return "otel";
  if (
    files.some(
      (f) =>
        (fileFormatOf(f) === "csv" && looksXesCsv(f)) ||
        fileFormatOf(f) === "parquet" ||
        (fileFormatOf(f) === "json" && looksOcel(f)),
    )
  )
    return "eventlog";
  return undefined;
}
