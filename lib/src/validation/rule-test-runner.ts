/**
 * Running rule tests: each case's inline history is evaluated as of each checkpoint and compared
 * with what the case expects; every mismatch is reported as expected-versus-got. The runner also
 * records which rules fired or were asserted not to fire, for coverage.
 */
import { evaluate } from "../evaluate/evaluate";
import type { EvaluationResult, MissionAssessment } from "../evaluate/types";
import { withRulesetValue } from "../rules/parse-ruleset";
import type { Ruleset } from "../rules/schema";
import { datasetFromInline, type InlineMission } from "./inline-history";
import type { ParsedRuleTests } from "./parse-rule-tests";
import { BAND_GATES, type Checkpoint, type RuleId, type RuleTestCase } from "./rule-test-schema";

/** One expectation that did not hold. */
export interface CheckDiff {
  readonly field: string;
  readonly expected: string;
  readonly got: string;
}

/** The outcome of one checkpoint. */
export interface CheckResult {
  /** 0-based position among the case's checkpoints. */
  readonly index: number;
  /** The as-of point as written ("last run" when omitted). */
  readonly asOf: string;
  readonly mission?: string;
  readonly passed: boolean;
  readonly diffs: readonly CheckDiff[];
}

/** The outcome of one case. */
export interface CaseResult {
  readonly name: string;
  readonly line: number;
  readonly passed: boolean;
  readonly checks: readonly CheckResult[];
  /** Set when the case could not run (bad `set` path, unknown run id…); the case then fails. */
  readonly error?: string;
  readonly seconds: number;
}

/** Rules seen firing, and rules asserted not to fire, in a run of tests. */
export interface RuleObservations {
  readonly fired: readonly RuleId[];
  readonly assertedNotFired: readonly RuleId[];
}

/** The outcome of one file under one ruleset. */
export interface RuleTestRun {
  readonly file: string;
  readonly ruleset: { readonly id: string; readonly version: string };
  readonly cases: readonly CaseResult[];
  readonly passed: number;
  readonly failed: number;
  readonly observations: RuleObservations;
}

const GATES: readonly string[] = BAND_GATES;

function firedRules(a: MissionAssessment): RuleId[] {
  return [
    ...a.triggers.map((t) => t.id),
    ...a.bandEvidence.map((e) => e.rule).filter((r): r is RuleId => GATES.includes(r)),
  ];
}

function list(ids: readonly string[]): string {
  return ids.length === 0 ? "none" : ids.join(", ");
}

/** Compares one evaluation with a checkpoint. */
function check(result: EvaluationResult, cp: Checkpoint, missionId: string): CheckDiff[] {
  const diffs: CheckDiff[] = [];
  if (cp.verdict !== undefined && cp.verdict !== result.portfolio.verdict)
    diffs.push({ field: "verdict", expected: cp.verdict, got: result.portfolio.verdict });
  const a = result.portfolio.missions.find((m) => m.missionId === missionId);
  if (!a) return [...diffs, { field: "mission", expected: missionId, got: "not evaluated" }];
  const fired = firedRules(a);
  if (cp.health !== undefined && cp.health !== a.health)
    diffs.push({
      field: "health",
      expected: cp.health,
      got: `${a.health} (health score ${a.metrics.healthScore})`,
    });
  const missing = (cp.fires ?? []).filter((id) => !fired.includes(id));
  if (missing.length > 0)
    diffs.push({ field: "fires", expected: `${list(missing)} to fire`, got: `fired: ${list(fired)}` });
  const unwanted = (cp.notFires ?? []).filter((id) => fired.includes(id));
  if (unwanted.length > 0)
    diffs.push({
      field: "notFires",
      expected: `${list(unwanted)} not to fire`,
      got: `fired: ${list(fired)}`,
    });
  const driver = a.primaryDriver?.trigger ?? "none";
  if (cp.primaryDriver !== undefined && cp.primaryDriver !== driver)
    diffs.push({ field: "primaryDriver", expected: cp.primaryDriver, got: driver });
  if (cp.confidence !== undefined && cp.confidence !== a.confidence.level)
    diffs.push({
      field: "confidence",
      expected: cp.confidence,
      got: `${a.confidence.level}${a.confidence.reasons.length ? ` (${a.confidence.reasons.join(" ")})` : ""}`,
    });
  if (cp.trend !== undefined && cp.trend !== a.metrics.trend.label)
    diffs.push({
      field: "trend",
      expected: cp.trend,
      got: `${a.metrics.trend.label}: ${a.metrics.trend.description}`,
    });
  return diffs;
}

