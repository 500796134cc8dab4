/**
 * The shipped rule-test suites (rules/tests/*.rules.yaml) run through the library: a rule change
 * that breaks an expected outcome fails `npm test`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  builtinRuleset,
  caseFailureText,
  parseRuleTests,
  ruleCoverage,
  runRuleTests,
  type BuiltinRulesetName,
} from "../../lib/src/index";

const folder = resolve(__dirname, "../../rules/tests");
const files = readdirSync(folder).filter((f) => /\.rules\.(ya?ml|json)$/.test(f));

describe("shipped rule-test suites", () => {
  it("has a suite for each built-in ruleset", () => {
    expect(files.sort()).toEqual(["default.rules.yaml", "seed-v3.rules.yaml"]);
  });

  for (const name of files) {
    it(`${name}: every case passes and every rule is exercised`, () => {
      const parsed = parseRuleTests(readFileSync(resolve(folder, name), "utf8"), `rules/tests/${name}`);
      const rules = builtinRuleset(parsed.suite.rules as BuiltinRulesetName);
      const run = runRuleTests(parsed, rules);
      const failures = run.cases.filter((c) => !c.passed).map((c) => `${c.name}:\n${caseFailureText(c)}`);
      expect(failures).toEqual([]);
      expect(ruleCoverage(rules, [run.observations]).unexercised).toEqual([]);
    });
  }
});
