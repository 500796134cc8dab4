/**
 * The calibration simulator's building blocks against their parameters, over long seeded series.
 * Tolerances are about four standard errors, derived by hand:
 * - AR(1), n = 20 000: SE of the lag-1 autocorrelation ≈ √((1 − φ²)/n) (0.0061 at φ 0.5, 0.0042 at
 *   0.8); relative SE of the sample SD ≈ √((1 + φ²) / (2n(1 − φ²))) (0.65 % at 0.5, 1.1 % at 0.8).
 * - Counts, n = 50 000: NB mean 1, variance 2.5 (shape k = 2/3, p = 0.4) has excess kurtosis
 *   6/k + p²/(k(1 − p)) = 9.4, so SE(s²) ≈ √((μ₄ − σ⁴)/n) = √(71.25/n) ≈ 0.038; Poisson(1): √(3/n) ≈ 0.0077.
 * - Missing share 0.05 over 20 000 runs: SE = √(0.05·0.95/n) ≈ 0.0015.
 * - Exponential gaps of mean 1 day, n = 20 000: SE = 1/√n ≈ 0.0071.
 */
import { describe, expect, it } from "vitest";
import { countDraw, exponentialDraw, gammaDraw } from "../../lib/src/calibrate/draws";
import { HEALTHY_TASKS, type MissionModel } from "../../lib/src/calibrate/mission-model";
import { ar1Noise, kpiValues, runStartDays, touchCounts } from "../../lib/src/calibrate/series";
import { simulateDataset, simulateMission, SIMULATED_KPI } from "../../lib/src/calibrate/simulate-dataset";
import { BUNCHED_DAYS } from "../../lib/src/calibrate/scenarios";
import { createRng } from "../../lib/src/stats/random";

function meanOf(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}
function varianceOf(xs: readonly number[]): number {
  const m = meanOf(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}
function lag1(xs: readonly number[]): number {
  const m = meanOf(xs);
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    den += ((xs[i] as number) - m) ** 2;
    if (i > 0) num += ((xs[i] as number) - m) * ((xs[i - 1] as number) - m);
  }
  return num / den;
}

const MODEL: MissionModel = {
  runs: 30,
  kpi: { direction: "lower_is_better", level: 80, target: 100, noise: { sd: 0.1 } },
  spacing: { kind: "daily" },
  touches: { mean: 0.3, escalationShare: 0.3 },
  tasks: HEALTHY_TASKS,
};

describe("AR(1) noise", () => {
  it.each([
    [0.5, 0.03, 0.03],
    [0.8, 0.02, 0.05],
    [0, 0.03, 0.03],
  ])("phi %f: lag-1 autocorrelation and marginal SD match (n = 20 000)", (phi, corrTol, sdTol) => {
    const e = ar1Noise(createRng(`ar1-${phi}`), 20_000, phi, 0.1);
    expect(Math.abs(lag1(e) - phi)).toBeLessThan(corrTol);
    expect(Math.abs(Math.sqrt(varianceOf(e)) / 0.1 - 1)).toBeLessThan(sdTol);
    expect(Math.abs(meanOf(e))).toBeLessThan(0.01);
  });

  it("rejects phi outside (−1, 1) and negative SD", () => {
    expect(() => ar1Noise(createRng(1), 5, 1, 0.1)).toThrow(RangeError);
    expect(() => ar1Noise(createRng(1), 5, 0.5, -1)).toThrow(RangeError);
  });
});

