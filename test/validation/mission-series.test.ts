import { describe, expect, it } from "vitest";
import {
  buildLedger,
  coefficientOfVariation,
  createRng,
  inversionProbabilitiesByBoxes,
  mannKendall,
  mannKendallNullDistribution,
  median,
  MissionSeries,
  RunningMedian,
  senSlope,
  type LedgerEntry,
} from "../../lib/src/index";
import { defaultRules, randomDataset } from "./helpers";

describe("RunningMedian", () => {
  it("keeps the median of a growing and shrinking multiset", () => {
    const m = new RunningMedian();
    m.add(3);
    m.add(1);
    m.add(2);
    m.remove(3);
    expect(m.median()).toBe(1.5);
    expect(new RunningMedian().median()).toBe(0);
  });

  it("agrees with median() under random adds and removes, duplicates included", () => {
    const rng = createRng("median");
    const m = new RunningMedian();
    const held: number[] = [];
    for (let step = 0; step < 2000; step++) {
      if (held.length > 0 && rng.next() < 0.4) {
        const i = rng.int(0, held.length - 1);
        m.remove(held[i] as number);
        held.splice(i, 1);
      } else {
        const v = rng.int(0, 20) / 4;
        m.add(v);
        held.push(v);
      }
      expect(m.size).toBe(held.length);
      if (held.length > 0) expect(m.median()).toBe(median(held));
    }
    expect(() => new RunningMedian().remove(1)).toThrow(/not held/);
  });
});

describe("MissionSeries", () => {
  const ds = randomDataset("series", [60]);
  const entries = buildLedger(ds, defaultRules, Infinity).byMission.M1 as LedgerEntry[];

  it("reads whole-history figures like a direct computation", () => {
    const s = MissionSeries.of(entries);
    expect(s.length).toBe(entries.length);
    expect(s.total("humanInterventions")).toBe(entries.reduce((a, e) => a + e.humanInterventions, 0));
    expect(s.recentMean("escalations", 10)).toBe(
      entries.slice(-10).reduce((a, e) => a + e.escalations, 0) / 10,
    );
    expect(s.countSum("humanTouches", 5, 15)).toBe(
      entries.slice(5, 15).reduce((a, e) => a + e.humanTouches, 0),
    );
    expect(s.kpiCv()).toBeCloseTo(
      coefficientOfVariation(entries.flatMap((e) => (e.kpiValue === null ? [] : [e.kpiValue]))),
      12,
    );
    expect(s.durationCv()).toBeCloseTo(coefficientOfVariation(entries.map((e) => e.durationMinutes)), 12);
    const intervals = entries
      .slice(1)
      .map((e, i) => (e.startMs - (entries[i] as LedgerEntry).startMs) / 86_400_000);
    expect(s.medianIntervalDays()).toBe(median(intervals));
  });

  it("reaches the same state whatever the order entries arrive in", () => {
    const inOrder = MissionSeries.of(entries, { order: "start_time", topRunIds: 3 });
    const shuffled = new MissionSeries({
      order: "start_time",
      severityWeights: { low: 1, medium: 2, high: 3 },
      topRunIds: 3,
    });
    const rng = createRng("order");
    const pending = [...entries];
    while (pending.length > 0)
      shuffled.insert(pending.splice(rng.int(0, pending.length - 1), 1)[0] as LedgerEntry);
    expect(shuffled.entries).toEqual(inOrder.entries);
    for (const f of ["humanTouches", "approvalDelayMinutes", "riskWeight", "riskFlagged"] as const)
      expect(shuffled.total(f)).toBe(inOrder.total(f));
    expect(shuffled.kpiCv()).toBe(inOrder.kpiCv());
    expect(shuffled.medianIntervalDays()).toBe(inOrder.medianIntervalDays());
    // R59 carries no KPI value (every 9th run from the 5th); the default ruleset keeps such runs
    // in the ledger (runsWithoutKpi: include), so the three largest ids are R58, R59, R60.
    expect(shuffled.largestRunIds()).toEqual(["M1-R58", "M1-R59", "M1-R60"]);
  });

  it("updates running sums when an entry's risk changes", () => {
    const s = MissionSeries.of(entries);
    const first = entries[0] as LedgerEntry;
    s.replace({ ...first, riskWeight: first.riskWeight + 5 });
    expect(s.total("riskWeight")).toBe(entries.reduce((a, e) => a + e.riskWeight, 0) + 5);
    expect(() => s.replace({ ...first, runId: "nope" })).toThrow(/not in the series/);
  });
});

