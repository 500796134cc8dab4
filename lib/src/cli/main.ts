/**
 * The `mission` command line. Each sub-command lives in `commands/<name>.ts` and is listed in
 * `commands/registry.ts`. Exit codes: 0 success, 1 the input (data, ruleset, labels) has fatal
 * problems or a requested check failed, 2 bad usage.
 */
import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { COMMANDS } from "./commands/registry";
import { CliExit } from "./cli-exit";
import { COMMAND_HELP, commandHelpText } from "./help-text";
import type { ProgressStream } from "./progress";
import { streamWriter } from "./stream-writer";
import { terminalSafe } from "./terminal-text";

/** Exit code for success. */
export const EXIT_OK = 0;
/** Exit code when the input has fatal problems or a check failed. */
export const EXIT_FAILURE = 1;
/** Exit code for bad usage (unknown option, missing argument). */
export const EXIT_USAGE = 2;

/**
 * Builds the commander program with every registered sub-command.
 * Output goes through `out`/`err` so tests can capture it.
 */
export function buildProgram(
  out: (s: string) => void,
  err: (s: string) => void,
  progressStream?: ProgressStream,
): Command {
  const program = new Command("mission")
    .description("Mission Orchestrator Notebook: is your AI mission portfolio really maturing?")
    .version(cliVersion(), "-V, --version", "print the version (of the mission-lib package)")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });
  const io = { out, err, ...(progressStream ? { progressStream } : {}) };
  for (const register of COMMANDS) register(program, io);
  for (const command of program.commands) {
    const help = COMMAND_HELP[command.name()];
    if (help) command.addHelpText("after", commandHelpText(help));
  }
  program.addHelpText(
    "after",
    "\nExit codes: 0 success, 1 bad input or a failed check, 2 bad usage (each command's --help says more).",
  );
  return program;
}

/**
 * The version of the `mission-lib` package (its package.json, next to `src/` and `dist/`).
 *
 * @example cliVersion() // → "0.1.0"
 */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as {
    version?: unknown;
  };
  return typeof pkg.version === "string" ? pkg.version : "unknown";
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code; never
 * calls `process.exit` itself. Everything written to `out` and `err` has passed
 * `terminalSafe` (control and bidi characters shown escaped); by default they are stdout and
 * stderr, written so that a reader closing the pipe early ends the output quietly. Progress bars
 * (long loads and evaluations on a terminal, see `cliProgress`) are drawn on `progressStream`:
 * by default the process's stderr when `err` is left to its default, else nowhere.
 *
 * @example await runCli(["--help"]) // → 0, after printing the usage
 */
export async function runCli(
  argv: readonly string[],
  out: (s: string) => void = streamWriter(process.stdout),
  err?: (s: string) => void,
  progressStream: ProgressStream | undefined = err === undefined ? process.stderr : undefined,
): Promise<number> {
  const errSink = err ?? streamWriter(process.stderr);
  // The one printing edge: every byte any command (or commander) writes passes the sanitiser.
  const program = buildProgram(
    (s) => out(terminalSafe(s)),
    (s) => errSink(terminalSafe(s)),
    progressStream,
  );
  try {
    await program.parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_OK;
  } catch (e) {
    if (e instanceof CliExit) return e.code;
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return EXIT_OK;
      if (e.code === "commander.help") return EXIT_OK;
      return EXIT_USAGE;
    }
    errSink(terminalSafe(`mission: ${e instanceof Error ? e.message : String(e)}\n`));
    return EXIT_FAILURE;
  }
}
