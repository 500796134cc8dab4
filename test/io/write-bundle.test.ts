import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BUNDLE_FILES,
  EXIT_OK,
  EXIT_USAGE,
  loadDataset,
  OutputFolderNotEmptyError,
  planPortfolio,
  runCli,
  writePortfolioBundle,
  writePortfolioTables,
  type Portfolio,
} from "../../lib/src/index";

const fresh = () => mkdtempSync(join(tmpdir(), "write-bundle-"));
const BUNDLE = Object.values(BUNDLE_FILES).map((stem) => `${stem}.json`);
const TABLES = ["missions", "kpis", "tasks", "runs", "task_executions", "risk_events"];
const small = (): Portfolio => planPortfolio({ missions: 4, runs: { min: 12, max: 12 }, tasks: 3, seed: 11 });

describe("writePortfolioBundle", () => {
  it("writes the seven bundle files, each one JSON array", async () => {
    const dir = fresh();
    const result = await writePortfolioBundle(small(), dir);
    expect(readdirSync(dir).sort()).toEqual([...BUNDLE].sort());
    expect(result.format).toBe("bundle");
    expect(result.removed).toEqual([]);
    const rows = Object.fromEntries(result.files.map((f) => [f.file, f.rows]));
    // 4 missions (one element each in the per-mission files), 4 × 12 runs.
    expect([
      rows.business_missions,
      rows.mission_kpis,
      rows.decomposed_mission_tasks,
      rows.mission_runs,
    ]).toEqual([4, 4, 4, 48]);
    for (const f of result.files) {
      const parsed: unknown = JSON.parse(readFileSync(f.path, "utf8"));
      expect(Array.isArray(parsed) && parsed.length).toBe(f.rows);
    }
    const runs = JSON.parse(readFileSync(join(dir, "mission_runs.json"), "utf8")) as Record<
      string,
      unknown
    >[];
    expect(Object.keys(runs[0]!)).toEqual([
      "run_id",
      "mission_id",
      "start_time",
      "end_time",
      "status",
      "total_duration_minutes",
      "kpis",
      "human_interventions",
      "escalations",
      "risk_flagged",
    ]);
    // Pretty-printed like the reference engine's files: one field per line.
    expect(readFileSync(join(dir, "mission_runs.json"), "utf8")).toMatch(/^\[\n {2}\{\n {4}"run_id": "/);
  });

  it("writes the demo preset (the @example)", async () => {
    const r = await writePortfolioBundle(planPortfolio({ preset: "demo" }), join(fresh(), "demo-bundle"));
    const kpis = planPortfolio({ preset: "demo" }).plans.reduce((n, p) => n + p.kpis.length, 0);
    expect(r.files.map((f) => f.rows).slice(0, 5)).toEqual([6, 6, kpis, 6, 160]);
  });

  it("loads as the same history as the canonical tables of the same portfolio", async () => {
    const bundleDir = fresh();
    const tablesDir = fresh();
    await writePortfolioBundle(small(), bundleDir);
    await writePortfolioTables(small(), tablesDir, { format: "csv" });
    const bundle = await loadDataset(bundleDir);
    const tables = await loadDataset(tablesDir);
    expect(bundle.source.format).toBe("bundle");
    expect(bundle.runs).toEqual(tables.runs);
    expect(bundle.tasks).toEqual(tables.tasks);
    expect(bundle.kpis).toEqual(tables.kpis);
    expect(bundle.runTaskStats).toEqual(tables.runTaskStats);
    expect(bundle.riskEvents).toEqual(tables.riskEvents);
    expect(bundle.taskExecutionCount).toBe(tables.taskExecutionCount);
    // The bundle has no owner, AI role or escalation path: every mission gets the governance warning.
    expect(bundle.missions.map((m) => [m.missionId, m.name])).toEqual(
      tables.missions.map((m) => [m.missionId, m.name]),
    );
    expect(bundle.warnings.filter((w) => w.code === "governance_gap")).toHaveLength(4);
  });

  it("refuses a non-empty folder, and with force replaces a canonical dataset", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "notes.txt"), "keep me");
    await expect(writePortfolioBundle(small(), dir)).rejects.toBeInstanceOf(OutputFolderNotEmptyError);
    await writePortfolioTables(small(), dir, { format: "ndjson", force: true });
    const result = await writePortfolioBundle(small(), dir, { force: true });
    expect(readdirSync(dir).sort()).toEqual([...BUNDLE, "notes.txt"].sort());
    expect(result.removed.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      TABLES.map((t) => `${t}.ndjson`).sort(),
    );
    // And back: canonical tables written with force remove the bundle.
    const back = await writePortfolioTables(small(), dir, { format: "csv", force: true });
    expect(readdirSync(dir).sort()).toEqual([...TABLES.map((t) => `${t}.csv`), "notes.txt"].sort());
    expect(back.removed).toHaveLength(BUNDLE.length);
  });

  it("is what `mission generate --format bundle` writes", async () => {
    const dir = join(fresh(), "out");
    let out = "";
    const code = await runCli(
      [
        "generate",
        "--out",
        dir,
        "--missions",
        "4",
        "--runs",
        "12",
        "--tasks",
        "3",
        "--seed",
        "11",
        "--format",
        "bundle",
      ],
      (s) => (out += s),
      () => {},
    );
    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(/random preset, seed 11, 4 missions, 48 runs, bundle, in \d+\.\d\d s/);
    expect(out).toMatch(/mission_runs\.json\s+48 rows/);
    const other = fresh();
    await writePortfolioBundle(small(), other);
    for (const name of BUNDLE)
      expect(readFileSync(join(dir, name), "utf8")).toBe(readFileSync(join(other, name), "utf8"));
    let err = "";
    const bad = await runCli(
      ["generate", "--out", join(fresh(), "x"), "--format", "xml"],
      () => {},
      (s) => (err += s),
    );
    expect(bad).toBe(EXIT_USAGE);
    expect(err).toMatch(/--format must be csv, ndjson, parquet, bundle, langfuse, otel, eventlog, got "xml"/);
  });
});
