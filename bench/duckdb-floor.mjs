#!/usr/bin/env node
/**
 * Bench helper: the DuckDB floor of a data set folder, run in its own process by bench/run.mjs.
 *
 * What it is: the time DuckDB itself needs to read the same files and do the one grouping the
 * loader cannot do without — through the project's own engine (lib/dist/ingest/engine.js,
 * `openEngine` with as many threads as the machine has cores, as the loader uses), timed from
 * opening the engine to the last result:
 *
 *  - every table file is read with DuckDB's own reader for its format and nothing else: CSV with
 *    `read_csv` (auto-detection of delimiter, header and types), NDJSON with `read_json`
 *    (`format = 'newline_delimited'`), one JSON array — each file of the reference bundle — with
 *    `read_json` (`format = 'array'`), Parquet with `read_parquet`;
 *  - the task executions are grouped by (run_id, task_id) with their count and the sums of the
 *    actual minutes and the human delay, and the groups are joined to the runs (run_id,
 *    mission_id) — the shape of the loader's run-task aggregates; the result is reduced to a few
 *    totals in DuckDB, so that no time goes into handing millions of rows to JavaScript;
 *  - every other table (missions, kpis, tasks, risk events, the bundle's KPI sidecar) is counted.
 *
 * Why it is the honest floor: the loader must read every byte of these files and fold the
 * executions per run and task; this is that work done by the engine the loader itself runs on,
 * with the engine's defaults and none of the loader's duties (no typing beyond what auto-detection
 * does, no field checks, no reference checks beyond the join, no suspect rows, no fingerprint, no
 * JavaScript objects). A loader cannot read and group the same bytes with the same engine faster
 * than this, so `total ÷ floor` is what the rest of the pipeline costs on top of the unavoidable.
 * It is a floor, not an estimate: DuckDB reads only the columns a query uses (from Parquet only
 * run_id, task_id, the two minutes and mission_id; a CSV is still tokenized whole), while the
 * loader's fold also needs the approval flag, the outcome and the agent.
 *
 * Prints one JSON line `{ seconds, cpu, bytes, records, groups }`: wall-clock seconds, the
 * process's user + system CPU seconds (DuckDB's threads included), the bytes of the files read,
 * the records (rows) of every table, and the (run, task) groups joined to a run.
 *
 * Usage: node bench/duckdb-floor.mjs <folder>
 */
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { openEngine, sqlIdent, sqlPath } = require(join(root, "lib", "dist", "ingest", "engine.js"));
const { parseTableFileName } = require(join(root, "lib", "dist", "ingest", "dataset-layout.js"));

const folder = process.argv[2];
if (!folder) {
  console.error("usage: node bench/duckdb-floor.mjs <folder>");
  process.exit(2);
}

/** Table stems of the canonical layout and of the bundle that the grouping reads. */
const EXECUTIONS = ["task_executions", "task_execution_logs"];
const RUNS = ["runs", "mission_runs"];
/** The bundle names the actual minutes `actual_duration_minutes` (lib/src/validate/field-aliases.ts). */
const ACTUAL = { task_executions: "actual_minutes", task_execution_logs: "actual_duration_minutes" };

/** DuckDB's own reader of one file. */
function reader(path, format) {
  switch (format) {
    case "csv":
      return `read_csv(${sqlPath(path)}, auto_detect = true)`;
    case "ndjson":
      return `read_json(${sqlPath(path)}, format = 'newline_delimited')`;
    case "json":
      return `read_json(${sqlPath(path)}, format = 'array')`;
    case "parquet":
      return `read_parquet(${sqlPath(path)})`;
    default:
      throw new Error(`no reader for ${format}`);
  }
}

// The table files: one regular file per table, as the generator writes them.
const tables = new Map();
let bytes = 0;
for (const name of readdirSync(folder).sort()) {
  if (name.startsWith(".")) continue; // the bench's own stamp
  const path = join(folder, name);
  const info = statSync(path);
  const parsed = parseTableFileName(name);
  if (!info.isFile() || !parsed) continue;
  if (tables.has(parsed.stem)) throw new Error(`two files for table ${parsed.stem} in ${folder}`);
  tables.set(parsed.stem, reader(path, parsed.format));
  bytes += info.size;
}
const executions = EXECUTIONS.find((t) => tables.has(t));
const runs = RUNS.find((t) => tables.has(t));
if (!executions || !runs) throw new Error(`${folder} has no runs or no task executions`);

const started = performance.now();
const engine = await openEngine({ threads: availableParallelism() });
let records = 0;
let groups = 0;
try {
  for (const [table, relation] of tables) {
    if (table === executions || table === runs) continue;
    const [row] = await engine.rows(`select count(*) as n from ${relation}`);
    records += Number(row.n);
  }
  const [row] = await engine.rows(
    `with r as materialized (select run_id, mission_id from ${tables.get(runs)}),
     g as (
       select run_id, task_id, count(*) as executions,
              sum(${sqlIdent(ACTUAL[executions])}) as actual_minutes,
              sum(human_delay_minutes) as human_delay_minutes
       from ${tables.get(executions)}
       group by run_id, task_id)
     select (select count(*) from r) as runs, sum(g.executions) as executions,
            count(r.mission_id) as groups, sum(g.actual_minutes) as actual_minutes,
            sum(g.human_delay_minutes) as human_delay_minutes
     from g left join r on r.run_id = g.run_id`,
  );
  records += Number(row.runs) + Number(row.executions);
  groups = Number(row.groups);
} finally {
  engine.close();
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage();
console.log(JSON.stringify({ seconds, cpu: (cpu.user + cpu.system) / 1e6, bytes, records, groups }));
