/**
 * `mission ledger <data-dir>`: the per-run ledger — runs joined with their task-execution
 * aggregates — as the SQL a warehouse runs (`--sql`), or written from a dataset (`--out`).
 */
import type { Command } from "commander";
import { LEDGER_SQL, writeLedger } from "../../ingest/ledger";
import { checkOutputFile, describeWriteError } from "../../io/output-path";
import { CliExit } from "../cli-exit";
import type { CommandIo, RegisterCommand } from "../command-context";
import { loadDatasetForCli } from "../load-for-cli";
import { escapeControls } from "../terminal-text";

interface LedgerFlags {
  readonly sql?: boolean;
  readonly out?: string;
}

async function run(folder: string | undefined, flags: LedgerFlags, io: CommandIo): Promise<void> {
  if (flags.sql) {
    io.out(LEDGER_SQL);
    if (!flags.out) return;
  }
  if (!flags.out) {
    io.err("mission ledger: say what to do: --sql prints the ledger query, --out <file> writes the ledger\n");
    throw new CliExit(2);
  }
  if (folder === undefined) {
    io.err("mission ledger: --out needs the dataset folder\n");
    throw new CliExit(2);
  }
  if (!/\.(parquet|csv)$/i.test(flags.out)) {
    io.err(`mission ledger: --out must end in .parquet or .csv (found ${escapeControls(flags.out)})\n`);
    throw new CliExit(2);
  }
  try {
    await checkOutputFile(flags.out);
  } catch (e) {
    io.err(`mission ledger: ${escapeControls(describeWriteError(flags.out, e))}\n`);
    throw new CliExit(2);
  }
  const dataset = await loadDatasetForCli(folder, io, "ledger");
  let rows: number;
  try {
    rows = await writeLedger(dataset, flags.out);
  } catch (e) {
    io.err(`mission ledger: ${escapeControls(describeWriteError(flags.out, e))}\n`);
    throw new CliExit(1);
  }
  io.out(`wrote ${rows} ledger rows (${dataset.runs.length} runs) to ${escapeControls(flags.out)}\n`);
}

/**
 * Registers `mission ledger [data-dir] (--sql | --out <file>)`. `--sql` prints the ledger query
 * (plain SQL over the canonical tables, for DuckDB, Spark SQL or a warehouse); `--out` loads the
 * dataset and writes its ledger as Parquet or CSV (atomically). A folder holding `ledger.parquet`
 * instead of runs and task executions — or `mission evaluate <dir> --from-ledger <file>` — reads
 * it back: the evaluation is the same.
 *
 * @example await runCli(["ledger", "--sql"], out, err) // → 0, the query on stdout
 * @example await runCli(["ledger", "data/demo", "--out", "/tmp/ledger.parquet"], out, err) // → 0
 */
export const registerLedger: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("ledger")
    .description("print the per-run ledger's SQL, or write a dataset's ledger (Parquet or CSV)")
    .argument("[data-dir]", "dataset folder (needed with --out)")
    .option("--sql", "print the ledger query over the canonical tables (runs, tasks, task_executions)")
    .option("--out <file>", "write the ledger of the dataset to this .parquet or .csv file")
    .action(async (folder: string | undefined, flags: LedgerFlags) => run(folder, flags, io));
};
