import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runMission } from "../helpers/run-cli";

const seedDir = resolve(__dirname, "../../../shared/fixtures/seed-portfolio");
const present = existsSync(seedDir);
if (!present) console.warn(`skipping the CLI evaluate tests on the seed fixture: ${seedDir} is absent`);

const cli = (args: string[]) => runMission(args);

describe.skipIf(!present)("mission evaluate", () => {
  it("prints a readable summary", async () => {
    const r = await cli(["evaluate", seedDir, "--rules", "seed-v3"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Verdict: WATCH/);
    expect(r.out).toContain(
      "Primary driver: AUTONOMY_REGRESSION in Accelerate Sales Pipeline Progression (M002)",
    );
    expect(r.out).toContain("Confidence: MEDIUM");
  });

  it("prints the documented JSON schema with --json", async () => {
    const r = await cli(["evaluate", seedDir, "--rules", "seed-v3", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.verdict).toBe("WATCH");
    expect(j.confidence.level).toBe("MEDIUM");
    expect(Array.isArray(j.confidence.reasons)).toBe(true);
    expect(j.primaryDriver).toMatchObject({
      missionId: "M002",
      missionName: "Accelerate Sales Pipeline Progression",
      trigger: "AUTONOMY_REGRESSION",
    });
    expect(typeof j.primaryDriver.explanation).toBe("string");
    expect(typeof j.recommendedAction).toBe("string");
    expect(j.ruleset).toEqual({ id: "seed-v3", version: "3.0.0" });
    expect(j.averageAutonomy).toBe(61);
    const m3 = j.missions.find((m: { missionId: string }) => m.missionId === "M003");
    expect(m3).toMatchObject({
      missionName: "Improve Support Case Resolution",
      runsAnalyzed: 3,
      trend: "improving",
      autonomyScore: 74,
      healthScore: 81.77,
      health: "WATCH",
      improvementFromBaselinePct: 73.33,
      changeSinceFirstRunPct: 38.46,
      remainingGapToTargetPct: 0,
      topBottleneck: { taskId: "T8", status: "recurring", driver: "risk" },
    });
    expect(m3.trajectory).toBe("unknown");
    expect(m3.triggers[0]).toMatchObject({ id: "REPEATED_BOTTLENECK", severity: "medium" });
    expect(m3.triggers[0].evidence.length).toBeGreaterThan(0);
    expect(j.details.portfolio.missions).toHaveLength(3);
    expect(j.details.ledger.byMission).toBeUndefined();
  });

  it("honours --as-of and rejects a bad one with exit 2", async () => {
    const early = JSON.parse(
      (await cli(["evaluate", seedDir, "--rules", "seed-v3", "--json", "--as-of", "2026-02-03"])).out,
    );
    expect(early.missions.find((m: { missionId: string }) => m.missionId === "M001").runsAnalyzed).toBe(2);
    expect((await cli(["evaluate", seedDir, "--as-of", "tomorrow"])).code).toBe(2);
    // A day that does not exist is refused, not taken as 2 March.
    const impossible = await cli(["evaluate", seedDir, "--as-of", "2026-02-30"]);
    expect(impossible.code).toBe(2);
    expect(impossible.err).toMatch(/real calendar date .*"2026-02-30" \(no such calendar date\)/);
    expect((await cli(["evaluate", seedDir, "--as-of", "2026-02-04T25:00:00Z"])).code).toBe(2);
  });

  it("fails with exit 1 on a missing folder or a bad ruleset, 2 on bad usage", async () => {
    const missing = await cli(["evaluate", "/nonexistent-folder-xyz"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("no such folder");
    const badRules = await cli(["evaluate", seedDir, "--rules", "/nonexistent.json"]);
    expect(badRules.code).toBe(1);
    expect(badRules.err).toContain("cannot read the file");
    expect((await cli(["evaluate"])).code).toBe(2);
    expect((await cli(["evaluate", seedDir, "--bogus"])).code).toBe(2);
  });
});