function caseRules(base: Ruleset, set: RuleTestCase["set"]): Ruleset {
  return Object.entries(set ?? {}).reduce(
    (rules, [path, value]) => withRulesetValue(rules, path, value),
    base,
  );
}

/**
 * Runs every case of a parsed file under `rules` (the file's ruleset, or the one given on the
 * command line). `clock` (ms) times each case.
 *
 * @example runRuleTests(parseRuleTests(text, "t.yaml"), builtinRuleset("default")).failed // → 0
 */
export function runRuleTests(
  parsed: ParsedRuleTests,
  rules: Ruleset,
  clock: () => number = () => performance.now(),
): RuleTestRun {
  const { suite } = parsed;
  const fired = new Set<RuleId>();
  const asserted = new Set<RuleId>();
  const cases = suite.cases.map((c, i): CaseResult => {
    const started = clock();
    const line = parsed.caseLines[i] ?? 0;
    const checkpoints = c.expect;
    for (const cp of checkpoints) for (const id of cp.notFires ?? []) asserted.add(id);
    const missions = (c.missions ?? suite.histories?.[c.history ?? ""] ?? []) as InlineMission[];
    const fail = (error: string): CaseResult => ({
      name: c.name,
      line,
      passed: false,
      checks: [],
      error,
      seconds: (clock() - started) / 1000,
    });
    let effective: Ruleset;
    try {
      effective = caseRules(rules, c.set);
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e));
    }
    const dataset = datasetFromInline(missions, `${parsed.file}#${c.name}`);
    const checks: CheckResult[] = [];
    for (const [index, cp] of checkpoints.entries()) {
      let asOf: string | undefined = cp.asOf;
      if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(asOf)) {
        const run = dataset.runs.find((r) => r.runId === asOf);
        if (!run) {
          const ids = dataset.runs.map((r) => r.runId);
          return fail(
            `checkpoint ${index + 1}: asOf "${asOf}" is neither a date nor a run id of this case (${ids[0]} … ${ids[ids.length - 1]})`,
          );
        }
        asOf = run.startTime;
      }
      let result: EvaluationResult;
      try {
        result = evaluate(dataset, effective, asOf !== undefined ? { asOf } : {});
      } catch (e) {
        return fail(`checkpoint ${index + 1}: ${e instanceof Error ? e.message : String(e)}`);
      }
      for (const m of result.portfolio.missions) for (const id of firedRules(m)) fired.add(id);
      const missionId = cp.mission ?? (missions[0]?.id as string);
      const diffs = check(result, cp, missionId);
      checks.push({
        index,
        asOf: cp.asOf ?? "last run",
        ...(cp.mission !== undefined || missions.length > 1 ? { mission: missionId } : {}),
        passed: diffs.length === 0,
        diffs,
      });
    }
    return {
      name: c.name,
      line,
      passed: checks.every((x) => x.passed),
      checks,
      seconds: (clock() - started) / 1000,
    };
  });
  const passed = cases.filter((c) => c.passed).length;
  return {
    file: parsed.file,
    ruleset: { id: rules.id, version: rules.version },
    cases,
    passed,
    failed: cases.length - passed,
    observations: { fired: [...fired].sort(), assertedNotFired: [...asserted].sort() },
  };
}
