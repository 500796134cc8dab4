/**
 * Headless, parameterised execution of a TypeScript notebook (papermill-like), using the
 * project-local tslab kernel:
 *
 *  1. read the notebook, clear its outputs and inject the parameters (pure, `notebook/`);
 *  2. execute it with nbclient (`notebook/execution-driver.ts`) in the notebook's own folder,
 *     stopping at the first failing cell;
 *  3. write `<out>/<name>.ipynb` (marked trusted with `nbformat.sign`, i.e. `jupyter trust`) and
 *     `<out>/<name>.html` (`nbconvert --to html` of a copy whose SVGs are also `<img>` tags,
 *     external scripts removed), each atomically.
 *
 * Every Jupyter process gets the project-local `JUPYTER_*` folders (see `notebook/jupyter-env.ts`).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { writeFileAtomic } from "./atomic-file";
import { parseNotebook, serializeNotebook } from "../notebook/ipynb";
import { injectParameters } from "../notebook/inject-parameters";
import type { NotebookParameters } from "../notebook/parameters";
import { findFailingCell, recordExecutionOutcome, type CellFailure } from "../notebook/cell-failure";
import { EXECUTION_DRIVER_SOURCE, parseDriverReport } from "../notebook/execution-driver";
import { removeExternalScripts, svgOutputsAsImages } from "../notebook/html-export";
import { jupyterDirs, jupyterEnvironment } from "../notebook/jupyter-env";

/** Thrown when a notebook cannot be run at all (no Jupyter, no kernel, unreadable file). */
export class NotebookRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotebookRunError";
  }
}

/** What to run and where to write. */
export interface NotebookRunOptions {
  /** Path of the `.ipynb` to execute (not modified). */
  readonly notebook: string;
  /** Values for the cell tagged `parameters`; see `injectParameters`. */
  readonly parameters?: NotebookParameters;
  /** Output folder, created if needed. Default `reports`. */
  readonly outDir?: string;
  /** Maximum seconds one cell may run. Default 300. */
  readonly timeoutSeconds?: number;
  /** Kernel name. Default `tslab`. */
  readonly kernel?: string;
  /** Repository root holding `.jupyter/`; found from this file's and the notebook's folders by default. */
  readonly projectRoot?: string;
  /** Python with nbclient/nbconvert: `$MISSION_JUPYTER_PYTHON`, else /usr/bin/python3, else python3. */
  readonly python?: string;
}

/** Where the outputs are and how the run went. */
export interface NotebookRunResult {
  readonly executedNotebook: string;
  readonly html: string;
  /** The failing cell; `undefined` when every cell ran. */
  readonly failure: CellFailure | undefined;
  /** Whether `nbformat.sign` marked the executed notebook trusted. */
  readonly trusted: boolean;
  /** Script URLs removed from nbconvert's HTML (require.js, MathJax). */
  readonly removedScripts: readonly string[];
  /** Wall-clock time of the execution step, milliseconds. */
  readonly executionMs: number;
}

interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runProcess(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
): Promise<ProcessResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, [...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on("close", (code) => resolveRun({ code, stdout, stderr }));
  });
}

/**
 * The repository root holding the project-local tslab kernelspec, searched upward from each of
 * `starts` in turn; `undefined` when none has it.
 *
 * @example findJupyterProjectRoot(["/srv/project/lib/dist/io"]) // → "/srv/project" once setup has run
 */
