/**
 * `mission render <brief.json> [--out <folder>] [--format html,pdf] [--name <name>]`: re-renders
 * the HTML and/or PDF of a brief from its stored model (`brief-‹name›-‹as-of›.json`, written by
 * `mission brief`) without the data. The file is validated first.
 *
 * Exit codes: 0 written; 1 the file is unreadable or not a valid brief JSON, or the PDF could not
 * be rendered or the files written; 2 bad usage (unknown format, bad name).
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";
import { parseBriefJson } from "../../brief/brief-json";
import { renderBriefPdf } from "../../brief/brief-pdf";
import { renderBriefModelHtml } from "../../brief/render-brief";
import { isBriefName, writeBrief, type WrittenBrief } from "../../brief/write-brief";
import { CliExit } from "../cli-exit";
import type { CommandIo, RegisterCommand } from "../command-context";
import { terminalSafe as escapeText } from "../terminal-text";
import { outputFolderForCli, writeForCli } from "../output-for-cli";

interface RenderFlags {
  readonly out: string;
  readonly format: string;
  readonly name?: string;
}

async function run(file: string, flags: RenderFlags, io: CommandIo): Promise<void> {
  const fail = (message: string, code: 1 | 2): never => {
    io.err(`mission render: ${escapeText(message)}\n`);
    throw new CliExit(code);
  };
  const formats = new Set<string>();
  for (const f of flags.format.split(",").map((s) => s.trim().toLowerCase())) {
    if (f === "html" || f === "pdf") formats.add(f);
    else fail(`unknown format ${JSON.stringify(f)} (use html, pdf or html,pdf)`, 2);
  }
  const name = flags.name ?? basename(file).replace(/\.json$/i, "");
  if (!isBriefName(name)) fail(`not a plain file name: ${JSON.stringify(name)} (use --name)`, 2);
  let text = "";
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    fail(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  let model;
  try {
    model = parseBriefJson(text, file);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e), 1);
  }
  await outputFolderForCli(flags.out, io, "render");
  const html = await renderBriefModelHtml(model);
  let pdf: Uint8Array | undefined;
  if (formats.has("pdf")) {
    try {
      pdf = await renderBriefPdf(html, { paper: model.paper, footerLabel: model.footerLabel });
    } catch (e) {
      fail(
        `the PDF could not be rendered, nothing was written: ${e instanceof Error ? e.message : String(e)}`,
        1,
      );
    }
  }
  const written: WrittenBrief = await writeForCli(flags.out, io, "render", () =>
    writeBrief(
      { ...(formats.has("html") ? { html } : {}), ...(pdf ? { pdf } : {}) },
      { folder: flags.out, name },
    ),
  );
  io.out(
    `Verdict: ${escapeText(model.verdict.band)}  (as of ${escapeText(model.asOf)}, re-rendered from ${escapeText(file)})\n`,
  );
  if (written.html) io.out(`wrote ${escapeText(written.html)}\n`);
  if (written.pdf) io.out(`wrote ${escapeText(written.pdf)}\n`);
}

/**
 * Registers `mission render`.
 *
 * @example await runCli(["render", "reports/brief-demo-2026-03-06.json", "--out", "copy"])
 *   // → 0, after writing copy/brief-demo-2026-03-06.html and .pdf
 */
export const registerRenderCommand: RegisterCommand = (program: Command, io: CommandIo) => {
  program
    .command("render")
    .description("re-render a brief's HTML and PDF from its brief JSON, without the data")
    .argument("<brief.json>", "a brief model file written by `mission brief`")
    .option("--out <folder>", "folder the files are written to", "reports")
    .option("--format <list>", "html, pdf or html,pdf", "html,pdf")
    .option("--name <name>", "file name without extension (default: the JSON file's name)")
    .action(async (file: string, flags: RenderFlags) => run(file, flags, io));
};
