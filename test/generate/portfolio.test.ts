import { describe, expect, it } from "vitest";
import {
  DOMAIN_TEMPLATES,
  demoMissionPlans,
  kpiRows,
  missionRows,
  missionRuns,
  planPortfolio,
  planRandomMission,
  resolveGenerateOptions,
  riskEventRows,
  runRecords,
  runRows,
  simulateRun,
  taskExecutionRows,
  taskRows,
  createRng,
  type Portfolio,
} from "../../lib/src/index";

const small = (seed: number): Portfolio =>
  planPortfolio({
    seed,
    missions: 12,
    runs: { min: 5, max: 25 },
    tasks: 6,
    stories: ["random", "plateau", "worsening"],
  });

describe("planPortfolio", () => {
  it("plans the requested numbers of missions, tasks and runs", () => {
    const p = planPortfolio({ seed: 3, missions: 7, runs: { min: 4, max: 9 }, tasks: 8 });
    expect(p.plans).toHaveLength(7);
    expect([...missionRows(p)].map((m) => m.missionId)).toEqual([
      "M001",
      "M002",
      "M003",
      "M004",
      "M005",
      "M006",
      "M007",
    ]);
    expect([...taskRows(p)]).toHaveLength(7 * 8);
    for (const plan of p.plans) {
      expect(plan.runCount).toBeGreaterThanOrEqual(4);
      expect(plan.runCount).toBeLessThanOrEqual(9);
    }
    expect([...runRows(p)]).toHaveLength(p.totalRuns);
    expect(p.totalRuns).toBe(p.plans.reduce((s, x) => s + x.runCount, 0));
  });

  it("gives a fixed run count when runs is N (the default stories exclude too_little_history)", () => {
    expect(planPortfolio({ missions: 3, runs: { min: 10, max: 10 } }).totalRuns).toBe(30);
    expect(planPortfolio({ missions: 2, runs: { min: 5, max: 5 } }).totalRuns).toBe(10);
  });

  it("gives too_little_history missions two runs whatever the options say", () => {
    const p = planPortfolio({ missions: 4, runs: { min: 50, max: 50 }, stories: ["too_little_history"] });
    expect(p.totalRuns).toBe(8);
  });

  it("is deterministic per seed and differs between seeds", () => {
    const a = JSON.stringify([...runRecords(small(11))]);
    const b = JSON.stringify([...runRecords(small(11))]);
    const c = JSON.stringify([...runRecords(small(12))]);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(JSON.stringify(small(11).plans)).toBe(JSON.stringify(small(11).plans));
  });

  it("makes a mission's rows independent of the other missions", () => {
    const few = planPortfolio({ seed: 5, missions: 2, runs: { min: 10, max: 10 } });
    const many = planPortfolio({ seed: 5, missions: 9, runs: { min: 10, max: 10 } });
    const first = (p: Portfolio) => [...runRecords(p)].filter((r) => r.run.missionId === "M001");
    expect(JSON.stringify(first(few))).toBe(JSON.stringify(first(many)));
  });

  it("rejects invalid options with a RangeError", () => {
    expect(() => planPortfolio({ missions: 0 })).toThrow(RangeError);
    expect(() => planPortfolio({ tasks: 21 })).toThrow(RangeError);
  });

  it("lists every KPI name once, in first-appearance order", () => {
    const p = planPortfolio({ preset: "demo" });
    expect(p.kpiNames).toEqual([
      "onboarding_days",
      "activation_rate_pct",
      "lead_to_opportunity_days",
      "median_resolution_hours",
      "csat_score",
      "first_pass_match_rate_pct",
      "review_minutes",
      "first_response_minutes",
    ]);
  });

  it("produces rows lazily: the first runs of a million-run portfolio come at once", () => {
    const big = planPortfolio({ seed: 1, missions: 1000, runs: { min: 1000, max: 1000 }, tasks: 8 });
    expect(big.totalRuns).toBe(1_000_000);
    const began = performance.now();
    const it = runRecords(big);
    for (let i = 0; i < 100; i++) it.next();
    expect(performance.now() - began).toBeLessThan(2000);
  });

  it("does not modify the plans it simulates", () => {
    const p = small(21);
    const before = JSON.stringify(p.plans);
    for (const r of runRecords(p)) expect(r.run.runId).toBeTruthy();
    expect(JSON.stringify(p.plans)).toBe(before);
  });
});