describe("count draws", () => {
  it("negative binomial: mean 1, variance/mean 2.5 (n = 50 000)", () => {
    const rng = createRng("nb");
    const xs = Array.from({ length: 50_000 }, () => countDraw(rng, 1, 2.5));
    expect(Math.abs(meanOf(xs) - 1)).toBeLessThan(0.03);
    expect(Math.abs(varianceOf(xs) / meanOf(xs) - 2.5)).toBeLessThan(0.2);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
  });

  it("Poisson (ratio 1): variance/mean 1 (n = 50 000)", () => {
    const rng = createRng("poisson");
    const xs = Array.from({ length: 50_000 }, () => countDraw(rng, 1));
    expect(Math.abs(varianceOf(xs) / meanOf(xs) - 1)).toBeLessThan(0.04);
  });

  it("gamma: mean shape·scale and variance shape·scale², below and above shape 1", () => {
    for (const shape of [0.5, 3]) {
      const rng = createRng(`gamma-${shape}`);
      const xs = Array.from({ length: 50_000 }, () => gammaDraw(rng, shape, 2));
      // SE of the mean √(k·θ²/n): 0.0063 (k 0.5), 0.0155 (k 3); variance within ~5 SE of k·θ².
      expect(Math.abs(meanOf(xs) - 2 * shape)).toBeLessThan(0.07);
      expect(Math.abs(varianceOf(xs) / (4 * shape) - 1)).toBeLessThan(0.08);
    }
  });

  it("exponential gaps: mean as given", () => {
    const rng = createRng("exp");
    const xs = Array.from({ length: 20_000 }, () => exponentialDraw(rng, 1));
    expect(Math.abs(meanOf(xs) - 1)).toBeLessThan(0.03);
  });

  it("rejects a variance ratio below 1 and a negative mean", () => {
    expect(() => countDraw(createRng(1), 1, 0.5)).toThrow(RangeError);
    expect(() => countDraw(createRng(1), -1)).toThrow(RangeError);
  });
});

describe("series", () => {
  it("missing KPI values: the share is as given (20 000 runs)", () => {
    const days = Array.from({ length: 20_000 }, (_, i) => i);
    const v = kpiValues(createRng("missing"), { ...MODEL.kpi, missingShare: 0.05 }, days);
    const share = v.filter((x) => x === null).length / v.length;
    expect(Math.abs(share - 0.05)).toBeLessThan(0.006);
  });

  it("noise-free values follow level, step, trend per run or per day, and the last-run excursion", () => {
    const k = { direction: "lower_is_better", level: 10, noise: { sd: 0 } } as const;
    const rng = createRng("exact");
    expect(kpiValues(rng, { ...k, step: { atRun: 2, level: 7 } }, [0, 1, 2, 3])).toEqual([10, 10, 7, 7]);
    expect(kpiValues(rng, { ...k, trend: { per: "run", slope: -0.1 } }, [0, 5, 6])).toEqual([10, 9, 8]);
    const perDay = kpiValues(rng, { ...k, trend: { per: "day", slope: -0.01 } }, [0, 10, 30]);
    perDay.forEach((v, i) => expect(v).toBeCloseTo([10, 9, 7][i] as number, 12));
    expect(kpiValues(rng, { ...k, excursion: { factor: 5 } }, [0, 1, 2])).toEqual([10, 10, 50]);
  });

  it("run start offsets: daily, irregular (exponential gaps), explicit", () => {
    expect(runStartDays(createRng(1), { kind: "daily" }, 4)).toEqual([0, 1, 2, 3]);
    const irregular = runStartDays(createRng("gaps"), { kind: "irregular", meanDays: 2 }, 20_000);
    const gaps = irregular.slice(1).map((d, i) => d - (irregular[i] as number));
    expect(gaps.every((g) => g >= 0)).toBe(true);
    expect(Math.abs(meanOf(gaps) / 2 - 1)).toBeLessThan(0.03);
    expect(runStartDays(createRng(1), { kind: "explicit", days: [5, 5.5, 9] }, 3)).toEqual([0, 0.5, 4]);
    expect(() => runStartDays(createRng(1), { kind: "explicit", days: [1, 0] }, 2)).toThrow(RangeError);
    expect(() => runStartDays(createRng(1), { kind: "explicit", days: [0, 1] }, 3)).toThrow(RangeError);
  });

  it("touches: rate change at the given run, escalation share", () => {
    const n = 20_000;
    const t = touchCounts(
      createRng("touch"),
      { mean: 1, change: { atRun: n / 2, mean: 2 }, escalationShare: 0.3 },
      n,
    );
    const total = t.interventions.map((x, i) => x + (t.escalations[i] as number));
    // SE of each half's mean: √(λ / 10 000) ≤ 0.014.
    expect(Math.abs(meanOf(total.slice(0, n / 2)) - 1)).toBeLessThan(0.06);
    expect(Math.abs(meanOf(total.slice(n / 2)) - 2)).toBeLessThan(0.06);
    const share = meanOf(t.escalations) / meanOf(total);
    expect(Math.abs(share - 0.3)).toBeLessThan(0.02);
  });
});

