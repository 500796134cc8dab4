import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runMission } from "../helpers/run-cli";

const root = resolve(__dirname, "../..");
const demo = resolve(root, "data/demo");
const seedDir = resolve(root, "../shared/fixtures/seed-portfolio");

const cli = (args: string[]) => runMission(args);

describe.skipIf(!existsSync(join(demo, "labels.csv")))("mission sweep", () => {
  it("writes the table (CSV, JSON), the chart and a page; plain progress lines off a terminal", async () => {
    const out = mkdtempSync(join(tmpdir(), "sweep-"));
    const r = await cli([
      "sweep",
      demo,
      "--labels",
      join(demo, "labels.csv"),
      "--param",
      "health.bands.watch=55:75:5",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^sweep: 1\/6 missions replayed under 5 settings/m);
    expect(r.err).toMatch(/^sweep: 6\/6 missions replayed under 5 settings/m);
    expect(r.out.split("\n")[0]).toMatch(
      /^health\.bands\.watch\s+accuracy\s+kappa\s+alert_precision\s+alert_recall/,
    );
    const csv = readFileSync(join(out, "sweep.csv"), "utf8").trim().split("\n");
    expect(csv).toHaveLength(6);
    expect(csv.map((l) => l.split(",")[0])).toEqual(["health.bands.watch", "55", "60", "65", "70", "75"]);
    const json = JSON.parse(readFileSync(join(out, "sweep.json"), "utf8"));
    expect(json.rows).toHaveLength(5);
    expect(readFileSync(join(out, "sweep.svg"), "utf8")).toMatch(/^<svg/);
    expect(readFileSync(join(out, "sweep.html"), "utf8")).toMatch(/^<!doctype html>/);
  });

  it("refuses a malformed or unknown parameter with exit 2", async () => {
    const labels = join(demo, "labels.csv");
    const bad = await cli(["sweep", demo, "--labels", labels, "--param", "trend.alpha=0.1:0.01:0.01"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("from (0.1) is above to (0.01)");
    const unknown = await cli([
      "sweep",
      demo,
      "--labels",
      labels,
      "--param",
      "trend.nope=1:2:1",
      "--out",
      mkdtempSync(join(tmpdir(), "sweep-")),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("trend.nope");
    expect((await cli(["sweep", demo, "--labels", labels])).code).toBe(2);
  });
});

describe.skipIf(!existsSync(seedDir))("mission sweep on the seed fixture", () => {
  it("sweeps a two-parameter grid with --json", async () => {
    const r = await cli([
      "sweep",
      seedDir,
      "--labels",
      resolve(root, "test/validation/fixtures/seed-labels.csv"),
      "--rules",
      "seed-v3",
      "--param",
      "health.bands.watch=60,70",
      "--param",
      "triggers.RISK_CLUSTER_FORMING.minRiskRunShare=0.3:0.5:0.2",
      "--out",
      mkdtempSync(join(tmpdir(), "sweep-")),
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(
      j.rows.map((row: Record<string, number>) => [
        row["health.bands.watch"],
        row["triggers.RISK_CLUSTER_FORMING.minRiskRunShare"],
      ]),
    ).toEqual([
      [60, 0.3],
      [60, 0.5],
      [70, 0.3],
      [70, 0.5],
    ]);
  });
});
