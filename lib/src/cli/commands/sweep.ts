/**
 * `mission sweep <data-dir> --labels <file> --param <path>=<from>:<to>:<step> … [--rules <ruleset>]
 * [--out <folder>] [--json] [--workers <n>]`: backtests every setting of a grid of ruleset values
 * (one replay pass for the whole grid, shared out among worker threads), with a progress bar on a
 * terminal (plain lines otherwise, on stderr), and
 * writes sweep.csv, sweep.json, the precision/recall chart(s) sweep.svg (sweep-2.svg, …) and
 * sweep.html to the output folder (default reports/sweep). Prints the table. Exit codes: 0 done,
 * 1 the data, ruleset or labels have problems, 2 bad usage (malformed --param, unknown path, a
 * value the ruleset schema refuses).
 */
import { Presets, SingleBar } from "cli-progress";
import { InvalidArgumentError, type Command } from "commander";
import { join } from "node:path";
import { htmlDocument } from "../../brief/document";
import { html } from "../../brief/html";
import { chartFigure, renderChartSvg } from "../../brief/render-svg";
import { writeFilesAtomic } from "../../io/atomic-file";
import { RulesetError } from "../../rules/ruleset-error";
import { fixed } from "../../validation/format-backtest";
import {
  sweepChartSpecs,
  sweepCsv,
  sweepParallel,
  sweepRows,
  type SweepResult,
  type SweepRow,
} from "../../validation/sweep";
import {
  parseSweepParam,
  sweepGrid,
  SweepParamError,
  sweepRulesets,
  type SweepParam,
} from "../../validation/sweep-grid";
import { CliExit } from "../cli-exit";
import type { CommandIo, RegisterCommand } from "../command-context";
import { safeJson } from "../terminal-text";
import { loadDatasetForCli, loadRulesetForCli } from "../load-for-cli";
import { outputFolderForCli, writeForCli } from "../output-for-cli";
import { labelsForCli } from "./backtest";

interface SweepFlags {
  readonly labels: string;
  readonly param: string[];
  readonly rules: string;
  readonly out: string;
  readonly json?: boolean;
  readonly workers?: number;
}

const TABLE_COLUMNS = [
  "accuracy",
  "kappa",
  "alert_precision",
  "alert_recall",
  "median_delay_runs",
  "flapping_per_100_runs",
];

function table(rows: readonly SweepRow[], params: readonly SweepParam[]): string {
  const columns = [...params.map((p) => p.path), ...TABLE_COLUMNS];
  const cell = (v: number | null | undefined, c: string) =>
    v === null || v === undefined
      ? "n/a"
      : params.some((p) => p.path === c)
        ? String(v)
        : fixed(v, c.includes("delay") || c.includes("flapping") ? 1 : 2);
  const body = rows.map((r) => columns.map((c) => cell(r[c], c)));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((x, i) => x.padStart(widths[i] ?? 0)).join("  ");
  return [line(columns), ...body.map(line)].join("\n") + "\n";
}

