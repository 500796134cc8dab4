/**
 * The analysis notebooks in `notebooks/`: committed clean (no outputs, tslab kernel, a parameters
 * cell, the library imported by its package name only), and executed headless on the demo data
 * with the real tslab kernel — every cell must run, and the outputs each notebook exists for must
 * be there. The three executions run concurrently once (~10–15 s each). Skipped with a message when
 * Jupyter (nbclient, nbconvert) is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  briefFileName,
  builtinRuleset,
  cellSource,
  cellTags,
  defaultJupyterPython,
  diffEvaluations,
  evaluate,
  formatCellFailure,
  INJECTED_PARAMETERS_TAG,
  jupyterDirs,
  loadDataset,
  outputText,
  parseNotebook,
  PARAMETERS_TAG,
  runNotebook,
  type Notebook,
  type NotebookCell,
  type NotebookOutput,
  type NotebookRunResult,
} from "../../lib/src/index";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const notebooksDir = join(root, "notebooks");
const demoFolder = join(root, "data", "demo");
const NOTEBOOKS = ["01-explore-mission-history", "02-executive-brief", "03-validate-rules"] as const;
type Name = (typeof NOTEBOOKS)[number];
const VEGALITE = "application/vnd.vegalite.v6+json";

const python = defaultJupyterPython();
const hasJupyter =
  spawnSync(python, ["-c", "import nbclient, nbconvert, nbformat"], { stdio: "ignore" }).status === 0;
if (!hasJupyter) {
  console.warn(
    `[notebook tests] skipping the executions of notebooks/*.ipynb: ${python} cannot import ` +
      "nbclient/nbconvert/nbformat (install Debian's jupyter-nbconvert and jupyter-client, or set MISSION_JUPYTER_PYTHON)",
  );
}

const read = (path: string): Notebook => parseNotebook(readFileSync(path, "utf8"));
const byId = (nb: Notebook, id: string): NotebookCell => {
  const cell = nb.cells.find((c) => c.id === id);
  if (!cell) throw new Error(`no cell "${id}"`);
  return cell;
};
const outputsOf = (nb: Notebook, id: string): readonly NotebookOutput[] => byId(nb, id).outputs ?? [];
const streamText = (nb: Notebook, id: string): string =>
  outputsOf(nb, id)
    .filter((o) => o.output_type === "stream")
    .map((o) => outputText(o.text))
    .join("");
const rich = (nb: Notebook, id: string, mime: string): string[] =>
  outputsOf(nb, id).flatMap((o) =>
    o.data?.[mime] === undefined ? [] : [outputText(o.data[mime]) || "json"],
  );
const charts = (nb: Notebook, id: string): number =>
  outputsOf(nb, id).filter((o) => o.data?.["image/svg+xml"] !== undefined && o.data[VEGALITE] !== undefined)
    .length;

describe("notebooks/*.ipynb as committed", () => {
  it("holds exactly the three notebooks", () => {
    expect(
      readdirSync(notebooksDir)
        .filter((f) => f.endsWith(".ipynb"))
        .sort(),
    ).toEqual(NOTEBOOKS.map((n) => `${n}.ipynb`));
  });

  for (const name of NOTEBOOKS) {
    it(`${name}: no outputs, tslab kernel, a parameters cell, mission-lib by package name only`, () => {
      const nb = read(join(notebooksDir, `${name}.ipynb`));
      expect((nb.metadata.kernelspec as { name?: string } | undefined)?.name).toBe("tslab");
      expect(nb.metadata.mission).toBeUndefined();
      const code = nb.cells.filter((c) => c.cell_type === "code");
      for (const cell of code) {
        expect(cell.outputs, `cell ${cell.id}`).toEqual([]);
        expect(cell.execution_count, `cell ${cell.id}`).toBeNull();
        // Run artefacts: timings (nbclient, JupyterLab), `mission notebook`'s marks and injected cell.
        const artefacts = Object.keys(cell.metadata).filter((k) => k === "execution" || k === "mission");
        expect(artefacts, `cell ${cell.id}`).toEqual([]);
        expect(cellTags(cell), `cell ${cell.id}`).not.toContain(INJECTED_PARAMETERS_TAG);
      }
      const parameters = code.filter((c) => cellTags(c).includes(PARAMETERS_TAG));
      expect(parameters.length).toBe(1);
      expect(cellSource(parameters[0]!)).toMatch(/^let dataFolder = "\.\.\/data\/demo";/);
      const imports = code.flatMap((c) => [...cellSource(c).matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]));
      expect(imports).toContain("mission-lib");
      for (const spec of imports) expect(spec, "import").toMatch(/^(mission-lib|tslab|node:[a-z/]+)$/);
      expect(nb.cells.filter((c) => c.cell_type === "markdown").length).toBeGreaterThanOrEqual(4);
    });
  }
});

describe.skipIf(!hasJupyter)("notebooks/*.ipynb executed headless on the demo data", () => {
  const out = mkdtempSync(join(tmpdir(), "mission-notebooks-"));
  const briefFolder = join(out, "brief");
  const runs = new Map<Name, NotebookRunResult>();
  const executed = (name: Name): Notebook => {
    const run = runs.get(name);
    if (!run) throw new Error(`${name} did not run`);
    return read(run.executedNotebook);
  };

  beforeAll(async () => {
    const needsSetup =
      !existsSync(jupyterDirs(root).tslabKernelSpec) || !existsSync(join(root, "lib", "dist", "index.js"));
    if (needsSetup) {
      const setup = spawnSync(process.execPath, [join(root, "scripts", "setup.mjs"), "--quiet"], {
        cwd: root,
        env: { ...process.env, MISSION_SKIP_APT: "1" },
        encoding: "utf8",
      });
      if (setup.status !== 0) throw new Error(`node scripts/setup.mjs failed:\n${setup.stderr}`);
    }
    const parameters: Record<Name, Record<string, unknown>> = {
      "01-explore-mission-history": {},
      "02-executive-brief": { outputFolder: briefFolder },
      "03-validate-rules": {},
    };
    const results = await Promise.all(
      NOTEBOOKS.map((name) =>
        runNotebook({
          notebook: join(notebooksDir, `${name}.ipynb`),
          parameters: parameters[name],
          outDir: out,
          timeoutSeconds: 120,
        }),
      ),
    );
    NOTEBOOKS.forEach((name, i) => runs.set(name, results[i] as NotebookRunResult));
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("runs every cell of every notebook, writing trusted notebooks and HTML exports", () => {
    const failures = NOTEBOOKS.flatMap((name) => {
      const failure = runs.get(name)?.failure;
      return failure ? [`${name}.ipynb: ${formatCellFailure(failure, 12)}`] : [];
    });
    expect(failures.join("\n\n")).toBe("");
    for (const name of NOTEBOOKS) {
      const run = runs.get(name);
      expect(run?.trusted, name).toBe(true);
      expect(existsSync(join(out, `${name}.html`)), name).toBe(true);
      expect(executed(name).metadata.mission, name).toMatchObject({ status: "ok" });
    }
  });

  it("01 shows the tables as DataFrames and charts KPI, human touches and heat maps", () => {
    const nb = executed("01-explore-mission-history");
    expect(rich(nb, "missions-frame", "text/html")).toHaveLength(2);
    expect(rich(nb, "missions-frame", "text/html")[0]).toContain("sales-pipeline");
    expect(rich(nb, "group-by-mission", "text/html")[0]).toContain("humanInterventions_mean");
    expect(rich(nb, "runs-describe", "text/html")[0]).toContain("<th>mean</th>");
    // The SQL cell: one row per task of the focus mission, in plan order.
    const sqlTable = rich(nb, "sql-approval-delay", "text/html")[0] ?? "";
    expect(sqlTable).toContain("mean_approval_delay");
    expect(sqlTable.indexOf("enrich-leads")).toBeGreaterThan(-1);
    expect(sqlTable.indexOf("draft-outreach")).toBeGreaterThan(sqlTable.indexOf("enrich-leads"));
    expect(charts(nb, "kpi-charts")).toBe(6);
    expect(charts(nb, "touches-charts")).toBe(2);
    expect(charts(nb, "heatmaps")).toBe(2);
    expect(charts(nb, "fitted-trend")).toBe(1);
    expect(rich(nb, "kpi-charts", "image/svg+xml")[0]).toMatch(/^<svg/);
    expect(streamText(nb, "fitted-trend")).toContain("Sales pipeline acceleration:");
    expect(streamText(nb, "confidence")).toContain("KYC review for new business accounts has only 2 runs");
    // The HTML export shows every chart as an image.
    const html = readFileSync(runs.get("01-explore-mission-history")!.html, "utf8");
    expect(html.match(/<img src="data:image\/svg\+xml;base64,/g)?.length).toBe(11);
  });

  it("02 shows the verdict the library computes, the mission table and the brief, and writes HTML and PDF", async () => {
    const result = evaluate(await loadDataset(demoFolder), builtinRuleset("default"));
    const nb = executed("02-executive-brief");
    expect(streamText(nb, "verdict")).toContain(`Verdict: ${result.portfolio.verdict}`);
    const driver = result.portfolio.primaryDriver;
    expect(streamText(nb, "issue")).toContain(`${driver?.missionName} (${driver?.missionId})`);
    const table = rich(nb, "mission-table", "text/html")[0] ?? "";
    for (const m of result.portfolio.missions) expect(table).toContain(m.missionName);
    expect(charts(nb, "portfolio-chart")).toBe(2);
    const frame = rich(nb, "brief-inline", "text/html")[0] ?? "";
    expect(frame).toMatch(
      /^<iframe title="AI mission portfolio — executive brief" sandbox="" srcdoc="&lt;!doctype html&gt;/,
    );

    const name = briefFileName(demoFolder, result.asOf);
    const htmlPath = join(briefFolder, `${name}.html`);
    const pdfPath = join(briefFolder, `${name}.pdf`);
    expect(streamText(nb, "write-brief")).toContain(`wrote ${htmlPath}`);
    expect(readFileSync(htmlPath, "utf8")).toMatch(/^<!doctype html>/);
    expect(readFileSync(htmlPath, "utf8")).toContain(result.portfolio.verdict);
    expect(readFileSync(pdfPath).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("03 compares default and seed-v3 mission by mission with evidence, backtests and sweeps", async () => {
    const dataset = await loadDataset(demoFolder);
    const diff = diffEvaluations(
      evaluate(dataset, builtinRuleset("default")),
      evaluate(dataset, builtinRuleset("seed-v3")),
    );
    const nb = executed("03-validate-rules");
    const [verdicts, drivers] = rich(nb, "side-by-side", "text/html");
    for (const m of dataset.missions) {
      expect(verdicts).toContain(m.missionId);
      expect(drivers).toContain(m.missionId);
    }
    expect(charts(nb, "health-charts")).toBe(2);
    const evidence = streamText(nb, "evidence");
    expect(evidence).toContain("Ruleset default 2.0.0 (A) vs seed-v3 3.0.0 (B)");
    for (const m of diff.missions) expect(evidence).toContain(`${m.missionName} (${m.missionId}):`);
    const backtest = rich(nb, "backtest", "text/html")[0] ?? "";
    expect(backtest).toContain("default 2.0.0");
    expect(backtest).toContain("seed-v3 3.0.0");
    expect(charts(nb, "confusion")).toBe(2);
    expect(charts(nb, "timeline")).toBe(1);
    expect(charts(nb, "sweep")).toBeGreaterThanOrEqual(1);
    expect(rich(nb, "sweep", "text/html")[0]).toContain("health.bands.onTrack");
  });
});
