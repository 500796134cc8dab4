import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runMission } from "../helpers/run-cli";

const run = (args: string[]) => runMission(args);

const WORKFLOW = [
  "import",
  "check",
  "evaluate",
  "brief",
  "render",
  "ledger",
  "notebook",
  "test-rules",
  "backtest",
  "sweep",
  "diff",
  "generate",
];

describe("mission --help and --version", () => {
  it("prints the version of lib/package.json", async () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, "../../lib/package.json"), "utf8")) as {
      version: string;
    };
    for (const flag of ["--version", "-V"]) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`${pkg.version}\n`);
    }
  });

  it("lists the commands in workflow order", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    const listed = [...r.out.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]).filter((c) => c !== "help");
    expect(listed).toEqual(WORKFLOW);
  });

  for (const command of WORKFLOW) {
    it(`${command} --help lists its exit codes and one example`, async () => {
      const r = await run([command, "--help"]);
      expect(r.code).toBe(0);
      const after = r.out.slice(r.out.indexOf("\nExit codes:\n"));
      expect(after).toMatch(
        /^\nExit codes:\n {2}0 {2}\S.*\n {2}1 {2}\S.*\n {2}2 {2}\S.*\n\nExample:\n {2}\$ mission /,
      );
      expect(after).toContain(`$ mission ${command} `);
      expect(r.out).not.toContain("(default: [])");
    });
  }

  it("marks required options as required, without a default", async () => {
    const required: [string, string][] = [
      ["backtest", "--labels <file>"],
      ["sweep", "--labels <file>"],
      ["sweep", "--param <path=from:to:step>"],
      ["diff", "--rules <ruleset>"],
      ["generate", "--out <folder>"],
      ["import", "--out <dir>"],
    ];
    for (const [command, option] of required) {
      const r = await run([command, "--help"]);
      const line = r.out.split("\n").find((l) => l.trimStart().startsWith(option));
      expect(line, `${command} ${option}`).toMatch(/\(required/);
    }
  });

  it("refuses a missing required option with exit 2", async () => {
    const r = await run(["diff", "data/demo"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("required option '--rules <ruleset>' not specified");
    const s = await run(["sweep", "data/demo", "--labels", "data/demo/labels.csv"]);
    expect(s.code).toBe(2);
    expect(s.err).toContain("required option '--param <path=from:to:step>' not specified");
  });
});
