import { describe, expect, it } from "vitest";
import {
  createRng,
  datasetFromInline,
  evaluate,
  runTaskStatTableFrom,
  summarizeEvaluation,
  type Dataset,
  type InlineMission,
} from "../../lib/src/index";
import { defaultRules, seedM002, seedV3 } from "./helpers";

const improving: InlineMission = {
  id: "A",
  name: "Improving",
  owner: "Ops",
  aiRole: "recommend",
  escalationPath: "Ops lead",
  kpi: { name: "days", direction: "lower_is_better", baseline: 22, target: 5 },
  values: [20, 19, 18.5, 17, 16.2, 15, 14.1, 13, 12.4, 11, 10.2, 9],
  interventions: [2, 2, 1, 2, 1, 1, 1, 0, 1, 0, 0, 0],
  tasks: [
    { id: "T1", estimate: 10, actual: 11 },
    { id: "T2", estimate: 5, approval: true, delay: [6, 6, 5, 7, 6, 6, 5, 6, 7, 6, 6, 6] },
  ],
};
const dependent: InlineMission = {
  id: "B",
  name: "Dependent",
  kpi: { name: "days", direction: "lower_is_better", baseline: 30, target: 10 },
  values: [28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17],
  interventions: [0, 0, 1, 0, 1, 1, 1, 2, 2, 3, 3, 2],
  escalations: [0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 2, 1],
};
const portfolio = () => datasetFromInline([improving, dependent, seedM002]);

