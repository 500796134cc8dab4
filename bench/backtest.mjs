// Benchmark of rule validation: a backtest of 100 missions × 1,000 runs and 20-point threshold
// sweeps on the same data, generated in memory (seeded) against the compiled library.
// Run alone with `node bench/backtest.mjs` (after `npm run build`), or through `npm run bench`,
// which imports `run()` and reports its rows `{ name, seconds, target }`.
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const lib = require("../lib/dist/index.js");

export const MISSIONS = 100;
export const RUNS = 1_000;

/**
 * One seeded mission: a KPI (one decimal, so ties occur as in real data) that improves, stalls or
 * worsens in phases, human touches, four tasks (one with approval waits), risk flags and events.
 */
function mission(index, rng) {
  const series = (f) => Array.from({ length: RUNS }, (_, i) => f(i));
  const phases = [rng.uniform(-0.03, 0.01), rng.uniform(-0.01, 0.03), rng.uniform(-0.02, 0.02)];
  let level = rng.uniform(30, 60);
  const values = series((i) => {
    level = Math.max(1, level * (1 + (phases[Math.floor((3 * i) / RUNS)] ?? 0) / 10));
    return Math.round((level + rng.normal(0, level * 0.05)) * 10) / 10;
  });
  const touchRate = (i) => 0.5 + 1.5 * (i / RUNS) * (index % 3 === 0 ? 1 : 0);
  const poisson = (lambda) => {
    let k = 0;
    for (let p = Math.exp(-lambda), s = p, u = rng.next(); u > s; k++) {
      p *= lambda / (k + 1);
      s += p;
    }
    return k;
  };
  return {
    id: `M${String(index + 1).padStart(3, "0")}`,
    kpi: { name: "cycle_hours", direction: "lower_is_better", baseline: values[0], target: values[0] * 0.6 },
    start: "2024-01-01T08:00:00Z",
    everyDays: 0.5,
    values,
    interventions: series((i) => poisson(touchRate(i))),
    escalations: series((i) => poisson(touchRate(i) / 4)),
    durations: series(() => Math.round(rng.uniform(40, 90))),
    riskFlagged: series(() => rng.next() < 0.1),
    tasks: [
      { id: "T1", estimate: 10, actual: series(() => Math.round(rng.uniform(8, 14))) },
      {
        id: "T2",
        estimate: 5,
        approval: true,
        delay: series(() => (rng.next() < 0.4 ? Math.round(rng.uniform(1, 12)) : 0)),
      },
      { id: "T3", estimate: 20, risk: series(() => (rng.next() < 0.05 ? "medium" : null)) },
      { id: "T4", estimate: 15, actual: series(() => Math.round(rng.uniform(14, 17))) },
    ],
  };
}

/** Labels at every 100th run: an analyst's simple reading of the last 100 runs' KPI and touches. */
function labelsCsv(missions) {
  const rows = ["mission_id,as_of,expected_status"];
  for (const m of missions) {
    for (let r = 100; r <= RUNS; r += 100) {
      const recent = m.values.slice(r - 50, r);
      const before = m.values.slice(r - 100, r - 50);
      const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
      const change = (mean(recent) - mean(before)) / mean(before);
      const status = change < -0.02 ? "ON_TRACK" : change > 0.02 ? "ATTENTION_REQUIRED" : "WATCH";
      rows.push(`${m.id},${m.id}-R${String(r).padStart(2, "0")},${status}`);
    }
  }
  return rows.join("\n");
}

/** Wall-clock and CPU seconds of `f()` (CPU time tells the work apart from a busy machine). */
function seconds(f) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - t) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/**
 * Runs the benchmark; returns rows `{ name, seconds, target, cpuSeconds }` (seconds of wall-clock
 * time; target in seconds).
 *
 * @example (await run()).map((r) => r.name) // → ["backtest 100 × 1,000 (default)", …]
 */
export async function run(log = () => {}) {
  const rng = lib.createRng("bench-backtest");
  const generated = seconds(() => {
    const missions = Array.from({ length: MISSIONS }, (_, i) => mission(i, rng));
    return { missions, dataset: lib.datasetFromInline(missions, "bench") };
  });
  const { missions, dataset } = generated.value;
  log(`generated ${MISSIONS} missions × ${RUNS} runs in ${generated.seconds.toFixed(1)} s`);
  const labels = lib.readLabels(labelsCsv(missions), "bench-labels.csv", dataset);
  const rows = [];
  const measure = async (name, target, f) => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const value = await f();
    const used = process.cpuUsage(cpu);
    const row = {
      name,
      seconds: (performance.now() - t) / 1000,
      target,
      cpuSeconds: (used.user + used.system) / 1e6,
    };
    rows.push(row);
    log(`${name}: ${row.seconds.toFixed(2)} s (main-thread CPU ${row.cpuSeconds.toFixed(2)} s)`);
    return value;
  };
  const workers = Math.min(availableParallelism(), 8);
  const rules = lib.builtinRuleset("default");
  const report = await measure(`backtest ${MISSIONS} × 1,000 runs, default (${workers} threads)`, 10, () =>
    lib.backtestParallel(dataset, labels, rules, { workers }),
  );
  log(`  kappa ${lib.fixed(report.metrics.kappa)}, ${report.metrics.labels} labels`);
  await measure(`backtest ${MISSIONS} × 1,000 runs, default (1 thread)`, 10, () =>
    lib.backtest(dataset, labels, rules),
  );
  await measure(`backtest ${MISSIONS} × 1,000 runs, seed-v3 (${workers} threads)`, 10, () =>
    lib.backtestParallel(dataset, labels, lib.builtinRuleset("seed-v3"), { workers }),
  );
  for (const spec of ["health.bands.watch=51:70:1", "trend.alpha=0.01:0.2:0.01"]) {
    const params = [lib.parseSweepParam(spec)];
    await measure(`sweep 20 points of ${spec.split("=")[0]}, default (${workers} threads)`, 60, () =>
      lib.sweepParallel(dataset, labels, rules, params, { workers }),
    );
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await run((line) => console.log(line));
  console.log(`\n${"name".padEnd(49)}seconds      CPU  target`);
  for (const r of rows)
    console.log(
      `${r.name.padEnd(49)}${r.seconds.toFixed(2).padStart(7)}  ${r.cpuSeconds.toFixed(2).padStart(7)}  ${r.target}`,
    );
  process.exitCode = rows.every((r) => r.seconds <= r.target) ? 0 : 1;
}
