import { describe, expect, it } from "vitest";
import {
  DEMO_SEED,
  planPortfolio,
  runRecords,
  type MissionPlan,
  type RunRecord,
  type StoryName,
} from "../../lib/src/index";
import { mannKendall, mean, olsSlope, thirds } from "./story-stats";

const portfolio = planPortfolio({ preset: "demo" });
const records = [...runRecords(portfolio)];
const runsOf = (missionId: string): RunRecord[] => records.filter((r) => r.run.missionId === missionId);
const planOf = (story: StoryName): MissionPlan => {
  const plan = portfolio.plans.find((p) => p.story === story);
  if (!plan) throw new Error(`no ${story} mission`);
  return plan;
};
const primaryValues = (plan: MissionPlan): number[] => {
  const name = plan.kpis.find((k) => k.spec.primary)?.spec.kpi ?? "";
  return runsOf(plan.mission.missionId).map((r) => r.run.kpis[name] as number);
};
const interventions = (plan: MissionPlan): number[] =>
  runsOf(plan.mission.missionId).map((r) => r.run.humanInterventions);
const escalations = (plan: MissionPlan): number[] =>
  runsOf(plan.mission.missionId).map((r) => r.run.escalations);
const gapOf = (plan: MissionPlan): number => {
  const k = plan.kpis[0]?.spec;
  return Math.abs((k?.baseline ?? 0) - (k?.target ?? 0));
};

describe("demo portfolio: shape", () => {
  it("uses the demo seed and has one mission per designed story", () => {
    expect(portfolio.options.seed).toBe(DEMO_SEED);
    expect(portfolio.plans.map((p) => p.story).sort()).toEqual(
      [
        "improving_autonomous",
        "improving_dependent",
        "on_track",
        "plateau",
        "too_little_history",
        "worsening",
      ].sort(),
    );
  });

  it("covers sales, support, onboarding, finance and compliance with 2–40 runs each", () => {
    const domains = new Set(portfolio.plans.map((p) => p.domain));
    for (const d of ["sales", "support", "onboarding", "finance", "compliance"]) expect(domains).toContain(d);
    for (const p of portfolio.plans) {
      expect(runsOf(p.mission.missionId)).toHaveLength(p.runCount);
      expect(p.runCount).toBeGreaterThanOrEqual(2);
      expect(p.runCount).toBeLessThanOrEqual(40);
    }
    // 36 + 40 + 30 + 28 + 2 + 24, as planned in the preset.
    expect(records).toHaveLength(160);
  });

  it("has one or two governance gaps and complete governance elsewhere", () => {
    const gaps = portfolio.plans.filter(
      (p) => !p.mission.businessOwner || !p.mission.escalationPath || !p.mission.aiRole,
    );
    expect(gaps.map((p) => p.mission.missionId).sort()).toEqual(["invoice-processing", "kyc-review"]);
  });

  it("has exactly one primary KPI per mission, a secondary KPI somewhere, units, and 2026–2027 target dates", () => {
    for (const p of portfolio.plans) {
      expect(p.kpis.filter((k) => k.spec.primary)).toHaveLength(1);
      for (const k of p.kpis) {
        expect(k.spec.unit).toBeTruthy();
        expect(k.spec.targetDate).toMatch(/^202[67]-\d{2}-\d{2}$/);
      }
    }
    expect(portfolio.plans.some((p) => p.kpis.some((k) => !k.spec.primary))).toBe(true);
  });

  it("has 3–6 tasks per mission, dependencies on earlier tasks only, and approvals", () => {
    for (const p of portfolio.plans) {
      expect(p.tasks.length).toBeGreaterThanOrEqual(3);
      expect(p.tasks.length).toBeLessThanOrEqual(6);
      const seen = new Set<string>();
      for (const t of p.tasks) {
        for (const d of t.definition.dependsOn) expect(seen).toContain(d);
        seen.add(t.definition.taskId);
      }
      expect(p.tasks.some((t) => t.definition.requiresApproval)).toBe(true);
    }
  });
});

