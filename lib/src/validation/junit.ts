/**
 * JUnit XML for rule-test runs (read by CI systems): one `<testsuite>` per file, one `<testcase>`
 * per case, a `<failure>` with the expected-versus-got lines, or an `<error>` when a case could not
 * run.
 */
import type { CaseResult, RuleTestRun } from "./rule-test-runner";

/**
 * Escapes text for XML content and attribute values (`& < > " '`) and drops characters XML 1.0
 * cannot carry (control characters other than tab, newline and carriage return; lone surrogates).
 *
 * @example escapeXml(`a < b & "c"\u0001`) // → "a &lt; b &amp; &quot;c&quot;"
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "") // eslint-disable-line no-control-regex
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function seconds(s: number): string {
  return (Math.round(s * 1000) / 1000).toFixed(3);
}

/**
 * The failure text of a case: one line per mismatch.
 *
 * @example caseFailureText(result) // → "checkpoint 1 (as of M1-R06, mission M1): health: expected WATCH, got ON_TRACK (health score 82.4)"
 */
export function caseFailureText(c: CaseResult): string {
  if (c.error !== undefined) return c.error;
  return c.checks
    .filter((x) => !x.passed)
    .flatMap((x) =>
      x.diffs.map(
        (d) =>
          `checkpoint ${x.index + 1} (as of ${x.asOf}${x.mission ? `, mission ${x.mission}` : ""}): ${d.field}: expected ${d.expected}, got ${d.got}`,
      ),
    )
    .join("\n");
}

/**
 * JUnit XML of test runs.
 *
 * @example junitXml([run]).startsWith('<?xml version="1.0" encoding="UTF-8"?>') // → true
 */
export function junitXml(runs: readonly RuleTestRun[], name = "mission test-rules"): string {
  const total = runs.reduce((s, r) => s + r.cases.length, 0);
  const errors = runs.reduce((s, r) => s + r.cases.filter((c) => c.error !== undefined).length, 0);
  const failures = runs.reduce((s, r) => s + r.failed, 0) - errors;
  const time = runs.reduce((s, r) => s + r.cases.reduce((t, c) => t + c.seconds, 0), 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" tests="${total}" failures="${failures}" errors="${errors}" time="${seconds(time)}">`,
  ];
  for (const r of runs) {
    const suiteErrors = r.cases.filter((c) => c.error !== undefined).length;
    const suiteTime = r.cases.reduce((t, c) => t + c.seconds, 0);
    out.push(
      `  <testsuite name="${escapeXml(`${r.file} (${r.ruleset.id} ${r.ruleset.version})`)}" tests="${r.cases.length}" failures="${r.failed - suiteErrors}" errors="${suiteErrors}" time="${seconds(suiteTime)}">`,
    );
    for (const c of r.cases) {
      const open = `    <testcase classname="${escapeXml(r.file)}" name="${escapeXml(c.name)}" time="${seconds(c.seconds)}"`;
      if (c.passed) {
        out.push(`${open}/>`);
        continue;
      }
      const text = caseFailureText(c);
      const first = text.split("\n")[0] ?? "";
      const tag = c.error !== undefined ? "error" : "failure";
      out.push(
        `${open}>`,
        `      <${tag} message="${escapeXml(first)}" type="${c.error !== undefined ? "RuleTestError" : "RuleTestFailure"}">${escapeXml(text)}</${tag}>`,
        "    </testcase>",
      );
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}
