import { describe, expect, it } from "vitest";
import { planPortfolio, runRecords, type StoryName } from "../../lib/src/index";
import { mannKendall, mean, olsSlope, thirds } from "./story-stats";

/** Per mission of a one-story random portfolio: KPI movement toward target and friction change. */
function summarise(story: StoryName, seed: number) {
  const p = planPortfolio({ seed, missions: 20, runs: { min: 30, max: 30 }, tasks: 6, stories: [story] });
  const records = [...runRecords(p)];
  return p.plans.map((plan) => {
    const runs = records.filter((r) => r.run.missionId === plan.mission.missionId).map((r) => r.run);
    const k = plan.kpis[0]?.spec;
    const toward = Math.sign((k?.target ?? 0) - (k?.baseline ?? 0));
    // Values oriented so that "up" means "toward the target".
    const progress = runs.map((r) => toward * (r.kpis[k?.kpi ?? ""] as number));
    const [i1, i3] = thirds(runs.map((r) => r.humanInterventions));
    return { slope: olsSlope(progress), mk: mannKendall(progress), interventionsChange: mean(i3) - mean(i1) };
  });
}

describe("stories come from the profile machinery, not from hand-picked seeds", () => {
  it("improving_autonomous: every mission improves significantly; interventions fall in most", () => {
    const s = summarise("improving_autonomous", 101);
    expect(s.every((m) => m.slope > 0 && m.mk.pIncreasing < 0.05)).toBe(true);
    expect(s.filter((m) => m.interventionsChange < 0).length).toBeGreaterThanOrEqual(18);
  });

  it("improving_dependent: every mission improves significantly; interventions rise in most", () => {
    const s = summarise("improving_dependent", 102);
    expect(s.every((m) => m.slope > 0 && m.mk.pIncreasing < 0.05)).toBe(true);
    expect(s.filter((m) => m.interventionsChange > 0).length).toBeGreaterThanOrEqual(18);
  });

  it("worsening: every mission moves away from target significantly", () => {
    const s = summarise("worsening", 103);
    expect(s.every((m) => m.slope < 0 && m.mk.pDecreasing < 0.05)).toBe(true);
  });

  it("plateau: few missions show a significant trend (about the 5 % false-alarm rate)", () => {
    const s = summarise("plateau", 104);
    expect(s.filter((m) => m.mk.pTwoSided < 0.05).length).toBeLessThanOrEqual(4);
  });

  it("on_track: every mission improves significantly", () => {
    const s = summarise("on_track", 105);
    expect(s.every((m) => m.slope > 0 && m.mk.pIncreasing < 0.05)).toBe(true);
  });
});