function shuffled<T>(items: readonly T[], seed: string): T[] {
  const rng = createRng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe("evaluate — properties", () => {
  it("does not depend on the order of input rows", () => {
    const ds = portfolio();
    const runs = shuffled(ds.runs, "r");
    const reordered: Dataset = {
      ...ds,
      missions: shuffled(ds.missions, "m"),
      kpis: shuffled(ds.kpis, "k"),
      tasks: shuffled(ds.tasks, "t"),
      runs,
      runTaskStats: runTaskStatTableFrom(shuffled(ds.runTaskStats.toArray(), "s"), runs),
      riskEvents: shuffled(ds.riskEvents, "e"),
    };
    for (const rules of [defaultRules, seedV3]) {
      expect(summarizeEvaluation(evaluate(reordered, rules))).toEqual(
        summarizeEvaluation(evaluate(ds, rules)),
      );
    }
  });

  it("does not mutate its inputs", () => {
    const ds = deepFreeze(portfolio());
    const before = JSON.stringify(ds);
    const rules = deepFreeze(structuredClone(defaultRules));
    expect(() => evaluate(ds, rules)).not.toThrow();
    expect(JSON.stringify(ds)).toBe(before);
  });

  it("mirrors improving and worsening when the KPI's direction is reversed", () => {
    const up = evaluate(datasetFromInline([improving]), defaultRules).metrics[0];
    const flipped = evaluate(
      datasetFromInline([
        { ...improving, kpi: { ...improving.kpi, direction: "higher_is_better", target: 30 } },
      ]),
      defaultRules,
    ).metrics[0];
    expect(up?.trend.label).toBe("improving");
    expect(flipped?.trend.label).toBe("worsening");
    expect(flipped?.trend.relativeChange).toBeCloseTo(-(up?.trend.relativeChange ?? 0), 12);
  });

  it("ignores runs after asOf: adding one changes nothing", () => {
    const asOf = "2026-01-16";
    const base = evaluate(portfolio(), defaultRules, { asOf });
    const longer = datasetFromInline([
      { ...improving, values: [...improving.values, 99, 98] },
      dependent,
      seedM002,
    ]);
    // Only the input fingerprint differs: the files are not the same.
    const { inputFingerprint: _a, ...later } = summarizeEvaluation(evaluate(longer, defaultRules, { asOf }));
    const { inputFingerprint: _b, ...earlier } = summarizeEvaluation(base);
    expect(later).toEqual(earlier);
    // M002's two runs start in February: after the as-of date in both; the two added runs too.
    expect(base.ledger.ignoredAfterAsOf).toBe(2);
    expect(evaluate(longer, defaultRules, { asOf }).ledger.ignoredAfterAsOf).toBe(4);
  });

  it("is deterministic: the same inputs give the same result", () => {
    expect(JSON.stringify(evaluate(portfolio(), defaultRules))).toBe(
      JSON.stringify(evaluate(portfolio(), defaultRules)),
    );
  });

  it("rejects an as-of without a zone, and an impossible day", () => {
    expect(() => evaluate(portfolio(), defaultRules, { asOf: "2026-01-10T12:00:00" })).toThrow(/zone/);
    expect(() => evaluate(portfolio(), defaultRules, { asOf: "2026-02-30" })).toThrow(
      /no such calendar date/,
    );
  });

  it("caps a mission with an open high-severity risk event at WATCH, and not once it is closed or mitigated", () => {
    const ds = datasetFromInline([
      {
        id: "R",
        owner: "Ops",
        aiRole: "recommend",
        escalationPath: "Lead",
        kpi: { name: "d", direction: "lower_is_better", baseline: 20, target: 8 },
        values: [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9],
        tasks: [
          {
            id: "T1",
            estimate: 10,
            risk: [null, null, null, null, null, null, null, null, null, null, "high", null],
          },
        ],
      },
    ]);
    const open = evaluate(ds, defaultRules).portfolio.missions[0]!;
    expect(open.triggers.map((t) => t.id)).toContain("OPEN_HIGH_RISK");
    expect(open.health).toBe("WATCH");
    expect(open.metrics.risk.openHighRiskEvents).toHaveLength(1);
    for (const status of ["closed", "mitigated"] as const) {
      const later = { ...ds, riskEvents: ds.riskEvents.map((e) => ({ ...e, status })) };
      const m = evaluate(later, defaultRules).portfolio.missions[0]!;
      expect(m.triggers.map((t) => t.id)).not.toContain("OPEN_HIGH_RISK");
      expect(m.health).toBe("ON_TRACK");
    }
  });

  it("lists a mission with no run by the as-of date as not started, and does not score it", () => {
    const ds = datasetFromInline([
      { id: "OLD", kpi: { name: "d", direction: "lower_is_better" }, values: [10, 9, 8, 7, 6, 5] },
      {
        id: "NEW",
        start: "2026-03-01T09:00:00Z",
        kpi: { name: "d", direction: "lower_is_better" },
        values: [4, 3],
      },
    ]);
    const r = evaluate(ds, defaultRules, { asOf: "2026-02-01" });
    expect(r.portfolio.notStarted).toEqual([{ missionId: "NEW", missionName: "NEW" }]);
    expect(r.portfolio.missions.map((m) => m.missionId)).toEqual(["OLD"]);
  });

  it("states in every evidence item the comparison that held, with a numeric threshold", () => {
    // 12 runs of a noisy plateau far from target: TARGET_GAP_PERSISTING fires on no clear trend,
    // and its Mann–Kendall evidence says p > 0.05 (not "≤ alpha").
    const ds = datasetFromInline([
      {
        id: "P",
        kpi: { name: "d", direction: "lower_is_better", baseline: 20, target: 5 },
        values: [16, 15, 17, 15.5, 16.5, 15, 17, 16, 15, 16.5, 17, 15.5],
      },
    ]);
    const m = evaluate(ds, defaultRules).portfolio.missions[0]!;
    const gap = m.triggers.find((t) => t.id === "TARGET_GAP_PERSISTING");
    const p = gap?.evidence.find((e) => e.metric === "mann_kendall_p_value");
    expect(p).toMatchObject({ comparison: ">", threshold: 0.05 });
    for (const t of m.triggers)
      for (const e of t.evidence)
        expect(typeof e.threshold === "string" && /alpha|min relative/.test(e.threshold)).toBe(false);
  });
});

describe("evaluate — stories under the default ruleset", () => {
  const result = evaluate(portfolio(), defaultRules);
  const byId = new Map(result.portfolio.missions.map((m) => [m.missionId, m]));

  it("sees autonomy regression in a mission whose KPI improves while touches rise", () => {
    const b = byId.get("B");
    expect(b?.metrics.trend.label).toBe("improving");
    expect(b?.triggers.map((t) => t.id)).toContain("AUTONOMY_REGRESSION");
    expect(b?.health).not.toBe("ON_TRACK");
  });

  it("names the primary driver with its evidence and a concrete action", () => {
    const d = result.portfolio.primaryDriver;
    expect(d?.trigger).toBe("AUTONOMY_REGRESSION");
    expect(d?.missionId).toBe("B");
    expect(d?.evidence.some((e) => e.metric === "rank_sum_p_value_rising")).toBe(true);
    expect(result.portfolio.recommendedAction).toContain("Dependent");
  });

  it("reports governance gaps and never overstates confidence", () => {
    expect(result.portfolio.governance.map((g) => `${g.missionId}:${g.field}`)).toContain("B:businessOwner");
    expect(byId.get("A")?.governance).toEqual([]);
    // M002 has 2 runs: LOW; it is listed apart and does not lower the portfolio's confidence.
    expect(byId.get("M002")?.confidence.level).toBe("LOW");
    expect(result.portfolio.limitedHistory.map((m) => m.missionId)).toContain("M002");
    expect(result.portfolio.confidence.reasons.some((r) => r.includes("too little history"))).toBe(true);
  });

  it("echoes the ruleset id and version", () => {
    expect(result.ruleset).toEqual({ id: "default", version: defaultRules.version });
  });
});
