import { beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_BRIEF_TITLE,
  briefCharts,
  buildBriefModel,
  formatKpiValue,
  formatPercent,
  formatScore,
  healthBandsFromEvidence,
  kpiDecimals,
  kpiLabel,
  kpiText,
  resolveBriefOptions,
  senSlope,
  trendLineOnRuns,
  unitSymbol,
  weakestFirst,
  type BriefModel,
  type EvaluationResult,
  type TrendAssessment,
} from "../../lib/src/index";
import { demo, seed, seedDir, seedPresent, type Evaluated } from "./brief-fixtures";

if (!seedPresent) console.warn(`skipping the seed-portfolio brief-model tests: ${seedDir} is absent`);

describe("formatting helpers", () => {
  it("match their documented examples", () => {
    expect(formatPercent(73.3333)).toBe("73.33 %");
    expect(formatPercent(-17.084)).toBe("17.08 %");
    expect(formatScore(61.4)).toBe("61");
    expect(kpiDecimals([12, 4, 5.2, 3.2])).toBe(1);
    expect(kpiDecimals([14, 5, 7.45])).toBe(2);
    expect(kpiDecimals([240, 30, 25])).toBe(0);
    expect(unitSymbol("hours")).toBe("h");
    expect(unitSymbol("pct")).toBe("%");
    expect(unitSymbol("days")).toBe("days");
    expect(unitSymbol(undefined)).toBe("");
    expect(formatKpiValue(12, 1, "hours")).toBe("12.0 h");
    expect(formatKpiValue(-3, 0)).toBe("−3");
    expect(kpiLabel("resolution_time_hours")).toBe("resolution time");
    expect(kpiLabel("first_pass_match_rate_pct")).toBe("first pass match rate");
    expect(kpiLabel("onboarding_days")).toBe("onboarding time");
    expect(kpiLabel("csat")).toBe("csat");
  });

  it("words KPI figures with separate labels, never mixing baseline and first run", () => {
    const t = kpiText(
      {
        kpi: "resolution_time_hours",
        unit: "hours",
        direction: "lower_is_better",
        baseline: 12,
        target: 4,
        first: 5.2,
        latest: 3.2,
        improvementFromBaselinePct: 73.33,
        changeSinceFirstRunPct: 38.46,
        remainingGapToTargetPct: 0,
        targetMet: true,
      },
      3,
    );
    expect(t.sentence).toBe(
      "resolution time 12.0 h baseline → 3.2 h latest: 73.33 % better than baseline; " +
        "38.46 % better than the first observed run (5.2 h); target 4.0 h met.",
    );
    expect(t.figures.map((f) => f.label)).toEqual(["vs baseline", "vs first observed run", "gap to target"]);
    const worse = kpiText(
      {
        kpi: "rate_pct",
        unit: "%",
        direction: "higher_is_better",
        baseline: 72,
        target: 92,
        first: 71.8,
        latest: 59.7,
        improvementFromBaselinePct: -17.08,
        changeSinceFirstRunPct: -16.85,
        remainingGapToTargetPct: 35.11,
        targetMet: false,
      },
      28,
    );
    expect(worse.sentence).toBe(
      "rate 72.0 % baseline → 59.7 % latest: 17.08 % worse than baseline; 16.85 % worse than the first " +
        "observed run (71.8 %); 35.11 % away from the target (92.0 %).",
    );
  });

  it("maps the evaluator's window-based trend line onto the chart's run index", () => {
    const trend = { intercept: 10, slopePerRun: -1, n: 3 } as unknown as TrendAssessment;
    expect(trendLineOnRuns(trend, 5)).toEqual({
      from: { runIndex: 3, value: 10 },
      to: { runIndex: 5, value: 8 },
    });
    expect(trendLineOnRuns({ label: "insufficient_data", n: 2 } as unknown as TrendAssessment, 2)).toBeNull();
  });
});

