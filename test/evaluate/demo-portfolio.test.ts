/**
 * The demo portfolio (data/demo): each mission's story, as data/README.md describes it, is what
 * the evaluator says under the default ruleset.
 */
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, loadDataset, type EvaluationResult, type MissionAssessment } from "../../lib/src/index";
import { defaultRules } from "./helpers";

const demoDir = resolve(__dirname, "../../data/demo");
let result: EvaluationResult;
const mission = (id: string): MissionAssessment => {
  const m = result.portfolio.missions.find((x) => x.missionId === id);
  if (!m) throw new Error(`no mission ${id} in the demo`);
  return m;
};
const fired = (id: string) => mission(id).triggers.map((t) => t.id);

beforeAll(async () => {
  result = evaluate(await loadDataset(demoDir), defaultRules);
});

describe("demo portfolio under default (data/README.md stories)", () => {
  it("onboarding-time: improving, human touches falling, on track", () => {
    const m = mission("onboarding-time");
    expect(m.metrics.trend.label).toBe("improving");
    expect(m.metrics.autonomy.regression).toBe(false);
    expect(m.metrics.autonomy.touchDirection).toBe("falling");
    expect(m.metrics.trajectory.status).toBe("on_track");
    expect(m.health).toBe("ON_TRACK");
  });

  it("sales-pipeline: KPI improves but autonomy regresses, and that is the mission's primary driver", () => {
    const m = mission("sales-pipeline");
    expect(m.metrics.trend.label).toBe("improving");
    expect(fired("sales-pipeline")).toContain("AUTONOMY_REGRESSION");
    expect(m.metrics.autonomy.touchDirection).toBe("rising");
    expect(m.health).not.toBe("ON_TRACK");
    expect(m.primaryDriver).toMatchObject({ missionId: "sales-pipeline", trigger: "AUTONOMY_REGRESSION" });
    // sales-pipeline is WATCH; the portfolio's driver comes from the worst band first.
    expect(m.health).toBe("WATCH");
  });

  it("support-resolution: stalled far from target with a recurring approval bottleneck", () => {
    const m = mission("support-resolution");
    expect(m.metrics.trend.label).toBe("flat");
    expect(fired("support-resolution")).toEqual(
      expect.arrayContaining(["KPI_PLATEAU", "TARGET_GAP_PERSISTING"]),
    );
    expect(m.metrics.topBottleneck).toMatchObject({ taskId: "approve-credit", driver: "approval_delay" });
    expect(m.health).toBe("ATTENTION_REQUIRED");
  });

  it("invoice-processing: deteriorating, match-po the bottleneck, no escalation path", () => {
    const m = mission("invoice-processing");
    expect(m.metrics.trend.label).toBe("worsening");
    expect(fired("invoice-processing")).toContain("MISSION_TREND_WORSENING");
    expect(m.metrics.topBottleneck?.taskId).toBe("match-po");
    expect(m.health).toBe("ATTENTION_REQUIRED");
    expect(m.governance.map((g) => g.field)).toEqual(["escalationPath"]);
  });

  it("kyc-review: too little history to judge, LOW confidence, no business owner", () => {
    const m = mission("kyc-review");
    expect(m.metrics.trend.label).toBe("insufficient_data");
    expect(m.metrics.trajectory.status).toBe("unknown");
    expect(m.confidence.level).toBe("LOW");
    expect(m.health).toBe("WATCH");
    expect(m.governance.map((g) => g.field)).toEqual(["businessOwner"]);
  });

  it("support-triage: improving and at target", () => {
    const m = mission("support-triage");
    expect(m.metrics.trend.label).toBe("improving");
    expect(m.metrics.trajectory.status).toBe("met");
    expect(m.metrics.figures?.targetMet).toBe(true);
    expect(m.health).toBe("ON_TRACK");
  });

  it("portfolio: the worst band decides verdict and driver; the two-run mission is listed apart", () => {
    expect(result.portfolio.verdict).toBe("ATTENTION_REQUIRED");
    // invoice-processing is ATTENTION_REQUIRED with a worsening trend (high severity): the driver.
    expect(result.portfolio.primaryDriver).toMatchObject({
      missionId: "invoice-processing",
      trigger: "MISSION_TREND_WORSENING",
    });
    // Confidence is in the verdict and driver (HIGH missions decide them); kyc-review (2 runs) is
    // named apart instead of dragging the headline to LOW.
    expect(result.portfolio.confidence.level).toBe("HIGH");
    expect(result.portfolio.limitedHistory.map((m) => m.missionId)).toEqual(["kyc-review"]);
    expect(result.portfolio.confidence.reasons.join(" ")).toMatch(/too little history.*KYC review/);
  });
});
