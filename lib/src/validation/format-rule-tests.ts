/**
 * Readable output of rule-test runs: pass/fail per case, an expected-versus-got table for each
 * failure, totals, and the rules no test exercised.
 */
import type { RuleCoverage } from "./rule-coverage";
import type { RuleTestRun } from "./rule-test-runner";

/**
 * Text of one file's run.
 *
 * @example formatRuleTestRun(run).split("\n")[1] // → "  ✓ a steady improvement toward the target is ON_TRACK"
 */
export function formatRuleTestRun(run: RuleTestRun): string {
  const lines = [`${run.file} (ruleset ${run.ruleset.id} ${run.ruleset.version})`];
  for (const c of run.cases) {
    lines.push(`  ${c.passed ? "✓" : "✗"} ${c.name}`);
    if (c.error !== undefined) lines.push(`      error (line ${c.line}): ${c.error}`);
    for (const x of c.checks) {
      if (x.passed) continue;
      lines.push(
        `      checkpoint ${x.index + 1}, as of ${x.asOf}${x.mission ? `, mission ${x.mission}` : ""} (case at line ${c.line}):`,
      );
      const w = Math.max(...x.diffs.map((d) => d.field.length));
      for (const d of x.diffs) {
        lines.push(`        ${d.field.padEnd(w)}  expected ${d.expected}`);
        lines.push(`        ${"".padEnd(w)}  got      ${d.got}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The summary line and the coverage lines.
 *
 * @example formatRuleTestSummary(runs, coverage).split("\n")[0] // → "24 passed, 0 failed (24 cases in 2 files)"
 */
export function formatRuleTestSummary(
  runs: readonly RuleTestRun[],
  coverage: readonly RuleCoverage[],
): string {
  const passed = runs.reduce((s, r) => s + r.passed, 0);
  const failed = runs.reduce((s, r) => s + r.failed, 0);
  const lines = [
    `${passed} passed, ${failed} failed (${passed + failed} case${passed + failed === 1 ? "" : "s"} in ${runs.length} file${runs.length === 1 ? "" : "s"})`,
  ];
  for (const c of coverage) {
    const name = `${c.ruleset.id} ${c.ruleset.version}`;
    lines.push(
      c.unexercised.length === 0
        ? `Every rule of ${name} was exercised (${c.rules.length} rules: fired, or asserted not to fire).`
        : `Rules of ${name} no test exercised (never fired, never asserted not to fire): ${c.unexercised.join(", ")}`,
    );
    if (c.disabled.length > 0) lines.push(`  disabled in ${name}: ${c.disabled.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}
