import { describe, expect, it } from "vitest";
import {
  caseFailureText,
  escapeXml,
  formatRuleTestRun,
  formatRuleTestSummary,
  junitXml,
  parseRuleTests,
  ruleCoverage,
  RuleTestFileError,
  runRuleTests,
} from "../../lib/src/index";
import { defaultRules, seedV3 } from "./helpers";

const file = `rules: default
histories:
  up:
    - id: M1
      kpi: { name: d, direction: lower_is_better, baseline: 20, target: 8 }
      values: [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9]
cases:
  - name: passes
    history: up
    expect:
      - asOf: M1-R04
        health: WATCH
        fires: [gate_insufficient_data]
      - health: ON_TRACK
        notFires: [KPI_PLATEAU]
  - name: fails on purpose
    history: up
    expect:
      health: ATTENTION_REQUIRED
      fires: [KPI_PLATEAU]
      primaryDriver: KPI_PLATEAU
      confidence: LOW
  - name: bad run id
    history: up
    expect: { asOf: M1-R99, health: WATCH }
  - name: bad setting
    history: up
    set: { "trend.nope": 1 }
    expect: { health: WATCH }
`;

function clock() {
  let t = 0;
  return () => (t += 5);
}

describe("parseRuleTests", () => {
  it("parses cases and their lines", () => {
    const parsed = parseRuleTests(file, "t.yaml");
    expect(parsed.suite.cases.map((c) => c.name)).toEqual([
      "passes",
      "fails on purpose",
      "bad run id",
      "bad setting",
    ]);
    expect(parsed.caseLines).toEqual([8, 16, 23, 26]);
  });

  it("reports schema problems with line and path", () => {
    const bad = `cases:
  - name: one
    missions:
      - id: M1
        kpi: { name: d, direction: sideways }
        values: [1, 2]
    expect: { health: GREEN }
  - name: two
    history: nope
    expect: { fires: [NOT_A_RULE] }
`;
    let error: unknown;
    try {
      parseRuleTests(bad, "bad.yaml");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleTestFileError);
    const issues = (error as RuleTestFileError).issues.map((i) => `${i.line} ${i.path}`);
    expect(issues).toEqual([
      "5 cases.0.missions.0.kpi.direction",
      "7 cases.0.expect.health",
      "10 cases.1.expect.fires.0",
    ]);
    expect(() =>
      parseRuleTests("cases:\n  - name: x\n    history: nope\n    expect: { health: WATCH }\n", "h.yaml"),
    ).toThrow(/h\.yaml:3: cases\.0\.history: unknown history "nope"/);
    expect(() => parseRuleTests("cases: [\n", "s.yaml")).toThrow(RuleTestFileError);
    expect(() =>
      parseRuleTests(
        "cases:\n  - name: x\n    missions:\n      - { id: A, kpi: { name: d, direction: lower_is_better }, values: [1] }\n      - { id: B, kpi: { name: d, direction: lower_is_better }, values: [1] }\n    expect: { health: WATCH }\n",
        "m.yaml",
      ),
    ).toThrow(/the case has 2 missions: say which with `mission`/);
  });
});

describe("runRuleTests", () => {
  const run = runRuleTests(parseRuleTests(file, "t.yaml"), defaultRules, clock());

  it("passes, fails with expected-versus-got, and errors", () => {
    expect(run.cases.map((c) => [c.name, c.passed])).toEqual([
      ["passes", true],
      ["fails on purpose", false],
      ["bad run id", false],
      ["bad setting", false],
    ]);
    expect([run.passed, run.failed]).toEqual([1, 3]);
    const failed = run.cases[1];
    expect(failed?.checks[0]?.diffs.map((d) => d.field)).toEqual([
      "health",
      "fires",
      "primaryDriver",
      "confidence",
    ]);
    expect(failed?.checks[0]?.diffs[0]).toMatchObject({ expected: "ATTENTION_REQUIRED" });
    expect(failed?.checks[0]?.diffs[0]?.got).toMatch(/^ON_TRACK \(health score \d+(\.\d+)?\)$/);
    expect(failed?.checks[0]?.diffs[2]).toEqual({
      field: "primaryDriver",
      expected: "KPI_PLATEAU",
      got: "none",
    });
    expect(run.cases[2]?.error).toMatch(
      /asOf "M1-R99" is neither a date nor a run id of this case \(M1-R01 … M1-R12\)/,
    );
    expect(run.cases[3]?.error).toMatch(/trend\.nope/);
    expect(run.cases[0]?.seconds).toBe(0.005);
  });

  it("records what fired and what was asserted not to fire", () => {
    expect(run.observations.assertedNotFired).toEqual(["KPI_PLATEAU"]);
    expect(run.observations.fired).toContain("gate_insufficient_data");
    const cov = ruleCoverage(defaultRules, [run.observations]);
    expect(cov.exercised).toContain("KPI_PLATEAU");
    expect(cov.unexercised).toContain("STABILITY_DROPPING");
    expect(cov.rules).toHaveLength(15); // 12 triggers + 3 gates
    const seedCov = ruleCoverage(seedV3, [{ fired: ["KPI_PLATEAU"], assertedNotFired: [] }]);
    expect(seedCov.unexercised.includes("KPI_PLATEAU")).toBe(false);
    // seed-v3 configures no KPI_EXCURSION or OPEN_HIGH_RISK (optional rules): absent counts as disabled.
    expect(seedCov.disabled).toEqual(["TRAJECTORY_OFF_TRACK", "KPI_EXCURSION", "OPEN_HIGH_RISK"]);
    expect(seedCov.rules).toHaveLength(9); // health_only: no gates
  });

  it("prints pass/fail per case with a diff, and the summary", () => {
    const text = formatRuleTestRun(run);
    expect(text.split("\n").slice(0, 3)).toEqual([
      "t.yaml (ruleset default 2.0.0)",
      "  ✓ passes",
      "  ✗ fails on purpose",
    ]);
    expect(text).toContain(
      "        primaryDriver  expected KPI_PLATEAU\n                       got      none",
    );
    const summary = formatRuleTestSummary([run], [ruleCoverage(defaultRules, [run.observations])]);
    expect(summary.split("\n")[0]).toBe("1 passed, 3 failed (4 cases in 1 file)");
    expect(summary).toContain(
      "Rules of default 2.0.0 no test exercised (never fired, never asserted not to fire): ",
    );
  });

  it("writes JUnit XML with failures and errors", () => {
    const xml = junitXml([run]);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mission test-rules" tests="4" failures="1" errors="2"',
      ),
    ).toBe(true);
    expect(xml).toContain('<testcase classname="t.yaml" name="passes" time="0.005"/>');
    expect(xml).toContain(
      '<failure message="checkpoint 1 (as of last run): health: expected ATTENTION_REQUIRED, got ON_TRACK',
    );
    expect(xml.match(/<error /g)).toHaveLength(2);
    expect(caseFailureText(run.cases[1] as (typeof run.cases)[number]).split("\n")).toHaveLength(4);
  });
});

describe("escapeXml", () => {
  it("escapes markup characters and drops characters XML cannot carry", () => {
    expect(escapeXml(`a < b & "c"\u0001`)).toBe("a &lt; b &amp; &quot;c&quot;");
    expect(escapeXml("it's > \t\n ok")).toBe("it&apos;s &gt; \t\n ok");
    expect(escapeXml("lone \ud800 surrogate, pair 😀")).toBe("lone  surrogate, pair 😀");
  });
});
