import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { baseTables, writeTables } from "../helpers/dataset-files";
import { runMission } from "../helpers/run-cli";

const run = (args: string[]) => runMission(args);

const snapshot = (dir: string) =>
  readdirSync(dir)
    .sort()
    .map((f) => [
      f,
      createHash("sha256")
        .update(readFileSync(path.join(dir, f)))
        .digest("hex"),
    ]);

describe("mission check", () => {
  it("summarizes a usable dataset and exits 0", async () => {
    const tables = baseTables();
    delete tables.missions[0]!.escalation_path;
    const dir = writeTables(tables, "csv");
    const { code, out, err } = await run(["check", dir]);
    expect(code).toBe(0);
    expect(err).toBe("");
    const lines = out.split("\n");
    expect(lines.slice(0, 10)).toEqual([
      `dataset          ${dir}`,
      "format           canonical (canonical tables)",
      "missions         2",
      "KPIs             3 (2 primary)",
      "tasks            4",
      "runs             3",
      "task executions  7 (6 run × task aggregates)",
      "risk events      2",
      "date range       2026-02-01T14:05:00Z → 2026-02-03T14:45:00+01:00",
      "files            6",
    ]);
    expect(lines[10]).toMatch(/^fingerprint {6}[0-9a-f]{64}$/);
    expect(lines.slice(11)).toEqual([
      "",
      "1 warning:",
      `  warning ${path.join(dir, "missions.csv")}:2 escalation_path: mission M1 has no escalation path (governance finding)`,
      "",
      "OK: the dataset is usable (1 warning).",
      "",
    ]);
  });

  it("prints every fatal problem to stderr and exits 1", async () => {
    const tables = baseTables();
    tables.runs[0]!.status = "done";
    tables.runs[1]!.escalations = -2;
    const dir = writeTables(tables, "csv");
    const { code, out, err } = await run(["check", dir]);
    expect(code).toBe(1);
    expect(out).toBe("");
    const runsCsv = path.join(dir, "runs.csv");
    expect(err.split("\n")).toEqual([
      `${dir}: 2 fatal problems in the input`,
      `  error ${runsCsv}:2 status: not one of the accepted values (expected one of completed, failed, aborted, partial, found "done")`,
      `  error ${runsCsv}:3 escalations: negative value (expected a non-negative integer, found "-2")`,
      "mission check: the dataset is not usable (2 fatal problems)",
      "",
    ]);
  });

  it("exits 1 with a clear message for a folder that does not exist", async () => {
    const { code, out, err } = await run(["check", "/nonexistent/mission-data"]);
    expect([code, out, err]).toEqual([1, "", "mission check: no such folder: /nonexistent/mission-data\n"]);
  });

  it("exits 1 for a path that is a file, not a folder", async () => {
    const file = path.join(writeTables(baseTables(), "csv"), "runs.csv");
    const { code, err } = await run(["check", file]);
    expect([code, err]).toEqual([1, `mission check: not a folder: ${file}\n`]);
  });

  it("exits 2 on bad usage", async () => {
    expect((await run(["check"])).code).toBe(2);
    expect((await run(["check", "--bogus", "x"])).code).toBe(2);
    expect((await run(["check", "a", "b"])).code).toBe(2);
    const missing = await run(["check"]);
    expect(missing.err).toContain("missing required argument 'data-dir'");
  });

  it("never writes files", async () => {
    const dir = writeTables(baseTables(), "ndjson");
    const before = snapshot(dir);
    await run(["check", dir]);
    expect(snapshot(dir)).toEqual(before);
  });

  const seedDir = path.resolve(__dirname, "../../../shared/fixtures/seed-portfolio");
  if (!existsSync(seedDir)) console.warn(`skipping the mission check seed test: ${seedDir} is absent`);

  it.skipIf(!existsSync(seedDir))(
    "checks the reference seed portfolio (the registerCheck @example)",
    async () => {
      const { code, out, err } = await run(["check", seedDir]);
      expect([code, err]).toEqual([0, ""]);
      expect(out).toContain("format           bundle (reference engine JSON bundle)\n");
      expect(out).toContain("missions         3\n");
      expect(out).toContain("runs             8\n");
      expect(out).toContain("task executions  22 (22 run × task aggregates)\n");
      expect(out).toContain("risk events      5\n");
      expect(out).toContain("date range       2026-02-01T14:05:00Z → 2026-02-06T11:35:00Z\n");
      expect(out).toContain("\n4 warnings:\n");
      expect(out.endsWith("OK: the dataset is usable (4 warnings).\n")).toBe(true);
    },
  );
});
