/**
 * `mission check <data-dir>`: loads a dataset, prints what it holds and every warning; exit 0 when
 * usable, 1 when it has fatal problems (all printed to stderr), 2 on bad usage. Writes no file.
 * `mission check <data-dir> --suggest-mapping [--force]` instead writes a starting mapping.yaml
 * into the folder (never over an existing one without --force: exit 2) and prints it.
 */
import { existsSync, lstatSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { withEngine } from "../../ingest/engine";
import { MAPPING_FILE } from "../../ingest/mapping";
import { enumSources, readHeaders, readValueSamples, suggestMapping } from "../../ingest/suggest-mapping";
import { writeFileAtomic } from "../../io/atomic-file";
import type { SourceReading } from "../../ingest/sources/import-source";
import { readDatasetFolder } from "../load-for-cli";
import { parseSourceFlag } from "./import";
import { DatasetLoadError, formatIssue } from "../../model/issues";
import { summarizeDataset, type DatasetSummary } from "../../validate/summary";
import { CliExit } from "../cli-exit";
import type { CommandIo, RegisterCommand } from "../command-context";
import { escapeControls } from "../terminal-text";

const FORMAT_NAMES: Record<DatasetSummary["format"], string> = {
  canonical: "canonical tables",
  bundle: "reference engine JSON bundle",
};

/**
 * Renders a dataset summary as aligned `label  value` lines (no trailing newline).
 *
 * @example
 * formatDatasetSummary(summarizeDataset(seedDataset)).split("\n")[1]
 * // → 'format           bundle (reference engine JSON bundle)'
 */
export function formatDatasetSummary(summary: DatasetSummary): string {
  const range =
    summary.firstStart !== undefined && summary.lastEnd !== undefined
      ? `${summary.firstStart} → ${summary.lastEnd}`
      : "no runs";
  const rows: [string, string][] = [
    ["dataset", summary.folder],
    ["format", `${summary.format} (${FORMAT_NAMES[summary.format]})`],
    ["missions", String(summary.missions)],
    ["KPIs", `${summary.kpis} (${summary.primaryKpis} primary)`],
    ["tasks", String(summary.tasks)],
    ["runs", String(summary.runs)],
    ["task executions", `${summary.taskExecutions} (${summary.runTaskStats} run × task aggregates)`],
    ["risk events", String(summary.riskEvents)],
    ["date range", range],
    ["files", String(summary.files)],
    ["fingerprint", summary.fingerprint],
  ];
  return rows.map(([label, value]) => `${label.padEnd(16)} ${value}`).join("\n");
}

function requireFolder(folder: string, io: CommandIo): void {
  if (!existsSync(folder)) {
    io.err(`mission check: no such folder: ${escapeControls(folder)}\n`);
    throw new CliExit(1);
  }
  if (!statSync(folder).isDirectory()) {
    io.err(`mission check: not a folder: ${escapeControls(folder)}\n`);
    throw new CliExit(1);
  }
}

/** Writes the proposed mapping.yaml (see `suggestMapping`) and prints it. */
async function suggest(folder: string, force: boolean, io: CommandIo): Promise<void> {
  requireFolder(folder, io);
  const target = join(folder, MAPPING_FILE);
  const existing = (() => {
    try {
      return lstatSync(target);
    } catch {
      return undefined;
    }
  })();
  if (existing && !force) {
    io.err(`mission check: ${escapeControls(target)} exists; use --force to replace it\n`);
    throw new CliExit(2);
  }
  const { suggestion, unread } = await withEngine(async (engine) => {
    const read = await readHeaders(folder, engine);
    const sampled = await readValueSamples(folder, engine, enumSources(suggestMapping(read.headers)));
    return {
      suggestion: suggestMapping(read.headers, sampled.samples),
      unread: [...read.unread, ...sampled.unread],
    };
  });
  try {
    await writeFileAtomic(target, suggestion.text);
  } catch (e) {
    io.err(`mission check: cannot write ${escapeControls(target)}: ${escapeControls(String(e))}\n`);
    throw new CliExit(1);
  }
  const proposed = suggestion.tables.reduce((n, t) => n + t.columns.size, 0);
  const values = suggestion.tables.reduce(
    (n, t) => n + [...t.values.values()].reduce((m, v) => m + v.proposed.size, 0),
    0,
  );
  const unplaced = suggestion.tables.reduce((n, t) => n + t.unplaced.length, 0);
  io.out(`wrote ${escapeControls(target)}:\n\n`);
  for (const line of suggestion.text.split("\n").slice(0, -1)) io.out(`  ${escapeControls(line)}\n`);
  io.out(
    `\n${proposed} column mapping${proposed === 1 ? "" : "s"} and ${values} value mapping${values === 1 ? "" : "s"} proposed; ` +
      `${unplaced} required field${unplaced === 1 ? "" : "s"} to map by hand` +
      (suggestion.absent.length > 0 ? `; no file for ${suggestion.absent.join(", ")}` : "") +
      ".\n",
  );
  for (const u of unread) io.out(`not read: ${escapeControls(u.name)}: ${escapeControls(u.reason)}\n`);
}

async function check(folder: string, flags: { readonly source?: string }, io: CommandIo): Promise<void> {
  const source = parseSourceFlag(flags.source, io, "check");
  requireFolder(folder, io);
  let summary: DatasetSummary;
  let warnings: readonly string[];
  let reading: SourceReading | undefined;
  try {
    const dataset = await readDatasetFolder(folder, {
      ...(source ? { source } : {}),
      onSource: (r) => (reading = r),
    });
    summary = summarizeDataset(dataset);
    warnings = dataset.warnings.map((w) => escapeControls(formatIssue(w)));
  } catch (e) {
    if (!(e instanceof DatasetLoadError)) throw e;
    io.err(`${e.message}\n`);
    const total = e.issues.length + e.omitted;
    io.err(`mission check: the dataset is not usable (${total} fatal problem${total === 1 ? "" : "s"})\n`);
    throw new CliExit(1);
  }
  if (reading) {
    io.out(`source           ${reading.kind} export${source ? " (--source)" : " (detected)"}\n`);
    io.out(`config           ${reading.configFile ?? "none (first look)"}\n`);
    io.out("mapping\n");
    for (const line of reading.mapping) io.out(`  ${escapeControls(line)}\n`);
  }
  io.out(`${formatDatasetSummary(summary)}\n`);
  if (warnings.length > 0) {
    io.out(`\n${warnings.length} warning${warnings.length === 1 ? "" : "s"}:\n`);
    for (const line of warnings) io.out(`  ${line}\n`);
  }
  io.out(
    `\nOK: the dataset is usable` +
      (warnings.length > 0 ? ` (${warnings.length} warning${warnings.length === 1 ? "" : "s"}).\n` : ".\n"),
  );
}

/**
 * Registers `mission check <data-dir>`: validates a dataset folder (canonical tables or the
 * reference bundle) and prints its summary (format, counts, date range, fingerprint) and every
 * warning to `out`. Fatal problems go to `err`, all of them, and end with exit code 1 (thrown as
 * `CliExit`); a missing folder also exits 1. Never writes files, except with `--suggest-mapping`:
 * then it writes `<data-dir>/mapping.yaml` (atomically; an existing one only with `--force`, else
 * exit 2) proposing a mapping from the files' headers, prints it and exits 0 (1 when it cannot be
 * written).
 *
 * @example await runCli(["check", "../shared/fixtures/seed-portfolio"], out, err) // → 0
 * @example await runCli(["check", "exports", "--suggest-mapping"], out, err) // → 0, exports/mapping.yaml written
 */
export const registerCheck: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("check")
    .description("validate a dataset folder and summarize it")
    .argument("<data-dir>", "dataset folder: canonical tables, the reference JSON bundle, or a source export")
    .option("--source <langfuse|otel|eventlog>", "read the folder as this source (default: detected)")
    .option("--suggest-mapping", `write a starting ${MAPPING_FILE} into the folder from its files' headers`)
    .option("--force", `with --suggest-mapping: replace an existing ${MAPPING_FILE}`)
    .action(async (dataDir: string, opts: { suggestMapping?: boolean; force?: boolean; source?: string }) => {
      if (opts.force && !opts.suggestMapping) {
        io.err("mission check: --force only goes with --suggest-mapping\n");
        throw new CliExit(2);
      }
      if (opts.suggestMapping) await suggest(dataDir, opts.force === true, io);
      else await check(dataDir, opts, io);
    });
};
