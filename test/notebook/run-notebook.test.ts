/**
 * End-to-end runs of `mission notebook` on the fixtures with the real tslab kernel (two notebook
 * executions, a few seconds each). Skipped with a message when Jupyter (nbclient, nbconvert) is not
 * installed; registers the kernel through `scripts/setup.mjs` when it is missing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  cellSource,
  defaultJupyterPython,
  externalReferences,
  INJECTED_PARAMETERS_TAG,
  jupyterDirs,
  outputText,
  parseNotebook,
  runCli,
  runNotebook,
  type NotebookCell,
} from "../../lib/src/index";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const smoke = join(here, "fixtures", "smoke.ipynb");
const failing = join(here, "fixtures", "failing.ipynb");
const python = defaultJupyterPython();
const hasJupyter =
  spawnSync(python, ["-c", "import nbclient, nbconvert, nbformat"], { stdio: "ignore" }).status === 0;
if (!hasJupyter) {
  console.warn(
    `[notebook tests] skipping notebook executions: ${python} cannot import nbclient/nbconvert/nbformat ` +
      "(install Debian's jupyter-nbconvert and jupyter-client, or set MISSION_JUPYTER_PYTHON)",
  );
}

const fresh = () => mkdtempSync(join(tmpdir(), "mission-nb-test-"));

async function capture(argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(
    argv,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

const streamText = (cell: NotebookCell | undefined) =>
  (cell?.outputs ?? [])
    .filter((o) => o.output_type === "stream")
    .map((o) => outputText(o.text))
    .join("");

describe("mission notebook: usage errors (no kernel needed)", () => {
  it("exits 2 on a malformed or unknown parameter, 1 on a missing file", async () => {
    const bad = await capture(["notebook", smoke, "-p", "greeting"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("not of the form key=value");
    const unknown = await capture(["notebook", smoke, "-p", "greting=x", "--out", fresh()]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      'unknown parameter "greting": the cell tagged "parameters" declares greeting, repeat',
    );
    const missing = await capture(["notebook", join(here, "fixtures", "nope.ipynb"), "--out", fresh()]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("cannot read");
  });
});

describe.skipIf(!hasJupyter)("mission notebook: executions with the tslab kernel", () => {
  beforeAll(() => {
    const needsSetup =
      !existsSync(jupyterDirs(root).tslabKernelSpec) ||
      !existsSync(join(root, "lib", "dist", "notebook", "chart-display.js"));
    if (needsSetup) {
      // The setup's own kernel registration (and library build); apt is the machine's business here.
      const setup = spawnSync(process.execPath, [join(root, "scripts", "setup.mjs"), "--quiet"], {
        cwd: root,
        env: { ...process.env, MISSION_SKIP_APT: "1" },
        encoding: "utf8",
      });
      if (setup.status !== 0) throw new Error(`node scripts/setup.mjs failed:\n${setup.stderr}`);
    }
  });

  it("runs the smoke notebook with parameters, writing a trusted notebook and a self-contained HTML", async () => {
    const out = fresh();
    const before = readFileSync(smoke, "utf8");
    const result = await runNotebook({
      notebook: smoke,
      parameters: { greeting: 'a\\b "c"', repeat: 2 },
      outDir: out,
    });
    expect(result.failure).toBeUndefined();
    expect(result.trusted).toBe(true);
    expect(result.executedNotebook).toBe(join(out, "smoke.ipynb"));
    expect(readFileSync(smoke, "utf8")).toBe(before);

    const nb = parseNotebook(readFileSync(result.executedNotebook, "utf8"));
    expect(nb.metadata.mission).toEqual({ parameters: { greeting: 'a\\b "c"', repeat: 2 }, status: "ok" });
    const ids = nb.cells.map((c) => c.id);
    expect(ids.indexOf(INJECTED_PARAMETERS_TAG)).toBe(ids.indexOf("parameters") + 1);
    expect(cellSource(nb.cells[ids.indexOf(INJECTED_PARAMETERS_TAG)]!)).toContain(
      'greeting = "a\\\\b \\"c\\"";',
    );
    const byId = (id: string) => nb.cells.find((c) => c.id === id);
    expect(streamText(byId("print"))).toContain('greeting=a\\b "c" repeat=2');
    expect(byId("print")?.execution_count).toBe(4);
    expect(byId("svg")?.outputs?.[0]?.data?.["image/svg+xml"]).toBeDefined();
    const chart = byId("chart")?.outputs?.[0]?.data ?? {};
    expect(Object.keys(chart).sort()).toEqual([
      "application/vnd.vegalite.v6+json",
      "image/svg+xml",
      "text/plain",
    ]);
    expect(streamText(byId("frame"))).toContain("frame columns=run,kpi.cost rows=2");

    // nbconvert's lab template loads require.js and MathJax by URL (file:///usr/share/javascript/… on
    // Debian, cdnjs upstream); the runner removes both, so the report fetches nothing.
    const html = readFileSync(result.html, "utf8");
    expect(result.removedScripts.some((s) => s.includes("require"))).toBe(true);
    expect(result.removedScripts.some((s) => s.includes("MathJax"))).toBe(true);
    expect(html).not.toMatch(/<script[^>]*src="http/i);
    expect(externalReferences(html)).toEqual([]);
    expect(html).toContain("greeting=a\\b &#34;c&#34; repeat=2");
    // nbconvert would strip the SVGs (lxml clean_html); the runner exports them as <img> data URLs.
    expect(html.match(/<img src="data:image\/svg\+xml;base64,/g)?.length).toBe(2);
    expect(html).toContain('alt="Bar chart of autonomy');
    expect(byId("svg")?.outputs?.[0]?.data?.["text/html"]).toBeUndefined();
  });

  it("reports the failing cell of the failing notebook and still writes its outputs", async () => {
    const out = fresh();
    const r = await capture(["notebook", failing, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("cell 4 (In [3]) failed: RangeError: divisor must not be zero");
    expect(r.err).toMatch(/at ratio \(evalmachine/);
    const nb = parseNotebook(readFileSync(join(out, "failing.ipynb"), "utf8"));
    expect(nb.metadata.mission).toMatchObject({ status: "failed" });
    expect(streamText(nb.cells[2])).toContain("before the failure");
    expect(nb.cells[4]?.outputs).toEqual([]);
    expect(existsSync(join(out, "failing.html"))).toBe(true);
  });
});
