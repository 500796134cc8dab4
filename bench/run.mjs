#!/usr/bin/env node
/**
 * `npm run bench`: the scale benchmark of issue 13. For each size (10k, 100k, 1M runs; 10M runs
 * only when asked) and file format (CSV, NDJSON, Parquet, and the reference JSON bundle up to 100k
 * runs) it
 *
 *  1. generates the data set with the project's generator (seeded; cached in
 *     `.cache/bench/<size>-<format>/` and reused while the generator's code, seed and shape match);
 *  2. measures, in a fresh child process, loading (`loadDataset`), evaluation (`evaluate`, default
 *     ruleset) and the brief's HTML (`renderBriefHtml`), with the child's peak RSS;
 *  3. measures, in another child, the DuckDB floor (bench/duckdb-floor.mjs): DuckDB's own readers
 *     reading the same files and grouping the task executions by run and task, joined to the runs;
 *
 * then prints a table and the targets, and writes `reports/bench.json` (with the rows of
 * bench/brief.mjs and bench/backtest.mjs when they exist). Targets (issue 13): 1M runs from CSV end
 * to end ≤ 2× the floor and < 10 s, from Parquet ≤ 5 s, peak RSS ≤ 1 GiB at 1M runs; 10M runs from
 * Parquet ≤ 90 s with peak RSS ≤ 4 GiB; 100k runs from the bundle ≤ 3 s.
 *
 * Flags: --sizes 10k,100k,1m[,10m]   --formats csv,ndjson,parquet,bundle   --quick (10k only)
 *        --no-extras (skip brief/backtest modules)   --no-brief (skip the brief in the size runs)
 * The 10m size (10,000 missions × 1,000 runs × 8 tasks) is Parquet only and never in the default
 * run: `--sizes 10m --formats parquet`.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const lib = require(join(root, "lib", "dist", "index.js"));

/** How a size is shown. */
const shown = (size) => size.replace("m", "M");

/** Data-set sizes: missions × runs per mission × tasks per mission. */
const SIZES = {
  "10k": { missions: 100, runs: 100, tasks: 8 },
  "100k": { missions: 100, runs: 1000, tasks: 8 },
  "1m": { missions: 1000, runs: 1000, tasks: 8 },
  "10m": { missions: 10_000, runs: 1000, tasks: 8, optional: true, formats: ["parquet"] },
};
const FORMATS = ["csv", "ndjson", "parquet", "bundle"];
/** The bundle is one JSON array per file: measured up to 100k runs, as the issue asks. */
const BUNDLE_MAX_RUNS = 100_000;
const SEED = 2026;
const CACHE = join(root, ".cache", "bench");
const STAMP = ".bench-stamp";

function usage(message) {
  console.error(`bench: ${message}`);
  console.error(
    "usage: npm run bench -- [--sizes 10k,100k,1m,10m] [--formats csv,ndjson,parquet,bundle] [--quick] [--no-extras] [--no-brief]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const out = {
    sizes: Object.keys(SIZES).filter((s) => !SIZES[s].optional),
    formats: FORMATS,
    extras: true,
    brief: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const list = () => {
      const value = argv[++i];
      if (value === undefined) usage(`${arg} needs a value`);
      return value
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
    };
    if (arg === "--sizes") out.sizes = list();
    else if (arg === "--formats") out.formats = list();
    else if (arg === "--quick") out.sizes = ["10k"];
    else if (arg === "--no-extras") out.extras = false;
    else if (arg === "--no-brief") out.brief = false;
    else usage(`unknown argument ${arg}`);
  }
  for (const s of out.sizes) if (!(s in SIZES)) usage(`unknown size ${s} (expected ${Object.keys(SIZES)})`);
  for (const f of out.formats) if (!FORMATS.includes(f)) usage(`unknown format ${f} (expected ${FORMATS})`);
  return out;
}

/** Hash of the compiled generator and writers: a change regenerates the cached data sets. */
function generatorVersion() {
  const hash = createHash("sha256");
  hash.update(readFileSync(join(root, "lib", "package.json")));
  const files = [
    ...readdirSync(join(root, "lib", "dist", "generate"))
      .filter((f) => f.endsWith(".js"))
      .map((f) => join("generate", f)),
    join("io", "write-tables.js"),
    join("io", "write-bundle.js"),
    join("io", "write-parquet.js"),
  ].sort();
  for (const f of files) hash.update(f).update(readFileSync(join(root, "lib", "dist", f)));
  return hash.digest("hex").slice(0, 16);
}

