import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  confusableSkeleton,
  loadDataset,
  mixedScripts,
  PLAUSIBILITY_CODES,
  type DataIssue,
} from "../../lib/src/index";
import { baseTables, writeTables } from "../helpers/dataset-files";

const codes: readonly string[] = Object.values(PLAUSIBILITY_CODES);
/** Plausibility warnings as `file:line field code found`. */
const plausibility = (warnings: readonly DataIssue[]): string[] =>
  warnings
    .filter((w) => codes.includes(w.code))
    .map((w) => `${path.basename(w.file ?? "")}:${w.line} ${w.field} ${w.code} ${w.found}`);

describe("implausible timestamps", () => {
  it("warns about runs before 1970 and in year 9999, naming file, line, field and value", async () => {
    const tables = baseTables();
    Object.assign(tables.runs[0]!, { start_time: "0000-01-01T00:00:00Z", end_time: "0000-01-01T01:00:00Z" });
    Object.assign(tables.runs[1]!, { start_time: "9999-12-31T00:00:00Z", end_time: "9999-12-31T01:00:00Z" });
    const dataset = await loadDataset(writeTables(tables), { now: new Date("2026-03-01T00:00:00Z") });
    // runs.csv: header on line 1, R1 on line 2, R2 on line 3.
    expect(plausibility(dataset.warnings).sort()).toEqual(
      [
        'runs.csv:2 start_time implausible_timestamp "0000-01-01T00:00:00Z"',
        'runs.csv:2 end_time implausible_timestamp "0000-01-01T01:00:00Z"',
        'runs.csv:3 start_time implausible_timestamp "9999-12-31T00:00:00Z"',
        'runs.csv:3 end_time implausible_timestamp "9999-12-31T01:00:00Z"',
      ].sort(),
    );
    const w = dataset.warnings.find((x) => x.line === 3 && x.field === "start_time")!;
    expect(w.severity).toBe("warning");
    expect(w.expected).toBe(
      "a time between 1970-01-01T00:00:00Z and one day after loading (2026-03-01T00:00:00.000Z)",
    );
    expect(w.message).toContain("in the future");
  });

  it("allows one day after 'now' and no more (now is a load option)", async () => {
    // R1 starts 2026-02-01T14:05Z, R3 2026-02-02T10:10Z, R2 2026-02-03T12:42Z (13:42+01:00).
    const now = Date.parse("2026-02-02T00:00:00Z"); // one day later: 2026-02-03T00:00Z
    const dataset = await loadDataset(writeTables(baseTables()), { now });
    expect(plausibility(dataset.warnings).sort()).toEqual([
      'runs.csv:3 end_time implausible_timestamp "2026-02-03T14:45:00+01:00"',
      'runs.csv:3 start_time implausible_timestamp "2026-02-03T13:42:00+01:00"',
    ]);
    const later = await loadDataset(writeTables(baseTables()), { now: Date.parse("2026-02-02T14:00:00Z") });
    expect(plausibility(later.warnings)).toEqual([]); // 2026-02-03T13:45Z is within the day
  });
});

describe("mixed scripts and look-alike ids", () => {
  it("skeletons and scripts", () => {
    expect(confusableSkeleton("\u041c001")).toBe("M001"); // Cyrillic capital EM
    expect(confusableSkeleton("\u039c\u039f1")).toBe("MO1"); // Greek MU, OMICRON
    expect(confusableSkeleton("M001")).toBe("M001");
    expect(mixedScripts("Supp\u043ert")).toEqual(["Latin", "Cyrillic"]);
    expect(mixedScripts("\u041c\u0418\u0420")).toEqual([]); // all Cyrillic: one script
    expect(mixedScripts("Caf\u00e9 2")).toEqual([]); // accented Latin is Latin
  });

  it("warns about a Cyrillic М1 beside a Latin M1 and a name mixing scripts, naming both rows", async () => {
    const tables = baseTables();
    tables.missions.push({
      mission_id: "\u041c1",
      name: "Supp\u043ert",
      business_owner: "Ops lead",
      ai_role: "recommend",
      escalation_path: "Ops manager",
    });
    tables.kpis.push({ mission_id: "\u041c1", kpi: "x", direction: "lower_is_better", primary: true });
    tables.tasks.push({ ...tables.tasks[0]!, mission_id: "\u041c1", task_id: "\u04221" }); // Cyrillic ТЕ
    const dataset = await loadDataset(writeTables(tables), { now: Date.parse("2026-03-01T00:00:00Z") });
    // missions.csv: M1 on line 2, M2 on line 3, М1 on line 4. "М1" has letters of one script
    // (Cyrillic; digits belong to none), so it is only a look-alike; "Suppоrt" mixes two.
    expect(plausibility(dataset.warnings).sort()).toEqual(
      [
        'missions.csv:4 mission_id confusable_id "\u041c1"',
        'missions.csv:4 name mixed_script "Supp\u043ert"',
        'tasks.csv:6 task_id confusable_id "\u04221"',
      ].sort(),
    );
    const confusable = dataset.warnings.find((w) => w.code === "confusable_id" && w.field === "mission_id")!;
    expect(confusable.message).toMatch(
      /^mission id "\u041c1" looks the same as "M1" \(.*missions\.csv line 2\) but is a different id$/,
    );
  });

  it("plain ASCII data has none of these warnings", async () => {
    const dataset = await loadDataset(writeTables(baseTables()), { now: Date.parse("2026-03-01T00:00:00Z") });
    expect(plausibility(dataset.warnings)).toEqual([]);
  });
});

describe("implausible timestamps are grouped", () => {
  it("lists the first 10 per field and side, then counts the rest in one warning", async () => {
    const { checkTimestampRange, TIMESTAMPS_LISTED } = await import("../../lib/src/validate/plausibility");
    const now = Date.parse("2026-03-01T00:00:00Z");
    // 25 future start times (2027-01-01 … 2027-01-25) and one ordinary one.
    const stamps = Array.from({ length: 25 }, (_, i) => {
      const iso = `2027-01-${String(i + 1).padStart(2, "0")}T00:00:00Z`;
      return { field: "start_time", iso, ms: Date.parse(iso), location: { file: "runs.csv", line: i + 2 } };
    });
    stamps.push({
      field: "start_time",
      iso: "2026-02-01T00:00:00Z",
      ms: Date.parse("2026-02-01T00:00:00Z"),
      location: { file: "runs.csv", line: 99 },
    });
    const got: { line?: number; message: string }[] = [];
    checkTimestampRange(stamps, now, (w) => got.push(w as { line?: number; message: string }));
    expect(TIMESTAMPS_LISTED).toBe(10);
    expect(got).toHaveLength(11); // 10 listed + 1 counting the other 15
    expect(got[10]!.message).toBe(
      "15 more start_time values in the future (more than a day after loading), from 2027-01-11T00:00:00Z to 2027-01-25T00:00:00Z: probably a mistake",
    );
    expect(got[10]!.line).toBe(12);
  });
});
