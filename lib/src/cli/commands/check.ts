/**
 * `mission check <data-dir>`: loads a dataset, prints what it holds and every warning; exit 0 when
 * usable, 1 when it has fatal problems (all printed to stderr), 2 on bad usage. Writes no file.
 */
import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
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

async function check(folder: string, flags: { readonly source?: string }, io: CommandIo): Promise<void> {
  const source = parseSourceFlag(flags.source, io, "check");
  if (!existsSync(folder)) {
    io.err(`mission check: no such folder: ${folder}\n`);
    throw new CliExit(1);
  }
  if (!statSync(folder).isDirectory()) {
    io.err(`mission check: not a folder: ${folder}\n`);
    throw new CliExit(1);
  }
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
 * `CliExit`); a missing folder also exits 1. Never writes files.
 *
 * @example await runCli(["check", "../shared/fixtures/seed-portfolio"], out, err) // → 0
 */
export const registerCheck: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("check")
    .description("validate a dataset folder and summarize it")
    .argument("<data-dir>", "dataset folder: canonical tables, the reference JSON bundle, or a source export")
    .option("--source <langfuse|otel|eventlog>", "read the folder as this source (default: detected)")
    .action(async (dataDir: string, flags: { source?: string }) => {
      await check(dataDir, flags, io);
    });
};
