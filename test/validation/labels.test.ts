import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  datasetFromInline,
  formatLabelIssue,
  LabelsError,
  loadDataset,
  parseLabels,
  readLabels,
  type Dataset,
} from "../../lib/src/index";

const fixtures = resolve(__dirname, "fixtures");
const seedDir = resolve(__dirname, "../../../shared/fixtures/seed-portfolio");

// M1: 10 daily runs from 2026-01-05 09:00 (M1-R01 … M1-R10, last on 2026-01-14).
const ds: Dataset = datasetFromInline([
  { id: "M1", kpi: { name: "d", direction: "lower_is_better" }, values: [10, 9, 9, 8, 8, 7, 7, 6, 6, 5] },
  { id: "M2", kpi: { name: "d", direction: "lower_is_better" }, values: [3, 3] },
]);

describe("parseLabels", () => {
  it("reads CSV with line numbers and normalises statuses and triggers", () => {
    const { rows, issues } = parseLabels(
      "mission_id,as_of,expected_status,expected_trigger,note,labeler\n" +
        'M1,2026-01-09,watch,kpi_plateau,"a note, with a comma",ana\n\n' +
        "M1,M1-R10,On Track,,,\n",
      "l.csv",
    );
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      {
        missionId: "M1",
        asOf: "2026-01-09",
        expectedStatus: "WATCH",
        expectedTrigger: "KPI_PLATEAU",
        note: "a note, with a comma",
        labeler: "ana",
        file: "l.csv",
        line: 2,
      },
      { missionId: "M1", asOf: "M1-R10", expectedStatus: "ON_TRACK", file: "l.csv", line: 4 },
    ]);
  });

  it("gives the start line of a record whose note spans lines", () => {
    const { rows } = parseLabels(
      'mission_id,as_of,expected_status,note\nM1,2026-01-09,WATCH,"two\nlines"\nM1,2026-01-10,WATCH,x\n',
      "l.csv",
    );
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it("reads JSON (an array or { labels }) with line numbers", () => {
    const { rows, issues } = parseLabels(
      readFileSync(resolve(fixtures, "seed-labels.json"), "utf8"),
      "seed-labels.json",
    );
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.missionId, r.expectedStatus, r.line])).toEqual([
      ["M001", "WATCH", 3],
      ["M003", "ON_TRACK", 4],
      ["M002", "WATCH", 10],
    ]);
    expect(
      parseLabels('[{"mission_id":"M1","as_of":"2026-01-09","expected_status":"WATCH"}]', "x.json").rows,
    ).toHaveLength(1);
  });

  it("reports missing columns, missing fields and malformed files", () => {
    expect(parseLabels("mission,as_of\nM1,2026-01-09\n", "l.csv").issues[0]).toMatchObject({
      line: 1,
      field: "mission_id, expected_status",
      message: "missing columns",
    });
    expect(
      parseLabels("mission_id,as_of,expected_status\n,2026-01-09,\n", "l.csv").issues.map((i) => i.field),
    ).toEqual(["mission_id", "expected_status"]);
    expect(parseLabels('{"labels": 3}', "l.json").issues[0]?.message).toBe("not a list of labels");
    expect(parseLabels("[ {", "l.json").issues[0]).toMatchObject({ line: 1, expected: "valid JSON" });
    expect(parseLabels("mission_id,as_of,expected_status\n", "l.csv").issues[0]?.message).toBe("no labels");
  });
});

describe("readLabels", () => {
  it("places labels on the history: a date is the end of that day, a run id its start", () => {
    const labels = readLabels(
      "mission_id,as_of,expected_status\nM1,2026-01-09,WATCH\nM1,M1-R10,ON_TRACK\nM1,2026-01-07T12:00:00Z,WATCH\n",
      "l.csv",
      ds,
    );
    expect(labels.map((l) => [l.asOfKind, new Date(l.asOfMs).toISOString(), l.runIndex, l.runId])).toEqual([
      ["date", "2026-01-09T23:59:59.999Z", 4, "M1-R05"],
      ["run", "2026-01-14T09:00:00.000Z", 9, "M1-R10"],
      ["date-time", "2026-01-07T12:00:00.000Z", 2, "M1-R03"],
    ]);
  });

  it("rejects every bad label with file, line, field, expected and found", () => {
    const text =
      "mission_id,as_of,expected_status\n" +
      "M9,2026-01-09,WATCH\n" + // unknown mission
      "M1,2026-01-20,WATCH\n" + // after the last run (2026-01-14)
      "M1,2026-01-04,WATCH\n" + // before the first run (2026-01-05)
      "M1,2026-01-09,AMBER\n" + // unknown status
      "M1,M2-R01,WATCH\n" + // a run of another mission
      "M1,yesterday,WATCH\n"; // neither a date nor a run id
    let error: unknown;
    try {
      readLabels(text, "bad.csv", ds);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabelsError);
    const issues = (error as LabelsError).issues;
    expect(issues.map((i) => [i.line, i.field, i.message])).toEqual([
      [2, "mission_id", "unknown mission"],
      [3, "as_of", "after the mission's last run"],
      [4, "as_of", "before the mission's first run"],
      [5, "expected_status", "unknown status"],
      [6, "as_of", "run M2-R01 belongs to mission M2"],
      [7, "as_of", "neither a date nor a known run id"],
    ]);
    expect(issues[0]).toMatchObject({
      file: "bad.csv",
      expected: "a mission of the dataset (M1, M2)",
      found: '"M9"',
    });
    expect(issues[1]?.expected).toBe("a date from 2026-01-05 to 2026-01-14 (the history of M1)");
    expect(formatLabelIssue(issues[3] as (typeof issues)[number])).toBe(
      'bad.csv:5: expected_status: unknown status (expected one of ON_TRACK, WATCH, ATTENTION_REQUIRED; found "AMBER")',
    );
    expect((error as Error).message).toMatch(
      /^6 problems in the labels:\n {2}bad\.csv:2: mission_id: unknown mission/,
    );
  });
});

