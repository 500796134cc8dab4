import { describe, expect, it } from "vitest";
import {
  GENERATED_TABLES,
  csvColumns,
  toCanonicalRecord,
  toCsvCells,
  toNdjsonLine,
} from "../../lib/src/index";

describe("canonical records", () => {
  it("lists the six tables in writing order", () => {
    expect(GENERATED_TABLES).toEqual(["missions", "kpis", "tasks", "runs", "task_executions", "risk_events"]);
  });

  it("encodes tasks with snake_case fields and dependency lists (documented examples)", () => {
    expect(
      toCanonicalRecord("tasks", {
        missionId: "m",
        taskId: "b",
        name: "B",
        order: 2,
        dependsOn: ["a"],
        estimatedMinutes: 5,
        requiresApproval: false,
      }),
    ).toEqual({
      mission_id: "m",
      task_id: "b",
      name: "B",
      order: 2,
      depends_on: ["a"],
      estimated_minutes: 5,
      requires_approval: false,
    });
    expect(
      toCsvCells(
        "tasks",
        {
          missionId: "m",
          taskId: "c",
          name: "C",
          order: 3,
          dependsOn: ["a", "b"],
          estimatedMinutes: 5,
          requiresApproval: true,
        },
        [],
      ),
    ).toEqual(["m", "c", "C", "3", "a|b", "5", "true"]);
    expect(
      toCsvCells(
        "tasks",
        {
          missionId: "m",
          taskId: "a",
          name: "A",
          order: 1,
          dependsOn: [],
          estimatedMinutes: 5,
          requiresApproval: false,
        },
        [],
      )[4],
    ).toBe("");
  });

  it("omits absent optional fields in NDJSON and leaves them empty in CSV", () => {
    expect(toNdjsonLine("missions", { missionId: "m1", name: "N", description: "D" })).toBe(
      '{"mission_id":"m1","name":"N","description":"D"}\n',
    );
    // Owner, AI role, escalation path and the six governance answers: all empty.
    expect(toCsvCells("missions", { missionId: "m1", name: "N", description: "D" }, [])).toEqual([
      "m1",
      "N",
      "D",
      ...Array<string>(9).fill(""),
    ]);
    expect(
      toCsvCells("missions", { missionId: "m1", name: "N", description: "D", fallback: "manual queue" }, []),
    ).toEqual(["m1", "N", "D", ...Array<string>(8).fill(""), "manual queue"]);
  });

  it("puts run KPIs in a kpis object (NDJSON) or kpi.<name> columns (CSV)", () => {
    const run = {
      runId: "r1",
      missionId: "m1",
      startTime: "2026-01-05T09:00:00Z",
      endTime: "2026-01-05T10:00:00Z",
      startMs: Date.UTC(2026, 0, 5, 9),
      endMs: Date.UTC(2026, 0, 5, 10),
      status: "completed" as const,
      durationMinutes: 60,
      humanInterventions: 1,
      escalations: 0,
      riskFlagged: false,
      kpis: { nps: 41.5 },
    };
    expect(csvColumns("runs", ["nps", "csat"]).slice(-3)).toEqual(["risk_flagged", "kpi.nps", "kpi.csat"]);
    expect(csvColumns("runs", ["nps"]).at(-1)).toBe("kpi.nps");
    expect(toCsvCells("runs", run, ["nps", "csat"])).toEqual([
      "r1",
      "m1",
      "2026-01-05T09:00:00Z",
      "2026-01-05T10:00:00Z",
      "completed",
      "60",
      "1",
      "0",
      "false",
      "41.5",
      "",
    ]);
    expect(JSON.parse(toNdjsonLine("runs", run))).toEqual({
      run_id: "r1",
      mission_id: "m1",
      start_time: "2026-01-05T09:00:00Z",
      end_time: "2026-01-05T10:00:00Z",
      status: "completed",
      duration_minutes: 60,
      human_interventions: 1,
      escalations: 0,
      risk_flagged: false,
      kpis: { nps: 41.5 },
    });
  });

  it("has a CSV header matching the cells of every table", () => {
    expect(csvColumns("task_executions", [])).toEqual([
      "run_id",
      "mission_id",
      "task_id",
      "agent_id",
      "actual_minutes",
      "approval_required",
      "human_delay_minutes",
      "outcome",
    ]);
    expect(csvColumns("risk_events", [])).toEqual([
      "event_id",
      "run_id",
      "mission_id",
      "task_id",
      "risk_type",
      "severity",
      "description",
      "detected_at",
      "status",
    ]);
    expect(csvColumns("kpis", [])).toEqual([
      "mission_id",
      "kpi",
      "direction",
      "unit",
      "baseline",
      "target",
      "target_date",
      "primary",
    ]);
  });
});
