/**
 * Every sub-command of the `mission` CLI, in the order `mission --help` lists them.
 * Add a command by writing `commands/<name>.ts` exporting a {@link RegisterCommand} and listing it here.
 */
import type { RegisterCommand } from "../command-context";

export const COMMANDS: readonly RegisterCommand[] = [
  // check (issue: foundation)
];