function childJson(args, label) {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) {
    process.stderr.write(result.stderr ?? "");
    throw new Error(`${label} failed (exit ${result.status ?? result.signal})`);
  }
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line);
}

/** The cached data set for (size, format), generated first when missing or stale. */
function ensureDataset(size, format, version) {
  const { missions, runs, tasks } = SIZES[size];
  const shape = { missions, runs, tasks };
  const folder = join(CACHE, `${size}-${format}`);
  const stamp = JSON.stringify({ version, seed: SEED, format, ...shape });
  const stampPath = join(folder, STAMP);
  if (existsSync(stampPath) && readFileSync(stampPath, "utf8") === stamp) return { folder, generated: null };
  rmSync(folder, { recursive: true, force: true });
  const started = performance.now();
  const args = [
    join(root, "lib", "bin", "mission.js"),
    "generate",
    "--out",
    folder,
    "--missions",
    String(shape.missions),
    "--runs",
    String(shape.runs),
    "--tasks",
    String(shape.tasks),
    "--seed",
    String(SEED),
    "--format",
    format,
  ];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  if (result.status !== 0) {
    process.stderr.write(result.stderr ?? "");
    throw new Error(`generating ${size}-${format} failed`);
  }
  writeFileSync(stampPath, stamp); // written last: a data set without it is regenerated
  return { folder, generated: (performance.now() - started) / 1000 };
}

function folderBytes(folder) {
  let bytes = 0;
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(".")) bytes += statSync(join(folder, name)).size;
  }
  return bytes;
}

const fmt = (x, digits = 2) => (x === null || x === undefined ? "—" : x.toFixed(digits));
const mib = (bytes) => bytes / (1024 * 1024);

