/**
 * The bad inputs of the ingest issue, each read through the whole loader: what a new user or an
 * attacker hands over gets one clear answer, in bounded time, without a cascade of consequences.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../lib/src/index";
import { baseTables, loadError, tableText, tempDir, writeTables } from "../helpers/dataset-files";

const codes = (issues: readonly { code: string }[]) => [...new Set(issues.map((i) => i.code))].sort();

describe("bad inputs", () => {
  it("a tasks.csv linked to /dev/zero is refused without being read (no hang)", async () => {
    const dir = writeTables(baseTables(), "csv");
    fs.rmSync(path.join(dir, "tasks.csv"));
    fs.symlinkSync("/dev/zero", path.join(dir, "tasks.csv"));
    const started = Date.now();
    const error = await loadError(() => loadDataset(dir));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error.issues.find((i) => i.code === "not_a_file")).toMatchObject({
      field: "tasks",
      found: "a device",
    });
  });

  it("a directory or a FIFO named runs.csv is said to be one, not 'no such file'", async () => {
    const dir = writeTables(baseTables(), "csv");
    fs.rmSync(path.join(dir, "runs.csv"));
    fs.mkdirSync(path.join(dir, "runs.csv"));
    const asDir = await loadError(() => loadDataset(dir));
    expect(asDir.issues.find((i) => i.field === "runs")).toMatchObject({
      code: "not_a_file",
      found: "a directory",
    });
    fs.rmdirSync(path.join(dir, "runs.csv"));
    execFileSync("mkfifo", [path.join(dir, "runs.csv")]);
    const asFifo = await loadError(() => loadDataset(dir));
    expect(asFifo.issues.find((i) => i.field === "runs")).toMatchObject({
      code: "not_a_file",
      found: "a FIFO (named pipe)",
    });
  });

  it("a header renamed to 'Run ID' gives the missing columns with a suggestion, and no 'unknown run' cascade", async () => {
    const dir = writeTables(baseTables(), "csv");
    const text = tableText("runs", baseTables().runs, "csv").replace(/^run_id/, "Run ID");
    fs.writeFileSync(path.join(dir, "runs.csv"), text);
    const error = await loadError(() => loadDataset(dir));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ code: "missing_column", field: "run_id", line: 1 });
    expect(error.issues[0]!.message).toContain(
      "column `Run ID`: did you mean `run_id`? map it in mapping.yaml",
    );
  });

  it("29 task executions with outcome 'Approved' give one grouped problem, not 29 identical ones", async () => {
    const tables = baseTables();
    const run = tables.task_executions[0]!;
    for (let i = 0; i < 28; i++) tables.task_executions.push({ ...run });
    for (const e of tables.task_executions)
      if (e.run_id === run.run_id && e.task_id === run.task_id) e.outcome = "Approved";
    const dir = writeTables(tables, "csv");
    const error = await loadError(() => loadDataset(dir));
    const bad = error.issues.filter((i) => i.code === "bad_enum");
    expect(bad).toHaveLength(4);
    expect(bad.slice(0, 3).map((i) => i.found)).toEqual(['"Approved"', '"Approved"', '"Approved"']);
    expect(bad[3]!.message).toMatch(
      /and 26 more like it \(line \d+, line \d+, line \d+, line \d+, line \d+, …\)/,
    );
  });

  it("monthly files beside the canonical ones are named in a warning, not silently ignored", async () => {
    const dir = writeTables(baseTables(), "csv");
    fs.copyFileSync(path.join(dir, "runs.csv"), path.join(dir, "runs-2026-03.csv"));
    const dataset = await loadDataset(dir);
    const unread = dataset.warnings.filter((w) => w.code === "unread_file");
    expect(unread).toHaveLength(1);
    expect(unread[0]!.message).toContain("runs-2026-03.csv looks like a part of table runs but is not read");
  });

  it("a table linked to a file outside the data folder is read, but nothing of it is echoed", async () => {
    const dir = writeTables(baseTables(), "csv");
    const secret = path.join(tempDir(), "secret.txt");
    fs.writeFileSync(secret, "root:x:0:0:root:/root:/bin/bash\nhunter2,topsecret\n");
    fs.rmSync(path.join(dir, "tasks.csv"));
    fs.symlinkSync(secret, path.join(dir, "tasks.csv"));
    const error = await loadError(() => loadDataset(dir));
    const text = error.message + JSON.stringify(error.issues);
    expect(text).not.toContain("root:x");
    expect(text).not.toContain("hunter2");
    expect(error.issues.filter((i) => i.file === path.join(dir, "tasks.csv")).length).toBeGreaterThan(0);
    expect(error.message).toContain("the file lies outside the data folder");
  });

  it("a KPI value beyond ±1e300 is rejected at load with its file and field", async () => {
    const tables = baseTables();
    tables.runs[0]!.kpis = { onboarding_days: 1e301 };
    const dir = writeTables(tables, "csv");
    const error = await loadError(() => loadDataset(dir));
    expect(error.issues).toMatchObject([
      { code: "out_of_range", file: path.join(dir, "runs.csv"), line: 2, field: "kpi.onboarding_days" },
    ]);
    expect(codes(error.issues)).toEqual(["out_of_range"]);
  });
});
