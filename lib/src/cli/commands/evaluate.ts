/**
 * `mission evaluate <data-dir> [--rules default|seed-v3|<file>] [--as-of <date>] [--json]`:
 * evaluates a dataset and prints a readable summary, or with --json the summary and the full
 * assessment (every stage but the per-run ledger, which --ledger adds).
 */
import type { Command } from "commander";
import { evaluate } from "../../evaluate/evaluate";
import { formatSummary } from "../../evaluate/format-summary";
import { summarizeEvaluation } from "../../evaluate/summary";
import { CliExit } from "../cli-exit";
import type { CommandIo, RegisterCommand } from "../command-context";
import { escapeStrings, safeJson } from "../terminal-text";
import { loadDatasetForCli, loadRulesetForCli } from "../load-for-cli";
import { progressForCli } from "../progress";
import { sourceOption } from "./import";

interface EvaluateFlags {
  readonly rules: string;
  readonly asOf?: string;
  readonly json?: boolean;
  readonly ledger?: boolean;
  readonly fromLedger?: string;
  readonly source?: string;
}

async function run(folder: string, flags: EvaluateFlags, io: CommandIo): Promise<void> {
  const rules = await loadRulesetForCli(flags.rules, io, "evaluate");
  const progress = progressForCli(io, flags.json === true);
  let dataset;
  let result;
  try {
    dataset = await loadDatasetForCli(folder, progress.io, "evaluate", {
      ...sourceOption(flags.source, io, "evaluate"),
      onProgress: progress.listener,
      ...(flags.fromLedger !== undefined ? { ledger: flags.fromLedger } : {}),
    });
    try {
      result = evaluate(dataset, rules, {
        ...(flags.asOf !== undefined ? { asOf: flags.asOf } : {}),
        onProgress: progress.listener,
      });
    } catch (e) {
      progress.io.err(`mission evaluate: ${e instanceof Error ? e.message : String(e)}\n`);
      throw new CliExit(2);
    }
  } finally {
    progress.done();
  }
  const summary = summarizeEvaluation(result);
  if (flags.json) {
    const { ledger, ...rest } = result;
    const details = flags.ledger
      ? { ...rest, ledger }
      : { ...rest, ledger: { excluded: ledger.excluded, ignoredAfterAsOf: ledger.ignoredAfterAsOf } };
    io.out(`${safeJson({ ...summary, details })}\n`);
  } else {
    io.out(formatSummary(escapeStrings(summary)));
    for (const w of dataset.warnings.slice(0, 20)) io.out(`warning: ${escapeStrings(w.message)}\n`);
    if (dataset.warnings.length > 20)
      io.out(`… and ${dataset.warnings.length - 20} more warnings (mission check lists them all)\n`);
  }
}

/** Registers `mission evaluate`. */
export const registerEvaluate: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("evaluate")
    .description("evaluate a dataset: verdict, primary driver, confidence, per-mission figures")
    .argument("<data-dir>", "dataset folder (canonical tables or the reference JSON bundle)")
    .option("--rules <ruleset>", "built-in ruleset (default, seed-v3) or a JSON/YAML file", "default")
    .option("--as-of <date>", "ignore everything after this date (YYYY-MM-DD) or zoned date-time")
    .option("--json", "print the summary and the full result as JSON")
    .option("--ledger", "with --json, include the per-run ledger")
    .option(
      "--from-ledger <file>",
      "read runs and task executions from a Parquet ledger (mission ledger --out, or a warehouse running mission ledger --sql)",
    )
    .option("--source <langfuse|otel|eventlog>", "read the folder as this source (default: detected)")
    .action(async (folder: string, flags: EvaluateFlags) => run(folder, flags, io));
};
