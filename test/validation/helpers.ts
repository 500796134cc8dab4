/** Shared inline histories and helpers for the rule-validation tests. */
import {
  builtinRuleset,
  createRng,
  datasetFromInline,
  type Dataset,
  type InlineMission,
  type RiskEvent,
} from "../../lib/src/index";

export const defaultRules = builtinRuleset("default");
export const seedV3 = builtinRuleset("seed-v3");

/** A seeded random mission with `n` runs: KPI with a drift and ties, touches, tasks, risks. */
export function randomMission(id: string, n: number, seed: string, everyDays = 1): InlineMission {
  const rng = createRng(seed);
  const series = <T>(f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
  const drift = (rng.next() - 0.5) * 0.4;
  return {
    id,
    kpi: { name: "k", direction: "lower_is_better", baseline: 22, target: 12, targetDate: "2026-09-01" },
    // Four runs a day at 00:30, 06:30, 12:30 and 18:30 when everyDays = 0.25.
    start: "2026-01-05T00:30:00Z",
    everyDays,
    values: series((i) => (i % 9 === 4 ? null : Math.round((20 + drift * i + rng.normal(0, 1.5)) * 2) / 2)),
    interventions: series(() => rng.int(0, 2)),
    escalations: series((i) => (rng.next() < 0.1 + i / (3 * n) ? 1 : 0)),
    durations: series(() => 40 + rng.int(0, 40)),
    riskFlagged: series(() => rng.next() < 0.2),
    tasks: [
      { id: "T1", estimate: 10, actual: series(() => 8 + rng.int(0, 5)) },
      {
        id: "T2",
        estimate: 5,
        approval: true,
        delay: series(() => (rng.next() < 0.4 ? rng.int(1, 10) : 0)),
        risk: series(() =>
          rng.next() < 0.15 ? ((["low", "medium", "high"] as const)[rng.int(0, 2)] ?? null) : null,
        ),
      },
    ],
  };
}

/** A dataset of random missions where some risk events are detected days after their run. */
export function randomDataset(seed: string, sizes: readonly number[], everyDays = 1): Dataset {
  const ds = datasetFromInline(sizes.map((n, i) => randomMission(`M${i + 1}`, n, `${seed}-${i}`, everyDays)));
  const rng = createRng(`${seed}-late`);
  const riskEvents: RiskEvent[] = ds.riskEvents.map((e) => {
    if (rng.next() >= 0.3) return e;
    const detectedMs = e.detectedMs + rng.int(1, 4) * 86_400_000;
    return { ...e, detectedMs, detectedAt: new Date(detectedMs).toISOString() };
  });
  return { ...ds, riskEvents };
}
