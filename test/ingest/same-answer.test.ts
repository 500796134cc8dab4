/**
 * The same history, however it is stored, gives the same evaluation: the demo as CSV, gzipped, as
 * monthly files in folders, as Parquet, and as an export with other column names and values read
 * through mapping.yaml — the input fingerprint aside.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, sqlPath, type Engine } from "../../lib/src/ingest/engine";
import { evaluate, loadDataset, loadRuleset, type Dataset } from "../../lib/src/index";
import { tempDir } from "../helpers/dataset-files";

const DEMO = path.resolve("data/demo");
const TABLES = ["missions", "kpis", "tasks", "runs", "task_executions", "risk_events"];
const NOW = Date.parse("2026-12-01T00:00:00Z");

let engine: Engine;
let reference: string;
beforeAll(async () => {
  engine = await openEngine({ threads: 1 });
  reference = await answer(await loadDataset(DEMO, { now: NOW }));
});
afterAll(() => engine.close());

/**
 * The evaluation as JSON, the fingerprint of the input left out and the files warnings name
 * reduced to their table (they name the files as they are: `runs.csv.gz`, `runs/2026-01.csv`).
 */
async function answer(dataset: Dataset): Promise<string> {
  const result = evaluate(dataset, await loadRuleset("default"));
  const tableOf = (file: string | undefined) => file && path.basename(file).replace(/[-.].*$/, "");
  const dataWarnings = result.dataWarnings.map((w) => ({ ...w, file: tableOf(w.file) }));
  return JSON.stringify({ ...result, inputFingerprint: undefined, dataWarnings });
}

describe("the same history in other layouts gives the same evaluation", () => {
  it("gzipped CSV", async () => {
    const dir = tempDir();
    for (const t of TABLES)
      fs.writeFileSync(
        path.join(dir, `${t}.csv.gz`),
        zlib.gzipSync(fs.readFileSync(path.join(DEMO, `${t}.csv`))),
      );
    const dataset = await loadDataset(dir, { now: NOW });
    expect(dataset.source.files.every((f) => f.compression === "gzip")).toBe(true);
    expect(await answer(dataset)).toBe(reference);
  });

  it("monthly files in a folder per table (runs and task executions split by month)", async () => {
    const dir = tempDir();
    for (const t of ["missions", "kpis", "tasks", "risk_events"])
      fs.copyFileSync(path.join(DEMO, `${t}.csv`), path.join(dir, `${t}.csv`));
    const runs = fs.readFileSync(path.join(DEMO, "runs.csv"), "utf8").trimEnd().split("\n");
    const execs = fs.readFileSync(path.join(DEMO, "task_executions.csv"), "utf8").trimEnd().split("\n");
    const monthOf = new Map<string, string>();
    const byMonth = new Map<string, string[]>();
    for (const line of runs.slice(1)) {
      const [id, , start] = line.split(",");
      const month = `${start!.slice(0, 7)}-${Number(start!.slice(8, 10)) <= 15 ? "a" : "b"}`;
      monthOf.set(id!, month);
      byMonth.set(month, [...(byMonth.get(month) ?? []), line]);
    }
    fs.mkdirSync(path.join(dir, "runs"));
    fs.mkdirSync(path.join(dir, "task_executions"));
    for (const [month, lines] of byMonth) {
      fs.writeFileSync(path.join(dir, "runs", `${month}.csv`), [runs[0], ...lines].join("\n") + "\n");
      const mine = execs.slice(1).filter((l) => monthOf.get(l.split(",")[0]!) === month);
      fs.writeFileSync(
        path.join(dir, "task_executions", `${month}.csv`),
        [execs[0], ...mine].join("\n") + "\n",
      );
    }
    expect(byMonth.size).toBeGreaterThan(3);
    const dataset = await loadDataset(dir, { now: NOW });
    expect(dataset.source.files.filter((f) => f.table === "runs")).toHaveLength(byMonth.size);
    expect(await answer(dataset)).toBe(reference);
  });

  it("Parquet, written by DuckDB with typed columns", async () => {
    const dir = tempDir();
    const text = [
      "start_time",
      "end_time",
      "detected_at",
      "target_date",
      "mission_id",
      "run_id",
      "task_id",
      "depends_on",
      "event_id",
      "agent_id",
      "description",
      "name",
      "unit",
    ];
    for (const t of TABLES) {
      const src = sqlPath(path.join(DEMO, `${t}.csv`));
      const header = fs
        .readFileSync(path.join(DEMO, `${t}.csv`), "utf8")
        .split("\n")[0]!
        .split(",");
      const types = header.filter((c) => text.includes(c)).map((c) => `'${c}': 'VARCHAR'`);
      // Typed as a warehouse would: numbers and booleans typed; ids, names and timestamps as text.
      // A list of ids is a LIST column in Parquet, as an array is in JSON.
      const select =
        t === "tasks" ? "* replace (coalesce(string_split(depends_on, '|'), []) as depends_on)" : "*";
      await engine.run(
        `copy (select ${select} from read_csv(${src}, header = true, auto_detect = true, types = {${types.join(", ")}})) to ${sqlPath(path.join(dir, `${t}.parquet`))} (format parquet)`,
      );
    }
    const dataset = await loadDataset(dir, { now: NOW });
    expect(dataset.source.files.every((f) => f.format === "parquet")).toBe(true);
    // Warnings locate by row in Parquet, by line in CSV: the rest is the same.
    const unplaced = (json: string) => json.replace(/"(line|row)":\d+,/g, "");
    expect(unplaced(await answer(dataset))).toBe(unplaced(reference));
  });

  it("an export with its own column names and status words, read through mapping.yaml", async () => {
    const dir = tempDir();
    for (const t of TABLES) fs.copyFileSync(path.join(DEMO, `${t}.csv`), path.join(dir, `${t}.csv`));
    const runs = fs.readFileSync(path.join(DEMO, "runs.csv"), "utf8").split("\n");
    runs[0] = runs[0]!
      .replace("run_id", "Run ID")
      .replace("mission_id", "Mission")
      .replace("start_time", "Started");
    const renamed = runs.map((l, i) =>
      i === 0 ? l : l.replace(",completed,", ",Done,").replace(",failed,", ",Failed,"),
    );
    fs.rmSync(path.join(dir, "runs.csv"));
    fs.writeFileSync(path.join(dir, "Run export 2026.csv"), renamed.join("\n"));
    fs.writeFileSync(
      path.join(dir, "mapping.yaml"),
      [
        "tables:",
        "  runs:",
        '    files: "Run export*.csv"',
        '    columns: { run_id: "Run ID", mission_id: "Mission", start_time: "Started" }',
        "    values: { status: { Done: completed, Failed: failed } }",
        "",
      ].join("\n"),
    );
    const dataset = await loadDataset(dir, { now: NOW });
    expect(await answer(dataset)).toBe(reference);
  });
});
