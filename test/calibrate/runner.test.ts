/** The calibration runner and its Markdown report: selection, determinism, the table, the atomic write. */
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { calibrationMarkdown, writeCalibrationMarkdown } from "../../lib/src/calibrate/calibration-markdown";
import { outcomeHolds } from "../../lib/src/calibrate/outcome";
import { runCalibration, runScenario, selectScenarios } from "../../lib/src/calibrate/run-calibration";
import { CALIBRATION_SCENARIOS } from "../../lib/src/calibrate/scenarios";
import { simulateDataset } from "../../lib/src/calibrate/simulate-dataset";
import { evaluate } from "../../lib/src/evaluate/evaluate";
import { builtinRuleset } from "../../lib/src/rules/load-ruleset";
import { createRng } from "../../lib/src/stats/random";

const rules = builtinRuleset("default");
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("calibration runner", () => {
  it("scenario ids are unique and targets are shares", () => {
    const ids = CALIBRATION_SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of CALIBRATION_SCENARIOS) {
      expect(s.target).toBeGreaterThan(0);
      expect(s.target).toBeLessThan(1);
      expect(s.trials.fast).toBeLessThanOrEqual(s.trials.full);
    }
  });

  it("selects scenarios by id, in suite order, and names unknown ids", () => {
    expect(selectScenarios(["c1-at-target", "a1-ar05-30"]).map((s) => s.id)).toEqual([
      "a1-ar05-30",
      "c1-at-target",
    ]);
    expect(() => selectScenarios(["nope"])).toThrow(/unknown calibration scenario\(s\): nope/);
  });

  it("is deterministic and reports rate, Wilson interval and the target check", () => {
    const progress: number[] = [];
    const a = runCalibration({
      rules,
      trials: 30,
      only: ["b1-iid-12", "g2-touch-poisson"],
      onProgress: (d) => progress.push(d),
    });
    const b = runCalibration({ rules, trials: 30, only: ["b1-iid-12", "g2-touch-poisson"] });
    expect(a.results.map((r) => r.events)).toEqual(b.results.map((r) => r.events));
    expect(progress).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (const r of a.results) {
      expect(r.rate).toBe(r.events / r.trials);
      expect(r.interval[0]).toBeLessThanOrEqual(r.rate);
      expect(r.interval[1]).toBeGreaterThanOrEqual(r.rate);
      expect(r.met).toBe(
        r.scenario.comparison === "at_most" ? r.rate <= r.scenario.target : r.rate >= r.scenario.target,
      );
    }
  });

  it("counts the outcome the same way as a direct evaluation", () => {
    const s = CALIBRATION_SCENARIOS.find((x) => x.id === "c1-at-target")!;
    let direct = 0;
    for (let t = 0; t < 20; t++) {
      const ds = simulateDataset([s.model], createRng(`calibrate/${s.id}/${t}`), s.id);
      if (evaluate(ds, rules).portfolio.missions[0]!.health !== "ON_TRACK") direct++;
      expect(outcomeHolds(s.outcome, evaluate(ds, rules))).toBe(
        evaluate(ds, rules).portfolio.verdict !== "ON_TRACK",
      );
    }
    expect(runScenario(s, rules, 20).events).toBe(direct);
  });

  it("writes the Markdown report atomically, one table per group", async () => {
    const report = runCalibration({
      rules,
      trials: 5,
      only: ["a1-ar05-30", "d-portfolio-5", "h1-last-excursion"],
    });
    const md = calibrationMarkdown(report, { command: "npm run calibrate -- --only a1-ar05-30" });
    expect(md).toMatch(/^# Calibration of the evaluator/);
    expect(md).toContain("`npm run calibrate -- --only a1-ar05-30`");
    expect(md).toContain("## a. False trends on autocorrelated noise");
    expect(md).toContain("## d. Healthy portfolios");
    expect(md).toContain("5 portfolios of 5");
    expect(md).toContain(
      "| Scenario | What is measured | Simulated | Rate | Wilson 95 % interval | Target | Met? |",
    );
    const dir = await mkdtemp(join(tmpdir(), "calibration-"));
    dirs.push(dir);
    const path = join(dir, "docs", "calibration.md");
    await writeCalibrationMarkdown(path, report, { command: "npm run calibrate" });
    expect(await readFile(path, "utf8")).toBe(calibrationMarkdown(report, { command: "npm run calibrate" }));
    expect(await readdir(join(dir, "docs"))).toEqual(["calibration.md"]);
  });
});
