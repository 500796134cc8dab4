/**
 * `mission backtest <data-dir> --labels <file> [--rules <ruleset>] [--out <folder>] [--json]
 * [--workers <n>]`: replays the evaluator as of every run of every mission (on worker threads),
 * compares with the analysts' labels, and
 * prints the agreement (confusion matrix, precision and recall per status, Cohen's kappa,
 * detection delay, flapping) and every disagreement with its evidence — or the JSON with --json.
 * With --out it also writes backtest.txt, backtest.json and validation-report.html there.
 * Exit codes: 0 done, 1 the data, ruleset or labels have problems (each listed), 2 bad usage.
 */
import { InvalidArgumentError, type Command } from "commander";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFilesAtomic } from "../../io/atomic-file";
import type { Dataset } from "../../model/dataset";
import { backtestParallel, backtestToJson } from "../../validation/backtest";
import { formatBacktest } from "../../validation/format-backtest";
import { formatLabelIssue, LabelsError } from "../../validation/labels";
import { readLabels, type ResolvedLabel } from "../../validation/resolve-labels";
import { validationReportHtml } from "../../validation/validation-report";
import { CliExit } from "../cli-exit";
import type { CommandIo, RegisterCommand } from "../command-context";
import { escapeStrings, safeJson } from "../terminal-text";
import { loadDatasetForCli, loadRulesetForCli } from "../load-for-cli";
import { outputFolderForCli, writeForCli } from "../output-for-cli";

interface BacktestFlags {
  readonly labels: string;
  readonly rules: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly workers?: number;
}

/**
 * Reads and resolves a labels file for a command; on a problem prints every issue and throws
 * CliExit(1).
 *
 * @throws CliExit(1) when the file cannot be read or has problems.
 * @example await labelsForCli("data/demo/labels.csv", dataset, io, "backtest") // → ResolvedLabel[]
 */
export async function labelsForCli(
  file: string,
  dataset: Dataset,
  io: CommandIo,
  command: string,
): Promise<ResolvedLabel[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    io.err(`mission ${command}: cannot read the labels ${file}: ${(e as Error).message}\n`);
    throw new CliExit(1);
  }
  try {
    return readLabels(text, file, dataset, undefined, {
      onWarning: (w) => io.err(`mission ${command}: warning: ${formatLabelIssue(w)}\n`),
    });
  } catch (e) {
    if (e instanceof LabelsError) {
      io.err(`mission ${command}: ${e.message}\n`);
      throw new CliExit(1);
    }
    throw e;
  }
}

async function run(folder: string, flags: BacktestFlags, io: CommandIo): Promise<void> {
  if (flags.out !== undefined) await outputFolderForCli(flags.out, io, "backtest");
  const rules = await loadRulesetForCli(flags.rules, io, "backtest");
  const dataset = await loadDatasetForCli(folder, io, "backtest");
  const labels = await labelsForCli(flags.labels, dataset, io, "backtest");
  const report = await backtestParallel(
    dataset,
    labels,
    rules,
    flags.workers !== undefined ? { workers: flags.workers } : {},
  );
  const text = formatBacktest(report);
  const json = `${safeJson(backtestToJson(report))}\n`;
  io.out(flags.json ? json : formatBacktest(escapeStrings(report)));
  if (flags.out !== undefined) {
    const files: [string, string][] = [
      ["backtest.txt", text],
      ["backtest.json", json],
      ["validation-report.html", await validationReportHtml(report)],
    ];
    const out = flags.out;
    await writeForCli(out, io, "backtest", () =>
      writeFilesAtomic(files.map(([name, data]) => ({ path: join(out, name), data }))),
    );
    if (!flags.json) io.out(`wrote ${files.map(([name]) => join(flags.out as string, name)).join(", ")}\n`);
  }
}

/** Registers `mission backtest`. */
export const registerBacktest: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("backtest")
    .description("replay the evaluator over a dataset and score it against analyst labels")
    .argument("<data-dir>", "dataset folder (canonical tables or the reference JSON bundle)")
    .requiredOption(
      "--labels <file>",
      "(required) labels: CSV or JSON with mission_id, as_of, expected_status[, expected_trigger, note, labeler]",
    )
    .option("--rules <ruleset>", "built-in ruleset (default, seed-v3) or a JSON/YAML file", "default")
    .option("--out <folder>", "also write backtest.txt, backtest.json and validation-report.html here")
    .option("--json", "print the JSON report instead of text")
    .option("--workers <n>", "worker threads for the replay (default: the available cores)", (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 64)
        throw new InvalidArgumentError("a whole number from 1 to 64");
      return n;
    })
    .action(async (folder: string, flags: BacktestFlags) => run(folder, flags, io));
};
