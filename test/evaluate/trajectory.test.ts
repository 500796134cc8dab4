import { describe, expect, it } from "vitest";
import { assessTrajectory, assessTrend, type KpiSpec } from "../../lib/src/index";
import { defaultRules, seedV3 } from "./helpers";

const DAY = 86_400_000;
const start = Date.parse("2026-03-01T09:00:00Z");
const values = [20, 19, 18, 17, 16, 15, 14, 13, 12, 11];
const startMs = values.map((_, i) => start + i * DAY);
const spec = (extra: Partial<KpiSpec>): KpiSpec => ({
  missionId: "M",
  kpi: "days",
  direction: "lower_is_better",
  primary: true,
  ...extra,
});
const trend = assessTrend(values, "lower_is_better", defaultRules.trend);

describe("assessTrajectory", () => {
  it("estimates time to target from Sen's slope", () => {
    // Slope −1 per run, fitted level 11 at the last run (2026-03-10), target 5 → 6 runs, 6 days.
    const t = assessTrajectory(
      { spec: spec({ target: 5 }), values, startMs, trend },
      defaultRules.trajectory,
    );
    expect(t.status).toBe("on_track");
    expect(t.etaRuns).toBe(6);
    expect(t.etaDays).toBe(6);
    expect(t.etaDate).toBe("2026-03-16");
    expect(t.etaRunsBand).toEqual([6, 6]); // every pairwise slope is −1
  });

  it("is on track, or off track, against a target date", () => {
    const ok = assessTrajectory(
      { spec: spec({ target: 5, targetDate: "2026-04-01" }), values, startMs, trend },
      defaultRules.trajectory,
    );
    expect(ok.status).toBe("on_track");
    const late = assessTrajectory(
      { spec: spec({ target: 5, targetDate: "2026-03-12" }), values, startMs, trend },
      defaultRules.trajectory,
    );
    expect(late.status).toBe("off_track");
  });

  it("is met when the target is reached, unknown without a target or a trajectory rule", () => {
    expect(
      assessTrajectory({ spec: spec({ target: 12 }), values, startMs, trend }, defaultRules.trajectory)
        .status,
    ).toBe("met");
    expect(assessTrajectory({ spec: spec({}), values, startMs, trend }, defaultRules.trajectory).status).toBe(
      "unknown",
    );
    expect(
      assessTrajectory({ spec: spec({ target: 5 }), values, startMs, trend }, seedV3.trajectory).status,
    ).toBe("unknown");
  });

  it("is off track when the KPI moves away from the target", () => {
    const up = [...values].reverse();
    const t = assessTrajectory(
      {
        spec: spec({ target: 5 }),
        values: up,
        startMs,
        trend: assessTrend(up, "lower_is_better", defaultRules.trend),
      },
      defaultRules.trajectory,
    );
    expect(t.status).toBe("off_track");
  });
});
