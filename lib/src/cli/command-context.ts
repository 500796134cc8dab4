import type { Command } from "commander";
import type { ProgressStream } from "./progress";

/** Where a command writes: stdout-like and stderr-like sinks (captured by tests). */
export interface CommandIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /**
   * Where progress may be drawn (see `cliProgress`): the process's stderr when `err` writes to it;
   * absent (tests capturing `err`, callers of `runCli` with their own sinks) = no progress.
   */
  readonly progressStream?: ProgressStream;
}

/** Adds one sub-command to the program. */
export type RegisterCommand = (program: Command, io: CommandIo) => void;
