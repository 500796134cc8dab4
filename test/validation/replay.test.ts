import { describe, expect, it } from "vitest";
import {
  backtest,
  backtestParallel,
  evaluate,
  parseSweepParam,
  readLabels,
  replay,
  replayMany,
  replayParallel,
  sweep,
  sweepParallel,
  withRulesetValue,
  type Dataset,
  type Ruleset,
} from "../../lib/src/index";
import { defaultRules, randomDataset, seedV3 } from "./helpers";

/** The mission's assessment from a full evaluate() as of `ms`. */
function evaluatedAt(ds: Dataset, rules: Ruleset, missionId: string, ms: number) {
  return evaluate(ds, rules, { asOf: new Date(ms).toISOString() }).portfolio.missions.find(
    (m) => m.missionId === missionId,
  );
}

/**
 * A replay judges each mission alone: its alarm families hold one test each, so q = p. evaluate()
 * adjusts across the portfolio's missions; without the adjustment the two agree exactly.
 */
const aloneRules: Ruleset = { ...defaultRules, multiplicity: { method: "none", q: 0.05 } };

describe("replay", () => {
  // 130 runs every 6 h: runs R97–R100 share a date and "M1-R100" sorts before "M1-R97", so
  // seed-v3's date-then-run-id order inserts a run before earlier ones; 30 % of the risk events
  // are detected days after their run, so past ledger entries change.
  const ds = randomDataset("replay", [130, 40, 7], 0.25);

  it("has a run that seed-v3's order places before earlier runs", () => {
    const order = evaluate(ds, seedV3).ledger.byMission.M1?.map((e) => e.runId) ?? [];
    expect(order.indexOf("M1-R100")).toBeLessThan(order.indexOf("M1-R97"));
  });

  for (const rules of [aloneRules, seedV3]) {
    it(`equals evaluate(asOf = run k's start) for every k (${rules.id})`, () => {
      const snapshotsAt = new Map(
        ds.missions.map((m) => [
          m.missionId,
          ds.runs.filter((r) => r.missionId === m.missionId).map((r) => r.startMs),
        ]),
      );
      const result = replay(ds, rules, { snapshotsAt });
      expect(result.timelines.map((t) => t.missionId)).toEqual(["M1", "M2", "M3"]);
      for (const t of result.timelines) {
        t.startMs.forEach((ms, k) => {
          const full = evaluatedAt(ds, rules, t.missionId, ms);
          expect(t.snapshots.get(ms)).toEqual(full);
          expect(t.statuses[k]).toBe(full?.health);
          expect(t.points?.[k]?.primaryDriver).toBe(full?.primaryDriver?.trigger ?? null);
          expect(t.points?.[k]?.confidence).toBe(full?.confidence.level);
        });
      }
    });
  }

  it("equals evaluate() at instants between runs (late risk events, end of day)", () => {
    const instants = [Date.parse("2026-01-20T23:59:59.999Z"), Date.parse("2026-02-03T05:00:00Z")];
    const result = replay(ds, aloneRules, { snapshotsAt: new Map([["M1", instants]]) });
    const m1 = result.timelines.find((t) => t.missionId === "M1");
    for (const ms of instants) expect(m1?.snapshots.get(ms)).toEqual(evaluatedAt(ds, aloneRules, "M1", ms));
  });

  it("ends on evaluate()'s status for every mission", () => {
    // Risk events detected at their run's start: evaluate() (as of the last run of the dataset)
    // then sees what the replay sees as of each mission's last run.
    const atStart: Dataset = {
      ...ds,
      riskEvents: ds.riskEvents.map((e) => {
        const run = ds.runs.find((r) => r.runId === e.runId);
        return { ...e, detectedMs: run?.startMs ?? e.detectedMs };
      }),
    };
    for (const rules of [defaultRules, seedV3]) {
      const final = evaluate(atStart, rules).portfolio.missions;
      for (const t of replay(atStart, rules).timelines) {
        expect(t.statuses.at(-1)).toBe(final.find((m) => m.missionId === t.missionId)?.health);
      }
    }
  });

  it("replays several rulesets in one pass exactly as separately", () => {
    const rulesets = [
      defaultRules,
      withRulesetValue(defaultRules, "health.bands.watch", 55), // shares the metrics
      withRulesetValue(defaultRules, "trend.alpha", 0.2), // shares the trend window, not the label
      withRulesetValue(defaultRules, "triggers.RISK_CLUSTER_FORMING.minRiskRunShare", 0.1),
      withRulesetValue(defaultRules, "trend.maxWindowRuns", 20), // a second sliding window
      withRulesetValue(defaultRules, "trend.ciLevel", 0.8),
      withRulesetValue(defaultRules, "stability.outOfControlPenalty", 20),
      withRulesetValue(defaultRules, "autonomy.regression.alpha", 0.2),
      withRulesetValue(defaultRules, "triggers.ESCALATION_BURDEN_RISING.alpha", 0.3),
      withRulesetValue(defaultRules, "ledger.severityWeights.high", 10), // another series
      seedV3,
      withRulesetValue(seedV3, "bottleneck.recentRuns", 5),
      withRulesetValue(seedV3, "stability.bands.0.below", 0.05), // bands stay ordered (0.05 < 0.15)
    ];
    const together = replayMany(ds, rulesets, { detail: true });
    rulesets.forEach((rules, i) => {
      const alone = replay(ds, rules, { detail: true });
      expect(together[i]?.timelines.map((t) => t.points)).toEqual(alone.timelines.map((t) => t.points));
    });
    expect(together[0]?.timelines[0]?.statuses).not.toEqual(together[1]?.timelines[0]?.statuses);
  });

  it("does not modify the dataset or the ruleset", () => {
    const before = JSON.stringify(ds);
    const rulesBefore = JSON.stringify(defaultRules);
    replay(ds, defaultRules);
    expect(JSON.stringify(ds)).toBe(before);
    expect(JSON.stringify(defaultRules)).toBe(rulesBefore);
  });

  it("keeps only the requested missions", () => {
    expect(
      replay(ds, seedV3, { missions: ["M3"], detail: false }).timelines.map((t) => [t.missionId, t.points]),
    ).toEqual([["M3", undefined]]);
  });
});

describe("replay on worker threads", () => {
  it("gives the same backtest and sweep as the calling thread", async () => {
    const ds = randomDataset("parallel", [30, 25, 20, 18, 15, 12, 10, 9, 8]);
    const labels = readLabels(
      "mission_id,as_of,expected_status\nM1,M1-R20,WATCH\nM4,M4-R10,ON_TRACK\nM9,M9-R08,ATTENTION_REQUIRED\n",
      "l.csv",
      ds,
    );
    const alone = backtest(ds, labels, defaultRules);
    let progress = 0;
    const shared = await backtestParallel(ds, labels, defaultRules, {
      workers: 2,
      onMission: (done) => (progress = done),
    });
    expect(progress).toBe(9);
    expect(shared.metrics).toEqual(alone.metrics);
    expect(shared.disagreements).toEqual(alone.disagreements);
    expect(shared.timelines.map((t) => t.statuses)).toEqual(alone.timelines.map((t) => t.statuses));
    const params = [parseSweepParam("trend.alpha=0.05,0.2")];
    expect(await sweepParallel(ds, labels, defaultRules, params, { workers: 2 })).toEqual(
      sweep(ds, labels, defaultRules, params),
    );
    expect(await replayParallel(ds, [seedV3], { workers: 1, detail: true })).toEqual([replay(ds, seedV3)]);
  });
});
