/**
 * `mission import <folder> --out <dir> [--format csv|parquet] [--source langfuse|otel|eventlog]
 * [--force]`: reads a source export (Langfuse, OTLP JSON, event log) and writes the six canonical
 * tables, printing which source and mapping it used. Exit codes: 0 written, 1 the source has fatal
 * problems or writing failed (nothing left behind), 2 bad usage (unknown format or source, a
 * non-empty --out without --force).
 */
import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { SOURCE_KINDS, type SourceKind } from "../../ingest/sources/detect";
import { importSource } from "../../ingest/sources/import-source";
import { describeWriteError } from "../../io/output-path";
import { OutputFolderNotEmptyError } from "../../io/write-tables";
import { DatasetLoadError, formatIssue } from "../../model/issues";
import { CliExit } from "../cli-exit";
import type { CommandIo, RegisterCommand } from "../command-context";
import { outputFolderForCli } from "../output-for-cli";

interface ImportFlags {
  readonly out: string;
  readonly format: string;
  readonly source?: string;
  readonly force?: boolean;
}

function usage(io: CommandIo, message: string): never {
  io.err(`mission import: ${message}\n`);
  throw new CliExit(2);
}

/**
 * Parses `--source`: one of the source kinds, or undefined.
 *
 * @throws CliExit(2) after printing the accepted kinds.
 * @example parseSourceFlag("otel", io, "check") // → "otel"
 */
export function parseSourceFlag(
  text: string | undefined,
  io: CommandIo,
  command: string,
): SourceKind | undefined {
  if (text === undefined) return undefined;
  const kind = SOURCE_KINDS.find((k) => k === text);
  if (!kind) {
    io.err(`mission ${command}: --source must be ${SOURCE_KINDS.join(", ")}, got ${JSON.stringify(text)}\n`);
    throw new CliExit(2);
  }
  return kind;
}

/**
 * The reading options of a command's `--source` flag.
 *
 * @throws CliExit(2) for an unknown source kind.
 * @example sourceOption("langfuse", io, "evaluate") // → { source: "langfuse" }
 */
export function sourceOption(
  text: string | undefined,
  io: CommandIo,
  command: string,
): { source?: SourceKind } {
  const source = parseSourceFlag(text, io, command);
  return source ? { source } : {};
}

async function run(folder: string, flags: ImportFlags, io: CommandIo): Promise<void> {
  if (flags.format !== "csv" && flags.format !== "parquet")
    usage(io, `--format must be csv or parquet, got ${JSON.stringify(flags.format)}`);
  const source = parseSourceFlag(flags.source, io, "import");
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.err(`mission import: no such folder: ${folder}\n`);
    throw new CliExit(1);
  }
  await outputFolderForCli(flags.out, io, "import");
  try {
    const result = await importSource(folder, flags.out, {
      format: flags.format,
      force: flags.force === true,
      ...(source ? { source } : {}),
    });
    io.out(`source           ${result.kind}${source ? " (--source)" : " (detected)"}\n`);
    io.out(`config           ${result.configFile ?? "none (first look)"}\n`);
    io.out("mapping\n");
    for (const line of result.mapping) io.out(`  ${line}\n`);
    io.out(`wrote ${flags.out} (${flags.format}):\n`);
    for (const [table, rows] of Object.entries(result.rows))
      io.out(`  ${`${table}.${flags.format}`.padEnd(24)} ${rows} rows\n`);
    for (const w of result.warnings) io.out(`  ${formatIssue(w)}\n`);
  } catch (e) {
    if (e instanceof OutputFolderNotEmptyError) usage(io, e.message);
    if (e instanceof DatasetLoadError) {
      io.err(`${e.message}\n`);
      throw new CliExit(1);
    }
    io.err(`mission import: ${describeWriteError(flags.out, e)}; nothing was written\n`);
    throw new CliExit(1);
  }
}

/**
 * Registers `mission import`.
 *
 * @example await runCli(["import", "data/samples/langfuse", "--out", "/tmp/lf"]) // → 0, six CSV tables written
 */
export const registerImport: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("import")
    .description("read a Langfuse export, OTLP JSON spans or an event log and write the canonical tables")
    .argument("<folder>", "source folder (with its missions.yaml)")
    .requiredOption("--out <dir>", "(required) output folder (must be empty or missing unless --force)")
    .option("--format <csv|parquet>", "file format of the tables", "csv")
    .option("--source <langfuse|otel|eventlog>", "the source kind (default: detected from the files)")
    .option("--force", "replace a non-empty output folder")
    .action(async (folder: string, flags: ImportFlags) => run(folder, flags, io));
};
