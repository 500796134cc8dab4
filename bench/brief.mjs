#!/usr/bin/env node
/**
 * Benchmark of the executive brief on the demo portfolio (`data/demo`, default ruleset), against
 * the compiled library (`npm run build` first):
 *
 *  - "HTML": evaluation result → self-contained HTML (brief model, 20 charts rendered to SVG by
 *    vega in Node, document assembly); median of several runs after one warm-up run (the first
 *    call in a process also loads vega and vega-lite, reported separately when run alone);
 *  - "HTML+PDF": the same plus the PDF — a fresh system Chromium started, the page printed and the
 *    browser closed, every time; median of several runs.
 *
 * The brief is built as `mission brief --since` builds it (dataset inputs and an earlier snapshot).
 * `run()` returns rows `{ name, seconds, target }` (targets: 0.4 s and 2.5 s), for bench/run.mjs;
 * `node bench/brief.mjs` prints them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;
const MAIN_THREAD_STAT = `/proc/self/task/${process.pid}/stat`;

/** CPU seconds used so far by the main JavaScript thread (Linux; null elsewhere). */
function mainThreadCpu() {
  if (!existsSync(MAIN_THREAD_STAT)) return null;
  const fields = readFileSync(MAIN_THREAD_STAT, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime + stime
}

async function timed(fn) {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/**
 * Measures the brief on the demo portfolio.
 *
 * @param {{ htmlRuns?: number, pdfRuns?: number, onCold?: (seconds: number) => void,
 *   onCpu?: (seconds: number) => void, onSince?: (seconds: number) => void }} [options]
 * @returns {Promise<{ name: string, seconds: number, target: number }[]>}
 */
export async function run(options = {}) {
  const htmlRuns = options.htmlRuns ?? 9;
  const pdfRuns = options.pdfRuns ?? 3;
  const lib = require(join(root, "lib", "dist", "index.js"));
  const rules = lib.builtinRuleset("default");
  const dataset = await lib.loadDataset(join(root, "data", "demo"));
  const result = lib.evaluate(dataset, rules);
  // As `mission brief data/demo --since <as-of − 30 days>` builds it: the dataset inputs beside the
  // result (risk register, secondary KPIs, governance answers) and the earlier snapshot, computed
  // once outside the timing (the --since evaluation is measured on its own row).
  const since = new Date(Date.parse(result.asOf) - 30 * 86_400_000).toISOString().slice(0, 10);
  const earlierSnapshot = () => {
    const earlier = lib.evaluate(dataset, rules, { asOf: since });
    return lib.briefSnapshot(earlier, lib.secondaryKpiAssessments(dataset.kpis, earlier, rules));
  };
  const sinceTime = await timed(async () => earlierSnapshot());
  options.onSince?.(sinceTime.seconds);
  const briefOptions = {
    healthBands: rules.health.bands,
    source: dataset.source,
    data: {
      missions: dataset.missions,
      riskEvents: dataset.riskEvents,
      secondaryKpis: lib.secondaryKpiAssessments(dataset.kpis, result, rules),
    },
    since: sinceTime.value,
  };

  const cold = await timed(() => lib.renderBriefHtml(result, briefOptions));
  options.onCold?.(cold.seconds);
  const html = [];
  const cpuBefore = mainThreadCpu();
  for (let i = 0; i < htmlRuns; i++)
    html.push((await timed(() => lib.renderBriefHtml(result, briefOptions))).seconds);
  const cpuAfter = mainThreadCpu();
  // On a busy machine wall time includes waiting for a core; the main thread's CPU time per run
  // is what the render itself costs (≈ its wall time on an idle machine).
  if (cpuBefore !== null && cpuAfter !== null) options.onCpu?.((cpuAfter - cpuBefore) / htmlRuns);

  const both = [];
  for (let i = 0; i < pdfRuns; i++) {
    const t = await timed(async () => {
      const doc = await lib.renderBriefHtml(result, briefOptions);
      return lib.renderBriefPdf(doc, { timeoutMs: 60_000 });
    });
    if (!(t.value instanceof Uint8Array) || t.value.length < 1000) throw new Error("no PDF produced");
    both.push(t.seconds);
  }
  return [
    { name: `brief: demo HTML (median of ${htmlRuns}, warm)`, seconds: median(html), target: 0.4 },
    {
      name: `brief: demo HTML+PDF incl. browser start (median of ${pdfRuns})`,
      seconds: median(both),
      target: 2.5,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  let coldSeconds = 0;
  let cpuSeconds = null;
  let sinceSeconds = 0;
  const rows = await run({
    onCold: (s) => (coldSeconds = s),
    onCpu: (s) => (cpuSeconds = s),
    onSince: (s) => (sinceSeconds = s),
  });
  for (const r of rows) {
    const verdict = r.seconds <= r.target ? "ok" : "SLOW";
    console.log(
      `${r.name.padEnd(62)} ${r.seconds.toFixed(3).padStart(7)} s  (target ${r.target} s) ${verdict}`,
    );
  }
  console.log(
    `${"brief: demo HTML, first call in the process (loads vega)".padEnd(62)} ${coldSeconds.toFixed(3).padStart(7)} s`,
  );
  if (cpuSeconds !== null) {
    console.log(
      `${"brief: demo HTML, main-thread CPU per warm run".padEnd(62)} ${cpuSeconds.toFixed(3).padStart(7)} s`,
    );
  }
  console.log(
    `${"brief: --since snapshot (evaluate as of 30 days earlier)".padEnd(62)} ${sinceSeconds.toFixed(3).padStart(7)} s`,
  );
  console.log(`(load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")})`);
}
