import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runMission } from "../helpers/run-cli";

const root = resolve(__dirname, "../..");
const suites = ["rules/tests/default.rules.yaml", "rules/tests/seed-v3.rules.yaml"].map((f) =>
  resolve(root, f),
);

const cli = (args: string[]) => runMission(args);

describe("mission test-rules", () => {
  it("runs the shipped suites: all pass, every rule exercised, JUnit written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "test-rules-"));
    const junit = join(dir, "junit.xml");
    const r = await cli(["test-rules", ...suites, "--junit", junit]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+ passed, 0 failed \(\d+ cases in 2 files\)$/m);
    expect(r.out).toContain("Every rule of default 2.0.0 was exercised");
    expect(r.out).toContain("disabled in seed-v3 3.0.0: TRAJECTORY_OFF_TRACK");
    const xml = readFileSync(junit, "utf8");
    expect(xml).toMatch(/<testsuites name="mission test-rules" tests="\d+" failures="0" errors="0"/);
  });

  it("fails with a diff when a ruleset breaks a case, and names the unexercised rules", async () => {
    const dir = mkdtempSync(join(tmpdir(), "test-rules-"));
    const file = join(dir, "one.rules.yaml");
    writeFileSync(
      file,
      `cases:
  - name: improving is ON_TRACK
    missions:
      - id: M1
        kpi: { name: d, direction: lower_is_better, baseline: 20, target: 8 }
        values: [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9]
    expect: { health: ON_TRACK }
`,
    );
    const ok = await cli(["test-rules", file]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(
      "Rules of default 2.0.0 no test exercised (never fired, never asserted not to fire): MISSION_TREND_WORSENING",
    );
    // A stricter copy of the default ruleset breaks the case.
    const rules = JSON.parse(readFileSync(resolve(root, "lib/rulesets/default.json"), "utf8"));
    rules.health.bands.onTrack = 99;
    const strict = join(dir, "strict.json");
    writeFileSync(strict, JSON.stringify(rules));
    const bad = await cli(["test-rules", file, "--rules", strict, "--junit", join(dir, "j.xml")]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("  ✗ improving is ON_TRACK");
    expect(bad.out).toMatch(/health {2}expected ON_TRACK\n {8}\s+got {6}WATCH \(health score/);
    expect(readFileSync(join(dir, "j.xml"), "utf8")).toContain(
      '<failure message="checkpoint 1 (as of last run): health: expected ON_TRACK',
    );
  });

  it("reports an invalid file with its lines and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "test-rules-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "cases:\n  - name: x\n    history: up\n    expect: { health: BLUE }\n");
    const r = await cli(["test-rules", file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /bad\.yaml:4: cases\.0\.expect\.health: Invalid option: expected one of "ON_TRACK"\|"WATCH"\|"ATTENTION_REQUIRED"/,
    );
    const file2 = join(dir, "bad2.yaml");
    writeFileSync(file2, "cases:\n  - name: x\n    history: nope\n    expect: { health: WATCH }\n");
    const r2 = await cli(["test-rules", file2]);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain(`${file2}:3: cases.0.history: unknown history "nope" (known: none)`);
    expect((await cli(["test-rules", join(dir, "missing.yaml")])).code).toBe(1);
    expect((await cli(["test-rules"])).code).toBe(2);
  });
});