describe("generated rows are internally consistent", () => {
  const p = small(42);
  const records = [...runRecords(p)];

  it("every run's task executions reference its mission's tasks, each task at least once", () => {
    for (const plan of p.plans) {
      const taskIds = plan.tasks.map((t) => t.definition.taskId);
      for (const r of records.filter((x) => x.run.missionId === plan.mission.missionId)) {
        for (const e of r.executions) {
          expect(e.runId).toBe(r.run.runId);
          expect(e.missionId).toBe(plan.mission.missionId);
          expect(taskIds).toContain(e.taskId);
        }
        expect(new Set(r.executions.map((e) => e.taskId))).toEqual(new Set(taskIds));
        // A task runs twice only when its first approval was rejected (rework).
        const rejected = r.executions.filter((e) => e.outcome === "rejected").length;
        expect(r.executions.length).toBe(taskIds.length + rejected);
      }
    }
  });

  it("runs end after they start, match their duration, and follow each other without overlap", () => {
    for (const plan of p.plans) {
      const runs = records.filter((x) => x.run.missionId === plan.mission.missionId).map((r) => r.run);
      runs.forEach((run, i) => {
        expect(Date.parse(run.endTime)).toBeGreaterThan(Date.parse(run.startTime));
        expect(run.startTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        expect(Date.parse(run.startTime)).toBe(run.startMs);
        expect((run.endMs - run.startMs) / 60_000).toBeCloseTo(run.durationMinutes, 6);
        if (i > 0) expect(run.startMs).toBeGreaterThan(runs[i - 1]?.endMs ?? 0);
      });
    }
  });

  it("run ids and risk event ids are unique", () => {
    const runIds = records.map((r) => r.run.runId);
    expect(new Set(runIds).size).toBe(runIds.length);
    const eventIds = records.flatMap((r) => r.riskEvents.map((e) => e.eventId));
    expect(new Set(eventIds).size).toBe(eventIds.length);
  });

  it("risk events lie within their run, on a task of the mission, and set risk_flagged", () => {
    for (const r of records) {
      expect(r.run.riskFlagged).toBe(r.riskEvents.length > 0);
      for (const e of r.riskEvents) {
        expect(e.detectedMs).toBeGreaterThanOrEqual(r.run.startMs);
        expect(e.detectedMs).toBeLessThanOrEqual(r.run.endMs);
        expect(r.executions.map((x) => x.taskId)).toContain(e.taskId);
      }
    }
  });

  it("runs carry exactly their mission's KPIs, within physical bounds", () => {
    for (const plan of p.plans) {
      const names = plan.kpis.map((k) => k.spec.kpi).sort();
      for (const r of records.filter((x) => x.run.missionId === plan.mission.missionId)) {
        expect(Object.keys(r.run.kpis).sort()).toEqual(names);
        for (const k of plan.kpis) {
          const v = r.run.kpis[k.spec.kpi] as number;
          expect(v).toBeGreaterThanOrEqual(k.min);
          expect(v).toBeLessThanOrEqual(k.max);
        }
      }
    }
  });

  it("escalations equal escalated executions; counts are non-negative integers; skipped tasks take no time", () => {
    for (const r of records) {
      expect(r.run.escalations).toBe(r.executions.filter((e) => e.outcome === "escalated").length);
      expect(Number.isInteger(r.run.humanInterventions) && r.run.humanInterventions >= 0).toBe(true);
      for (const e of r.executions) {
        expect(e.actualMinutes).toBeGreaterThanOrEqual(0);
        expect(e.humanDelayMinutes).toBeGreaterThanOrEqual(0);
        if (e.outcome === "skipped")
          expect([e.actualMinutes, e.humanDelayMinutes, e.approvalRequired]).toEqual([0, 0, false]);
        if (e.outcome === "approved" || e.outcome === "rejected") expect(e.approvalRequired).toBe(true);
      }
      const failed = r.executions.some((e) => e.outcome === "failed");
      expect(failed).toBe(r.run.status === "failed");
      if (r.run.status === "completed") expect(r.executions.every((e) => e.outcome !== "skipped")).toBe(true);
    }
  });

  it("the per-table sources agree with the one-pass records", () => {
    expect([...taskExecutionRows(p)]).toEqual(records.flatMap((r) => r.executions));
    expect([...riskEventRows(p)]).toEqual(records.flatMap((r) => r.riskEvents));
    expect([...kpiRows(p)].filter((k) => k.primary)).toHaveLength(p.plans.length);
  });
});

describe("random missions", () => {
  it("have exactly one primary KPI, dependencies on earlier tasks, unique task ids and an approval step", () => {
    const options = resolveGenerateOptions({ seed: 9, missions: 40, tasks: 8 });
    for (let i = 0; i < 40; i++) {
      const plan = planRandomMission(options, i);
      expect(plan.kpis.filter((k) => k.spec.primary)).toHaveLength(1);
      expect(plan.kpis[0]?.spec.primary).toBe(true);
      const seen = new Set<string>();
      for (const t of plan.tasks) {
        for (const d of t.definition.dependsOn) expect(seen).toContain(d);
        seen.add(t.definition.taskId);
      }
      expect(seen.size).toBe(8);
      expect(plan.tasks.some((t) => t.definition.requiresApproval)).toBe(true);
      if (plan.bottleneck) expect(seen).toContain(plan.bottleneck.taskId);
    }
    expect(planRandomMission(resolveGenerateOptions({ seed: 1 }), 0).mission.missionId).toBe("M001");
  });

  it("pads mission ids to the width of the mission count", () => {
    expect(planRandomMission(resolveGenerateOptions({ missions: 12_000 }), 41).mission.missionId).toBe(
      "M00042",
    );
  });
});

describe("missionRuns and simulateRun", () => {
  it("yields plan.runCount runs on the cadence (documented example)", () => {
    const plan = demoMissionPlans()[0];
    if (!plan) throw new Error("no demo plan");
    const runs = [...missionRuns(plan, { seed: 1, start: "2026-01-05", cadenceDays: { min: 1, max: 2 } })];
    expect(runs).toHaveLength(plan.runCount);
    expect(runs[0]?.run.startTime.slice(0, 10)).toBe("2026-01-05");
    for (let i = 1; i < runs.length; i++) {
      const days = ((runs[i]?.run.startMs ?? 0) - (runs[i - 1]?.run.startMs ?? 0)) / 86_400_000;
      // One or two days apart, start times drawn between 08:00 and 16:00.
      expect(days).toBeGreaterThan(1 - 8 / 24);
      expect(days).toBeLessThan(2 + 8 / 24);
    }
  });

  it("names runs <mission>-R<index> (documented example)", () => {
    const plan = demoMissionPlans()[0];
    if (!plan) throw new Error("no demo plan");
    expect(simulateRun(plan, 0, Date.UTC(2026, 0, 5, 9), createRng(1)).run.runId).toBe(
      "onboarding-time-R0001",
    );
  });
});

describe("documented examples", () => {
  const demo = planPortfolio({ preset: "demo" });

  it("planPortfolio, missionRows, kpiRows, taskRows, riskEventRows", () => {
    expect(demo.plans).toHaveLength(6);
    expect([...missionRows(demo)][0]?.missionId).toBe("onboarding-time");
    expect([...kpiRows(demo)].filter((k) => k.primary)).toHaveLength(6);
    expect([...taskRows(planPortfolio({ missions: 2, tasks: 8 }))]).toHaveLength(16);
    expect([...riskEventRows(demo)].every((e) => e.eventId.startsWith(e.runId))).toBe(true);
    expect([...taskExecutionRows(demo)].every((e) => e.actualMinutes >= 0)).toBe(true);
  });

  it("demoMissionPlans lists the stories in order and returns fresh arrays", () => {
    expect(demoMissionPlans().map((p) => p.story)).toEqual([
      "improving_autonomous",
      "improving_dependent",
      "plateau",
      "worsening",
      "too_little_history",
      "on_track",
    ]);
    expect(demoMissionPlans()).not.toBe(demoMissionPlans());
  });

  it("every domain template has eight tasks, KPIs with sane ranges, owners and risk types", () => {
    expect(DOMAIN_TEMPLATES.length).toBeGreaterThanOrEqual(5);
    for (const d of DOMAIN_TEMPLATES) {
      expect(d.tasks).toHaveLength(8);
      expect(d.missions.length).toBeGreaterThan(0);
      expect(d.owners.length).toBeGreaterThan(0);
      expect(d.escalationPaths.length).toBeGreaterThan(0);
      expect(d.riskTypes.length).toBeGreaterThan(0);
      for (const k of d.kpis) {
        expect(k.baseline[0]).toBeLessThanOrEqual(k.baseline[1]);
        expect(k.min).toBeLessThanOrEqual(k.baseline[0]);
        expect(k.baseline[1]).toBeLessThanOrEqual(k.max);
      }
    }
  });
});
