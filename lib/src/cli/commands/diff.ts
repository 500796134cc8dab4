/**
 * `mission diff <data-dir> --rules <a> --rules <b> [--as-of <date>] [--json]`: evaluates a dataset
 * under two rulesets and lists the missions whose status, primary driver or confidence differ,
 * with the evidence from each. Exit codes: 0 done (differences are not an error), 1 the data or a
 * ruleset has problems, 2 bad usage (not exactly two --rules, a bad --as-of).
 */
import type { Command } from "commander";
import { evaluate } from "../../evaluate/evaluate";
import { diffEvaluations, formatRulesetDiff } from "../../validation/ruleset-diff";
import { CliExit } from "../cli-exit";
import type { CommandIo, RegisterCommand } from "../command-context";
import { escapeStrings, safeJson } from "../terminal-text";
import { loadDatasetForCli, loadRulesetForCli } from "../load-for-cli";

interface DiffFlags {
  readonly rules: string[];
  readonly asOf?: string;
  readonly json?: boolean;
}

async function run(folder: string, flags: DiffFlags, io: CommandIo): Promise<void> {
  if (flags.rules.length !== 2) {
    io.err(
      `mission diff: give exactly two rulesets (--rules <a> --rules <b>); found ${flags.rules.length}\n`,
    );
    throw new CliExit(2);
  }
  const a = await loadRulesetForCli(flags.rules[0] as string, io, "diff");
  const b = await loadRulesetForCli(flags.rules[1] as string, io, "diff");
  const dataset = await loadDatasetForCli(folder, io, "diff");
  const options = flags.asOf !== undefined ? { asOf: flags.asOf } : {};
  let diff;
  try {
    diff = diffEvaluations(evaluate(dataset, a, options), evaluate(dataset, b, options));
  } catch (e) {
    io.err(`mission diff: ${e instanceof Error ? e.message : String(e)}\n`);
    throw new CliExit(2);
  }
  io.out(flags.json ? `${safeJson(diff)}\n` : formatRulesetDiff(escapeStrings(diff)));
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Registers `mission diff`. */
export const registerDiff: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("diff")
    .description("compare two rulesets on a dataset: missions whose status, driver or confidence differ")
    .argument("<data-dir>", "dataset folder (canonical tables or the reference JSON bundle)")
    .requiredOption(
      "--rules <ruleset>",
      "(required, twice) a ruleset: built-in (default, seed-v3) or a JSON/YAML file",
      collect,
    )
    .option("--as-of <date>", "evaluate as of this date (YYYY-MM-DD) or zoned date-time")
    .option("--json", "print the comparison as JSON")
    .action(async (folder: string, flags: DiffFlags) => run(folder, flags, io));
};