describe("simulated missions and datasets", () => {
  it("bunched runs start exactly at the given offsets", () => {
    const sim = simulateMission(
      createRng("bunched"),
      { ...MODEL, spacing: { kind: "explicit", days: BUNCHED_DAYS } },
      "M1",
    );
    const first = sim.runs[0]!.startMs;
    expect(sim.runs.length).toBe(20);
    sim.runs.forEach((r, i) =>
      expect(r.startMs - first).toBe(Math.round((BUNCHED_DAYS[i] as number) * 86_400_000)),
    );
    expect(sim.runs[9]!.startMs - first).toBeLessThan(86_400_000);
    expect(sim.runs[10]!.startMs - sim.runs[9]!.startMs).toBe(30 * 86_400_000);
  });

  it("a healthy mission: 2–4 tasks, small even friction, clean governance, no risk", () => {
    const sim = simulateMission(createRng("healthy"), MODEL, "M1");
    expect(sim.tasks.length).toBeGreaterThanOrEqual(2);
    expect(sim.tasks.length).toBeLessThanOrEqual(4);
    expect(sim.stats.length).toBe(sim.tasks.length * 30);
    expect(sim.riskEvents).toEqual([]);
    expect(sim.runs.every((r) => !r.riskFlagged && r.status === "completed")).toBe(true);
    expect(sim.mission.businessOwner && sim.mission.aiRole && sim.mission.escalationPath).toBeTruthy();
    const delays = sim.stats.filter((s) => s.approvalRequiredCount > 0).map((s) => s.humanDelayMinutes);
    expect(meanOf(delays)).toBeLessThan(3);
    expect(sim.runs.every((r) => r.endMs > r.startMs && typeof r.kpis[SIMULATED_KPI] === "number")).toBe(
      true,
    );
  });

  it("a dataset is deterministic, sorted by start, aligned with its task table, and leaves its models alone", () => {
    const model = structuredClone({ ...MODEL, spacing: { kind: "irregular", meanDays: 1 } }) as MissionModel;
    const frozen = JSON.stringify(model);
    const a = simulateDataset([model, model, model], createRng("ds"));
    const b = simulateDataset([model, model, model], createRng("ds"));
    expect(JSON.stringify(model)).toBe(frozen);
    expect(JSON.stringify(a.runs)).toBe(JSON.stringify(b.runs));
    expect(a.source.fingerprint).toBe(b.source.fingerprint);
    expect(a.missions.map((m) => m.missionId)).toEqual(["M0001", "M0002", "M0003"]);
    expect(new Set(a.runs.map((r) => r.runId)).size).toBe(90);
    for (let i = 1; i < a.runs.length; i++)
      expect(a.runs[i]!.startMs).toBeGreaterThanOrEqual(a.runs[i - 1]!.startMs);
    expect(a.runTaskStats.alignedWith(a.runs)).toBe(true);
    expect(a.taskExecutionCount).toBe(a.runTaskStats.length);
    expect(a.kpis.every((k) => k.primary && k.target === 100)).toBe(true);
    // A mission's stream does not depend on the others: the first mission alone is the same.
    const alone = simulateDataset([model], createRng("ds"));
    expect(JSON.stringify(alone.runs)).toBe(JSON.stringify(a.runs.filter((r) => r.missionId === "M0001")));
  });
});
