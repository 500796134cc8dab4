/**
 * `mission test-rules <files…> [--rules <ruleset>] [--junit <file>]`: runs rule-test files (YAML
 * or JSON: inline histories and the outcome expected as of given points), prints pass/fail per
 * case with an expected-versus-got diff for each failure and the rules no test exercised, and can
 * write JUnit XML. Each file runs under its own `rules:` (a built-in name, or a file path relative
 * to the test file; default `default`) unless `--rules` names one for all. Exit codes: 0 all
 * passed, 1 a case failed or a file is invalid, 2 bad usage.
 */
import type { Command } from "commander";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { writeFileAtomic } from "../../io/atomic-file";
import { BUILTIN_RULESETS } from "../../rules/load-ruleset";
import type { Ruleset } from "../../rules/schema";
import { formatRuleTestRun, formatRuleTestSummary } from "../../validation/format-rule-tests";
import { junitXml } from "../../validation/junit";
import { parseRuleTests, RuleTestFileError } from "../../validation/parse-rule-tests";
import { ruleCoverage, type RuleCoverage } from "../../validation/rule-coverage";
import { runRuleTests, type RuleTestRun } from "../../validation/rule-test-runner";
import { CliExit } from "../cli-exit";
import type { CommandIo, RegisterCommand } from "../command-context";
import { escapeStrings } from "../terminal-text";
import { loadRulesetForCli } from "../load-for-cli";
import { outputFileForCli, writeForCli } from "../output-for-cli";

interface TestRulesFlags {
  readonly rules?: string;
  readonly junit?: string;
}

/** A file's `rules:` as a built-in name or a path relative to the test file. */
function rulesRef(ref: string, file: string): string {
  if ((BUILTIN_RULESETS as readonly string[]).includes(ref) || isAbsolute(ref)) return ref;
  return resolve(dirname(file), ref);
}

async function run(files: readonly string[], flags: TestRulesFlags, io: CommandIo): Promise<void> {
  if (flags.junit !== undefined) await outputFileForCli(flags.junit, io, "test-rules");
  const forced =
    flags.rules !== undefined ? await loadRulesetForCli(flags.rules, io, "test-rules") : undefined;
  const runs: RuleTestRun[] = [];
  const rulesOf = new Map<string, { rules: Ruleset; runs: RuleTestRun[] }>();
  let invalid = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      io.err(`mission test-rules: cannot read ${file}: ${(e as Error).message}\n`);
      invalid++;
      continue;
    }
    let parsed;
    try {
      parsed = parseRuleTests(text, file);
    } catch (e) {
      if (!(e instanceof RuleTestFileError)) throw e;
      io.err(`mission test-rules: ${file} is not a valid rule-test file:\n${e.message}\n`);
      invalid++;
      continue;
    }
    const rules =
      forced ?? (await loadRulesetForCli(rulesRef(parsed.suite.rules ?? "default", file), io, "test-rules"));
    const result = runRuleTests(parsed, rules);
    runs.push(result);
    const key = `${rules.id}@${rules.version}`;
    const entry = rulesOf.get(key) ?? { rules, runs: [] };
    entry.runs.push(result);
    rulesOf.set(key, entry);
    io.out(formatRuleTestRun(escapeStrings(result)));
  }
  const coverage: RuleCoverage[] = [...rulesOf.values()].map((e) =>
    ruleCoverage(
      e.rules,
      e.runs.map((r) => r.observations),
    ),
  );
  io.out(`\n${formatRuleTestSummary(runs, coverage)}`);
  if (invalid > 0) io.out(`${invalid} file${invalid === 1 ? "" : "s"} could not be run (see above)\n`);
  if (flags.junit !== undefined) {
    const junit = flags.junit;
    await writeForCli(junit, io, "test-rules", () => writeFileAtomic(junit, junitXml(runs)));
    io.out(`wrote ${flags.junit}\n`);
  }
  const failed = runs.reduce((s, r) => s + r.failed, 0);
  if (failed > 0 || invalid > 0) throw new CliExit(1);
}

/** Registers `mission test-rules`. */
export const registerTestRules: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("test-rules")
    .description("run rule tests (inline histories with expected outcomes); JUnit XML on request")
    .argument("<files...>", "rule-test files (.yaml, .yml or .json)")
    .option("--rules <ruleset>", "run every file under this ruleset (built-in name or JSON/YAML file)")
    .option("--junit <file>", "also write JUnit XML to this file")
    .action(async (files: string[], flags: TestRulesFlags) => run(files, flags, io));
};
