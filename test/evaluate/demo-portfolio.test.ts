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

  it("sales-pipeline: KPI improves but autonomy regresses, and that is the portfolio's primary driver", () => {
    const m = mission("sales-pipeline");
    expect(m.metrics.trend.label).toBe("improving");
    expect(fired("sales-pipeline")).toContain("AUTONOMY_REGRESSION");
    expect(m.metrics.autonomy.touchDirection).toBe("rising");
    expect(m.health).not.toBe("ON_TRACK");
    expect(result.portfolio.primaryDriver).toMatchObject({
      missionId: "sales-pipeline",
      trigger: "AUTONOMY_REGRESSION",
    });
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

  it("portfolio: the worst mission decides, and the two-run mission caps confidence at LOW", () => {
    expect(result.portfolio.verdict).toBe("ATTENTION_REQUIRED");
    expect(result.portfolio.confidence.level).toBe("LOW");
  });
});
