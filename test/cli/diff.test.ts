import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runMission } from "../helpers/run-cli";

const root = resolve(__dirname, "../..");
const demo = resolve(root, "data/demo");
const seedDir = resolve(root, "../shared/fixtures/seed-portfolio");

const cli = (args: string[]) => runMission(args);

describe.skipIf(!existsSync(seedDir))("mission diff", () => {
  it("lists the missions two rulesets assess differently, with each side's evidence", async () => {
    const r = await cli(["diff", seedDir, "--rules", "seed-v3", "--rules", "default"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toMatch(/^Ruleset seed-v3 3\.0\.0 \(A\) vs default 2\.0\.0 \(B\), as of /);
    expect(r.out).toMatch(/^Improve Support Case Resolution \(M003\): /m);
    expect(r.out).toContain("  A (seed-v3 3.0.0):");
    expect(r.out).toContain("  B (default 2.0.0):");
    const j = JSON.parse(
      (await cli(["diff", seedDir, "--rules", "seed-v3", "--rules", "default", "--json"])).out,
    );
    expect(j.a).toEqual({ id: "seed-v3", version: "3.0.0" });
    expect(j.missions.length + j.same).toBe(3);
  });

  it("finds nothing between a ruleset and itself", async () => {
    const r = await cli([
      "diff",
      seedDir,
      "--rules",
      "seed-v3",
      "--rules",
      "seed-v3",
      "--as-of",
      "2026-02-04",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("0 missions differ; 3 assessed the same way");
  });

  it("needs exactly two rulesets and a valid as-of", async () => {
    expect((await cli(["diff", seedDir, "--rules", "default"])).code).toBe(2);
    expect(
      (await cli(["diff", seedDir, "--rules", "default", "--rules", "seed-v3", "--as-of", "later"])).code,
    ).toBe(2);
    expect((await cli(["diff", seedDir, "--rules", "default", "--rules", "/nonexistent.json"])).code).toBe(1);
  });
});

describe.skipIf(!existsSync(demo))("mission diff on the demo", () => {
  it("works on the demo data", async () => {
    const r = await cli(["diff", demo, "--rules", "default", "--rules", "seed-v3"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\d+ missions? differs?; \d+ assessed the same way/);
  });
});
