#!/usr/bin/env node
/**
 * Bench helper, run in a child process per data set by bench/run.mjs (so that its peak memory is
 * the data set's own): loads the data set folder with the compiled library, evaluates it with the
 * default ruleset and renders the brief's HTML, then prints one JSON line:
 *
 *   { load, evaluate, brief, cpu, maxRssBytes, runs, runTaskStats, taskExecutions, verdict, threads }
 *
 * The load runs DuckDB with as many threads as the machine has cores (`threads`), as the DuckDB
 * floor (bench/duckdb-floor.mjs) does.
 *
 * Times are wall-clock seconds; `cpu` is the process's user + system CPU seconds; `brief` is null
 * (with `briefNote`) when the library has no `renderBriefHtml` yet.
 *
 * Usage: node bench/measure-dataset.mjs <folder> [--no-brief]
 */
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const lib = require(join(root, "lib", "dist", "index.js"));

const seconds = (from) => (performance.now() - from) / 1000;

const folder = process.argv[2];
if (!folder) {
  console.error("usage: node bench/measure-dataset.mjs <folder> [--no-brief]");
  process.exit(2);
}
const withBrief = !process.argv.includes("--no-brief");

const threads = availableParallelism();
let started = performance.now();
const dataset = await lib.loadDataset(folder, { threads });
const load = seconds(started);

const rules = lib.builtinRuleset("default");
started = performance.now();
const result = lib.evaluate(dataset, rules);
const evaluate = seconds(started);

let brief = null;
let briefNote;
if (!withBrief) briefNote = "not measured (--no-brief)";
else if (typeof lib.renderBriefHtml !== "function") briefNote = "renderBriefHtml is not in the library yet";
else {
  started = performance.now();
  const html = await lib.renderBriefHtml(result, {
    healthBands: rules.health?.bands,
    source: dataset.source,
  });
  brief = seconds(started);
  if (typeof html !== "string" || html.length < 1000) throw new Error("renderBriefHtml returned no document");
}

const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    load,
    evaluate,
    brief,
    ...(briefNote ? { briefNote } : {}),
    cpu: (cpu.user + cpu.system) / 1e6,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    runs: dataset.runs.length,
    runTaskStats: dataset.runTaskStats.length,
    taskExecutions: dataset.taskExecutionCount,
    verdict: result.portfolio.verdict,
    threads,
  }),
);
