/**
 * Terminal safety of everything the CLI prints: a dataset, a ruleset and a rule-test file full of
 * escape sequences, carriage returns, line breaks, bidi and C1 controls; no command may write any
 * of them raw (only the CLI's own line feeds and tabs), and --json must stay JSON that reads back
 * to the original strings.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { builtinRuleset, escapeControls, safeJson, terminalSafe } from "../../lib/src/index";
import { runMission } from "../helpers/run-cli";

/** ESC[2J (clear screen), OSC 0 (window title), CR, LF, RIGHT-TO-LEFT OVERRIDE, C1 CSI. */
const HOSTILE = "\x1b[2J\x1b]0;title\x07\r\n\u202e\x9b";
/** What the hostile text looks like once escaped. */
const SHOWN = "\\x1b[2J\\x1b]0;title\\x07\\r\\n\\u202e\\x9b";
/** Raw bytes that must never be printed: C0 but LF and TAB, DEL, C1, bidi controls, U+2028/9. */
const RAW =
  // eslint-disable-next-line no-control-regex -- the test looks for control characters
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const demo = resolve(__dirname, "../../data/demo");
let dir: string;
let data: string;
let rules: string;
let ruleTests: string;

const run = (args: string[]) => runMission(args);

function expectClean(text: string): void {
  const hit = RAW.exec(text);
  expect(hit === null ? "clean" : `raw U+${hit[0].charCodeAt(0).toString(16)} at ${hit.index}`).toBe("clean");
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mission-hostile-"));
  data = join(dir, "data");
  cpSync(demo, data, { recursive: true });
  const edit = (file: string, from: string, to: string) => {
    const path = join(data, file);
    const text = readFileSync(path, "utf8");
    expect(text).toContain(from);
    writeFileSync(path, text.split(from).join(to));
  };
  // A mission name with every hostile character (quoted: it holds a line break) …
  edit("missions.csv", "Customer onboarding time-to-value", `"Onboarding${HOSTILE}"`);
  // … and a KPI name (everywhere it is referenced; no line break in a CSV header).
  const kpi = `onb${HOSTILE.replace("\r\n", "")}days`;
  edit("kpis.csv", "onboarding_days", kpi);
  edit("runs.csv", "onboarding_days", kpi);
  const hostileRules = {
    ...builtinRuleset("default"),
    id: "hostile",
    version: `6.6.6${HOSTILE}`,
    interpretation: {
      ON_TRACK: `fine${HOSTILE}`,
      WATCH: `watch${HOSTILE}`,
      ATTENTION_REQUIRED: `act${HOSTILE}`,
    },
  };
  rules = join(dir, "hostile.json");
  writeFileSync(rules, JSON.stringify(hostileRules));
  ruleTests = join(dir, "hostile.rules.json");
  writeFileSync(
    ruleTests,
    JSON.stringify({
      rules: "hostile.json",
      histories: {
        steady: [
          {
            id: "M1",
            name: `Steady${HOSTILE}`,
            kpi: { name: "cycle_days", direction: "lower_is_better", baseline: 20, target: 8 },
            values: [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9],
          },
        ],
      },
      cases: [
        { name: `passes${HOSTILE}`, history: "steady", expect: { verdict: "ON_TRACK" } },
        { name: `fails${HOSTILE}`, history: "steady", expect: { verdict: "WATCH" } },
      ],
    }),
  );
});

describe("the sanitiser", () => {
  it("escapes controls and bidi characters as backslash text", () => {
    expect(escapeControls(`a${HOSTILE}\tb\u007f\u2066`)).toBe(`a${SHOWN}\\tb\\x7f\\u2066`);
    expect(terminalSafe(`line 1\n\tx${HOSTILE}`)).toBe(
      `line 1\n\tx\\x1b[2J\\x1b]0;title\\x07\\r\n\\u202e\\x9b`,
    );
    expect(terminalSafe(terminalSafe(HOSTILE))).toBe(terminalSafe(HOSTILE));
  });

  it("writes JSON whose escapes are JSON escapes and which reads back unchanged", () => {
    const json = safeJson({ name: HOSTILE, sep: "\u2028\u2029\u061c" }, 0);
    expect(json).toBe(
      '{"name":"\\u001b[2J\\u001b]0;title\\u0007\\r\\n\\u202e\\u009b","sep":"\\u2028\\u2029\\u061c"}',
    );
    expect(JSON.parse(json)).toEqual({ name: HOSTILE, sep: "\u2028\u2029\u061c" });
  });
});

describe("no command prints a raw control or bidi character", () => {
  it("check", async () => {
    const r = await run(["check", data]);
    expect(r.code).toBe(0);
    expectClean(r.out + r.err);
  });

  it("evaluate shows the hostile names escaped, on their own line", async () => {
    const r = await run(["evaluate", data, "--rules", rules]);
    expect(r.code).toBe(0);
    expectClean(r.out + r.err);
    expect(r.out).toContain(`Onboarding${SHOWN}: `);
    expect(r.out).toContain(`ruleset hostile 6.6.6${SHOWN}`);
  });

  it("evaluate --json stays JSON with the original strings", async () => {
    const r = await run(["evaluate", data, "--rules", rules, "--json"]);
    expect(r.code).toBe(0);
    expectClean(r.out + r.err);
    const parsed = JSON.parse(r.out) as { ruleset: { version: string }; missions: { missionName: string }[] };
    expect(parsed.ruleset.version).toBe(`6.6.6${HOSTILE}`);
    expect(parsed.missions.map((m) => m.missionName)).toContain(`Onboarding${HOSTILE}`);
  });

  it("brief (console output)", async () => {
    const r = await run(["brief", data, "--rules", rules, "--format", "html", "--out", join(dir, "brief")]);
    expect(r.code).toBe(0);
    expectClean(r.out + r.err);
    expect(r.out).toContain(`6.6.6${SHOWN}`);
  });

  it("backtest, text and JSON", async () => {
    const labels = join(demo, "labels.csv");
    const text = await run(["backtest", data, "--labels", labels, "--rules", rules, "--workers", "1"]);
    expect(text.code).toBe(0);
    expectClean(text.out + text.err);
    const json = await run([
      "backtest",
      data,
      "--labels",
      labels,
      "--rules",
      rules,
      "--json",
      "--workers",
      "1",
    ]);
    expect(json.code).toBe(0);
    expectClean(json.out + json.err);
    expect(() => JSON.parse(json.out) as unknown).not.toThrow();
  });

  it("diff, text and JSON", async () => {
    const text = await run(["diff", data, "--rules", "default", "--rules", rules]);
    expect(text.code).toBe(0);
    expectClean(text.out + text.err);
    const json = await run(["diff", data, "--rules", "default", "--rules", rules, "--json"]);
    expectClean(json.out + json.err);
  });

  it("test-rules", async () => {
    const r = await run(["test-rules", ruleTests]);
    expect(r.code).toBe(1); // the second case fails on purpose: its diff is printed too
    expectClean(r.out + r.err);
    expect(r.out).toContain(`passes${SHOWN}`);
  });

  it("an invalid hostile ruleset's error message", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...builtinRuleset("default"), version: 5, [`x${HOSTILE}`]: 1 }));
    const r = await run(["evaluate", data, "--rules", bad]);
    expect(r.code).toBe(1);
    expectClean(r.out + r.err);
  });
});
