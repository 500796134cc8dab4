import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  defaultJupyterPython,
  findJupyterProjectRoot,
  jupyterDirs,
  NotebookRunError,
  runCli,
  runNotebook,
} from "../../lib/src/index";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");

describe("findJupyterProjectRoot", () => {
  it.skipIf(!existsSync(jupyterDirs(root).tslabKernelSpec))(
    "finds the repository from a folder inside it (doc example)",
    () => {
      expect(findJupyterProjectRoot([join(root, "lib", "dist", "io")])).toBe(root);
      expect(findJupyterProjectRoot([mkdtempSync(join(tmpdir(), "nb-root-")), here])).toBe(root);
    },
  );

  it("returns undefined when no folder up the tree has the kernel", () => {
    expect(findJupyterProjectRoot([mkdtempSync(join(tmpdir(), "nb-root-"))])).toBeUndefined();
  });
});

describe("defaultJupyterPython", () => {
  const saved = process.env.MISSION_JUPYTER_PYTHON;
  afterEach(() => {
    if (saved === undefined) delete process.env.MISSION_JUPYTER_PYTHON;
    else process.env.MISSION_JUPYTER_PYTHON = saved;
  });

  it("honours MISSION_JUPYTER_PYTHON, else prefers /usr/bin/python3 (doc example)", () => {
    process.env.MISSION_JUPYTER_PYTHON = "/opt/py/bin/python3";
    expect(defaultJupyterPython()).toBe("/opt/py/bin/python3");
    delete process.env.MISSION_JUPYTER_PYTHON;
    expect(["/usr/bin/python3", "python3"]).toContain(defaultJupyterPython());
    if (existsSync("/usr/bin/python3")) expect(defaultJupyterPython()).toBe("/usr/bin/python3");
  });
});

describe("runNotebook guards", () => {
  it("refuses to overwrite the input notebook", async () => {
    const smoke = join(here, "fixtures", "smoke.ipynb");
    await expect(runNotebook({ notebook: smoke, outDir: dirname(smoke) })).rejects.toThrow(NotebookRunError);
  });

  it("reports a missing kernel registration", async () => {
    const smoke = join(here, "fixtures", "smoke.ipynb");
    const elsewhere = mkdtempSync(join(tmpdir(), "nb-root-"));
    await expect(
      runNotebook({ notebook: smoke, outDir: join(elsewhere, "out"), projectRoot: elsewhere }),
    ).rejects.toThrow(/tslab Jupyter kernel is not registered/);
  });
});

describe("mission notebook --help", () => {
  it("documents the options (registerNotebookCommand example)", async () => {
    let out = "";
    const code = await runCli(
      ["notebook", "--help"],
      (s) => (out += s),
      () => undefined,
    );
    expect(code).toBe(0);
    expect(out).toContain("-p, --param <key=value>");
    expect(out).toContain("--out <folder>");
    expect(out).toContain("--timeout <seconds>");
  });
});
