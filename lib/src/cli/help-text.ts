/**
 * What `mission <command> --help` adds after commander's usage: the command's exit codes and one
 * example, for every command in one table — the README's CLI table says the same.
 */

/** Exit codes and an example of one command. */
export interface CommandHelp {
  /** Exit code → what it means. */
  readonly exitCodes: readonly (readonly [number, string])[];
  /** One command line that works from the repository root. */
  readonly example: string;
}

/**
 * The help of every command, by command name, in the order `mission --help` lists them (the
 * workflow order: look at the data, evaluate, report, explore; then validate the rules; then
 * generate data).
 *
 * @example COMMAND_HELP.check.exitCodes[1] // → [1, "the dataset has fatal problems (all listed) or the folder is missing (--suggest-mapping: mapping.yaml could not be written)"]
 */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  import: {
    exitCodes: [
      [0, "the canonical tables were written (source, config and mapping printed)"],
      [1, "the source has fatal problems (all listed) or the tables could not be written (nothing is)"],
      [2, "bad usage (unknown format or source, a non-empty --out without --force)"],
    ],
    example: "mission import data/samples/langfuse --out /tmp/langfuse-tables --format parquet",
  },
  check: {
    exitCodes: [
      [0, "the dataset is usable (warnings are listed)"],
      [
        1,
        "the dataset has fatal problems (all listed) or the folder is missing (--suggest-mapping: mapping.yaml could not be written)",
      ],
      [2, "bad usage, or --suggest-mapping where a mapping.yaml exists (without --force)"],
    ],
    example: "mission check data/demo",
  },
  evaluate: {
    exitCodes: [
      [0, "evaluated"],
      [1, "the data or the ruleset has problems"],
      [2, "bad usage (e.g. a bad --as-of)"],
    ],
    example: "mission evaluate data/demo --rules seed-v3 --as-of 2026-02-15 --json",
  },
  ledger: {
    exitCodes: [
      [0, "the ledger query was printed or the ledger written"],
      [1, "the data has problems, or the ledger could not be written (nothing is)"],
      [2, "bad usage (neither --sql nor --out, --out not .parquet or .csv, an unusable --out)"],
    ],
    example: "mission ledger data/demo --out /tmp/ledger.parquet",
  },
  brief: {
    exitCodes: [
      [0, "written"],
      [
        1,
        "bad data or ruleset, the PDF could not be rendered, or the files could not be written (nothing is)",
      ],
      [2, "bad usage (unknown format or paper, bad --name, --as-of or --since)"],
    ],
    example: "mission brief data/demo --out reports --format html,pdf --since 2026-02-04",
  },
  render: {
    exitCodes: [
      [0, "written"],
      [1, "the brief JSON is unreadable or invalid, or the PDF or files could not be written (nothing is)"],
      [2, "bad usage (unknown format, bad --name)"],
    ],
    example: "mission render reports/brief-demo-2026-03-06.json --out reports/copy --format pdf",
  },
  notebook: {
    exitCodes: [
      [0, "every cell ran"],
      [1, "a cell failed (cell number and error printed) or the notebook could not be run"],
      [2, "bad parameters"],
    ],
    example:
      "mission notebook notebooks/01-explore-mission-history.ipynb -p focusMission=invoice-processing --out reports",
  },
  "test-rules": {
    exitCodes: [
      [0, "every case passed"],
      [1, "a case failed or a file is invalid"],
      [2, "bad usage"],
    ],
    example: "mission test-rules rules/tests/*.rules.yaml --junit reports/rule-tests.xml",
  },
  backtest: {
    exitCodes: [
      [0, "done"],
      [1, "the data, ruleset or labels have problems (each listed), or --out cannot be written"],
      [2, "bad usage (e.g. --labels missing)"],
    ],
    example: "mission backtest data/demo --labels data/demo/labels.csv --out reports/backtest",
  },
  sweep: {
    exitCodes: [
      [0, "done"],
      [1, "the data, ruleset or labels have problems, or --out cannot be written"],
      [2, "bad usage (malformed --param, unknown path, a setting the ruleset schema refuses)"],
    ],
    example: "mission sweep data/demo --labels data/demo/labels.csv --param health.bands.watch=55:75:5",
  },
  diff: {
    exitCodes: [
      [0, "done (differences are not an error)"],
      [1, "the data or a ruleset has problems"],
      [2, "bad usage (not exactly two --rules, a bad --as-of)"],
    ],
    example: "mission diff data/demo --rules default --rules seed-v3",
  },
  generate: {
    exitCodes: [
      [0, "written"],
      [1, "writing failed (nothing is left behind)"],
      [2, "bad usage (bad number, date, format or story; a non-empty --out without --force)"],
    ],
    example: "mission generate --out /tmp/portfolio --missions 50 --runs 20-60 --seed 7",
  },
};

/**
 * The text shown after a command's usage: its exit codes, then its example.
 *
 * @example commandHelpText(COMMAND_HELP.diff).split("\n")[1] // → "Exit codes:"
 */
export function commandHelpText(help: CommandHelp): string {
  const codes = help.exitCodes.map(([code, meaning]) => `  ${code}  ${meaning}`);
  return ["", "Exit codes:", ...codes, "", "Example:", `  $ ${help.example}`].join("\n");
}
