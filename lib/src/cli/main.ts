/**
 * The `mission` command line. Each sub-command lives in `commands/<name>.ts` and is listed in
 * `commands/registry.ts`. Exit codes: 0 success, 1 the input (data, ruleset, labels) has fatal
 * problems or a requested check failed, 2 bad usage.
 */
import { Command, CommanderError } from "commander";
import { COMMANDS } from "./commands/registry";
import { CliExit } from "./cli-exit";
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
export function buildProgram(out: (s: string) => void, err: (s: string) => void): Command {
  const program = new Command("mission")
    .description("Mission Orchestrator Notebook: is your AI mission portfolio really maturing?")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });
  for (const register of COMMANDS) register(program, { out, err });
  return program;
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code; never
 * calls `process.exit` itself. Everything written to `out` and `err` has passed
 * `terminalSafe` (control and bidi characters shown escaped); by default they are stdout and
 * stderr, written so that a reader closing the pipe early ends the output quietly.
 *
 * @example await runCli(["--help"]) // → 0, after printing the usage
 */
export async function runCli(
  argv: readonly string[],
  out: (s: string) => void = streamWriter(process.stdout),
  err: (s: string) => void = streamWriter(process.stderr),
): Promise<number> {
  // The one printing edge: every byte any command (or commander) writes passes the sanitiser.
  const program = buildProgram(
    (s) => out(terminalSafe(s)),
    (s) => err(terminalSafe(s)),
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
    err(terminalSafe(`mission: ${e instanceof Error ? e.message : String(e)}\n`));
    return EXIT_FAILURE;
  }
}
