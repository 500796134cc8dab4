/**
 * Shared edge of the data-reading commands: loads a dataset folder and turns every way it can fail
 * into a message on stderr and exit code 1 (never a stack trace).
 */
import { existsSync, statSync } from "node:fs";
import { detectSourceKind, type SourceKind } from "../ingest/sources/detect";
import { loadSourceFolder, type SourceReading } from "../ingest/sources/import-source";
import { loadDataset, type LoadOptions } from "../load/load-dataset";
import type { Dataset } from "../model/dataset";
import { DatasetLoadError } from "../model/issues";
import { loadRuleset } from "../rules/load-ruleset";
import { RulesetError } from "../rules/ruleset-error";
import type { Ruleset } from "../rules/schema";
import { CliExit } from "./cli-exit";
import type { CommandIo } from "./command-context";

/** How a reading command was told to read its folder (and the load options of a dataset folder). */
export interface ReadFolderOptions extends LoadOptions {
  /** `--source`: read the folder as this source kind. */
  readonly source?: SourceKind;
  /** Told which source and mapping were used, when the folder is a source export. */
  readonly onSource?: (reading: SourceReading) => void;
}

/**
 * Loads a dataset folder or a source export folder (Langfuse, OTLP JSON, event log: detected, or
 * `options.source`), the one place the reading commands go through.
 *
 * @throws DatasetLoadError for fatal problems of the data.
 * @example await readDatasetFolder("data/samples/otel") // → the Dataset (160 runs)
 */
export async function readDatasetFolder(folder: string, options: ReadFolderOptions = {}): Promise<Dataset> {
  const { source, onSource, ...load } = options;
  const kind = source ?? detectSourceKind(folder);
  if (kind === undefined) return loadDataset(folder, load);
  const { dataset, reading } = await loadSourceFolder(folder, { source: kind });
  onSource?.(reading);
  return dataset;
}

/** Prints which source and config a command read (to stderr: stdout may be JSON). */
export function sourceNote(io: CommandIo, command: string, folder: string): (reading: SourceReading) => void {
  return (reading) =>
    io.err(
      `mission ${command}: read ${folder} as ${reading.kind} (${reading.configFile ?? "no missions.yaml: first look"}); mission import shows the mapping\n`,
    );
}

/**
 * Loads `folder` for the command `command`; on any problem prints it and throws CliExit(1).
 * `onProgress` (the CLI's progress display, see `cliProgress`) is passed to the loader.
 *
 * @throws CliExit(1) when the folder is missing or the data has fatal problems.
 * @example await loadDatasetForCli("data/demo", io, "evaluate", { onProgress: progress.listener }) // → the Dataset
 */
export async function loadDatasetForCli(
  folder: string,
  io: CommandIo,
  command: string,
  options: ReadFolderOptions = {},
): Promise<Dataset> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.err(`mission ${command}: no such folder: ${folder}\n`);
    throw new CliExit(1);
  }
  try {
    return await readDatasetFolder(folder, { onSource: sourceNote(io, command, folder), ...options });
  } catch (e) {
    if (e instanceof DatasetLoadError) {
      io.err(`${e.message}\n`);
      throw new CliExit(1);
    }
    throw e;
  }
}

/**
 * Loads a ruleset by built-in name or path; on a problem prints it and throws CliExit(1).
 *
 * @throws CliExit(1) when the ruleset cannot be read or is invalid.
 * @example (await loadRulesetForCli("seed-v3", io, "evaluate")).id // → "seed-v3"
 */
export async function loadRulesetForCli(
  nameOrPath: string,
  io: CommandIo,
  command: string,
): Promise<Ruleset> {
  try {
    return await loadRuleset(nameOrPath);
  } catch (e) {
    if (e instanceof RulesetError) {
      io.err(`mission ${command}: ${e.message}\n`);
      throw new CliExit(1);
    }
    throw e;
  }
}