function printTable(rows) {
  const head = [
    "size",
    "format",
    "runs",
    "task execs",
    "MB",
    "load s",
    "eval s",
    "brief s",
    "total s",
    "peak RSS MiB",
    "floor s",
    "total/floor",
    "load/floor",
  ];
  const lines = rows.map((r) => [
    shown(r.size),
    r.format,
    r.runs.toLocaleString("en-US"),
    r.taskExecutions.toLocaleString("en-US"),
    fmt(mib(r.bytes), mib(r.bytes) < 10 ? 1 : 0),
    fmt(r.load),
    fmt(r.evaluate),
    fmt(r.brief),
    fmt(r.total),
    fmt(mib(r.maxRssBytes), 0),
    fmt(r.floor),
    fmt(r.totalToFloor, 1),
    fmt(r.loadToFloor, 1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(row(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(row(l));
}

const GIB = 1024 ** 3;

/** Targets of issue 13, checked against the rows measured (a target without its row is not listed). */
function checkTargets(rows) {
  const checks = [];
  const seconds = (r) => `${fmt(r.total)} s`;
  const rss = (r) => `${fmt(mib(r.maxRssBytes), 0)} MiB`;
  for (const r of rows) {
    const at = `${shown(r.size)} ${r.format}`;
    if (r.size === "1m" && r.format === "csv") {
      checks.push({
        what: `${at}: end to end ≤ 2× the DuckDB floor`,
        ok: r.totalToFloor <= 2,
        value: `${fmt(r.totalToFloor, 1)}× (floor ${fmt(r.floor)} s)`,
      });
      checks.push({ what: `${at}: end to end < 10 s`, ok: r.total < 10, value: seconds(r) });
    }
    if (r.size === "1m" && r.format === "parquet")
      checks.push({ what: `${at}: end to end ≤ 5 s`, ok: r.total <= 5, value: seconds(r) });
    if (r.size === "1m")
      checks.push({ what: `${at}: peak RSS ≤ 1 GiB`, ok: r.maxRssBytes <= GIB, value: rss(r) });
    if (r.size === "10m" && r.format === "parquet") {
      checks.push({ what: `${at}: end to end ≤ 90 s`, ok: r.total <= 90, value: seconds(r) });
      checks.push({ what: `${at}: peak RSS ≤ 4 GiB`, ok: r.maxRssBytes <= 4 * GIB, value: rss(r) });
    }
    if (r.size === "100k" && r.format === "bundle")
      checks.push({ what: `${at}: end to end ≤ 3 s`, ok: r.total <= 3, value: seconds(r) });
  }
  return checks;
}

async function extras() {
  const rows = [];
  for (const name of ["brief", "backtest"]) {
    const path = join(root, "bench", `${name}.mjs`);
    if (!existsSync(path)) {
      rows.push({ module: name, note: "not present" });
      continue;
    }
    try {
      const mod = await import(pathToFileURL(path).href);
      for (const r of await mod.run()) rows.push({ module: name, ...r });
    } catch (e) {
      rows.push({ module: name, note: `failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return rows;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const version = generatorVersion();
  const rows = [];
  for (const size of options.sizes) {
    for (const format of options.formats) {
      const shape = SIZES[size];
      if (format === "bundle" && shape.missions * shape.runs > BUNDLE_MAX_RUNS) continue;
      if (shape.formats && !shape.formats.includes(format)) {
        console.error(
          `[bench] ${size}-${format}: skipped (${shown(size)} is measured from ${shape.formats} only)`,
        );
        continue;
      }
      const label = `${size}-${format}`;
      const { folder, generated } = ensureDataset(size, format, version);
      console.error(
        `[bench] ${label}: ${generated === null ? "cached data" : `generated in ${fmt(generated, 1)} s`}, measuring…`,
      );
      const measured = childJson(
        [join(root, "bench", "measure-dataset.mjs"), folder, ...(options.brief ? [] : ["--no-brief"])],
        `measuring ${label}`,
      );
      const floor = childJson([join(root, "bench", "duckdb-floor.mjs"), folder], `DuckDB floor of ${label}`);
      const total = measured.load + measured.evaluate + (measured.brief ?? 0);
      rows.push({
        size,
        format,
        missions: shape.missions,
        runsPerMission: shape.runs,
        tasksPerMission: shape.tasks,
        seed: SEED,
        folder,
        bytes: folderBytes(folder),
        generatedSeconds: generated,
        ...measured,
        total,
        floor: floor.seconds,
        floorCpu: floor.cpu,
        floorRecords: floor.records,
        floorGroups: floor.groups,
        totalToFloor: total / floor.seconds,
        loadToFloor: measured.load / floor.seconds,
      });
      console.error(
        `[bench] ${label}: load ${fmt(measured.load)} s, evaluate ${fmt(measured.evaluate)} s, ` +
          `brief ${fmt(measured.brief)} s, peak RSS ${fmt(mib(measured.maxRssBytes), 0)} MiB, floor ${fmt(floor.seconds)} s`,
      );
    }
  }
  const extraRows = options.extras ? await extras() : [];
  console.log("");
  printTable(rows);
  const notes = [
    ...rows.filter((r) => r.briefNote).map((r) => `${r.size}-${r.format}: brief ${r.briefNote}`),
    // The floor must have grouped what the loader folded: one group per run-task aggregate.
    ...rows
      .filter((r) => r.floorGroups !== r.runTaskStats)
      .map(
        (r) =>
          `${r.size}-${r.format}: the floor made ${r.floorGroups} (run, task) groups, the loader ${r.runTaskStats} aggregates`,
      ),
  ];
  for (const n of new Set(notes)) console.log(`note: ${n}`);
  const checks = checkTargets(rows);
  console.log("");
  for (const c of checks) console.log(`${c.ok ? "ok  " : "OVER"}  ${c.what}: ${c.value}`);
  if (extraRows.length > 0) {
    console.log("");
    for (const r of extraRows) {
      if (r.note) console.log(`${r.module}: ${r.note}`);
      else
        console.log(
          `${r.name.padEnd(62)} ${fmt(r.seconds, 3).padStart(8)} s  (target ${r.target} s) ${r.seconds <= r.target ? "ok" : "OVER"}`,
        );
    }
  }
  const report = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    node: process.version,
    machine: { cpus: cpus().length, memoryBytes: totalmem() },
    generatorVersion: version,
    rows,
    checks,
    extras: extraRows,
  };
  await lib.writeFileAtomic(join(root, "reports", "bench.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote reports/bench.json`);
}

await main();
