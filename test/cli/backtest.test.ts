import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runMission } from "../helpers/run-cli";

const root = resolve(__dirname, "../..");
const demo = resolve(root, "data/demo");
const seedDir = resolve(root, "../shared/fixtures/seed-portfolio");
const fixtures = resolve(root, "test/validation/fixtures");

const cli = (args: string[]) => runMission(args);

describe.skipIf(!existsSync(join(demo, "labels.csv")))("mission backtest on the demo", () => {
  it("prints the agreement and writes text, JSON and the HTML report", async () => {
    const out = mkdtempSync(join(tmpdir(), "backtest-"));
    const r = await cli(["backtest", demo, "--labels", join(demo, "labels.csv"), "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Backtest of ruleset default 2\.0\.0 on .*data\/demo \(6 missions, 160 runs replayed\) against 27 labels/,
    );
    expect(r.out).toMatch(/Agreement: \d+ of 27 labels/);
    expect(r.out).toContain("Cohen's kappa");
    const json = JSON.parse(readFileSync(join(out, "backtest.json"), "utf8"));
    expect(json.metrics.confusion.total).toBe(27);
    expect(json.timelines).toHaveLength(6);
    expect(readFileSync(join(out, "validation-report.html"), "utf8")).toMatch(/^<!doctype html>/);
    expect(readFileSync(join(out, "backtest.txt"), "utf8")).toBe(r.out.replace(/wrote .*\n$/, ""));
  });

  it("prints JSON with --json under seed-v3", async () => {
    const r = await cli([
      "backtest",
      demo,
      "--labels",
      join(demo, "labels.csv"),
      "--rules",
      "seed-v3",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.ruleset).toEqual({ id: "seed-v3", version: "3.0.0" });
    expect(j.cases).toHaveLength(27);
  });
});

describe.skipIf(!existsSync(seedDir))("mission backtest on the seed fixture", () => {
  it("scores the fixture's labels (CSV and JSON)", async () => {
    const r = await cli([
      "backtest",
      seedDir,
      "--labels",
      join(fixtures, "seed-labels.csv"),
      "--rules",
      "seed-v3",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\(3 missions, 8 runs replayed\) against 5 labels/);
    const j = await cli(["backtest", seedDir, "--labels", join(fixtures, "seed-labels.json"), "--json"]);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out).metrics.labels).toBe(3);
  });

  it("rejects a labels file with errors, each with file, line, field, expected and found", async () => {
    const bad = join(fixtures, "bad-labels.csv");
    const r = await cli(["backtest", seedDir, "--labels", bad]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain("6 problems in the labels:");
    expect(r.err).toContain(
      `${bad}:3: mission_id: unknown mission (expected a mission of the dataset (M001, M002, M003); found "M999")`,
    );
    expect(r.err).toContain(
      `${bad}:4: as_of: after the mission's last run (expected a date from 2026-02-01 to 2026-02-05 (the history of M001); found "2026-03-15")`,
    );
    expect(r.err).toContain(`${bad}:5: as_of: before the mission's first run`);
    expect(r.err).toContain(
      `${bad}:6: expected_status: unknown status (expected one of ON_TRACK, WATCH, ATTENTION_REQUIRED; found "GREEN")`,
    );
  });

  it("fails cleanly on a missing labels file or folder, and on bad usage", async () => {
    expect((await cli(["backtest", seedDir, "--labels", "/nonexistent.csv"])).err).toContain(
      "cannot read the labels",
    );
    expect((await cli(["backtest", "/nonexistent-folder", "--labels", "x.csv"])).code).toBe(1);
    expect((await cli(["backtest", seedDir])).code).toBe(2);
  });
});
