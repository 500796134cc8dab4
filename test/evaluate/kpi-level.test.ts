/** The current level, unconfirmed excursions and the target met within the equivalence margin. */
import { describe, expect, it } from "vitest";
import {
  builtinRuleset,
  calendarPace,
  kpiExcursion,
  kpiLevel,
  levelMeetsTarget,
  type KpiSpec,
  type TrendAssessment,
} from "../../lib/src/index";

const rules = builtinRuleset("default");
const level = rules.level;
const lower: KpiSpec = {
  missionId: "M",
  kpi: "days",
  direction: "lower_is_better",
  target: 5,
  primary: true,
};

describe("levelMeetsTarget", () => {
  it("meets the target within 5 % of it (default), strictly under the latest-value rule", () => {
    expect(levelMeetsTarget(5.2, lower, level)).toBe(true); // 5.2 ≤ 5 + 0.25
    expect(levelMeetsTarget(5.3, lower, level)).toBe(false);
    const higher: KpiSpec = { ...lower, direction: "higher_is_better", target: 100 };
    expect(levelMeetsTarget(95.5, higher, level)).toBe(true); // ≥ 100 − 5
    expect(levelMeetsTarget(94, higher, level)).toBe(false);
    expect(levelMeetsTarget(5.2, lower, { method: "latest" })).toBe(false);
  });
});

describe("kpiExcursion", () => {
  it("names a last run far outside the others (Hampel, k = 5) as an unconfirmed excursion", () => {
    // Others 10, 12, 9, 11, 10, 13, 9: median 10, MAD 1 → scale 1.4826; (50 − 10)/1.4826 = 26.98.
    const x = kpiExcursion([10, 12, 9, 11, 10, 13, 9, 50], "lower_is_better", level, 6);
    expect(x?.direction).toBe("worse");
    expect(x?.median).toBe(10);
    expect(x?.scale).toBeCloseTo(1.4826, 10);
    expect(x?.score).toBeCloseTo(40 / 1.4826, 10);
  });

  it("is confirmed, not an excursion, when the run before stood out on the same side", () => {
    // 40 already stood out against 10, 12, 9, 11, 10, 13, 9 (score 20.2): a move under way.
    expect(kpiExcursion([10, 12, 9, 11, 10, 13, 9, 40, 50], "lower_is_better", level, 6)).toBeUndefined();
  });

  it("needs the fitted level rule and enough other runs", () => {
    expect(
      kpiExcursion([10, 12, 9, 11, 10, 13, 9, 50], "lower_is_better", { method: "latest" }, 6),
    ).toBeUndefined();
    expect(kpiExcursion([10, 12, 9, 50], "lower_is_better", level, 6)).toBeUndefined();
  });
});

describe("kpiLevel", () => {
  const flat: TrendAssessment = {
    label: "flat",
    method: "mann_kendall",
    n: 6,
    slopePerRun: 0,
    intercept: 10,
    description: "",
  };

  it("without a significant trend: the median of recent runs with the interval of a median", () => {
    const l = kpiLevel([10, 10.2, 9.8, 10.1, 9.9, 10], { ...lower, target: 10 }, flat, undefined, level);
    // Median 10; σ = 1.4826 · MAD = 0.14826; SE = 1.2533 σ / √6 = 0.075858; z(0.95) = 1.644854
    // (Python statistics.NormalDist) → 9.875224 to 10.124776.
    expect(l.method).toBe("recent_median");
    expect(l.value).toBe(10);
    expect(l.lower).toBeCloseTo(9.875224112649958, 9);
    expect(l.upper).toBeCloseTo(10.124775887350042, 9);
    expect(l.intervalWithinMargin).toBe(true); // within 10 ± 0.5
  });

  it("with too little history, the last run is the level", () => {
    const l = kpiLevel([12, 11, 10], lower, { ...flat, label: "insufficient_data", n: 3 }, undefined, level);
    expect(l).toMatchObject({ method: "latest", value: 10, lower: 10, upper: 10 });
  });
});

describe("calendarPace", () => {
  it("fits the slope against elapsed days, whatever the spacing of the runs", () => {
    const day = 86_400_000;
    // 10, 9, 8 at days 0, 1, 2, then 5 at day 5: exactly −1 per day.
    const t = [0, day, 2 * day, 5 * day];
    const p = calendarPace(
      [10, 9, 8, 5],
      t,
      { ...({} as TrendAssessment), label: "improving", method: "mann_kendall", n: 4, description: "" },
      0.95,
    );
    expect(p?.slopePerDay).toBe(-1);
    expect(p?.fittedAtLast).toBe(5);
    expect(p?.spanDays).toBe(5);
  });
});