describe("brief model of the demo portfolio", () => {
  let demoData: Evaluated;
  let model: BriefModel;
  beforeAll(async () => {
    demoData = await demo();
    model = buildBriefModel(demoData.result, { healthBands: demoData.rules.health.bands });
  });

  it("states the verdict, the primary issue, confidence and its basis", () => {
    expect(model.title).toBe(DEFAULT_BRIEF_TITLE);
    expect(DEFAULT_BRIEF_TITLE).toBe("AI mission portfolio — executive brief");
    expect(model.verdict.band).toBe("ATTENTION_REQUIRED");
    expect(model.verdict.sentence).toBe(demoData.result.portfolio.interpretation);
    // The primary issue comes from the worst band first: invoice-processing is ATTENTION_REQUIRED
    // with a high-severity worsening trend (sales-pipeline's autonomy regression is in a WATCH mission).
    expect(model.primaryIssue.headline).toBe(
      "KPI worsening in Accounts-payable invoice processing (invoice-processing)",
    );
    expect(model.primaryIssue.evidence).toEqual([
      "trend worsening = worsening (over 28 runs)",
      "mann kendall p value < 0.0001, threshold ≤ 0.05 (over 28 runs)",
      "abs relative change 0.21 ≥ 0.05 (over 28 runs)",
      "q value bh of 5 trend tests < 0.0001, threshold ≤ 0.05 (over 28 runs)",
    ]);
    // Confidence in the verdict and driver; the two-run KYC mission is named apart, not the headline.
    expect(model.primaryIssue.confidence.level).toBe("HIGH");
    expect(model.primaryIssue.confidence.reasons[0]).toContain("KYC review for new business accounts");
    expect(model.primaryIssue.basis.map((f) => f.label)).toEqual(["As of", "Ruleset", "Generated"]);
    expect(model.generated).toBe("2026-03-06 11:47 UTC"); // the as-of instant, not the clock
  });

  it("orders missions weakest first and keeps too-little-data missions honest", () => {
    expect(model.missionTable.rows.map((r) => r.missionId)).toEqual([
      "invoice-processing",
      "support-resolution",
      "kyc-review",
      "sales-pipeline",
      "onboarding-time",
      "support-triage",
    ]);
    const kyc = model.missionTable.rows.find((r) => r.missionId === "kyc-review")!;
    expect(kyc.trend).toBe("too little data (2 runs)");
    expect(kyc.trajectory).toBe("not projected");
    const kycDetail = model.missionDetails.missions.find((m) => m.missionId === "kyc-review")!;
    const kycKpi = kycDetail.charts.find((c) => c.kind === "kpi-trend")!;
    expect(kycKpi.caption).toContain("too little data for a trend: no line drawn.");
    expect(JSON.stringify(kycKpi.spec)).not.toContain('strokeDash":[2,3]'); // no trend layer
    expect(model.proof.items.map((i) => i.missionId)).not.toContain("kyc-review");
  });

  it("lists proof only for improving or target-met missions, with labelled figures", () => {
    expect(model.proof.items.map((i) => i.missionId)).toEqual([
      "sales-pipeline",
      "onboarding-time",
      "support-triage",
    ]);
    const triage = model.proof.items.find((i) => i.missionId === "support-triage")!;
    expect(triage.why).toBe("improving, target met");
    expect(triage.sentence).toMatch(
      // Versus the baseline on the current level (the trend line at the last run, about 10.2 min,
      // anchored on the last 10 runs), not the last run: (240 − 10.2)/240 = 95.75 %.
      /^first response time 240 min baseline → 10 min now \(fitted level; latest run 25 min\): 95\.75 % better than baseline; /,
    );
  });

  it("names the focus area, autonomy, the trajectory and governance gaps", () => {
    expect(model.focus.missionName).toBe("Accounts-payable invoice processing");
    expect(model.focus.task).toBe("Three-way match to PO and receipt (match-po)");
    expect(model.focus.driver).toBe("persistent mixed causes");
    expect(model.autonomy.average).toBe("56");
    expect(model.autonomy.touchGroups[0]?.direction).toBe("Rising");
    expect(model.autonomy.rows.find((r) => r.missionId === "sales-pipeline")?.touches).toBe(
      "rising (1.05 → 2.8 per run, first vs last 20 runs)",
    );
    expect(model.missionTable.rows.find((r) => r.missionId === "sales-pipeline")).toMatchObject({
      trend: "improving",
      // Calendar-time pace (Theil–Sen on elapsed days) from the fitted current level.
      trajectory: "on track · about 23 days (2026-03-29)",
    });
    expect(model.missionTableNote).toMatch(
      /^Health and autonomy are scores from 0 to 100 \(higher is better\)\. /,
    );
    expect(model.trajectory.direction).toBe(
      "Direction across 6 missions: 3 improving, 1 worsening, 1 flat and 1 with too little data.",
    );
    expect(model.trajectory.constrained).toHaveLength(6);
    expect(model.governance.gaps.map((g) => [g.missionId, g.missing])).toEqual([
      ["invoice-processing", ["escalation path"]],
      ["kyc-review", ["business owner"]],
    ]);
    expect(model.governance.fingerprint).toBe(demoData.result.inputFingerprint);
  });

  it("builds one inline-data chart per kind: 2 portfolio charts and 3 per mission", () => {
    const charts = briefCharts(model);
    expect(charts).toHaveLength(2 + 6 * 3);
    expect(new Set(charts.map((c) => c.id)).size).toBe(charts.length);
    for (const c of charts) {
      expect(c.caption.length).toBeGreaterThan(20);
      expect(JSON.stringify(c.spec)).not.toMatch(/"url"\s*:/);
    }
    expect(model.missionDetails.missions[0]?.charts.map((c) => c.kind)).toEqual([
      "kpi-trend",
      "human-touches",
      "bottlenecks",
    ]);
  });

  it("draws the trend line where the evaluator's Sen line is, on the most recent runs", () => {
    const m = demoData.result.portfolio.missions.find((x) => x.missionId === "onboarding-time")!;
    const entries = demoData.result.ledger.byMission["onboarding-time"]!;
    const line = trendLineOnRuns(m.metrics.trend, entries.length)!;
    const n = m.metrics.trend.n;
    expect(line.to).toMatchObject({ runIndex: entries.length });
    expect(line.from).toMatchObject({ runIndex: entries.length - n + 1 });
    const sen = senSlope(entries.slice(-n).map((e) => e.kpiValue as number));
    // senSlope's x is 1..n: the first run of the window is x = 1, the last x = n.
    const { from, to } = line;
    expect(from.value).toBeCloseTo(sen.intercept + sen.slope * 1, 9);
    expect(to.value).toBeCloseTo(sen.intercept + sen.slope * n, 9);
  });

  it("is deterministic and does not mutate its input", () => {
    const before = JSON.stringify(demoData.result);
    const again = buildBriefModel(demoData.result, { healthBands: demoData.rules.health.bands });
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
    expect(JSON.stringify(demoData.result)).toBe(before);
  });

  it("caps lists, detail blocks and chart sizes for large portfolios, and says so", () => {
    const small = buildBriefModel(demoData.result, {
      healthBands: demoData.rules.health.bands,
      maxListItems: 2,
      maxDetailMissions: 2,
      maxChartRuns: 10,
      maxChartMissions: 3,
    });
    expect(small.missionTable.rows).toHaveLength(6); // the table lists every mission
    expect(small.missionDetails.missions.map((m) => m.missionId)).toEqual([
      "invoice-processing",
      "support-resolution",
    ]);
    expect(small.missionDetails.note).toBe(
      "Details of the 2 weakest of 6 missions; every mission is in the table above.",
    );
    expect(small.trajectory.constrained).toHaveLength(2);
    expect(small.trajectory.moreConstrained).toBe(4);
    expect(small.proof.items).toHaveLength(2);
    expect(small.proof.more).toBe(1);
    const kpi = small.missionDetails.missions[0]!.charts.find((c) => c.kind === "kpi-trend")!;
    expect(kpi.caption).toContain("(last 10 of 28 runs, ");
    const layers = (kpi.spec as unknown as { layer: { data: { values: { run?: number; x: number }[] } }[] })
      .layer;
    const runs = layers.at(-1)!.data.values.map((p) => p.run);
    expect(runs).toEqual([19, 20, 21, 22, 23, 24, 25, 26, 27, 28]);
    const trendLayer = layers.find((l) => JSON.stringify(l).includes("[2,3]"))!;
    expect(trendLayer.data.values.map((p) => p.x)).toEqual([19, 28]); // clipped to the runs shown
    const health = small.trajectory.chart!;
    expect(health.caption).toContain("(the 3 weakest of 6)");
    expect(JSON.stringify(small.autonomy.chart!.spec)).not.toContain("Support ticket triage and routing");
    expect(small.autonomy.chart!.caption).toContain("the 3 least autonomous of 6 missions");
    expect(() => buildBriefModel(demoData.result, { maxChartRuns: 0 })).toThrow(RangeError);
  });

  it("resolves options and refuses bad ones", () => {
    const r: EvaluationResult = demoData.result;
    expect(resolveBriefOptions(r, {}).generatedAt).toBe(r.asOf);
    expect(resolveBriefOptions(r, { paper: "letter", title: "  X  " })).toMatchObject({
      paper: "letter",
      title: "X",
    });
    expect(() => resolveBriefOptions(r, { generatedAt: "yesterday" })).toThrow(RangeError);
    expect(() => resolveBriefOptions(r, { maxListItems: 0 })).toThrow(RangeError);
    expect(buildBriefModel(r, { generatedAt: "2026-03-07" }).generated).toBe("2026-03-07");
  });
});

