/**
 * `mission brief <data-dir> [--out <folder>] [--format html,pdf] [--rules …] [--as-of …]
 * [--since <YYYY-MM-DD | brief.json>] [--paper a4|letter] [--name <name>] [--title <text>]`:
 * evaluates a dataset and writes the executive brief as `<folder>/<name>.html` and `.pdf`, and
 * the brief model as `<folder>/<name>.json`, then prints the verdict and the paths. `--since`
 * adds a "Since ‹date›" section: against a stored brief JSON, or against the same data evaluated
 * as of that date.
 *
 * Exit codes: 0 written; 1 the data or ruleset has fatal problems, or the PDF could not be
 * rendered (no Chromium, timeout) or the files could not be written; 2 bad usage (unknown format
 * or paper, bad name, bad --as-of). No file is written unless every requested file is complete:
 * HTML and PDF are rendered in memory, written to temporary files, and renamed together.
 */
import type { Command } from "commander";
import { evaluate } from "../../evaluate/evaluate";
import { secondaryKpiAssessments } from "../../evaluate/secondary-kpis";
import type { EvaluationResult } from "../../evaluate/types";
import { renderBriefPdf } from "../../brief/brief-pdf";
import { buildBriefModel } from "../../brief/brief-model";
import { renderBriefModelHtml } from "../../brief/render-brief";
import { briefFileName, isBriefName, writeBrief, type WrittenBrief } from "../../brief/write-brief";
import { briefJson, parseBriefJson } from "../../brief/brief-json";
import { briefSnapshot } from "../../brief/sections/since";
import type { BriefSnapshot } from "../../brief/brief-types";
import { readFile } from "node:fs/promises";
import type { PaperSize } from "../../brief/document";
import { CliExit } from "../cli-exit";
import type { CommandIo, RegisterCommand } from "../command-context";
import { escapeStrings } from "../terminal-text";
import { loadDatasetForCli, loadRulesetForCli } from "../load-for-cli";
import type { Dataset } from "../../model/dataset";
import { progressForCli } from "../progress";
import { sourceOption } from "./import";
import { outputFolderForCli, writeForCli } from "../output-for-cli";

interface BriefFlags {
  readonly out: string;
  readonly format: string;
  readonly rules: string;
  readonly asOf?: string;
  readonly paper: string;
  readonly name?: string;
  readonly title?: string;
  readonly since?: string;
  readonly source?: string;
}

interface Usage {
  readonly formats: ReadonlySet<"html" | "pdf">;
  readonly paper: PaperSize;
}

function usage(flags: BriefFlags, io: CommandIo): Usage {
  const fail = (message: string): never => {
    io.err(`mission brief: ${message}\n`);
    throw new CliExit(2);
  };
  const formats = new Set<"html" | "pdf">();
  for (const f of flags.format.split(",").map((s) => s.trim().toLowerCase())) {
    if (f === "html" || f === "pdf") formats.add(f);
    else fail(`unknown format ${JSON.stringify(f)} (use html, pdf or html,pdf)`);
  }
  if (formats.size === 0) fail("--format needs html, pdf or both");
  const paper = flags.paper.trim().toLowerCase();
  if (paper !== "a4" && paper !== "letter")
    fail(`unknown paper ${JSON.stringify(flags.paper)} (use a4 or letter)`);
  if (flags.name !== undefined && !isBriefName(flags.name)) {
    fail(
      `--name must be a plain file name (letters, digits, ".", "_", "-"), got ${JSON.stringify(flags.name)}`,
    );
  }
  return { formats, paper: paper as PaperSize };
}

function printSummary(result: EvaluationResult, written: WrittenBrief, io: CommandIo): void {
  const p = escapeStrings(result.portfolio);
  const ruleset = escapeStrings(result.ruleset);
  io.out(
    `Verdict: ${p.verdict}  (ruleset ${ruleset.id} ${ruleset.version}, as of ${result.asOf})\n` +
      `  ${p.interpretation}\n`,
  );
  if (p.primaryDriver) {
    io.out(
      `Primary driver: ${p.primaryDriver.trigger} in ${p.primaryDriver.missionName} (${p.primaryDriver.missionId})\n`,
    );
  }
  if (written.html) io.out(`wrote ${written.html}\n`);
  if (written.pdf) io.out(`wrote ${written.pdf}\n`);
  if (written.json) io.out(`wrote ${written.json}\n`);
}

