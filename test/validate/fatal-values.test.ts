import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../lib/src/index";
import { baseTables, loadError, tableText, writeTables } from "../helpers/dataset-files";
import { edit, expectIssue, failing, TIMESTAMP_EXPECTED } from "../helpers/expect-issue";

describe("fatal input problems: values", () => {
  it.each([
    ["NaN", "bad_number", "not a number"],
    ["Infinity", "bad_number", "not a number"],
    ["abc", "bad_number", "not a number"],
    ["3,5", "bad_number", "not a number"],
    ["", "missing_field", "a required value is missing"],
  ])("rejects the number %j in CSV", async (text, code, message) => {
    const error = await failing(edit("runs", 0, (r) => (r.duration_minutes = text)));
    expectIssue(error, code, {
      file: "runs.csv",
      line: 2,
      field: "duration_minutes",
      expected: "a non-negative number",
      found: JSON.stringify(text),
      message,
    });
  });

  it("rejects a JSON number too large to be finite", async () => {
    const dir = writeTables(baseTables(), "ndjson");
    const text = tableText("task_executions", baseTables().task_executions, "ndjson").replace(
      '"actual_minutes":6,',
      '"actual_minutes":1e400,',
    );
    fs.writeFileSync(path.join(dir, "task_executions.ndjson"), text);
    const error = await loadError(() => loadDataset(dir));
    expectIssue(error, "bad_number", {
      file: "task_executions.ndjson",
      line: 1,
      field: "actual_minutes",
      expected: "a non-negative number",
      found: "Infinity",
      message: "not a finite number",
    });
  });

  it("rejects a number given as a JSON string", async () => {
    const error = await failing(
      edit("tasks", 1, (r) => (r.estimated_minutes = "10")),
      "json",
    );
    expectIssue(error, "bad_type", {
      file: "tasks.json",
      row: 2,
      field: "estimated_minutes",
      expected: "a non-negative number",
      found: '"10"',
    });
  });

  it("rejects negative durations", async () => {
    const error = await failing(edit("task_executions", 3, (r) => (r.human_delay_minutes = -1)));
    expectIssue(error, "negative_number", {
      file: "task_executions.csv",
      line: 5,
      field: "human_delay_minutes",
      expected: "a non-negative number",
      found: '"-1"',
      message: "negative value",
    });
  });

  it("rejects negative counts", async () => {
    const error = await failing(
      edit("runs", 2, (r) => (r.escalations = -1)),
      "json",
    );
    expectIssue(error, "negative_number", {
      file: "runs.json",
      row: 3,
      field: "escalations",
      expected: "a non-negative integer",
      found: "-1",
    });
  });

  it("rejects non-integer counts", async () => {
    const error = await failing(edit("runs", 0, (r) => (r.human_interventions = 1.5)));
    expectIssue(error, "not_integer", {
      file: "runs.csv",
      line: 2,
      field: "human_interventions",
      expected: "a non-negative integer",
      found: '"1.5"',
      message: "not a whole number",
    });
  });

  it("rejects a task order below 1", async () => {
    const error = await failing(edit("tasks", 0, (r) => (r.order = 0)));
    expectIssue(error, "out_of_range", {
      file: "tasks.csv",
      line: 2,
      field: "order",
      expected: "an integer ≥ 1",
      found: '"0"',
    });
  });

  it.each([
    ["yesterday", "not an ISO 8601 timestamp"],
    ["2026-02-30T10:00:00Z", "no such calendar date"],
    ["2026-02-01T25:00:00Z", "no such time of day"],
    ["2026-02-01", "a date without a time of day"],
  ])("rejects the unparseable timestamp %j", async (text, message) => {
    const error = await failing(edit("runs", 1, (r) => (r.start_time = text)));
    expectIssue(error, "bad_timestamp", {
      file: "runs.csv",
      line: 3,
      field: "start_time",
      expected: TIMESTAMP_EXPECTED,
      found: JSON.stringify(text),
      message,
    });
  });

  it("rejects a timestamp without a zone", async () => {
    const error = await failing(
      edit("risk_events", 0, (r) => (r.detected_at = "2026-02-01T14:40:00")),
      "ndjson",
    );
    expectIssue(error, "timestamp_without_zone", {
      file: "risk_events.ndjson",
      line: 1,
      field: "detected_at",
      expected: TIMESTAMP_EXPECTED,
      found: '"2026-02-01T14:40:00"',
      message: "the timestamp has no zone (add Z or an offset such as +02:00)",
    });
  });

  it("rejects a run that ends before it starts, comparing instants across zones", async () => {
    const error = await failing(edit("runs", 0, (r) => (r.end_time = "2026-02-01T15:00:00+02:00")));
    expectIssue(error, "end_before_start", {
      file: "runs.csv",
      line: 2,
      field: "end_time",
      expected: "a time at or after start_time 2026-02-01T14:05:00Z",
      found: '"2026-02-01T15:00:00+02:00"',
      message: "the run ends before it starts",
    });
    // 16:05+02:00 is 14:05Z: ending at the very instant it starts is fine.
    await expect(
      loadDataset(writeTables(edit("runs", 0, (r) => (r.end_time = "2026-02-01T16:05:00+02:00")))),
    ).resolves.toBeDefined();
  });

  it("rejects an impossible target date", async () => {
    const error = await failing(edit("kpis", 0, (r) => (r.target_date = "2026-02-30")));
    expectIssue(error, "bad_date", {
      file: "kpis.csv",
      line: 2,
      field: "target_date",
      expected: "a date YYYY-MM-DD",
      found: '"2026-02-30"',
    });
  });

  it("rejects booleans it does not know (CSV words, JSON strings)", async () => {
    const csv = await failing(edit("runs", 0, (r) => (r.risk_flagged = "perhaps")));
    expectIssue(csv, "bad_boolean", {
      file: "runs.csv",
      line: 2,
      field: "risk_flagged",
      expected: "true/false, 1/0 or yes/no",
      found: '"perhaps"',
    });
    const json = await failing(
      edit("tasks", 0, (r) => (r.requires_approval = "true")),
      "json",
    );
    expectIssue(json, "bad_boolean", {
      file: "tasks.json",
      row: 1,
      field: "requires_approval",
      expected: "true or false",
      found: '"true"',
    });
  });

  it.each([
    ["runs", 0, "status", "done", "one of completed, failed, aborted, partial", 2],
    ["kpis", 1, "direction", "down", "one of lower_is_better, higher_is_better", 3],
    ["missions", 0, "ai_role", "boss", "one of assist, recommend, decide, trigger", 2],
    [
      "task_executions",
      2,
      "outcome",
      "done",
      "one of completed, approved, rejected, escalated, failed, skipped",
      4,
    ],
    ["risk_events", 1, "severity", "critical", "one of low, medium, high", 3],
    ["risk_events", 0, "status", "resolved", "one of open, mitigated, closed", 2],
  ] as const)("rejects an unknown %s.%s value", async (table, index, field, value, expected, line) => {
    const error = await failing(edit(table, index, (r) => (r[field] = value)));
    expectIssue(error, "bad_enum", {
      file: `${table}.csv`,
      line,
      field,
      expected,
      found: JSON.stringify(value),
    });
  });

  it("quotes and truncates long found values to 60 characters", async () => {
    const long = "x".repeat(100);
    const error = await failing(edit("runs", 0, (r) => (r.status = long)));
    const issue = expectIssue(error, "bad_enum", { file: "runs.csv", line: 2, field: "status" });
    expect(issue.found).toBe(`"${"x".repeat(59)}…"`);
  });
});
