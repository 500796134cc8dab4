import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { EXIT_OK, EXIT_USAGE } from "../../lib/src/index";
import { sqlString, withEngine } from "../../lib/src/ingest/engine";
import { runMission } from "../helpers/run-cli";

const fresh = () => mkdtempSync(join(tmpdir(), "cli-generate-"));
const TABLES = ["missions", "kpis", "tasks", "runs", "task_executions", "risk_events"];

const cli = (args: string[]) => runMission(["generate", ...args]);

describe("mission generate", () => {
  it("writes the demo preset and prints files, rows, bytes and seconds", async () => {
    const dir = join(fresh(), "demo");
    const { code, out } = await cli(["--out", dir, "--preset", "demo", "--format", "csv"]);
    expect(code).toBe(EXIT_OK);
    expect(readdirSync(dir).sort()).toEqual(TABLES.map((t) => `${t}.csv`).sort());
    expect(out).toMatch(/demo preset, seed 2045, 6 missions, 160 runs, csv, in \d+\.\d\d s/);
    expect(out).toMatch(/missions\.csv\s+6 rows\s+[\d,]+ bytes/);
    expect(out).toMatch(/runs\.csv\s+160 rows/);
    expect(out).toMatch(/total\s+[\d,]+ rows\s+[\d,]+ bytes/);
  });

  it("writes random missions as NDJSON with the requested sizes", async () => {
    const dir = fresh();
    const args = [
      "--out",
      dir,
      "--missions",
      "4",
      "--runs",
      "6",
      "--tasks",
      "3",
      "--seed",
      "7",
      "--format",
      "ndjson",
    ];
    const { code, out } = await cli(args);
    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(/random preset, seed 7, 4 missions, 24 runs, ndjson/);
    const lines = (t: string) =>
      readFileSync(join(dir, `${t}.ndjson`), "utf8")
        .trimEnd()
        .split("\n").length;
    expect([lines("missions"), lines("tasks"), lines("runs")]).toEqual([4, 12, 24]);
  });

  it("writes Parquet: one file per table, row counts read back by DuckDB", async () => {
    const dir = fresh();
    const args = ["--out", dir, "--missions", "4", "--runs", "6", "--tasks", "3", "--format", "parquet"];
    const { code, out } = await cli(args);
    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(/random preset, seed 2026, 4 missions, 24 runs, parquet/);
    expect(readdirSync(dir).sort()).toEqual(TABLES.map((t) => `${t}.parquet`).sort());
    const count = (t: string) =>
      `(SELECT count(*) FROM read_parquet(${sqlString(join(dir, `${t}.parquet`))}))`;
    const [counts] = await withEngine((e) =>
      e.rows(`SELECT ${count("missions")} AS m, ${count("tasks")} AS t, ${count("runs")} AS r`),
    );
    expect(counts).toEqual({ m: 4, t: 12, r: 24 });
  });

  it("accepts a runs range, a start date, a cadence and a story list", async () => {
    const dir = fresh();
    const { code } = await cli([
      "--out",
      dir,
      "--missions",
      "3",
      "--runs",
      "5-9",
      "--start",
      "2026-03-02",
      "--cadence",
      "3",
      "--stories",
      "plateau,worsening",
    ]);
    expect(code).toBe(EXIT_OK);
    const runs = readFileSync(join(dir, "runs.csv"), "utf8").trimEnd().split("\n").slice(1);
    expect(runs.length).toBeGreaterThanOrEqual(15);
    expect(runs.length).toBeLessThanOrEqual(27);
    // No run starts before the start date; the first runs fall within the 14-day start offsets.
    const days = runs.map((l) => l.split(",")[2]?.slice(0, 10) ?? "").sort();
    expect(days[0] && days[0] >= "2026-03-02" && days[0] <= "2026-03-15").toBe(true);
  });

  it("is byte-identical for the same seed and differs for another", async () => {
    const base = fresh();
    const run = (sub: string, seed: string) =>
      cli(["--out", join(base, sub), "--missions", "3", "--runs", "10", "--seed", seed]);
    await run("a", "11");
    await run("b", "11");
    await run("c", "12");
    for (const t of TABLES) {
      expect(readFileSync(join(base, "a", `${t}.csv`))).toEqual(readFileSync(join(base, "b", `${t}.csv`)));
    }
    expect(readFileSync(join(base, "a", "runs.csv"))).not.toEqual(readFileSync(join(base, "c", "runs.csv")));
  });

  it.each([
    [["--missions", "0"]],
    [["--missions", "three"]],
    [["--missions", "2.5"]],
    [["--runs", "9-3"]],
    [["--runs", "-4"]],
    [["--tasks", "30"]],
    [["--seed", "-1"]],
    [["--seed", "abc"]],
    [["--format", "xlsx"]],
    [["--start", "2026-02-30"]],
    [["--cadence", "x"]],
    [["--stories", "booming"]],
    [["--preset", "showcase"]],
    [["--preset", "demo", "--missions", "3"]],
    [["--preset", "demo", "--runs", "10"]],
  ])("exits 2 on bad usage %j and writes nothing", async (args) => {
    const dir = join(fresh(), "out");
    const { code, err } = await cli(["--out", dir, ...args]);
    expect(code).toBe(EXIT_USAGE);
    expect(err).toMatch(/^mission generate: /);
    expect(existsSync(dir)).toBe(false);
  });

  it("exits 2 without --out", async () => {
    const { code } = await cli(["--preset", "demo"]);
    expect(code).toBe(EXIT_USAGE);
  });

  it("refuses to overwrite a non-empty folder unless --force", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "keep.txt"), "mine");
    const refused = await cli(["--out", dir, "--preset", "demo"]);
    expect(refused.code).toBe(EXIT_USAGE);
    expect(refused.err).toMatch(/not empty.*--force/);
    expect(readdirSync(dir)).toEqual(["keep.txt"]);
    const forced = await cli(["--out", dir, "--preset", "demo", "--force"]);
    expect(forced.code).toBe(EXIT_OK);
    expect(readdirSync(dir)).toHaveLength(7);
    expect(readFileSync(join(dir, "keep.txt"), "utf8")).toBe("mine");
  });

  it("the committed data/demo is exactly what `--preset demo --format csv` writes", async () => {
    const dir = fresh();
    expect((await cli(["--out", dir, "--preset", "demo", "--format", "csv"])).code).toBe(EXIT_OK);
    const committed = resolve(__dirname, "../../data/demo");
    for (const t of TABLES) {
      expect(readFileSync(join(committed, `${t}.csv`), "utf8")).toBe(
        readFileSync(join(dir, `${t}.csv`), "utf8"),
      );
    }
  });
});
