#!/usr/bin/env node
/**
 * `npm run notebook` (after `node scripts/setup.mjs`): starts the classic Jupyter Notebook 6
 * server installed by Debian's jupyter-notebook package, for the notebooks in `notebooks/`.
 *
 *  - listens on 127.0.0.1 only, on port $MISSION_NOTEBOOK_PORT (default 8888, or the next free
 *    one); no browser is opened;
 *  - token: $JUPYTER_TOKEN if set, else a random one; passed through the environment (not the
 *    command line, which other local users can read). It is never written to a log: the URL with
 *    the token is printed only when stdout is a terminal; otherwise (stdout redirected to a file
 *    or a shared log) the URL is printed without it, with the path of the owner-only file that
 *    holds it (`.jupyter/runtime/nbserver-<pid>-open.html`, also `nbserver-<pid>.json`);
 *  - owner-only runtime: the runtime folder (server info, kernel connection files with their
 *    HMAC keys) and the data folder (notebook secret, trust database) are made mode 700, and
 *    Jupyter runs with umask 077, so every file it writes is 600 — another local user can neither
 *    read the token nor connect to a kernel;
 *  - Jupyter folders are the project-local ones (`.jupyter/`: kernelspecs incl. tslab, trust
 *    database, config, runtime), the same `mission notebook` uses, so reports it executed open
 *    trusted; TypeScript (tslab) is the default kernel for new notebooks;
 *  - Ctrl+C (or SIGTERM) stops the server and its kernels.
 *
 * Environment: MISSION_JUPYTER_PYTHON overrides the Python that runs Jupyter (default
 * /usr/bin/python3), MISSION_NOTEBOOK_LOG_LEVEL the server's log level (default WARN).
 */
/* global fetch */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { jupyterDirs, jupyterEnvironment, defaultJupyterPython } = require("mission-lib");

const HOST = "127.0.0.1";
const log = (msg) => console.error(`[notebook] ${msg}`);

/** Resolves to whether `port` can be bound on HOST right now. */
function isFree(port) {
  return new Promise((done) => {
    const probe = createServer();
    probe.once("error", () => done(false));
    probe.listen(port, HOST, () => probe.close(() => done(true)));
  });
}

async function freePort(first) {
  for (let port = first; port < first + 50; port++) if (await isFree(port)) return port;
  throw new Error(`no free port in ${first}–${first + 49}`);
}

async function waitUntilReady(base, token, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return undefined;
    try {
      const res = await fetch(`${base}/api/kernelspecs`, { headers: { Authorization: `token ${token}` } });
      if (res.ok) return await res.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return undefined;
}

async function main() {
  const dirs = jupyterDirs(root);
  const notebookDir = join(root, "notebooks");
  for (const dir of [notebookDir, dirs.data, dirs.config, dirs.runtime]) mkdirSync(dir, { recursive: true });
  // Owner-only: the runtime folder holds the token (nbserver-*.json, -open.html) and the kernels'
  // connection keys; the data folder the notebook secret. mkdir's mode does not apply to a folder
  // that exists already (an older checkout made it 755), hence the chmod.
  for (const dir of [dirs.runtime, dirs.data]) chmodSync(dir, 0o700);
  // Files left by an older run (a cookie secret written 644) become owner-only too.
  for (const dir of [dirs.runtime, dirs.data])
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isFile()) chmodSync(join(dir, entry.name), 0o600);
  const port = await freePort(Number(process.env.MISSION_NOTEBOOK_PORT ?? 8888));
  const token = process.env.JUPYTER_TOKEN || randomBytes(24).toString("hex");
  // PYDEVD_…: silences the debugger's "frozen modules" notice printed at start-up.
  const env = {
    ...jupyterEnvironment(root, process.env),
    JUPYTER_TOKEN: token,
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  const python = defaultJupyterPython();
  const args = [
    "-m",
    "notebook",
    "--no-browser",
    `--ip=${HOST}`,
    `--port=${port}`,
    "--port-retries=0",
    `--notebook-dir=${notebookDir}`,
    "--MappingKernelManager.default_kernel_name=tslab",
    `--NotebookApp.log_level=${process.env.MISSION_NOTEBOOK_LOG_LEVEL ?? "WARN"}`,
  ];
  // Containers and CI often run as root; the server refuses that without --allow-root.
  if (typeof process.getuid === "function" && process.getuid() === 0) args.push("--allow-root");
  log(`starting Jupyter Notebook (${python} -m notebook) on ${HOST}:${port}, folder notebooks/`);
  // Every file Jupyter and its kernels write is owner-only (600), whatever the caller's umask.
  process.umask(0o077);
  // stdin is not a terminal, so Ctrl+C stops the server at once instead of asking "Shutdown? (y/[n])".
  const child = spawn(python, args, { cwd: notebookDir, env, stdio: ["ignore", "inherit", "inherit"] });
  child.on("error", (e) => {
    log(`cannot start Jupyter: ${e.message} (run node scripts/setup.mjs)`);
    process.exit(1);
  });
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code, signal) => {
    log(`server stopped (${signal ?? `exit code ${code}`})`);
    process.exit(code ?? 0);
  });

  const base = `http://${HOST}:${port}`;
  const specs = await waitUntilReady(base, token, child);
  if (!specs) {
    if (child.exitCode === null) {
      log("the server did not answer within 60 s; stopping it");
      stop();
    }
    return;
  }
  const kernels = Object.keys(specs.kernelspecs ?? {}).sort();
  if (!kernels.includes("tslab")) log("warning: the tslab kernel is not listed; run node scripts/setup.mjs");
  const line = "─".repeat(72);
  const openFile = join(dirs.runtime, `nbserver-${child.pid}-open.html`);
  // The token goes to a terminal only, never to a redirected stdout (a log others may read).
  const open = process.stdout.isTTY
    ? [` Open:   ${base}/tree?token=${token}`]
    : [
        ` Open:   ${base}/tree (the token is not printed: stdout is not a terminal)`,
        ` Token:  in ${existsSync(openFile) ? openFile : join(dirs.runtime, `nbserver-${child.pid}.json`)}`,
        "         (readable by you only; open the .html file, or set JUPYTER_TOKEN yourself)",
      ];
  console.log(
    [
      line,
      " Jupyter Notebook is running (TypeScript notebooks use the tslab kernel).",
      ` Kernels: ${kernels.join(", ")}`,
      "",
      ...open,
      "",
      " Stop:   Ctrl+C",
      line,
    ].join("\n"),
  );
}

main().catch((e) => {
  log(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
