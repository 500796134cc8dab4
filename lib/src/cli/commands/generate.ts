/**
 * `mission generate --out <folder> [--preset demo|random] [--missions N] [--runs N|MIN-MAX]
 * [--tasks N] [--seed S] [--format csv|ndjson|parquet|bundle|langfuse|otel|eventlog] [--start YYYY-MM-DD]
 * [--cadence N|MIN-MAX] [--stories a,b,…] [--force]`: writes a seeded synthetic mission history in
 * the canonical layout (CSV, NDJSON or Parquet tables), as the reference JSON bundle, or as a source
 * export (Langfuse, OTLP JSON, event log), and prints what it wrote. Exit codes: 0 written, 1
 * writing failed (nothing left behind),
 * 2 bad usage (invalid number, date, format or story; options the demo preset does not take;
 * a non-empty output folder without `--force`).
 */
import type { Command } from "commander";
import { isAbsolute, relative } from "node:path";
import type { CommandIo, RegisterCommand } from "../command-context";
import { CliExit } from "../cli-exit";
import { describeWriteError } from "../../io/output-path";
import { outputFolderForCli } from "../output-for-cli";
import {
  parseGenerateFormat,
  parseIntRange,
  parseWholeNumber,
  type GenerateFormat,
  type GenerateOptions,
  type GeneratePreset,
} from "../../generate/options";
import { planPortfolio, type Portfolio } from "../../generate/portfolio";
import type { StoryName } from "../../generate/profiles";
import { writePortfolioBundle, type WriteBundleResult } from "../../io/write-bundle";
import { writePortfolioParquet, type WriteParquetResult } from "../../io/write-parquet";
import { writeSourceSample, type WriteSourceSampleResult } from "../../io/write-source-sample";
import {
  OutputFolderNotEmptyError,
  writePortfolioTables,
  type WriteTablesResult,
} from "../../io/write-tables";

interface GenerateCommandOptions {
  readonly out: string;
  readonly preset: string;
  readonly missions?: string;
  readonly runs?: string;
  readonly tasks?: string;
  readonly seed?: string;
  readonly format: string;
  readonly start?: string;
  readonly cadence?: string;
  readonly stories?: string;
  readonly force?: boolean;
}

/** The source-export formats, written from memory (samples, not scale tests). */
const SOURCE_SAMPLE_FORMATS: ReadonlySet<string> = new Set(["langfuse", "otel", "eventlog"]);
/** Largest sample a source-export format writes. */
const MAX_SOURCE_SAMPLE_RUNS = 20_000;

/** Runs above which progress is reported on stderr. */
const PROGRESS_THRESHOLD = 100_000;

const shown = (path: string): string => {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
};
const n = (x: number): string => x.toLocaleString("en-US");

function usage(io: CommandIo, message: string): never {
  io.err(`mission generate: ${message}\n`);
  throw new CliExit(2);
}

/** Turns the command-line strings into generator options; throws RangeError on bad input. */
function toOptions(opts: GenerateCommandOptions): {
  options: Partial<GenerateOptions>;
  format: GenerateFormat;
} {
  if (opts.preset !== "demo" && opts.preset !== "random") {
    throw new RangeError(`--preset must be demo or random, got ${JSON.stringify(opts.preset)}`);
  }
  const preset: GeneratePreset = opts.preset;
  const format = parseGenerateFormat(opts.format);
  if (preset === "demo") {
    const ignored = (["missions", "runs", "tasks", "stories"] as const).filter((k) => opts[k] !== undefined);
    if (ignored.length > 0) {
      throw new RangeError(
        `--${ignored.join(", --")} cannot be combined with --preset demo (the demo is fixed)`,
      );
    }
  }
  const options: Partial<GenerateOptions> = {
    preset,
    ...(opts.seed !== undefined ? { seed: parseWholeNumber(opts.seed, "--seed") } : {}),
    ...(opts.missions !== undefined ? { missions: parseWholeNumber(opts.missions, "--missions") } : {}),
    ...(opts.runs !== undefined ? { runs: parseIntRange(opts.runs, "--runs") } : {}),
    ...(opts.tasks !== undefined ? { tasks: parseWholeNumber(opts.tasks, "--tasks") } : {}),
    ...(opts.start !== undefined ? { start: opts.start } : {}),
    ...(opts.cadence !== undefined ? { cadenceDays: parseIntRange(opts.cadence, "--cadence") } : {}),
    ...(opts.stories !== undefined
      ? {
          stories: opts.stories
            .split(",")
            .map((s) => s.trim())
            .filter((s) => s !== "") as StoryName[],
        }
      : {}),
  };
  return { options, format };
}

