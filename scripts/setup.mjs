#!/usr/bin/env node
/**
 * One idempotent setup step shared by `npm start`, `npm test` and the other scripts.
 *
 *  1. npm packages: `npm ci` when node_modules is missing or older than package-lock.json.
 *  2. Debian packages the project needs (Chromium for PDFs, Jupyter for notebooks, poppler for
 *     PDF text checks, DejaVu fonts for charts): installed with apt-get when running as root,
 *     otherwise a message with the exact command and exit code 1.
 *  3. tslab's Jupyter kernel, registered into the project-local folder `.jupyter/`.
 *  4. The library (`lib/`) compiled to JavaScript + declarations (`tsc -b`, incremental).
 *
 * Uses only Node's standard library: it runs before any dependency is installed.
 * Environment: MISSION_SKIP_APT=1 skips step 2 (for machines managed otherwise).
 */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, renameSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const quiet = process.argv.includes("--quiet");
const log = (msg) => {
  if (!quiet) console.error(`[setup] ${msg}`);
};

export const DEBIAN_PACKAGES = [
  "chromium",
  "jupyter-notebook",
  "jupyter-nbconvert",
  "jupyter-client",
  "python3-ipykernel",
  "poppler-utils",
  "fonts-dejavu-core",
];

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: quiet ? "pipe" : "inherit", ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    if (quiet && result.stderr) process.stderr.write(result.stderr);
    throw new Error(`${cmd} ${args.join(" ")} exited with ${result.status}`);
  }
  return result;
}

function sha256(path) {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function ensureNpmPackages() {
  const stampPath = join(root, "node_modules", ".mission-setup-stamp");
  const wanted = sha256(join(root, "package-lock.json"));
  const have = existsSync(stampPath) ? readFileSync(stampPath, "utf8").trim() : "";
  if (have === wanted && existsSync(join(root, "node_modules", "typescript", "bin", "tsc"))) {
    log("npm packages up to date");
    return;
  }
  log("installing npm packages (npm ci)");
  run("npm", ["ci", "--no-audit", "--no-fund"], {
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "true" },
  });
  writeFileSync(stampPath, `${wanted}\n`);
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((pkg) => {
    const r = spawnSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8" });
    return r.status !== 0 || !r.stdout.includes("install ok installed");
  });
}

function ensureDebianPackages() {
  if (process.env.MISSION_SKIP_APT === "1") {
    log("MISSION_SKIP_APT=1: not checking Debian packages");
    return;
  }
  const hasDpkg = spawnSync("dpkg-query", ["--version"], { stdio: "ignore" }).status === 0;
  if (!hasDpkg) {
    log("dpkg-query not found (not Debian?): not checking system packages");
    return;
  }
  const missing = missingDebianPackages();
  if (missing.length === 0) {
    log("Debian packages present");
    return;
  }
  const command = `apt-get update && apt-get install -y ${missing.join(" ")}`;
  if (typeof process.getuid === "function" && process.getuid() !== 0) {
    console.error(
      `[setup] missing Debian packages: ${missing.join(", ")}\n` +
        `[setup] run as root:  sudo sh -c '${command}'\n[setup] then run this command again.`,
    );
    process.exit(1);
  }
  log(`installing Debian packages: ${missing.join(", ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], { env });
  run("apt-get", ["install", "-y", "-qq", ...missing], { env });
}

function ensureKernel() {
  const prefix = join(root, ".jupyter");
  const binary = join(root, "node_modules", ".bin", "tslab");
  const kernelJson = join(prefix, "share", "jupyter", "kernels", "tslab", "kernel.json");
  if (existsSync(kernelJson) && readFileSync(kernelJson, "utf8").includes(JSON.stringify(binary))) {
    log("tslab kernel registered");
    return;
  }
  if (!existsSync("/usr/bin/python3")) {
    log("no /usr/bin/python3: skipping the Jupyter kernel");
    return;
  }
  log(`registering tslab kernel in ${prefix}`);
  mkdirSync(prefix, { recursive: true });
  run(binary, ["install", "--python=/usr/bin/python3", `--binary=${binary}`, "--prefix", prefix]);
}

function ensureBuild() {
  log("building lib (tsc -b lib)");
  // node_modules/.bin/tsc may be tslab's bundled TypeScript 5.0; use the project's own compiler.
  run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-b", "lib"]);
  // The CLI's bin shim is committed; make sure it stays executable after a fresh clone.
  const stamp = join(root, "lib", "dist", ".built");
  writeFileSync(`${stamp}.tmp`, new Date(0).toISOString());
  renameSync(`${stamp}.tmp`, stamp);
}

try {
  ensureNpmPackages();
  ensureDebianPackages();
  ensureKernel();
  ensureBuild();
} catch (err) {
  console.error(`[setup] failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