/** The earlier snapshot `--since` names: a brief JSON file, or the data as of a date. */
async function sinceSnapshot(
  since: string,
  compute: (asOf: string) => BriefSnapshot,
  asOf: string,
  io: CommandIo,
): Promise<BriefSnapshot> {
  const fail = (message: string, code: 1 | 2): never => {
    io.err(`mission brief: --since: ${message}\n`);
    throw new CliExit(code);
  };
  if (/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    if (Number.isNaN(Date.parse(`${since}T00:00:00Z`))) fail(`not a date: ${JSON.stringify(since)}`, 2);
    if (`${since}T23:59:59.999Z` >= asOf)
      fail(`${since} is not before the as-of date ${asOf.slice(0, 10)}`, 2);
    return compute(since);
  }
  let text = "";
  try {
    text = await readFile(since, "utf8");
  } catch (e) {
    fail(
      `expected a date (YYYY-MM-DD) or a brief JSON file, could not read ${JSON.stringify(since)}: ${e instanceof Error ? e.message : String(e)}`,
      2,
    );
  }
  try {
    return parseBriefJson(text, since).snapshot;
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e), 1);
  }
}

async function run(folder: string, flags: BriefFlags, io: CommandIo): Promise<void> {
  const { formats, paper } = usage(flags, io);
  await outputFolderForCli(flags.out, io, "brief");
  const rules = await loadRulesetForCli(flags.rules, io, "brief");
  const progress = progressForCli(io, false);
  let dataset: Dataset;
  let result: EvaluationResult;
  try {
    dataset = await loadDatasetForCli(folder, progress.io, "brief", {
      ...sourceOption(flags.source, io, "brief"),
      onProgress: progress.listener,
    });
    try {
      result = evaluate(dataset, rules, {
        ...(flags.asOf !== undefined ? { asOf: flags.asOf } : {}),
        onProgress: progress.listener,
      });
    } catch (e) {
      progress.io.err(`mission brief: ${e instanceof Error ? e.message : String(e)}\n`);
      throw new CliExit(2);
    }
  } finally {
    progress.done();
  }
  const since =
    flags.since !== undefined
      ? await sinceSnapshot(
          flags.since,
          (asOf) => {
            const earlier = evaluate(dataset, rules, { asOf });
            return briefSnapshot(earlier, secondaryKpiAssessments(dataset.kpis, earlier, rules));
          },
          result.asOf,
          io,
        )
      : undefined;
  const model = buildBriefModel(result, {
    paper,
    source: dataset.source,
    healthBands: rules.health.bands,
    data: {
      missions: dataset.missions,
      riskEvents: dataset.riskEvents,
      secondaryKpis: secondaryKpiAssessments(dataset.kpis, result, rules),
    },
    ...(since ? { since } : {}),
    ...(flags.title !== undefined ? { title: flags.title } : {}),
  });
  const html = await renderBriefModelHtml(model);
  let pdf: Uint8Array | undefined;
  if (formats.has("pdf")) {
    try {
      pdf = await renderBriefPdf(html, { paper, footerLabel: model.footerLabel });
    } catch (e) {
      io.err(
        `mission brief: the PDF could not be rendered, nothing was written: ${e instanceof Error ? e.message : String(e)}\n` +
          `  (run \`npm run setup\` to install Chromium, or use --format html)\n`,
      );
      throw new CliExit(1);
    }
  }
  // writeBrief stages both files before renaming either: a failure leaves nothing behind.
  const written: WrittenBrief = await writeForCli(flags.out, io, "brief", () =>
    writeBrief(
      { ...(formats.has("html") ? { html } : {}), ...(pdf ? { pdf } : {}), json: briefJson(model) },
      { folder: flags.out, name: flags.name ?? briefFileName(folder, result.asOf) },
    ),
  );
  printSummary(result, written, io);
}

/**
 * Registers `mission brief`.
 *
 * @example await runCli(["brief", "data/demo", "--format", "html"])
 *   // → 0, after writing reports/brief-demo-2026-03-06.html and printing the verdict
 */
export const registerBriefCommand: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("brief")
    .description("write the executive brief (HTML and PDF with charts) for a dataset")
    .argument("<data-dir>", "dataset folder (canonical tables or the reference JSON bundle)")
    .option("--out <folder>", "folder the files are written to", "reports")
    .option("--format <list>", "html, pdf or html,pdf", "html,pdf")
    .option("--rules <ruleset>", "built-in ruleset (default, seed-v3) or a JSON/YAML file", "default")
    .option("--as-of <date>", "ignore everything after this date (YYYY-MM-DD) or zoned date-time")
    .option(
      "--since <date|brief.json>",
      'add a "Since" section: against a stored brief JSON, or the same data as of YYYY-MM-DD',
    )
    .option("--paper <size>", "a4 or letter", "a4")
    .option("--name <name>", "file name without extension (default brief-<dataset folder>-<as-of date>)")
    .option("--title <text>", "document title")
    .option("--source <langfuse|otel|eventlog>", "read the folder as this source (default: detected)")
    .action(async (folder: string, flags: BriefFlags) => run(folder, flags, io));
};
