import { describe, expect, it } from "vitest";
import { detectionDelays, type Band, type ResolvedLabel } from "../../lib/src/index";

function label(missionId: string, runIndex: number, expectedStatus: Band, line: number): ResolvedLabel {
  return {
    missionId,
    asOf: `R${runIndex}`,
    expectedStatus,
    file: "l.csv",
    line,
    asOfMs: runIndex * 1000,
    asOfKind: "run",
    runIndex,
    runId: `R${runIndex}`,
  };
}

const statuses = (s: string): Band[] =>
  [...s].map((c) => (c === "o" ? "ON_TRACK" : c === "w" ? "WATCH" : "ATTENTION_REQUIRED"));
const timeline = (missionId: string, s: string) => {
  const st = statuses(s);
  return { missionId, statuses: st, runIds: st.map((_, i) => `R${i}`) };
};

describe("detectionDelays", () => {
  it("measures runs from a labelled deterioration to the first WATCH or worse", () => {
    // M1: ON_TRACK label at run 1, WATCH label at run 3; evaluator flags first at run 5 → 2 runs.
    // M2: ON_TRACK at 0, ATTENTION at 2, already flagged at 2 → 0.
    // M3: ON_TRACK at 0, WATCH at 1, never flagged before the ON_TRACK label at run 4 → missed.
    // M4: first label already WATCH → not a deterioration (no ON_TRACK before it).
    const labels = [
      label("M1", 1, "ON_TRACK", 2),
      label("M1", 3, "WATCH", 3),
      label("M2", 0, "ON_TRACK", 4),
      label("M2", 2, "ATTENTION_REQUIRED", 5),
      label("M3", 0, "ON_TRACK", 6),
      label("M3", 1, "WATCH", 7),
      label("M3", 4, "ON_TRACK", 8),
      label("M4", 1, "WATCH", 9),
    ];
    const timelines = [
      timeline("M1", "ooooowwa"),
      timeline("M2", "ooaaa"),
      timeline("M3", "oooooww"),
      timeline("M4", "owwww"),
    ];
    const byRun = new Map(timelines.map((t) => [t.missionId, t.statuses]));
    const d = detectionDelays(labels, timelines, (l) => byRun.get(l.missionId)?.[l.runIndex] as Band);
    expect(d.events.map((e) => [e.missionId, e.onsetRunId, e.detectedRunId, e.delayRuns])).toEqual([
      ["M1", "R3", "R5", 2],
      ["M2", "R2", "R2", 0],
      ["M3", "R1", null, null],
    ]);
    expect(d).toMatchObject({
      detected: 2,
      missed: 1,
      meanDelayRuns: 1,
      medianDelayRuns: 1,
      maxDelayRuns: 2,
    });
  });

  it("has no figures without deteriorations", () => {
    const d = detectionDelays([label("M1", 0, "WATCH", 2)], [timeline("M1", "ww")], () => "WATCH");
    expect(d).toEqual({
      events: [],
      detected: 0,
      missed: 0,
      meanDelayRuns: null,
      medianDelayRuns: null,
      maxDelayRuns: null,
    });
  });
});
