import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import {
  OutputFolderNotEmptyError,
  planPortfolio,
  runRecords,
  writePortfolioTables,
  type Portfolio,
} from "../../lib/src/index";

const fresh = () => mkdtempSync(join(tmpdir(), "write-tables-"));
const TABLES = ["missions", "kpis", "tasks", "runs", "task_executions", "risk_events"];
const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const csv = (dir: string, file: string) =>
  parse(read(dir, file), { columns: true, skip_empty_lines: false }) as Record<string, string>[];
const ndjson = (dir: string, file: string) =>
  read(dir, file)
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("writePortfolioTables", () => {
  it("writes the six demo tables as CSV with the planned row counts", async () => {
    const dir = join(fresh(), "demo");
    const p = planPortfolio({ preset: "demo" });
    const result = await writePortfolioTables(p, dir, { format: "csv" });
    expect(readdirSync(dir).sort()).toEqual(TABLES.map((t) => `${t}.csv`).sort());
    const rows = Object.fromEntries(result.files.map((f) => [f.table, f.rows]));
    // 6 missions; 2 + 1 + 2 + 1 + 1 + 1 KPIs; 6 + 5 + 5 + 5 + 4 + 5 tasks; 36 + 40 + 30 + 28 + 2 + 24 runs.
    expect([rows.missions, rows.kpis, rows.tasks, rows.runs]).toEqual([6, 8, 30, 160]);
    for (const f of result.files) {
      expect(csv(dir, `${f.table}.csv`)).toHaveLength(f.rows);
      expect(f.bytes).toBe(Buffer.byteLength(read(dir, `${f.table}.csv`)));
    }
    const records = [...runRecords(p)];
    expect(rows.task_executions).toBe(records.reduce((s, r) => s + r.executions.length, 0));
    expect(rows.risk_events).toBe(records.reduce((s, r) => s + r.riskEvents.length, 0));
    expect(result.seconds).toBeGreaterThan(0);
    expect(result.removed).toEqual([]);
  });

  it("writes canonical CSV fields: booleans, | lists, kpi.<name> columns with empty cells", async () => {
    const dir = fresh();
    await writePortfolioTables(planPortfolio({ preset: "demo" }), dir, { format: "csv", force: true });
    const tasks = csv(dir, "tasks.csv");
    const kickoff = tasks.find((t) => t.task_id === "approve-kickoff");
    expect(kickoff?.depends_on).toBe("provision-workspace|configure-integrations");
    expect(kickoff?.requires_approval).toBe("true");
    expect(tasks.find((t) => t.task_id === "collect-documents")?.depends_on).toBe("");
    const runs = csv(dir, "runs.csv");
    const first = runs[0] ?? {};
    expect(first["kpi.onboarding_days"]).not.toBe("");
    expect(first["kpi.lead_to_opportunity_days"]).toBe("");
    expect(first.risk_flagged).toMatch(/^(true|false)$/);
    expect(first.start_time).toMatch(/Z$/);
    const missions = csv(dir, "missions.csv");
    expect(missions.find((m) => m.mission_id === "kyc-review")?.business_owner).toBe("");
    // The description with a comma, an apostrophe and double quotes survives the round trip.
    expect(missions.find((m) => m.mission_id === "support-resolution")?.description).toContain(
      `a team lead's "OK"`,
    );
  });

  it("quotes awkward names correctly in CSV and NDJSON", async () => {
    const base = planPortfolio({ preset: "demo" });
    const awkward = 'Refunds, "VIP" customers\nline two; naïve café — ok';
    const p: Portfolio = {
      ...base,
      plans: base.plans.map((plan, i) =>
        i === 0
          ? { ...plan, mission: { ...plan.mission, name: awkward, description: " padded , text " } }
          : plan,
      ),
    };
    const dir = fresh();
    await writePortfolioTables(p, join(dir, "c"), { format: "csv" });
    await writePortfolioTables(p, join(dir, "n"), { format: "ndjson" });
    expect(csv(join(dir, "c"), "missions.csv")[0]?.name).toBe(awkward);
    expect(csv(join(dir, "c"), "missions.csv")[0]?.description).toBe(" padded , text ");
    expect(csv(join(dir, "c"), "missions.csv")).toHaveLength(6);
    expect(ndjson(join(dir, "n"), "missions.ndjson")[0]?.name).toBe(awkward);
    // The input portfolio is untouched.
    expect(base.plans[0]?.mission.name).toBe("Customer onboarding time-to-value");
  });

  it("writes NDJSON with arrays, objects and omitted optional fields", async () => {
    const dir = fresh();
    await writePortfolioTables(planPortfolio({ preset: "demo" }), dir, { format: "ndjson" });
    expect(readdirSync(dir).sort()).toEqual(TABLES.map((t) => `${t}.ndjson`).sort());
    const tasks = ndjson(dir, "tasks.ndjson");
    expect(tasks.find((t) => t.task_id === "approve-kickoff")?.depends_on).toEqual([
      "provision-workspace",
      "configure-integrations",
    ]);
    const runs = ndjson(dir, "runs.ndjson");
    expect(Object.keys(runs[0]?.kpis as object).sort()).toEqual(["activation_rate_pct", "onboarding_days"]);
    const kyc = ndjson(dir, "missions.ndjson").find((m) => m.mission_id === "kyc-review");
    expect(kyc && "business_owner" in kyc).toBe(false);
  });

  it("is byte-identical for the same seed and different for another seed", async () => {
    const dir = fresh();
    const opts = { missions: 5, runs: { min: 8, max: 12 }, tasks: 4 };
    await writePortfolioTables(planPortfolio({ ...opts, seed: 7 }), join(dir, "a"), { format: "csv" });
    await writePortfolioTables(planPortfolio({ ...opts, seed: 7 }), join(dir, "b"), { format: "csv" });
    await writePortfolioTables(planPortfolio({ ...opts, seed: 8 }), join(dir, "c"), { format: "csv" });
    for (const t of TABLES) expect(read(join(dir, "a"), `${t}.csv`)).toBe(read(join(dir, "b"), `${t}.csv`));
    expect(read(join(dir, "a"), "runs.csv")).not.toBe(read(join(dir, "c"), "runs.csv"));
  });

  it("streams larger outputs with back-pressure and reports progress", async () => {
    const dir = fresh();
    const p = planPortfolio({ seed: 3, missions: 20, runs: { min: 150, max: 150 }, tasks: 8 });
    const progress: number[] = [];
    const result = await writePortfolioTables(p, dir, {
      format: "ndjson",
      progressEvery: 1000,
      onProgress: (done, total) => {
        expect(total).toBe(3000);
        progress.push(done);
      },
    });
    expect(progress).toEqual([1000, 2000, 3000]);
    expect(ndjson(dir, "runs.ndjson")).toHaveLength(3000);
    const executions = result.files.find((f) => f.table === "task_executions");
    expect(read(dir, "task_executions.ndjson").split("\n").length - 1).toBe(executions?.rows);
    expect(executions?.rows).toBeGreaterThanOrEqual(3000 * 8);
  });

  it("refuses a non-empty folder without force and leaves it untouched", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "notes.txt"), "keep me");
    const p = planPortfolio({ preset: "demo" });
    await expect(writePortfolioTables(p, dir, { format: "csv" })).rejects.toBeInstanceOf(
      OutputFolderNotEmptyError,
    );
    await expect(writePortfolioTables(p, dir, { format: "csv" })).rejects.toThrow(/not empty \(notes\.txt\)/);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it("with force, replaces the tables, removes the other format's table files and keeps other files", async () => {
    const dir = fresh();
    const p = planPortfolio({ preset: "demo" });
    await writePortfolioTables(p, dir, { format: "csv" });
    writeFileSync(join(dir, "notes.txt"), "keep me");
    const result = await writePortfolioTables(p, dir, { format: "ndjson", force: true });
    expect(readdirSync(dir).sort()).toEqual([...TABLES.map((t) => `${t}.ndjson`), "notes.txt"].sort());
    expect(result.removed.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      TABLES.map((t) => `${t}.csv`).sort(),
    );
  });

  it("leaves no file at all when generation fails midway", async () => {
    const dir = join(fresh(), "out");
    const base = planPortfolio({ missions: 3, runs: { min: 20, max: 20 } });
    // An impossible profile (negative noise) makes the simulation throw while runs are written.
    const broken: Portfolio = {
      ...base,
      plans: base.plans.map((plan, i) =>
        i === 2 ? { ...plan, profile: { ...plan.profile, kpiNoise: -1 } } : plan,
      ),
    };
    await expect(writePortfolioTables(broken, dir, { format: "csv" })).rejects.toThrow(RangeError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes the files it already renamed when a later rename fails", async () => {
    const dir = fresh();
    // A non-empty folder where runs.csv should go makes that rename fail after three commits.
    mkdirSync(join(dir, "runs.csv"));
    writeFileSync(join(dir, "runs.csv", "x"), "x");
    await expect(
      writePortfolioTables(planPortfolio({ preset: "demo" }), dir, { format: "csv", force: true }),
    ).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["runs.csv"]);
  });

  it("refuses a path that is a file", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "file"), "x");
    await expect(
      writePortfolioTables(planPortfolio({ preset: "demo" }), join(dir, "file"), {
        format: "csv",
        force: true,
      }),
    ).rejects.toThrow(/not a folder/);
  });
});