describe("demo portfolio: stories, checked on the generated rows", () => {
  it("improving_autonomous: KPI (lower is better) falls significantly; interventions fall", () => {
    const plan = planOf("improving_autonomous");
    const ys = primaryValues(plan);
    expect(olsSlope(ys)).toBeLessThan(0);
    expect(mannKendall(ys).pDecreasing).toBeLessThan(0.01);
    expect(mannKendall(ys.slice(-12)).pDecreasing).toBeLessThan(0.05);
    const [first, last] = thirds(interventions(plan));
    // Designed 2.6 → 0.3 per run.
    expect(mean(last)).toBeLessThan(mean(first) / 2);
  });

  it("improving_dependent: KPI improves, but interventions and escalations per run rise", () => {
    const plan = planOf("improving_dependent");
    const ys = primaryValues(plan);
    expect(olsSlope(ys)).toBeLessThan(0);
    expect(mannKendall(ys).pDecreasing).toBeLessThan(0.01);
    expect(mannKendall(ys.slice(-12)).pDecreasing).toBeLessThan(0.05);
    const [first, last] = thirds(interventions(plan));
    // Designed 0.5 → 2.6 per run.
    expect(mean(last)).toBeGreaterThan(2 * mean(first));
    const [e1, e3] = thirds(escalations(plan));
    expect(mean(e3)).toBeGreaterThan(mean(e1));
  });

  it("plateau: no trend, far from target, with a persistent approval bottleneck carrying the risks", () => {
    const plan = planOf("plateau");
    const ys = primaryValues(plan);
    expect(mannKendall(ys).pTwoSided).toBeGreaterThan(0.2);
    expect(Math.abs(olsSlope(ys) * (ys.length - 1))).toBeLessThan(0.1 * gapOf(plan));
    const target = plan.kpis[0]?.spec.target ?? 0;
    expect(Math.abs(mean(ys) - target)).toBeGreaterThan(0.7 * gapOf(plan));
    const [first, last] = thirds(interventions(plan));
    expect(mean(last) / mean(first)).toBeGreaterThan(0.7);
    expect(mean(last) / mean(first)).toBeLessThan(1.4);

    const hot = plan.bottleneck?.taskId ?? "";
    expect(plan.bottleneck?.kind).toBe("approval");
    expect(plan.tasks.find((t) => t.definition.taskId === hot)?.definition.requiresApproval).toBe(true);
    const recent = runsOf(plan.mission.missionId)
      .slice(-10)
      .flatMap((r) => r.executions);
    const hotDelay = mean(recent.filter((e) => e.taskId === hot).map((e) => e.humanDelayMinutes));
    const otherDelay = mean(recent.filter((e) => e.taskId !== hot).map((e) => e.humanDelayMinutes));
    expect(hotDelay).toBeGreaterThanOrEqual(120);
    expect(hotDelay).toBeGreaterThan(3 * otherDelay);
    const risks = runsOf(plan.mission.missionId).flatMap((r) => r.riskEvents);
    expect(risks.filter((e) => e.taskId === hot).length).toBeGreaterThanOrEqual(0.6 * risks.length);
  });

  it("worsening: KPI (higher is better) falls significantly; one task overruns persistently", () => {
    const plan = planOf("worsening");
    expect(plan.kpis[0]?.spec.direction).toBe("higher_is_better");
    const ys = primaryValues(plan);
    expect(olsSlope(ys)).toBeLessThan(0);
    expect(mannKendall(ys).pDecreasing).toBeLessThan(0.01);
    expect(mannKendall(ys.slice(-12)).pDecreasing).toBeLessThan(0.05);
    const hot = plan.bottleneck?.taskId ?? "";
    expect(plan.bottleneck?.kind).toBe("overrun");
    const estimate = plan.tasks.find((t) => t.definition.taskId === hot)?.definition.estimatedMinutes ?? 1;
    const recent = runsOf(plan.mission.missionId)
      .slice(-10)
      .flatMap((r) => r.executions)
      .filter((e) => e.taskId === hot && e.outcome !== "skipped" && e.outcome !== "failed");
    expect(mean(recent.map((e) => e.actualMinutes)) / estimate).toBeGreaterThanOrEqual(1.4);
    const risks = runsOf(plan.mission.missionId).flatMap((r) => r.riskEvents);
    expect(risks.filter((e) => e.taskId === hot).length).toBeGreaterThan(risks.length / 2);
  });

  it("too_little_history: exactly two runs", () => {
    expect(runsOf(planOf("too_little_history").mission.missionId)).toHaveLength(2);
  });

  it("on_track: KPI improves to within 15 % of the gap of its target, with little friction", () => {
    const plan = planOf("on_track");
    const ys = primaryValues(plan);
    expect(mannKendall(ys).pDecreasing).toBeLessThan(0.01);
    const target = plan.kpis[0]?.spec.target ?? 0;
    expect(Math.abs(mean(ys.slice(-3)) - target)).toBeLessThan(0.15 * gapOf(plan));
    expect(mean(interventions(plan))).toBeLessThanOrEqual(0.5);
  });
});
