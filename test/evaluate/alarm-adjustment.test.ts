/** The multiplicity stage: q-values per family of alarm tests across the portfolio's missions. */
import { describe, expect, it } from "vitest";
import {
  adjustAlarms,
  builtinRuleset,
  datasetFromInline,
  evaluate,
  trendAlarmP,
  type MissionMetrics,
} from "../../lib/src/index";

const rules = builtinRuleset("default");

/** Metrics carrying only what the adjustment reads. */
function metrics(id: string, trendP: number | undefined, touchP: number | undefined): MissionMetrics {
  return {
    missionId: id,
    trend: {
      label: "no_clear_trend",
      method: "mann_kendall",
      n: 30,
      ...(trendP !== undefined ? { mannKendall: { s: 0, pValue: trendP, method: "normal" } } : {}),
      description: "",
    },
    autonomy: {
      score: 80,
      regression: false,
      touchDirection: "steady",
      description: "",
      ...(touchP !== undefined ? { pValue: touchP } : {}),
    },
  } as unknown as MissionMetrics;
}

describe("adjustAlarms", () => {
  it("gives Benjamini–Hochberg q-values per family (trend tests; touch tests), worked by hand", () => {
    // Trend p 0.01, 0.04 (m = 2): q = min(0.01·2/1, 0.04·2/2) = 0.02 and 0.04.
    // Touch p 0.03, 0.5: q = min(0.03·2/1, 0.5) = 0.06 and 0.5. The third mission has no tests.
    const out = adjustAlarms(
      [metrics("A", 0.01, 0.03), metrics("B", 0.04, 0.5), metrics("C", undefined, undefined)],
      rules,
    );
    expect(out[0]!.alarmQ).toMatchObject({ method: "bh", q: 0.05, trendTests: 2, touchTests: 2 });
    expect(out[0]!.alarmQ!.trend).toBeCloseTo(0.02, 12);
    expect(out[1]!.alarmQ!.trend).toBeCloseTo(0.04, 12);
    expect(out[0]!.alarmQ!.touches).toBeCloseTo(0.06, 12);
    expect(out[1]!.alarmQ!.touches).toBeCloseTo(0.5, 12);
    expect(out[2]!.alarmQ!.trend).toBeUndefined();
  });

  it("leaves metrics alone without an adjustment, and never modifies its input", () => {
    const input = [metrics("A", 0.01, 0.03)];
    const frozen = JSON.stringify(input);
    expect(adjustAlarms(input, { ...rules, multiplicity: { method: "none", q: 0.05 } })[0]).toBe(input[0]);
    adjustAlarms(input, rules);
    expect(JSON.stringify(input)).toBe(frozen);
  });

  it("reads a level shift's p-value before the Mann–Kendall one", () => {
    const t = metrics("A", 0.2, undefined).trend;
    expect(trendAlarmP(t)).toBe(0.2);
    expect(
      trendAlarmP({
        ...t,
        levelShift: { index: 10, before: 10, after: 12, pValue: 0.001, direction: "worse" },
      }),
    ).toBe(0.001);
  });

  it("adding healthy missions does not make a worsening mission's alarm easier to raise", () => {
    // One mission worsening by 1 % a run with small noise, alone and beside 9 flat missions.
    const worse = (id: string) => ({
      id,
      kpi: { name: "d", direction: "lower_is_better" as const, baseline: 10, target: 8 },
      values: Array.from({ length: 30 }, (_, i) => 10 * (1 + 0.01 * i) + (i % 3) * 0.05),
    });
    const flat = (id: string) => ({
      id,
      kpi: { name: "d", direction: "lower_is_better" as const, baseline: 10, target: 8 },
      values: Array.from({ length: 30 }, (_, i) => 8 + ((i * 7) % 5) * 0.02),
    });
    const alone = evaluate(datasetFromInline([worse("W")]), rules).portfolio.missions[0]!;
    const many = evaluate(
      datasetFromInline([worse("W"), ...Array.from({ length: 9 }, (_, k) => flat(`F${k}`))]),
      rules,
    );
    const w = many.portfolio.missions.find((m) => m.missionId === "W")!;
    expect(w.metrics.alarmQ!.trend!).toBeGreaterThanOrEqual(alone.metrics.alarmQ!.trend!);
    expect(w.metrics.alarmQ!.trendTests).toBe(10);
  });
});
