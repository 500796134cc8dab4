import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  OutputFolderNotEmptyError,
  csvColumns,
  planPortfolio,
  writePortfolioParquet,
  writePortfolioTables,
  type GeneratedTable,
} from "../../lib/src/index";
import { sqlString, withEngine, type Engine } from "../../lib/src/ingest/engine";

const fresh = () => mkdtempSync(join(tmpdir(), "write-parquet-"));
const TABLES: GeneratedTable[] = ["missions", "kpis", "tasks", "runs", "task_executions", "risk_events"];

/** Column kinds as data/README.md defines them (written out here, not taken from the writer). */
const NUMERIC: Record<GeneratedTable, string[]> = {
  missions: [],
  kpis: ["baseline", "target"],
  tasks: ["order", "estimated_minutes"],
  runs: ["duration_minutes", "human_interventions", "escalations"],
  task_executions: ["actual_minutes", "human_delay_minutes"],
  risk_events: [],
};
const BOOLEAN: Record<GeneratedTable, string[]> = {
  missions: [],
  kpis: ["primary"],
  tasks: ["requires_approval"],
  runs: ["risk_flagged"],
  task_executions: ["approval_required"],
  risk_events: [],
};
const LIST: Record<GeneratedTable, string[]> = {
  missions: [],
  kpis: [],
  tasks: ["depends_on"],
  runs: [],
  task_executions: [],
  risk_events: [],
};
const q = (name: string) => `"${name}"`;

/** The same table read from both folders: CSV as text (every cell VARCHAR, empty = null). */
async function views(engine: Engine, csvDir: string, pqDir: string, table: GeneratedTable): Promise<void> {
  await engine.run(
    `CREATE OR REPLACE VIEW c AS SELECT * FROM read_csv(${sqlString(join(csvDir, `${table}.csv`))}, all_varchar = true, header = true)`,
  );
  await engine.run(
    `CREATE OR REPLACE VIEW p AS SELECT * FROM read_parquet(${sqlString(join(pqDir, `${table}.parquet`))})`,
  );
}

