// Measures a Langfuse Parquet export against the same history as canonical tables:
//   node bench/sources-langfuse.mjs --missions 1000 --runs 1000 --tasks 8 --out /tmp/lf-bench
// Writes <out>/langfuse (traces, observations, scores as Parquet + missions.yaml) from the seeded
// generator, and <out>/canonical-csv (mission generate) and <out>/canonical-parquet (DuckDB COPY of
// the CSV), then times: the import of the Langfuse export to canonical Parquet, DuckDB's own read +
// GROUP BY of the canonical Parquet (the floor), and `mission evaluate` end to end on the Langfuse
// folder and on the canonical CSV folder (each a fresh process; wall time and peak RSS).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const lib = require(join(root, "lib", "dist", "index.js"));
const samples = require(join(root, "lib", "dist", "generate", "source-samples.js"));
const { withEngine, sqlString } = require(join(root, "lib", "dist", "ingest", "engine.js"));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const missions = Number(arg("missions", "100"));
const runs = Number(arg("runs", "100"));
const tasks = Number(arg("tasks", "8"));
const out = resolve(arg("out", "/tmp/lf-bench"));
const seed = 7;
const mission = join(root, "lib", "bin", "mission.js");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "langfuse"), { recursive: true });
const portfolio = lib.planPortfolio({ missions, runs: { min: runs, max: runs }, tasks, seed });

const COLS = {
  traces: [
    "id",
    "project_id",
    "timestamp",
    "name",
    "environment",
    "tags",
    "metadata",
    "session_id",
    "user_id",
  ],
  observations: [
    "id",
    "trace_id",
    "project_id",
    "environment",
    "type",
    "name",
    "start_time",
    "end_time",
    "parent_observation_id",
    "level",
    "status_message",
    "metadata",
  ],
  scores: [
    "id",
    "project_id",
    "timestamp",
    "trace_id",
    "observation_id",
    "name",
    "value",
    "source",
    "data_type",
    "comment",
  ],
};
const TIME_COLS = new Set(["timestamp", "start_time", "end_time"]);
const cell = (v) => (v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : v);

let began = performance.now();
const counts = await withEngine(async (engine) => {
  for (const [t, cols] of Object.entries(COLS))
    await engine.run(
      `create table ${t} (${cols.map((c) => `"${c}" ${c === "value" ? "DOUBLE" : "VARCHAR"}`).join(", ")})`,
    );
  const batch = { traces: [], observations: [], scores: [] };
  const flush = async () => {
    for (const t of Object.keys(batch)) {
      await engine.append(t, batch[t]);
      batch[t] = [];
    }
  };
  let n = 0;
  for (const r of samples.langfuseRunRecords(portfolio)) {
    for (const t of Object.keys(batch))
      for (const rec of r[t]) batch[t].push(COLS[t].map((c) => cell(rec[c])));
    if (++n % 20000 === 0) await flush();
  }
  await flush();
  const c = {};
  for (const [t, cols] of Object.entries(COLS)) {
    const select = cols
      .map((col) => (TIME_COLS.has(col) ? `cast("${col}" as TIMESTAMP) as "${col}"` : `"${col}"`))
      .join(", ");
    await engine.run(
      `copy (select ${select} from ${t}) to ${sqlString(join(out, "langfuse", `${t}.parquet`))} (FORMAT parquet)`,
    );
    c[t] = Number((await engine.rows(`select count(*) as n from ${t}`))[0].n);
  }
  return c;
});
writeFileSync(join(out, "langfuse", "missions.yaml"), samples.missionsYaml(portfolio, "langfuse", ""));
console.log(`langfuse parquet written in ${((performance.now() - began) / 1000).toFixed(1)} s:`, counts);

const timed = (label, args) => {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const last = r.stderr.trim().split("\n").at(-1) ?? "";
  const [secs, kb] = last.split(" ").map(Number);
  if (r.status !== 0) console.log(r.stderr.slice(0, 2000));
  console.log(
    `${label.padEnd(52)} ${secs.toFixed(2).padStart(7)} s  peak RSS ${(kb / 1024).toFixed(0).padStart(5)} MiB  exit ${r.status}`,
  );
  return secs;
};

const gen = spawnSync(
  process.execPath,
  [
    mission,
    "generate",
    "--missions",
    String(missions),
    "--runs",
    String(runs),
    "--tasks",
    String(tasks),
    "--seed",
    String(seed),
    "--format",
    "csv",
    "--out",
    join(out, "canonical-csv"),
  ],
  { encoding: "utf8" },
);
if (gen.status !== 0) throw new Error(gen.stderr);
await withEngine(async (engine) => {
  mkdirSync(join(out, "canonical-parquet"), { recursive: true });
  for (const t of ["missions", "kpis", "tasks", "runs", "task_executions", "risk_events"])
    await engine.run(
      `copy (select * from read_csv(${sqlString(join(out, "canonical-csv", `${t}.csv`))}, header = true)) to ${sqlString(join(out, "canonical-parquet", `${t}.parquet`))} (FORMAT parquet)`,
    );
});

const floorScript = join(out, "floor.mjs");
writeFileSync(
  floorScript,
  `const { withEngine } = require(${JSON.stringify(join(root, "lib", "dist", "ingest", "engine.js"))});
withEngine(async (e) => {
  const p = ${JSON.stringify(join(out, "canonical-parquet"))};
  const r = await e.rows(\`select (select count(*) from read_parquet('\${p}/runs.parquet')) as runs,
    (select count(*) from (select run_id, task_id, count(*), sum(actual_minutes), sum(human_delay_minutes) from read_parquet('\${p}/task_executions.parquet') group by all)) as groups\`);
  console.error(JSON.stringify(r));
});`.replace(/^const/, "const"),
);
writeFileSync(floorScript.replace(/\.mjs$/, ".cjs"), require("node:fs").readFileSync(floorScript, "utf8"));

timed("DuckDB floor: canonical Parquet read + GROUP BY", [floorScript.replace(/\.mjs$/, ".cjs")]);
timed("mission import langfuse (Parquet) → canonical Parquet", [
  mission,
  "import",
  join(out, "langfuse"),
  "--out",
  join(out, "imported"),
  "--format",
  "parquet",
  "--force",
]);
const lf = timed("mission evaluate <langfuse Parquet export>", [mission, "evaluate", join(out, "langfuse")]);
const cs = timed("mission evaluate <canonical CSV>", [mission, "evaluate", join(out, "canonical-csv")]);
console.log(`ratio langfuse / canonical CSV: ${(lf / cs).toFixed(2)}`);