/** Progress on stderr: a bar on a terminal, a line per tenth otherwise. */
function progress(
  io: CommandIo,
  settings: number,
): { onMission: (done: number, total: number) => void; stop: () => void } {
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  let bar: SingleBar | undefined;
  let lastPlain = -1;
  return {
    onMission(done, total) {
      if (tty) {
        if (!bar) {
          bar = new SingleBar(
            {
              format: `sweep {bar} {percentage}% | {value}/{total} missions × ${settings} settings | {duration}s`,
              hideCursor: true,
            },
            Presets.shades_classic,
          );
          bar.start(total, 0);
        }
        bar.update(done);
        return;
      }
      const tenth = Math.floor((10 * done) / total);
      if (tenth === lastPlain) return;
      lastPlain = tenth;
      io.err(
        `sweep: ${done}/${total} missions replayed under ${settings} settings (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
      );
    },
    stop: () => bar?.stop(),
  };
}

async function run(folder: string, flags: SweepFlags, io: CommandIo): Promise<void> {
  if (flags.param.length === 0) {
    io.err("mission sweep: give at least one --param <ruleset path>=<from>:<to>:<step>\n");
    throw new CliExit(2);
  }
  let params: SweepParam[];
  try {
    params = flags.param.map(parseSweepParam);
  } catch (e) {
    if (!(e instanceof SweepParamError)) throw e;
    io.err(`mission sweep: ${e.message}\n`);
    throw new CliExit(2);
  }
  await outputFolderForCli(flags.out, io, "sweep");
  const rules = await loadRulesetForCli(flags.rules, io, "sweep");
  const dataset = await loadDatasetForCli(folder, io, "sweep");
  const labels = await labelsForCli(flags.labels, dataset, io, "sweep");
  let settings: number;
  try {
    // Every setting is validated before any replay: an unknown path or a bad value fails here.
    settings = sweepRulesets(rules, sweepGrid(params)).length;
  } catch (e) {
    if (e instanceof SweepParamError || e instanceof RulesetError) {
      io.err(`mission sweep: ${e.message}\n`);
      throw new CliExit(2);
    }
    throw e;
  }
  const bar = progress(io, settings);
  let result: SweepResult;
  try {
    result = await sweepParallel(dataset, labels, rules, params, {
      onMission: bar.onMission,
      ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
    });
  } catch (e) {
    if (e instanceof SweepParamError || e instanceof RulesetError) {
      io.err(`mission sweep: ${e.message}\n`);
      throw new CliExit(2);
    }
    throw e;
  } finally {
    bar.stop();
  }
  const rows = sweepRows(result);
  const json = `${safeJson({ base: result.base, params: result.params, rows, points: result.points })}\n`;
  io.out(flags.json ? json : table(rows, params));
  const charts = sweepChartSpecs(result);
  const svgs: string[] = [];
  for (const c of charts) svgs.push(await renderChartSvg(c.spec));
  const files: [string, string][] = [
    ["sweep.csv", sweepCsv(rows)],
    ["sweep.json", json],
    ...svgs.map((svg, i): [string, string] => [i === 0 ? "sweep.svg" : `sweep-${i + 1}.svg`, `${svg}\n`]),
  ];
  const title = `Threshold sweep of ${result.base.id} ${result.base.version}: ${params.map((p) => p.path).join(", ")}`;
  const page = htmlDocument({
    title,
    bodyHtml: html`<h1>${title}</h1>
<p class="muted">${rows.length} settings backtested against ${labels.length} labels on ${dataset.source.folder}. Precision and recall are those of the alert “WATCH or worse”.</p>
${svgs.map((svg) => chartFigure(svg))}
<pre class="small">${table(rows, params)}</pre>`,
  });
  files.push(["sweep.html", page]);
  await writeForCli(flags.out, io, "sweep", () =>
    writeFilesAtomic(files.map(([name, data]) => ({ path: join(flags.out, name), data }))),
  );
  if (!flags.json) io.out(`wrote ${files.map(([name]) => join(flags.out, name)).join(", ")}\n`);
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError("a whole number from 1 to 64");
  return n;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Registers `mission sweep`. */
export const registerSweep: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("sweep")
    .description("backtest a grid of ruleset values: metrics per setting, precision/recall chart")
    .argument("<data-dir>", "dataset folder (canonical tables or the reference JSON bundle)")
    .requiredOption("--labels <file>", "(required) labels: CSV or JSON (see mission backtest)")
    .requiredOption(
      "--param <path=from:to:step>",
      "(required) a ruleset value to sweep, e.g. trend.alpha=0.01:0.1:0.01 or health.bands.watch=60,65,70 (repeatable: a grid)",
      collect,
    )
    .option("--rules <ruleset>", "base ruleset: built-in (default, seed-v3) or a JSON/YAML file", "default")
    .option(
      "--out <folder>",
      "where to write sweep.csv, sweep.json, sweep.svg and sweep.html",
      join("reports", "sweep"),
    )
    .option("--json", "print the JSON table instead of text")
    .option("--workers <n>", "worker threads for the replay (default: the available cores)", parseWorkers)
    .action(async (folder: string, flags: SweepFlags) => run(folder, flags, io));
};