describe("writePortfolioParquet", () => {
  it("writes the same data as the CSV writer for the same seed, typed, as one file per table", async () => {
    const root = fresh();
    const csvDir = join(root, "csv");
    const pqDir = join(root, "parquet");
    const options = { missions: 7, runs: { min: 20, max: 40 }, tasks: 6, seed: 91 };
    await writePortfolioTables(planPortfolio(options), csvDir, { format: "csv" });
    // Tiny parts: every large table is written as several part files and merged.
    const result = await writePortfolioParquet(planPortfolio(options), pqDir, { partRows: 97, threads: 2 });
    expect(readdirSync(pqDir).sort()).toEqual(TABLES.map((t) => `${t}.parquet`).sort());
    expect(result.format).toBe("parquet");
    expect(result.parts.task_executions).toBeGreaterThan(5);
    const kpiNames = planPortfolio(options).kpiNames;

    await withEngine(async (engine) => {
      for (const table of TABLES) {
        await views(engine, csvDir, pqDir, table);
        const columns = csvColumns(table, kpiNames);
        // Same columns, same order.
        const described = await engine.describe("SELECT * FROM p");
        expect(described.map((d) => d.name)).toEqual(columns);
        const type = Object.fromEntries(described.map((d) => [d.name, d.type]));
        const numeric =
          table === "runs" ? [...NUMERIC.runs, ...kpiNames.map((k) => `kpi.${k}`)] : NUMERIC[table];
        for (const c of numeric) expect(["DOUBLE", "INTEGER"]).toContain(type[c]);
        for (const c of BOOLEAN[table]) expect(type[c]).toBe("BOOLEAN");
        for (const c of LIST[table]) expect(type[c]).toBe("VARCHAR[]");
        const text = columns.filter(
          (c) => !numeric.includes(c) && !BOOLEAN[table].includes(c) && !LIST[table].includes(c),
        );
        for (const c of text) expect(type[c]).toBe("VARCHAR");

        // Counts.
        const [counts] = await engine.rows(
          "SELECT (SELECT count(*) FROM c) AS c, (SELECT count(*) FROM p) AS p",
        );
        expect(counts?.p).toBe(counts?.c);
        expect(counts?.p).toBe(result.files.find((f) => f.table === table)?.rows);

        // Every text column equal as strings, row by row in file order (ids included).
        const cText = await engine.rows(`SELECT ${text.map(q).join(", ")} FROM c`);
        const pText = await engine.rows(`SELECT ${text.map(q).join(", ")} FROM p`);
        expect(pText).toEqual(cText);

        // Numbers: per-column sums and null counts.
        for (const c of numeric) {
          const [r] = await engine.rows(
            `SELECT (SELECT sum(CAST(${q(c)} AS DOUBLE)) FROM c) AS cs, (SELECT sum(${q(c)}) FROM p) AS ps,
                    (SELECT count(${q(c)}) FROM c) AS cn, (SELECT count(${q(c)}) FROM p) AS pn`,
          );
          expect(r?.pn, `${table}.${c} non-null count`).toBe(r?.cn);
          expect(r?.ps as number, `${table}.${c} sum`).toBeCloseTo((r?.cs as number | null) ?? 0, 6);
        }
        // Booleans: the number of trues (CSV text "true").
        for (const c of BOOLEAN[table]) {
          const [r] = await engine.rows(
            `SELECT (SELECT count(*) FROM c WHERE ${q(c)} = 'true') AS ct, (SELECT count(*) FROM p WHERE ${q(c)}) AS pt`,
          );
          expect(r?.pt, `${table}.${c} trues`).toBe(r?.ct);
        }
        // Lists: joined with "|" they are the CSV cell.
        for (const c of LIST[table]) {
          const cl = await engine.rows(`SELECT coalesce(${q(c)}, '') AS v FROM c`);
          const pl = await engine.rows(`SELECT array_to_string(${q(c)}, '|') AS v FROM p`);
          expect(pl).toEqual(cl);
        }
      }
      // Row-level numeric equality for runs, joined on the id (KPI columns included).
      await views(engine, csvDir, pqDir, "runs");
      const numeric = [...NUMERIC.runs, ...kpiNames.map((k) => `kpi.${k}`)];
      const differs = numeric
        .map((c) => `(CAST(c.${q(c)} AS DOUBLE) IS DISTINCT FROM p.${q(c)})`)
        .join(" OR ");
      const [diff] = await engine.rows(
        `SELECT count(*) AS n, count(p.run_id) AS matched FROM c LEFT JOIN p USING (run_id) WHERE p.run_id IS NULL OR ${differs}`,
      );
      expect(diff?.n).toBe(0);
    });
  });

  it("refuses a non-empty folder without force, and leaves nothing new behind when a write fails", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "notes.txt"), "keep me");
    const p = planPortfolio({ missions: 2, runs: { min: 5, max: 5 } });
    await expect(writePortfolioParquet(p, dir)).rejects.toBeInstanceOf(OutputFolderNotEmptyError);
    // A folder where runs.parquet must go: the rename into place fails after missions, kpis, tasks.
    mkdirSync(join(dir, "runs.parquet"));
    writeFileSync(join(dir, "runs.parquet", "x"), "");
    await expect(writePortfolioParquet(p, dir, { force: true })).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(["notes.txt", "runs.parquet"]);
    expect(existsSync(join(dir, "missions.parquet"))).toBe(false);
  });

  it("with force, replaces the tables of another format", async () => {
    const dir = fresh();
    const p = planPortfolio({ missions: 2, runs: { min: 5, max: 5 } });
    await writePortfolioTables(p, dir, { format: "csv" });
    writeFileSync(join(dir, "notes.txt"), "keep me");
    const result = await writePortfolioParquet(p, dir, { force: true });
    expect(result.removed.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      TABLES.map((t) => `${t}.csv`).sort(),
    );
    expect(readdirSync(dir).sort()).toEqual([...TABLES.map((t) => `${t}.parquet`), "notes.txt"].sort());
  });
});