describe.skipIf(!seedPresent)("brief model of the seed portfolio (seed-v3)", () => {
  let model: BriefModel;
  let result: EvaluationResult;
  beforeAll(async () => {
    result = (await seed()).result;
    model = buildBriefModel(result);
  });

  it("says what the published brief says", () => {
    expect(model.verdict.band).toBe("WATCH");
    expect(model.verdict.sentence).toBe(
      "Progress is real, but not sufficient for ON_TRACK until friction and autonomy improve.",
    );
    expect(model.primaryIssue.trigger).toBe("AUTONOMY_REGRESSION");
    expect(model.primaryIssue.headline).toBe(
      "Autonomy regression in Accelerate Sales Pipeline Progression (M002)",
    );
    expect(model.primaryIssue.confidence.level).toBe("MEDIUM");
    expect(model.primaryIssue.evidence).toEqual(["autonomy score 46 < 55 (over 2 runs)"]);
    expect(model.trajectory.direction).toBe("Improving across all 3 missions.");
    expect(model.trajectory.constrained.find((c) => c.missionId === "M002")?.constraints).toContain(
      "repeated bottleneck in Draft personalized outreach email (T5), recurring task overrun",
    );
    expect(model.focus).toMatchObject({
      missionId: "M002",
      task: "Draft personalized outreach email (T5)",
      driver: "recurring task overrun",
    });
    expect(model.autonomy.average).toBe("61");
    expect(model.autonomy.rows.map((r) => [r.missionId, r.score])).toEqual([
      ["M002", "46"],
      ["M001", "63"],
      ["M003", "74"],
    ]);
  });

  it("shows M003's proof as separate, labelled figures (73.33 % vs baseline, 38.46 % vs 5.2 h)", () => {
    const m3 = model.proof.items.find((i) => i.missionId === "M003")!;
    expect(m3.figures).toEqual([
      { label: "vs baseline", text: "73.33 % better than baseline" },
      { label: "vs first observed run", text: "38.46 % better than the first observed run (5.2 h)" },
      { label: "gap to target", text: "target 4.0 h met" },
    ]);
    expect(m3.headline).toBe("resolution time 12.0 h baseline → 3.2 h latest");
  });

  it("recovers the health bands from the band evidence", () => {
    expect(healthBandsFromEvidence(result)).toEqual({ onTrack: 85, watch: 70 });
    expect(model.trajectory.chart?.caption).toContain("watch from 70, on track from 85");
    expect(weakestFirst(result.portfolio.missions).map((m) => m.missionId)).toEqual(["M002", "M001", "M003"]);
  });
});
