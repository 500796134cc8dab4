import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import {
  builtinRuleset,
  evaluate,
  loadDataset,
  planPortfolio,
  writePortfolioTables,
} from "../../lib/src/index";
import { cliProgress } from "../../lib/src/cli/progress";
import type { ProgressEvent } from "../../lib/src/ingest/progress";

/** A real writable stream that says it is a terminal and keeps every byte written to it. */
class TerminalCapture extends Writable {
  readonly isTTY: boolean;
  readonly columns = 100;
  text = "";
  constructor(isTTY: boolean) {
    super();
    this.isTTY = isTTY;
  }
  override _write(chunk: Buffer | string, _encoding: string, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

const demoFolder = join(__dirname, "..", "..", "data", "demo");
const mission = join(__dirname, "..", "..", "lib", "bin", "mission.js");

describe("cliProgress", () => {
  it("draws the missions evaluated on a terminal, then clears the line", async () => {
    const dataset = await loadDataset(demoFolder);
    const tty = new TerminalCapture(true);
    const progress = cliProgress({ stream: tty, delayMs: 0 });
    const events: ProgressEvent[] = [];
    evaluate(dataset, builtinRuleset("default"), {
      onProgress: (e) => {
        events.push(e);
        progress.listener(e);
      },
    });
    progress.done();
    // Six demo missions: one event before each, one at the end.
    expect(events.map((e) => (e.stage === "evaluate" ? e.missions : -1))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(events.every((e) => e.stage === "evaluate" && e.totalMissions === 6)).toBe(true);
    expect(progress.shown).toBe(true);
    expect(tty.text).toContain("evaluating");
    expect(tty.text).toContain("0 / 6 missions");
    expect(tty.text).toContain("100% | 6 / 6 missions");
    expect(tty.text.endsWith("\x1b[2K")).toBe(true); // the bar's line is cleared at the end
  });

  it("shows a table's rows and bytes, one bar per table", () => {
    const tty = new TerminalCapture(true);
    const progress = cliProgress({ stream: tty, delayMs: 0 });
    progress.listener({
      stage: "read",
      table: "runs",
      rows: 1000,
      bytes: 2 * 2 ** 20,
      totalBytes: 8 * 2 ** 20,
    });
    progress.listener({ stage: "read", table: "task_executions", rows: 250_000 });
    progress.done();
    expect(tty.text).toContain("reading runs");
    expect(tty.text).toContain("25% | 1,000 rows, 2.0 MiB / 8.0 MiB");
    expect(tty.text).toContain("reading task_executions: 250,000 rows");
  });

  it("draws nothing before the delay, on a stream that is not a terminal, or when quiet", async () => {
    const dataset = await loadDataset(demoFolder);
    const cases = [
      { tty: new TerminalCapture(true), options: {} }, // default 2 s: the demo evaluates well before
      { tty: new TerminalCapture(false), options: { delayMs: 0 } },
      { tty: new TerminalCapture(true), options: { delayMs: 0, quiet: true } },
    ];
    for (const { tty, options } of cases) {
      const progress = cliProgress({ stream: tty, ...options });
      evaluate(dataset, builtinRuleset("default"), { onProgress: progress.listener });
      progress.listener({ stage: "read", table: "runs", rows: 5 });
      progress.done();
      expect(progress.shown).toBe(false);
      expect(tty.text).toBe("");
    }
  });
});

const hasScript = spawnSync("script", ["--version"]).status === 0;

describe.skipIf(!hasScript)("mission evaluate progress on a pseudo-terminal", () => {
  let big: string;
  beforeAll(async () => {
    // 150,000 runs: loading alone takes more than the 2 s delay.
    big = join(mkdtempSync(join(tmpdir(), "progress-")), "big");
    const portfolio = planPortfolio({ missions: 150, runs: { min: 1000, max: 1000 }, tasks: 8, seed: 5 });
    await writePortfolioTables(portfolio, big, { format: "csv" });
  }, 120_000);
  afterAll(() => rmSync(join(big, ".."), { recursive: true, force: true })); // ~100 MB of CSV

  const inPty = (args: string) =>
    execFileSync("script", ["-q", "-e", "-c", `node ${mission} ${args}`, "/dev/null"], {
      encoding: "utf8",
      maxBuffer: 64 * 2 ** 20,
    });

  it("shows the bar on a terminal, and nothing with --json or on a pipe", () => {
    const shown = inPty(`evaluate ${big}`);
    expect(shown).toContain("evaluating");
    expect(shown).toContain("/ 150 missions");
    expect(shown).toContain("Verdict");

    const json = inPty(`evaluate ${big} --json`);
    expect(json).not.toContain("evaluating");
    expect(json).not.toContain("\x1b[");

    const errFile = join(big, "..", "stderr.txt");
    const piped = execFileSync("sh", ["-c", `node ${mission} evaluate ${big} 2>${errFile} | cat`], {
      encoding: "utf8",
      maxBuffer: 64 * 2 ** 20,
    });
    expect(piped).toContain("Verdict");
    expect(readFileSync(errFile, "utf8")).toBe("");
  }, 180_000);
});
