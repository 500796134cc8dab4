import { describe, expect, it } from "vitest";
import {
  assessBottlenecks,
  datasetFromInline,
  type InlineMission,
  type RunTaskStat,
} from "../../lib/src/index";
import { defaultRules, entriesOf, seedM002, seedV3 } from "./helpers";

function inputOf(mission: InlineMission, rules = defaultRules) {
  const ds = datasetFromInline([mission]);
  const statsByRun = new Map<string, RunTaskStat[]>();
  for (const s of ds.runTaskStats) statsByRun.set(s.runId, [...(statsByRun.get(s.runId) ?? []), s]);
  return {
    entries: entriesOf(mission, rules),
    tasks: ds.tasks,
    statsByRun,
    riskEvents: ds.riskEvents,
    severityWeights: rules.ledger.severityWeights,
  };
}

describe("assessBottlenecks — seed_v3", () => {
  it("reproduces the reference top bottleneck of M002", () => {
    const { tasks, top } = assessBottlenecks(inputOf(seedM002, seedV3), seedV3.bottleneck);
    // T5: avg delay 4.5·2 + (avg actual 8 − 6) + high risk 3·3 = 20; T4: 0 + 2.5 + low 1·3 = 5.5
    expect(top?.taskId).toBe("T5");
    expect(top?.score).toBeCloseTo(20, 10);
    expect(top?.driver).toBe("task_overrun"); // delay 4.5 < 5; 8 > 6·1.05
    expect(top?.status).toBe("recurring"); // 2 samples, 1 with delay ≥ 5
    expect(tasks.map((t) => t.taskId)).toEqual(["T5", "T4"]);
    expect(tasks[1]?.score).toBeCloseTo(5.5, 10);
  });
});

describe("assessBottlenecks — lost_time (default)", () => {
  const mission: InlineMission = {
    id: "M1",
    kpi: { name: "days", direction: "lower_is_better" },
    values: [10, 9, 9, 8, 8, 7, 7, 6, 6, 5],
    tasks: [
      { id: "A", estimate: 10, actual: 10 },
      { id: "B", estimate: 5, approval: true, actual: 5, delay: 10 },
      { id: "C", estimate: 20, actual: [20, 20, 20, 20, 20, 20, 20, 20, 30, 20] },
    ],
  };

  it("scores lost minutes relative to the estimate, so tasks compare", () => {
    const { tasks, top } = assessBottlenecks(inputOf(mission), defaultRules.bottleneck);
    // B: 10 min delay per run ÷ 5 min estimate = 2; C: 10 min overrun once in 10 runs ÷ 20 = 0.05; A: 0
    expect(top?.taskId).toBe("B");
    expect(top?.score).toBeCloseTo(2, 10);
    expect(top?.driver).toBe("approval_delay");
    expect(top?.status).toBe("persistent"); // delay ≥ 5 in all of the last 5 runs
    const c = tasks.find((t) => t.taskId === "C");
    expect(c?.score).toBeCloseTo(0.05, 10);
    expect(c?.status).toBe("isolated"); // 1 run with friction in the last 5
  });

  it("has no bottleneck when no task loses time", () => {
    const calm: InlineMission = { ...mission, tasks: [{ id: "A", estimate: 10, actual: 10 }] };
    expect(assessBottlenecks(inputOf(calm), defaultRules.bottleneck).top).toBeNull();
  });
});