export function findJupyterProjectRoot(starts: readonly string[]): string | undefined {
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      if (existsSync(jupyterDirs(dir).tslabKernelSpec)) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

/**
 * The Python that runs Jupyter: `$MISSION_JUPYTER_PYTHON`, else Debian's /usr/bin/python3 (the
 * one `jupyter` uses; a pyenv `python3` earlier in PATH would lack nbclient), else `python3`.
 *
 * @example defaultJupyterPython() // → "/usr/bin/python3" on Debian
 */
export function defaultJupyterPython(): string {
  const fromEnv = process.env.MISSION_JUPYTER_PYTHON;
  if (fromEnv) return fromEnv;
  return existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

function tail(text: string, lines = 15): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/**
 * Executes a notebook with parameters and writes the executed notebook and its HTML export into
 * `outDir` as `<name>.ipynb` and `<name>.html`. A failing cell does not throw: the partly executed
 * notebook and its HTML are still written, and `failure` describes the cell.
 *
 * @throws NotebookParameterError when the parameters do not match the parameters cell.
 * @throws NotebookFormatError when the file is not a notebook.
 * @throws NotebookRunError when Jupyter, the kernel or the export is unavailable or fails, or the
 *   output would overwrite the input.
 * @example const r = await runNotebook({ notebook: "notebooks/portfolio.ipynb", parameters: { region: "EU" } });
 *   // → r.executedNotebook === "reports/portfolio.ipynb", r.failure === undefined
 */
export async function runNotebook(options: NotebookRunOptions): Promise<NotebookRunResult> {
  const input = resolve(options.notebook);
  const outDir = resolve(options.outDir ?? "reports");
  const stem = basename(input, extname(input));
  const executedNotebook = join(outDir, `${stem}.ipynb`);
  const html = join(outDir, `${stem}.html`);
  if (executedNotebook === input) {
    throw new NotebookRunError(`the executed notebook would overwrite ${input}; choose another --out folder`);
  }
  let text: string;
  try {
    text = await readFile(input, "utf8");
  } catch (e) {
    throw new NotebookRunError(`cannot read ${input}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const prepared = injectParameters(parseNotebook(text), options.parameters ?? {});

  const root = options.projectRoot ?? findJupyterProjectRoot([__dirname, dirname(input), process.cwd()]);
  if (root === undefined || !existsSync(jupyterDirs(root).tslabKernelSpec)) {
    throw new NotebookRunError(
      "the tslab Jupyter kernel is not registered: run `node scripts/setup.mjs` first",
    );
  }
  const env = jupyterEnvironment(root, process.env);
  const python = options.python ?? defaultJupyterPython();
  const workDir = dirname(input);
  const tmp = await mkdtemp(join(tmpdir(), "mission-notebook-"));
  try {
    const toRun = join(tmp, "input.ipynb");
    const ran = join(tmp, "executed.ipynb");
    await writeFile(toRun, serializeNotebook(prepared));
    const started = performance.now();
    const args = ["-c", EXECUTION_DRIVER_SOURCE, toRun, ran, options.kernel ?? "tslab"];
    args.push(String(options.timeoutSeconds ?? 300), workDir);
    const exec = await runProcess(python, args, workDir, env).catch((e: unknown) => {
      throw new NotebookRunError(`cannot start ${python}: ${e instanceof Error ? e.message : String(e)}`);
    });
    const executionMs = performance.now() - started;
    let report;
    try {
      report = parseDriverReport(exec.stdout);
    } catch {
      throw new NotebookRunError(`notebook execution crashed (exit ${exec.code}):\n${tail(exec.stderr)}`);
    }
    if (report.status === "setup-error") {
      throw new NotebookRunError(`cannot execute the notebook: ${report.message}\n${tail(exec.stderr, 5)}`);
    }
    const executed = recordExecutionOutcome(parseNotebook(await readFile(ran, "utf8")), report);
    const final = join(tmp, `${stem}.ipynb`);
    await writeFile(final, serializeNotebook(executed));

    const sign = await runProcess(python, ["-m", "nbformat.sign", final], tmp, env);

    // The HTML is exported from a copy whose SVG outputs also carry an <img> (see html-export.ts).
    const exportDir = join(tmp, "export");
    await mkdir(exportDir);
    const exportCopy = join(exportDir, `${stem}.ipynb`);
    await writeFile(exportCopy, serializeNotebook(svgOutputsAsImages(executed)));
    const exportArgs = ["-m", "nbconvert", "--to", "html", "--HTMLExporter.embed_images=True"];
    exportArgs.push("--output-dir", exportDir, "--output", stem, exportCopy);
    const exported = await runProcess(python, exportArgs, exportDir, env);
    if (exported.code !== 0) throw new NotebookRunError(`HTML export failed:\n${tail(exported.stderr)}`);
    const stripped = removeExternalScripts(await readFile(join(exportDir, `${stem}.html`), "utf8"));

    await mkdir(outDir, { recursive: true });
    await writeFileAtomic(executedNotebook, await readFile(final));
    await writeFileAtomic(html, stripped.html);
    return {
      executedNotebook,
      html,
      failure: findFailingCell(executed),
      trusted: sign.code === 0,
      removedScripts: stripped.removed,
      executionMs,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
