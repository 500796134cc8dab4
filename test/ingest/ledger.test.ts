/**
 * The per-run ledger: the SQL a warehouse runs gives the ledger the project writes, and a ledger
 * read back gives the same evaluation as the raw tables.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, sqlPath, type Engine } from "../../lib/src/ingest/engine";
import { LEDGER_SQL, writeLedger } from "../../lib/src/ingest/ledger";
import { evaluate, loadDataset, loadRuleset, type Dataset } from "../../lib/src/index";
import { runMission } from "../helpers/run-cli";
import { tempDir } from "../helpers/dataset-files";

const DEMO = path.resolve("data/demo");
const NOW = Date.parse("2026-12-01T00:00:00Z");
let engine: Engine;
let demo: Dataset;
beforeAll(async () => {
  engine = await openEngine({ threads: 1 });
  demo = await loadDataset(DEMO, { now: NOW });
});
afterAll(() => engine.close());

async function answer(dataset: Dataset): Promise<string> {
  const result = evaluate(dataset, await loadRuleset("default"));
  const dataWarnings = result.dataWarnings.map((w) => ({ ...w, file: path.basename(w.file ?? "") }));
  return JSON.stringify({ ...result, inputFingerprint: undefined, dataWarnings });
}

describe("the ledger", () => {
  it("read back — as a folder's ledger.parquet or with the ledger option — gives the same evaluation", async () => {
    const dir = tempDir();
    for (const t of ["missions", "kpis", "tasks", "risk_events"])
      fs.copyFileSync(path.join(DEMO, `${t}.csv`), path.join(dir, `${t}.csv`));
    const rows = await writeLedger(demo, path.join(dir, "ledger.parquet"));
    // One row per executed (run, task), one per run without executions: the demo's 834 aggregates,
    // and every run has executions.
    expect(rows).toBe(demo.runTaskStats.length);
    const reference = await answer(demo);
    const folder = await loadDataset(dir, { now: NOW });
    expect(folder.runs.length).toBe(demo.runs.length);
    expect(await answer(folder)).toBe(reference);
    const option = await loadDataset(DEMO, { now: NOW, ledger: path.join(dir, "ledger.parquet") });
    expect(await answer(option)).toBe(reference);
  });

  it("is what LEDGER_SQL computes from the canonical tables (as a warehouse would run it)", async () => {
    const dir = tempDir();
    const file = path.join(dir, "ledger.parquet");
    await writeLedger(demo, file);
    const csv = (t: string, text: string) =>
      `read_csv(${sqlPath(path.join(DEMO, `${t}.csv`))}, header = true, auto_detect = true, types = {${text}})`;
    await engine.run(
      `create or replace view runs as select * from ${csv("runs", "'run_id': 'VARCHAR', 'mission_id': 'VARCHAR', 'start_time': 'VARCHAR', 'end_time': 'VARCHAR'")}`,
    );
    await engine.run(
      `create or replace view tasks as select * from read_csv(${sqlPath(path.join(DEMO, "tasks.csv"))}, header = true, types = {'task_id': 'VARCHAR', 'mission_id': 'VARCHAR'})`,
    );
    await engine.run(
      `create or replace view task_executions as select * from ${csv("task_executions", "'run_id': 'VARCHAR', 'task_id': 'VARCHAR', 'mission_id': 'VARCHAR'")}`,
    );
    const key = "run_id, task_id";
    const cols =
      "run_id, task_id, executions, round(actual_minutes, 6) a, round(human_delay_minutes, 6) h, round(approval_delay_minutes, 6) ad, approval_required_count, round(overrun_minutes, 6) o, overrun_count, unsuccessful_count, status, duration_minutes, human_interventions";
    const fromSql = await engine.rows(`select ${cols} from (${LEDGER_SQL}) order by ${key}`);
    const written = await engine.rows(`select ${cols} from read_parquet(${sqlPath(file)}) order by ${key}`);
    expect(fromSql.length).toBe(written.length);
    expect(fromSql).toEqual(written);
  });

  it("mission ledger prints the query, writes a ledger, and says what to do without a flag", async () => {
    const sql = await runMission(["ledger", "--sql"]);
    expect(sql.code).toBe(0);
    expect(sql.out).toBe(LEDGER_SQL);
    const out = path.join(tempDir(), "l.parquet");
    const wrote = await runMission(["ledger", "data/demo", "--out", out]);
    expect(wrote.code).toBe(0);
    expect(wrote.out).toContain("wrote 834 ledger rows (160 runs)");
    expect(fs.existsSync(out)).toBe(true);
    const none = await runMission(["ledger", "data/demo"]);
    expect(none.code).toBe(2);
    const back = await runMission(["evaluate", "data/demo", "--from-ledger", out]);
    expect(back.code).toBe(0);
    expect(back.out).toContain("Verdict: ATTENTION_REQUIRED");
  });
});
