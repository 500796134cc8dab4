/** The @example lines of the rule-validation and incremental-evaluation exports, checked. */
import { describe, expect, it } from "vitest";
import {
  assessAutonomyOf,
  assessBottlenecksOf,
  assessRiskOf,
  assessStabilityOf,
  assessTrend,
  BAND_GATES,
  buildLedger,
  type RunTaskStat,
  CheckpointSchema,
  datasetFromInline,
  fixed,
  formatEvidenceLine,
  frictionAveragesOf,
  LABEL_COLUMNS,
  labelInstants,
  mannKendallFromStatistic,
  MANN_KENDALL_NULL_CACHE_SIZE,
  memoized,
  metricsRulesKey,
  MISSION_EXPECTATIONS,
  missionHistories,
  MissionSeries,
  parseLabels,
  parseRuleTests,
  readLabels,
  RuleTestCaseSchema,
  RuleTestFileSchema,
  seriesConfig,
  seriesKey,
  seriesTaskIds,
  SlidingTrendWindow,
  stageKeys,
  STATUS_ORDER,
  SWEEP_MAX_POINTS,
  SWEEP_STATUS_COLUMNS,
  TIMELINE_MAX_COLUMNS,
  TIMELINE_MAX_MISSIONS,
  welford,
  withRulesetValue,
  type LedgerEntry,
} from "../../lib/src/index";
import { seedM002 } from "../evaluate/helpers";
import { defaultRules, seedV3 } from "./helpers";

describe("constants", () => {
  it("have the documented values", () => {
    expect(STATUS_ORDER[2]).toBe("ATTENTION_REQUIRED");
    expect(LABEL_COLUMNS.slice(0, 3)).toEqual(["mission_id", "as_of", "expected_status"]);
    expect(BAND_GATES.includes("gate_insufficient_data")).toBe(true);
    expect(MISSION_EXPECTATIONS.includes("confidence")).toBe(true);
    expect(SWEEP_MAX_POINTS).toBe(10000);
    expect(SWEEP_STATUS_COLUMNS[0]).toBe("precision_ON_TRACK");
    expect([TIMELINE_MAX_MISSIONS, TIMELINE_MAX_COLUMNS]).toEqual([30, 120]);
    expect(MANN_KENDALL_NULL_CACHE_SIZE).toBe(512);
  });
});

describe("schemas and parsing", () => {
  it("reads checkpoints, cases and files as documented", () => {
    expect(CheckpointSchema.parse({ health: "WATCH", fires: ["KPI_PLATEAU"] }).health).toBe("WATCH");
    expect(
      RuleTestCaseSchema.parse({ name: "x", history: "h", expect: { health: "WATCH" } }).expect,
    ).toHaveLength(1);
    expect(RuleTestFileSchema.safeParse({ cases: [] }).success).toBe(false);
    expect(() => parseRuleTests("cases: []\n", "t.yaml")).toThrow(/^t\.yaml:1: cases: Too small/);
    expect(
      parseLabels("mission_id,as_of,expected_status\nM1,2026-01-09,WATCH\n", "l.csv").rows[0]?.line,
    ).toBe(2);
    expect(fixed(0.8333)).toBe("0.83");
    expect(
      formatEvidenceLine({
        rule: "health_band",
        metric: "health_score",
        value: 71.2,
        comparison: "<",
        threshold: 80,
        runsConsidered: 12,
      }),
    ).toBe("health_score 71.2 < 80 (12 runs)");
  });

  it("gives label instants per mission", () => {
    const ds = datasetFromInline([
      { id: "M1", kpi: { name: "d", direction: "lower_is_better" }, values: [3, 2, 1, 1, 1] },
    ]);
    const labels = readLabels("mission_id,as_of,expected_status\nM1,2026-01-07,WATCH\n", "l.csv", ds);
    expect(labelInstants(labels).get("M1")).toEqual([Date.parse("2026-01-07T23:59:59.999Z")]);
    expect(missionHistories(ds).map((h) => h.runs.length)).toEqual([5]);
  });
});

describe("incremental evaluation", () => {
  const ds = datasetFromInline([seedM002]);
  const entries = buildLedger(ds, seedV3, Infinity).byMission.M002 as LedgerEntry[];
  const statsByRun = new Map<string, RunTaskStat[]>();
  for (const s of ds.runTaskStats) statsByRun.set(s.runId, [...(statsByRun.get(s.runId) ?? []), s]);

  it("reproduces the reference figures of seed M002 from a series", () => {
    const series = MissionSeries.of(
      entries,
      seriesConfig(seedV3),
      { statsByRun, taskIds: seriesTaskIds(seedV3, ds.tasks) },
      ds.riskEvents,
    );
    expect(seriesConfig(seedV3).topRunIds).toBe(3);
    expect(seriesTaskIds(seedV3, ds.tasks)).toEqual(["T4", "T5"]);
    expect(series.total("humanTouches")).toBe(4); // (1 + 0) + (2 + 1)
    expect(frictionAveragesOf(series, seedV3.friction).interventionsPerRun).toBe(1.5);
    expect(assessAutonomyOf(series, seedV3.autonomy).score).toBe(46);
    const trend = assessTrend([10, 8], "lower_is_better", seedV3.trend);
    expect(assessStabilityOf(series, seedV3.stability, trend).score).toBe(62);
    expect(assessRiskOf(series, seedV3).riskWeightSum).toBe(4); // low 1 + high 3
    expect(assessBottlenecksOf(series, ds.tasks, seedV3.bottleneck).top?.taskId).toBe("T5");
  });

  it("keys stages and series as documented", () => {
    const alpha = withRulesetValue(defaultRules, "trend.alpha", 0.1);
    expect(stageKeys(alpha).autonomy).toBe(stageKeys(defaultRules).autonomy);
    expect(stageKeys(alpha).trend).not.toBe(stageKeys(defaultRules).trend);
    expect(seriesKey(alpha)).toBe(seriesKey(defaultRules));
    expect(metricsRulesKey(withRulesetValue(defaultRules, "health.bands.watch", 60))).toBe(
      metricsRulesKey(defaultRules),
    );
    const memo = new Map<string, unknown>();
    const first = memoized(memo, "k", () => ({}));
    expect(memoized(memo, "k", () => ({}))).toBe(first);
    expect(memoized(undefined, "k", () => 1)).toBe(1);
  });

  it("slides a trend window and turns S and ties into Mann–Kendall", () => {
    const w = new SlidingTrendWindow(3);
    [1, 3, 2, 5].forEach((v) => w.push(v));
    expect(w.values).toEqual([3, 2, 5]);
    expect(w.mannKendall().s).toBe(1); // (2 − 3) < 0, (5 − 3) > 0, (5 − 2) > 0
    expect(mannKendallFromStatistic(4, -6, [1, 1, 1, 1]).pValue).toBeCloseTo(1 / 12, 14);
  });
});

describe("welford", () => {
  it("keeps running moments per prefix", () => {
    const s = [0];
    const m = [0];
    const q = [0];
    welford(s, m, q, 0, 2);
    welford(s, m, q, 1, 4);
    expect([s[2], m[2], (q[2] as number) / 2]).toEqual([6, 3, 1]);
  });
});