describe.skipIf(!existsSync(seedDir))("labels on the seed fixture", () => {
  it("resolves the fixture's labels and reports the bad file's errors", async () => {
    const seed = await loadDataset(seedDir);
    const good = readLabels(
      readFileSync(resolve(fixtures, "seed-labels.csv"), "utf8"),
      "seed-labels.csv",
      seed,
    );
    expect(good.map((l) => l.runId)).toEqual([
      "RUN_2026_02_01_001",
      "RUN_2026_02_05_003",
      "RUN_2026_02_04_005",
      "RUN_2026_02_01_006",
      "RUN_2026_02_06_008",
    ]);
    expect(() =>
      readLabels(readFileSync(resolve(fixtures, "bad-labels.csv"), "utf8"), "bad-labels.csv", seed),
    ).toThrow(LabelsError);
    try {
      readLabels(readFileSync(resolve(fixtures, "bad-labels.csv"), "utf8"), "bad-labels.csv", seed);
    } catch (e) {
      expect((e as LabelsError).issues.map((i) => `${i.line} ${i.field}: ${i.message}`)).toEqual([
        "3 mission_id: unknown mission",
        "4 as_of: after the mission's last run",
        "5 as_of: before the mission's first run",
        "6 expected_status: unknown status",
        "7 as_of: run RUN_2026_02_02_004 belongs to mission M002",
        "8 expected_trigger: unknown trigger",
      ]);
    }
  });
});

describe("label dates and duplicates", () => {
  const header = "mission_id,as_of,expected_status,expected_trigger\n";

  it("refuses dates that are not on the calendar, with file, line, field, expected and found", () => {
    const { rows, issues } = parseLabels(
      header +
        "M1,2026-02-30,WATCH,\nM1,2026-13-01,WATCH,\nM1,2026-02-28T25:00:00Z,WATCH,\nM1,2024-02-29,WATCH,\n",
      "l.csv",
    );
    expect(rows.map((r) => r.asOf)).toEqual(["2024-02-29"]); // 2024 is a leap year
    expect(issues.map((i) => [i.line, i.field, i.found])).toEqual([
      [2, "as_of", '"2026-02-30"'],
      [3, "as_of", '"2026-13-01"'],
      [4, "as_of", '"2026-02-28T25:00:00Z"'],
    ]);
    expect(formatLabelIssue(issues[0]!)).toBe(
      'l.csv:2: as_of: no such calendar date (expected a real calendar date YYYY-MM-DD; found "2026-02-30")',
    );
  });

  it("readLabels names the calendar problem before placing the label on the history", () => {
    // Day 32 is checked as a date first ("no such calendar date"), not reported as an unplaceable point.
    expect(() => readLabels(header + "M1,2026-01-32,WATCH,\n", "l.csv", ds)).toThrow(
      /l\.csv:2: as_of: no such calendar date/,
    );
  });

  it("warns about an exact duplicate and keeps one copy", () => {
    const { rows, issues, warnings } = parseLabels(
      header + "M1,2026-01-09,WATCH,KPI_PLATEAU\nM2,2026-01-06,ON_TRACK,\nm1 ,2026-01-09,watch,kpi_plateau\n",
      "l.csv",
    );
    // " m1 " is trimmed but not case-folded: mission ids are case-sensitive, so only exact repeats count.
    expect(issues).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(warnings).toEqual([]);
    const again = parseLabels(
      header + "M1,2026-01-09,WATCH,KPI_PLATEAU\nM1,2026-01-09,watch,kpi_plateau\n",
      "l.csv",
    );
    expect(again.issues).toEqual([]);
    expect(again.rows.map((r) => r.line)).toEqual([2]);
    expect(again.warnings.map((w) => [w.severity, w.line, w.found])).toEqual([
      ["warning", 3, "a repeat of line 2"],
    ]);
  });

  it("refuses conflicting duplicates, naming both lines", () => {
    const text =
      header +
      "M1,2026-01-09,WATCH,\nM1,2026-01-10,WATCH,\nM1,2026-01-09,ON_TRACK,\nM1,M1-R03,WATCH,\nM1,M1-R03,WATCH,KPI_PLATEAU\n";
    const { issues } = parseLabels(text, "l.csv");
    expect(issues.map((i) => [i.severity, i.line])).toEqual([
      ["error", 4],
      ["error", 6],
    ]);
    expect(issues[0]!.message).toBe(
      "conflicting labels for M1 as of 2026-01-09: line 2 says WATCH, line 4 says ON_TRACK",
    );
    expect(issues[1]!.message).toContain("line 5 says WATCH, line 6 says WATCH (KPI_PLATEAU)");
    expect(() => readLabels(text, "l.csv", ds)).toThrow(LabelsError);
  });

  it("readLabels reports warnings through onWarning and still returns the labels", () => {
    const seen: string[] = [];
    const labels = readLabels(
      header + "M1,2026-01-09,WATCH,\nM1,2026-01-09,WATCH,\n",
      "l.csv",
      ds,
      undefined,
      {
        onWarning: (w) => seen.push(formatLabelIssue(w)),
      },
    );
    expect(labels).toHaveLength(1);
    expect(seen).toEqual([
      "l.csv:3: mission_id, as_of: duplicate label for M1 as of 2026-01-09 (same as line 2; this one is ignored) (expected one label per mission and as-of point; found a repeat of line 2)",
    ]);
  });
});
