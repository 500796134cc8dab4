import { describe, expect, it } from "vitest";
import { jupyterDirs, jupyterEnvironment } from "../../lib/src/index";

describe("jupyterDirs", () => {
  it("puts everything under <root>/.jupyter (doc example)", () => {
    expect(jupyterDirs("/repo")).toEqual({
      path: "/repo/.jupyter/share/jupyter",
      data: "/repo/.jupyter/data",
      config: "/repo/.jupyter/config",
      runtime: "/repo/.jupyter/runtime",
      tslabKernelSpec: "/repo/.jupyter/share/jupyter/kernels/tslab/kernel.json",
    });
  });
});

describe("jupyterEnvironment", () => {
  it("sets the project-local folders (doc example)", () => {
    expect(jupyterEnvironment("/repo", {}).JUPYTER_DATA_DIR).toBe("/repo/.jupyter/data");
  });

  it("keeps other variables, prepends JUPYTER_PATH and overrides user folders, without mutating", () => {
    const base = Object.freeze({
      PATH: "/bin",
      JUPYTER_PATH: "/other",
      JUPYTER_CONFIG_DIR: "/home/u/.jupyter",
      X: undefined,
    });
    const env = jupyterEnvironment("/repo", base);
    expect(env).toEqual({
      PATH: "/bin",
      JUPYTER_PATH: "/repo/.jupyter/share/jupyter:/other",
      JUPYTER_CONFIG_DIR: "/repo/.jupyter/config",
      JUPYTER_DATA_DIR: "/repo/.jupyter/data",
      JUPYTER_RUNTIME_DIR: "/repo/.jupyter/runtime",
    });
    expect(base.JUPYTER_CONFIG_DIR).toBe("/home/u/.jupyter");
  });
});
