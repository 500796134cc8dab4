import type { Command } from "commander";

/** Where a command writes: stdout-like and stderr-like sinks (captured by tests). */
export interface CommandIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/** Adds one sub-command to the program. */
export type RegisterCommand = (program: Command, io: CommandIo) => void;
