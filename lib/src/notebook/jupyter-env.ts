/**
 * The project-local Jupyter layout. `scripts/setup.mjs` registers tslab's kernel under
 * `<root>/.jupyter/share/jupyter/kernels/tslab`; every Jupyter process the project starts (headless
 * runs, trust, the notebook server) uses the same folders, so nothing is written to the user's
 * global `~/.jupyter` or `~/.local/share/jupyter`, and a notebook trusted by `mission notebook`
 * is trusted by `npm run notebook`.
 */
import { delimiter, join } from "node:path";

/** Folders of the project-local Jupyter installation. */
export interface JupyterDirs {
  /** `JUPYTER_PATH`: where kernelspecs are found (`<root>/.jupyter/share/jupyter`). */
  readonly path: string;
  /** `JUPYTER_DATA_DIR`: the trust database and notebook secret (`<root>/.jupyter/data`). */
  readonly data: string;
  /** `JUPYTER_CONFIG_DIR`: configuration (`<root>/.jupyter/config`). */
  readonly config: string;
  /** `JUPYTER_RUNTIME_DIR`: connection files and server info (`<root>/.jupyter/runtime`). */
  readonly runtime: string;
  /** The tslab kernelspec written by setup. */
  readonly tslabKernelSpec: string;
}

/**
 * The project-local Jupyter folders under `root` (the repository root).
 *
 * @example jupyterDirs("/repo").path // → "/repo/.jupyter/share/jupyter"
 */
export function jupyterDirs(root: string): JupyterDirs {
  const base = join(root, ".jupyter");
  const path = join(base, "share", "jupyter");
  return {
    path,
    data: join(base, "data"),
    config: join(base, "config"),
    runtime: join(base, "runtime"),
    tslabKernelSpec: join(path, "kernels", "tslab", "kernel.json"),
  };
}

/**
 * `base` (usually `process.env`) with the Jupyter variables pointing at the project-local
 * folders. `JUPYTER_PATH` is prepended to any existing value. The input is not modified.
 *
 * @example jupyterEnvironment("/repo", {}).JUPYTER_DATA_DIR // → "/repo/.jupyter/data"
 */
export function jupyterEnvironment(
  root: string,
  base: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const dirs = jupyterDirs(root);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  const existing = base.JUPYTER_PATH;
  env.JUPYTER_PATH = existing ? `${dirs.path}${delimiter}${existing}` : dirs.path;
  env.JUPYTER_DATA_DIR = dirs.data;
  env.JUPYTER_CONFIG_DIR = dirs.config;
  env.JUPYTER_RUNTIME_DIR = dirs.runtime;
  return env;
}