function report(
  io: CommandIo,
  portfolio: Portfolio,
  result: WriteTablesResult | WriteBundleResult | WriteParquetResult | WriteSourceSampleResult,
): void {
  const { options } = portfolio;
  io.out(
    `wrote ${shown(result.folder)}: ${options.preset} preset, seed ${options.seed}, ` +
      `${n(portfolio.plans.length)} missions, ${n(portfolio.totalRuns)} runs, ${result.format}, ` +
      `in ${result.seconds.toFixed(2)} s\n`,
  );
  const width = Math.max(...result.files.map((f) => shown(f.path).length));
  let rows = 0;
  let bytes = 0;
  for (const f of result.files) {
    rows += f.rows;
    bytes += f.bytes;
    io.out(
      `  ${shown(f.path).padEnd(width)}  ${n(f.rows).padStart(11)} rows  ${n(f.bytes).padStart(14)} bytes\n`,
    );
  }
  io.out(`  ${"total".padEnd(width)}  ${n(rows).padStart(11)} rows  ${n(bytes).padStart(14)} bytes\n`);
  for (const path of result.removed) io.out(`  removed ${shown(path)} (same table in another format)\n`);
  const stories = new Map<string, number>();
  for (const p of portfolio.plans) stories.set(p.story, (stories.get(p.story) ?? 0) + 1);
  io.out(`  stories: ${[...stories].map(([s, c]) => `${s} ${c}`).join(", ")}\n`);
}

async function action(io: CommandIo, opts: GenerateCommandOptions): Promise<void> {
  let portfolio: Portfolio;
  let format: GenerateFormat;
  try {
    const parsed = toOptions(opts);
    format = parsed.format;
    portfolio = planPortfolio(parsed.options);
  } catch (e) {
    if (e instanceof RangeError) usage(io, e.message);
    throw e;
  }
  if (SOURCE_SAMPLE_FORMATS.has(format) && portfolio.totalRuns > MAX_SOURCE_SAMPLE_RUNS)
    usage(
      io,
      `--format ${format} writes a sample held in memory, at most ${n(MAX_SOURCE_SAMPLE_RUNS)} runs (asked: ${n(portfolio.totalRuns)}); bench/sources-langfuse.mjs streams large Langfuse exports`,
    );
  await outputFolderForCli(opts.out, io, "generate");
  const total = portfolio.totalRuns;
  const progressEvery = Math.max(10_000, Math.ceil(total / 10));
  const onProgress = (done: number, all: number): void => {
    if (all >= PROGRESS_THRESHOLD)
      io.err(`  … ${n(done)} / ${n(all)} runs (${Math.round((100 * done) / all)} %)\n`);
  };
  let result: WriteTablesResult | WriteBundleResult | WriteParquetResult | WriteSourceSampleResult;
  try {
    const common = { force: opts.force === true, onProgress, progressEvery };
    result =
      format === "bundle"
        ? await writePortfolioBundle(portfolio, opts.out, common)
        : format === "parquet"
          ? await writePortfolioParquet(portfolio, opts.out, common)
          : format === "csv" || format === "ndjson"
            ? await writePortfolioTables(portfolio, opts.out, { ...common, format })
            : await writeSourceSample(portfolio, opts.out, { force: common.force, kind: format });
  } catch (e) {
    if (e instanceof OutputFolderNotEmptyError) usage(io, e.message);
    io.err(`mission generate: ${describeWriteError(opts.out, e)}; nothing was written\n`);
    throw new CliExit(1);
  }
  report(io, portfolio, result);
}

/**
 * Registers `mission generate`.
 *
 * @example await runCli(["generate", "--out", "data/demo", "--preset", "demo", "--format", "csv"])
 *   // → 0, after writing the six demo tables and printing files, rows, bytes and seconds
 */
export const registerGenerateCommand: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("generate")
    .description(
      "write a seeded synthetic mission history (canonical tables or the reference JSON bundle) for demos and scale tests",
    )
    .requiredOption("--out <folder>", "(required) output folder (must be empty or missing unless --force)")
    .option(
      "--preset <name>",
      "demo (the showcase portfolio) or random (missions drawn from the seed)",
      "random",
    )
    .option("--missions <n>", "number of missions (random preset; default 20)")
    .option("--runs <n|min-max>", "runs per mission, fixed or a range (random preset; default 30)")
    .option("--tasks <n>", "tasks per mission, 1–20 (random preset; default 5)")
    .option("--seed <s>", "seed, a whole number 0–4294967295 (default 2026; demo preset 2045)")
    .option(
      "--format <csv|ndjson|parquet|bundle|langfuse|otel|eventlog>",
      "file format of every table (parquet: typed columns, written through DuckDB); bundle: the reference engine's JSON files and KPI sidecar; langfuse, otel, eventlog: a source export with its missions.yaml",
      "csv",
    )
    .option("--start <YYYY-MM-DD>", "date of the first runs (default 2026-01-05)")
    .option("--cadence <days|min-max>", "whole days between runs of a mission (default 1-2)")
    .option(
      "--stories <list>",
      "comma-separated stories random missions are drawn from (improving_autonomous, improving_dependent, " +
        "plateau, worsening, too_little_history, on_track, random; default all but too_little_history)",
    )
    .option("--force", "write into a non-empty folder, replacing the tables' files")
    .action((opts: GenerateCommandOptions) => action(io, opts));
};
