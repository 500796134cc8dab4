/**
 * `mission notebook <notebook.ipynb> [-p key=value …] [--out <folder>] [--timeout <s>]`: runs a
 * TypeScript notebook headless with parameters and writes the executed notebook and its HTML
 * export. Exit codes: 0 every cell ran, 1 a cell failed (the cell and its error are printed) or
 * the notebook could not be run, 2 bad parameters.
 */
import { InvalidArgumentError, type Command } from "commander";
import { relative } from "node:path";
import type { CommandIo, RegisterCommand } from "../command-context";
import { CliExit } from "../cli-exit";
import { outputFolderForCli } from "../output-for-cli";
import { NotebookParameterError, parseParameterPairs } from "../../notebook/parameters";
import { NotebookFormatError } from "../../notebook/ipynb";
import { formatCellFailure } from "../../notebook/cell-failure";
import { NotebookRunError, runNotebook } from "../../io/notebook-runner";

interface NotebookCommandOptions {
  /** Absent when no -p was given. */
  readonly param?: string[];
  readonly out: string;
  readonly timeout: number;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a positive number of seconds");
  return n;
}

const shown = (path: string): string => relative(process.cwd(), path) || path;

async function action(io: CommandIo, notebook: string, opts: NotebookCommandOptions): Promise<void> {
  let parameters;
  try {
    parameters = parseParameterPairs(opts.param ?? []);
  } catch (e) {
    if (e instanceof NotebookParameterError) {
      io.err(`mission notebook: ${e.message}\n`);
      throw new CliExit(2);
    }
    throw e;
  }
  await outputFolderForCli(opts.out, io, "notebook");
  let result;
  try {
    result = await runNotebook({ notebook, parameters, outDir: opts.out, timeoutSeconds: opts.timeout });
  } catch (e) {
    if (e instanceof NotebookParameterError) {
      io.err(`mission notebook: ${e.message}\n`);
      throw new CliExit(2);
    }
    if (e instanceof NotebookRunError || e instanceof NotebookFormatError) {
      io.err(`mission notebook: ${notebook}: ${e.message}\n`);
      throw new CliExit(1);
    }
    throw e;
  }
  const seconds = (result.executionMs / 1000).toFixed(1);
  io.out(`executed notebook: ${shown(result.executedNotebook)}${result.trusted ? " (trusted)" : ""}\n`);
  io.out(`HTML export:       ${shown(result.html)}\n`);
  if (!result.trusted) io.err("mission notebook: warning: could not mark the executed notebook trusted\n");
  if (result.failure) {
    io.err(`mission notebook: ${notebook}: ${formatCellFailure(result.failure)}\n`);
    throw new CliExit(1);
  }
  io.out(`all cells ran in ${seconds} s\n`);
}

/**
 * Registers `mission notebook` (see the module comment for exit codes).
 *
 * @example await runCli(["notebook", "notebooks/portfolio.ipynb", "-p", "region"]) // → 2 ("not of the form key=value")
 */
export const registerNotebookCommand: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("notebook")
    .description("run a TypeScript notebook headless with parameters; write the executed notebook and HTML")
    .argument("<notebook>", "the .ipynb file to run (its folder is the working directory)")
    .option(
      "-p, --param <key=value>",
      "set a parameter declared in the cell tagged 'parameters' (JSON value, else a string); repeatable",
      collect,
    )
    .option("--out <folder>", "folder for <name>.ipynb and <name>.html", "reports")
    .option("--timeout <seconds>", "maximum seconds one cell may run", positiveSeconds, 300)
    .action((notebook: string, opts: NotebookCommandOptions) => action(io, notebook, opts));
};
