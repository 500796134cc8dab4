import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BUILTIN_RULESETS,
  builtinRuleset,
  loadRuleset,
  RulesetError,
  TRIGGER_IDS,
  withRulesetValue,
} from "../../lib/src/index";

describe("built-in rulesets", () => {
  it("both validate and carry an id and a version", () => {
    for (const name of BUILTIN_RULESETS) {
      const r = builtinRuleset(name);
      expect(r.id).toBe(name);
      expect(r.version).toMatch(/^\d+\.\d+\.\d+$/);
      // KPI_EXCURSION and OPEN_HIGH_RISK are optional (seed-v3 omits them).
      const expected =
        name === "seed-v3"
          ? TRIGGER_IDS.filter((id) => id !== "KPI_EXCURSION" && id !== "OPEN_HIGH_RISK")
          : TRIGGER_IDS;
      expect(Object.keys(r.triggers)).toEqual([...expected]);
      for (const id of expected) expect(r.actions.templates[id]).toBeTruthy();
    }
  });
});

describe("loadRuleset", () => {
  const dir = mkdtempSync(join(tmpdir(), "rules-"));

  it("loads a built-in name, a JSON file and a YAML file", async () => {
    expect((await loadRuleset("seed-v3")).version).toBe("3.0.0");
    const custom = { ...builtinRuleset("default"), id: "custom", version: "0.1.0" };
    writeFileSync(join(dir, "custom.json"), JSON.stringify(custom));
    expect((await loadRuleset(join(dir, "custom.json"))).id).toBe("custom");
    writeFileSync(join(dir, "custom.yaml"), `# YAML works too\n${JSON.stringify(custom)}`);
    expect((await loadRuleset(join(dir, "custom.yaml"))).id).toBe("custom");
  });

  it("lists every schema problem with its path and what was found", async () => {
    const bad = structuredClone(builtinRuleset("default")) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    (bad.trend as Record<string, unknown>).alpha = 2;
    (bad.health as Record<string, unknown>).weights = { outcome: -1 };
    bad.extra = {};
    writeFileSync(join(dir, "bad.json"), JSON.stringify(bad));
    const err = await loadRuleset(join(dir, "bad.json")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RulesetError);
    const paths = (err as RulesetError).issues.map((i) => i.path);
    expect(paths).toContain("trend.alpha");
    expect(paths.some((p) => p.startsWith("health.weights"))).toBe(true);
    expect((err as RulesetError).message).toContain("found 2");
  });

  it("explains unreadable and malformed files", async () => {
    await expect(loadRuleset(join(dir, "missing.json"))).rejects.toThrow(
      /cannot read the file.*built-in rulesets: default, seed-v3/s,
    );
    writeFileSync(join(dir, "broken.json"), "{ not json");
    await expect(loadRuleset(join(dir, "broken.json"))).rejects.toThrow(/not valid \.json/);
  });
});

describe("withRulesetValue", () => {
  it("returns a validated copy and leaves the original alone", () => {
    const base = builtinRuleset("default");
    const changed = withRulesetValue(base, "trend.alpha", 0.1);
    expect(changed.trend).toMatchObject({ method: "mann_kendall", alpha: 0.1 });
    expect(base.trend).toMatchObject({ alpha: 0.05 });
  });
  it("rejects unknown paths and invalid values", () => {
    const base = builtinRuleset("default");
    expect(() => withRulesetValue(base, "trend.nope", 1)).toThrow(RulesetError);
    expect(() => withRulesetValue(base, "trend.alpha", 5)).toThrow(RulesetError);
  });
});
