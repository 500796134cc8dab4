import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../lib/src/index";
import { baseTables, loadError, tableText, without, writeTables } from "../helpers/dataset-files";
import { edit, expectIssue, failing } from "../helpers/expect-issue";

describe("fatal input problems: files and syntax", () => {
  it("reports a folder that does not exist", async () => {
    const error = await loadError(() => loadDataset("/nonexistent/mission-data"));
    expectIssue(error, "unreadable_folder", {
      file: "mission-data",
      expected: "an existing dataset folder",
      found: "no such folder",
    });
  });

  it("reports an unreadable table file (a dangling link)", async () => {
    const tables = baseTables();
    const dir = writeTables(tables, "csv");
    fs.rmSync(path.join(dir, "runs.csv"));
    fs.symlinkSync(path.join(dir, "nowhere.csv"), path.join(dir, "runs.csv"));
    const error = await loadError(() => loadDataset(dir));
    expectIssue(error, "unreadable_file", { file: "runs.csv", expected: "a readable file", found: "ENOENT" });
    // Runs could not be read, so references to runs are not reported as unknown on top.
    expect(error.issues.map((i) => i.code)).toEqual(["unreadable_file"]);
  });

  it("reports malformed CSV with its line and stops reading that file", async () => {
    const text = tableText("runs", baseTables().runs, "csv").replace("R2,M1,", 'R2,"M1,');
    const dir = writeTables(baseTables(), "csv");
    fs.writeFileSync(path.join(dir, "runs.csv"), text);
    const error = await loadError(() => loadDataset(dir));
    expectIssue(error, "malformed_csv", {
      file: "runs.csv",
      line: 3,
      expected: "well-formed CSV (RFC 4180 quoting)",
      found: "end of file inside a quoted cell",
      message: "malformed CSV: a quoted cell is never closed",
    });
  });

  it("reports malformed JSON with the line of the syntax error", async () => {
    const dir = writeTables(baseTables(), "csv", { runs: "json" });
    const good = JSON.stringify(baseTables().runs[0]);
    fs.writeFileSync(
      path.join(dir, "runs.json"),
      `[\n${good},\n{"run_id": "R2", "mission_id": "M1" "start_time": "x"}\n]\n`,
    );
    const error = await loadError(() => loadDataset(dir));
    const issue = expectIssue(error, "malformed_json", {
      file: "runs.json",
      line: 3,
      expected: "one JSON array of objects",
    });
    expect(issue.found).toBe(JSON.stringify('{"run_id": "R2", "mission_id": "M1" "start_time": "x"}'));
  });

  it("reports a malformed NDJSON line with its number and keeps reading the next lines", async () => {
    const dir = writeTables(baseTables(), "ndjson");
    const lines = tableText("runs", baseTables().runs, "ndjson").split("\n");
    lines[1] = '{"run_id": "R2",';
    lines.splice(2, 0, '{"run_id": "R9", "mission_id": "M1"}'); // line 3: valid JSON, invalid run
    fs.writeFileSync(path.join(dir, "runs.ndjson"), lines.join("\n"));
    const error = await loadError(() => loadDataset(dir));
    expectIssue(error, "malformed_ndjson", {
      file: "runs.ndjson",
      line: 2,
      expected: "one JSON object per line",
      found: '"{\\"run_id\\": \\"R2\\","',
    });
    expectIssue(error, "missing_field", { file: "runs.ndjson", line: 3, field: "status" });
  });

  it("reports a JSON array element that is not an object", async () => {
    const dir = writeTables(baseTables(), "json");
    fs.writeFileSync(
      path.join(dir, "risk_events.json"),
      `[${JSON.stringify(baseTables().risk_events[0])}, 42]`,
    );
    const error = await loadError(() => loadDataset(dir));
    expectIssue(error, "not_an_object", {
      file: "risk_events.json",
      row: 2,
      expected: "a JSON object",
      found: "42",
    });
  });

  it("reports a CSV row whose number of cells differs from the header", async () => {
    const dir = writeTables(baseTables(), "csv");
    const text = tableText("missions", baseTables().missions, "csv").replace("M2,Support,", "M2,Support,,");
    fs.writeFileSync(path.join(dir, "missions.csv"), text);
    const error = await loadError(() => loadDataset(dir));
    const issue = expectIssue(error, "column_count", {
      file: "missions.csv",
      line: 3,
      expected: "6 cells, as in the header",
    });
    expect(issue.found).toMatch(/^7 cells: "M2,Support,,,Support lead/);
  });

  it("reports a required table file that is missing", async () => {
    const tables = without(baseTables(), "runs");
    const error = await failing(tables);
    expectIssue(error, "missing_table", {
      file: path.basename(error.issues[0]!.file!),
      field: "runs",
      expected:
        "one of runs.csv, runs.json, runs.ndjson, runs.jsonl, runs.parquet (text formats may end in .gz or .zst), or a folder runs/ of such files",
      found: "no such file",
      message: "the required table runs is missing",
    });
    expect(error.issues).toHaveLength(1); // no cascade of "unknown run" errors
  });

  it("reports two files for the same table", async () => {
    const dir = writeTables(baseTables(), "csv");
    fs.writeFileSync(path.join(dir, "runs.ndjson"), tableText("runs", baseTables().runs, "ndjson"));
    const error = await loadError(() => loadDataset(dir));
    expectIssue(error, "duplicate_table_file", {
      file: path.basename(dir),
      field: "runs",
      expected:
        "exactly one of runs.csv, runs.json, runs.ndjson, runs.jsonl, runs.parquet (text formats may end in .gz or .zst), or a folder runs/ of such files",
      found: "runs.csv and runs.ndjson",
    });
    expect(error.issues).toHaveLength(1);
  });

  it("reports a missing CSV column once, at the header, not once per row", async () => {
    const dir = writeTables(baseTables(), "csv");
    const text = tableText("runs", baseTables().runs, "csv")
      .split("\n")
      .map((line) =>
        line
          .split(",")
          .filter((_, i) => i !== 7)
          .join(","),
      )
      .join("\n");
    fs.writeFileSync(path.join(dir, "runs.csv"), text);
    const error = await loadError(() => loadDataset(dir));
    const issue = expectIssue(error, "missing_column", {
      file: "runs.csv",
      line: 1,
      field: "escalations",
      expected: "a column named escalations",
    });
    expect(issue.found).toMatch(/^columns "run_id,mission_id,/);
    expect(error.issues).toHaveLength(1);
  });

  it("reports a required JSON field that is missing", async () => {
    const error = await failing(
      edit("runs", 1, (r) => delete r.status),
      "json",
    );
    expectIssue(error, "missing_field", {
      file: "runs.json",
      row: 2,
      field: "status",
      expected: "one of completed, failed, aborted, partial",
      found: "nothing",
      message: "a required value is missing",
    });
  });

  it("reports a dataset with no missions", async () => {
    const tables = baseTables();
    tables.missions = [];
    const dir = writeTables(tables, "csv");
    fs.writeFileSync(path.join(dir, "missions.csv"), "mission_id,name\n");
    const error = await loadError(() => loadDataset(dir));
    expectIssue(error, "empty_table", {
      file: "missions.csv",
      expected: "at least one mission",
      found: "no records",
      message: "the dataset has no missions",
    });
  });

  it("reports a dataset with no runs", async () => {
    const tables = baseTables();
    tables.runs = [];
    tables.task_executions = [];
    tables.risk_events = [];
    const error = await failing(tables, "ndjson");
    expectIssue(error, "empty_table", {
      file: "runs.ndjson",
      expected: "at least one run",
      message: "the dataset has no runs",
    });
  });
});