describe("Mann–Kendall null distribution by stride boxes", () => {
  it("matches the convolution algorithm at every index, tails included", () => {
    const rng = createRng("boxes");
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + rng.int(0, 70);
      const groups: number[] = [];
      for (let left = n; left > 0;) {
        const t = Math.min(left, rng.next() < 0.6 ? 1 : rng.int(2, 7));
        groups.push(t);
        left -= t;
      }
      const reference = mannKendallNullDistribution(groups).probabilities;
      const boxes = inversionProbabilitiesByBoxes(groups);
      expect(boxes.length).toBe(reference.length);
      // probabilities[i] is P(S = −P + 2i) = P(inv = P − i); boxes[k] = P(inv = k).
      reference.forEach((p, i) => {
        const q = boxes[reference.length - 1 - i] as number;
        expect(Math.abs(q - p) / p).toBeLessThan(1e-12);
      });
    }
    expect(Array.from(inversionProbabilitiesByBoxes([1, 1, 1]))).toEqual([1 / 6, 1 / 3, 1 / 3, 1 / 6]);
  });

  it("gives mannKendall the same p-values with a cache across calls", () => {
    const y = [3, 4, 4, 6, 5, 7, 7, 7, 9, 8, 10, 11];
    const first = mannKendall(y);
    expect(mannKendall([...y].reverse()).pValue).toBeCloseTo(first.pValue, 14);
    expect(mannKendall(y)).toEqual(first);
  });
});

describe("MissionSeries trend window", () => {
  it("gives exactly the Mann–Kendall, Sen and level of a fresh computation as it slides", () => {
    const rng = createRng("window");
    for (const [n, size, decimals] of [
      [150, 60, 1],
      [90, 20, 0],
      [40, 60, 2],
    ] as const) {
      const entries = buildLedger(randomDataset(`w${n}`, [n]), defaultRules, Infinity).byMission
        .M1 as LedgerEntry[];
      const series = new MissionSeries({
        order: "start_time",
        severityWeights: { low: 1, medium: 2, high: 3 },
        topRunIds: 0,
      });
      const f = 10 ** decimals;
      entries.forEach((e, i) => {
        series.append({ ...e, kpiValue: Math.round(((e.kpiValue as number) + rng.normal(0, 3)) * f) / f });
        if (i < 2) return;
        const window = series.kpiValues.slice(-size);
        const stats = series.trendStats(size, 0.9);
        const mk = mannKendall(window);
        const sen = senSlope(window, { ciLevel: 0.9 });
        expect(stats.mannKendall.s).toBe(mk.s);
        expect(stats.mannKendall.pValue).toBe(mk.pValue);
        expect(stats.mannKendall.method).toBe(mk.method);
        expect([stats.sen.slope, stats.sen.lower, stats.sen.upper, stats.sen.intercept]).toEqual([
          sen.slope,
          sen.lower,
          sen.upper,
          sen.intercept,
        ]);
        expect(stats.level).toBe(median(window.map(Math.abs)));
      });
    }
  });

  it("rebuilds the window when an entry lands inside it", () => {
    const entries = buildLedger(randomDataset("win-insert", [30]), defaultRules, Infinity).byMission
      .M1 as LedgerEntry[];
    const series = MissionSeries.of(entries.slice(0, 20));
    series.trendStats(10, 0.95);
    const late = entries[25] as LedgerEntry;
    series.insert({ ...late, startMs: (entries[15] as LedgerEntry).startMs + 1 }); // lands at index 16
    expect(series.trendStats(10, 0.95).mannKendall.s).toBe(mannKendall(series.kpiValues.slice(-10)).s);
    expect(series.trendStats(10, 0.95).sen.slope).toBe(senSlope(series.kpiValues.slice(-10)).slope);
  });
});
