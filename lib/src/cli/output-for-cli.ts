/**
 * Shared edge of the writing commands: `--out` folders and output files are checked before any
 * work, and a write that fails anyway (a full device) ends with one sentence on stderr and exit
 * code 1 — never a stack trace or a bare system error.
 */
import { checkOutputFile, checkOutputFolder, describeWriteError } from "../io/output-path";
import { CliExit } from "./cli-exit";
import type { CommandIo } from "./command-context";

async function checked(
  io: CommandIo,
  command: string,
  path: string,
  check: () => Promise<void>,
): Promise<void> {
  try {
    await check();
  } catch (e) {
    io.err(`mission ${command}: ${describeWriteError(path, e)}\n`);
    throw new CliExit(1);
  }
}

/**
 * Checks that `folder` can be used as an output folder (see `checkOutputFolder`).
 *
 * @throws CliExit(1) after printing why it cannot.
 * @example await outputFolderForCli("/etc/hostname", io, "backtest") // prints "mission backtest: cannot write /etc/hostname: it exists and is not a folder"
 */
export async function outputFolderForCli(folder: string, io: CommandIo, command: string): Promise<void> {
  await checked(io, command, folder, () => checkOutputFolder(folder));
}

/**
 * Checks that `file` can be written as a regular file (see `checkOutputFile`).
 *
 * @throws CliExit(1) after printing why it cannot.
 * @example await outputFileForCli("/dev/full", io, "test-rules") // prints "… is not a regular file …"
 */
export async function outputFileForCli(file: string, io: CommandIo, command: string): Promise<void> {
  await checked(io, command, file, () => checkOutputFile(file));
}

/**
 * Runs `write` (which writes `path`); any error it throws is printed as one sentence.
 *
 * @throws CliExit(1) when the write fails.
 * @example await writeForCli("reports/x", io, "sweep", () => writeFileAtomic("reports/x/a.csv", csv))
 */
export async function writeForCli<T>(
  path: string,
  io: CommandIo,
  command: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof CliExit) throw e;
    io.err(`mission ${command}: ${describeWriteError(path, e)}\n`);
    throw new CliExit(1);
  }
}
