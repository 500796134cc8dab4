import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sqlPath } from "../../lib/src/ingest/engine";
import { describe, expect, it } from "vitest";
import { withEngine } from "../../lib/src/ingest/engine";
import {
  literalGlob,
  loadMapping,
  MAPPING_FILE,
  matchTableFiles,
  parseMapping,
  planTable,
  projectSql,
  type DatasetMapping,
} from "../../lib/src/ingest/mapping";
import {
  allowedDistance,
  damerauLevenshtein,
  mappingHint,
  normaliseColumnName,
  shownName,
  suggestColumn,
} from "../../lib/src/ingest/suggest-column";
import {
  enumSources,
  MAX_SAMPLED_VALUES,
  readHeaders,
  readValueSamples,
  relationFor,
  suggestMapping,
} from "../../lib/src/ingest/suggest-mapping";
import { isKpiField, KPI_FIELD_PREFIX, TABLE_FIELDS, tableField } from "../../lib/src/ingest/table-fields";
import { CANONICAL_TABLES } from "../../lib/src/ingest/dataset-layout";
import type { DataIssue } from "../../lib/src/model/issues";
import { badKpiColumnIssue, checkCsvHeader, missingColumnIssue } from "../../lib/src/validate/header-check";
import { KPI_REQUIRED_FIELDS } from "../../lib/src/validate/kpis";
import { MISSION_REQUIRED_FIELDS } from "../../lib/src/validate/missions";
import { RISK_EVENT_REQUIRED_FIELDS } from "../../lib/src/validate/risk-events";
import { RUN_REQUIRED_FIELDS } from "../../lib/src/validate/runs";
import { TASK_EXECUTION_REQUIRED_FIELDS } from "../../lib/src/validate/task-executions";
import { TASK_REQUIRED_FIELDS } from "../../lib/src/validate/tasks";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "mapping-"));

/** Parses mapping text that must be valid. */
function mappingOf(text: string): DatasetMapping {
  const loaded = parseMapping(text, "d/mapping.yaml");
  expect(loaded.issues).toEqual([]);
  return loaded.mapping!;
}

const codes = (issues: readonly DataIssue[]) => issues.map((i) => i.code);

describe("table fields", () => {
  it("runs its doc examples", () => {
    expect(TABLE_FIELDS.runs.find((f) => f.name === "status")?.values).toEqual([
      "completed",
      "failed",
      "aborted",
      "partial",
    ]);
    expect(TABLE_FIELDS.missions.filter((f) => f.required).map((f) => f.name)).toEqual([
      "mission_id",
      "name",
    ]);
    expect(KPI_FIELD_PREFIX).toBe("kpi.");
    expect(isKpiField("kpi.csat")).toBe(true);
    expect(isKpiField("kpi. ")).toBe(false);
    expect(tableField("runs", "kpi.csat")).toEqual({
      name: "kpi.csat",
      required: false,
      meaning: "Value of KPI csat at the end of the run (KPI units).",
    });
    expect(tableField("runs", "Run ID")).toBeUndefined();
  });

  it("takes required-ness from the validators' constants", () => {
    const required = {
      missions: MISSION_REQUIRED_FIELDS,
      kpis: KPI_REQUIRED_FIELDS,
      tasks: TASK_REQUIRED_FIELDS,
      runs: RUN_REQUIRED_FIELDS,
      task_executions: TASK_EXECUTION_REQUIRED_FIELDS,
      risk_events: RISK_EVENT_REQUIRED_FIELDS,
    };
    for (const table of CANONICAL_TABLES) {
      expect(
        TABLE_FIELDS[table]
          .filter((f) => f.required)
          .map((f) => f.name)
          .sort(),
        table,
      ).toEqual([...required[table]].sort());
    }
  });

  it("lists the same fields, required or optional, as data/README.md", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../data/README.md"), "utf8");
    for (const table of CANONICAL_TABLES) {
      const start = readme.indexOf(`#### \`${table}\``);
      expect(start, table).toBeGreaterThan(0);
      const section = readme.slice(start, readme.indexOf("\n#### ", start + 1));
      const rows = [...section.matchAll(/^\| `([a-z_]+)` \| (\*\*req\*\*|opt) \|/gm)].map((m) => [
        m[1],
        m[2] === "**req**",
      ]);
      expect(rows, table).toEqual(TABLE_FIELDS[table].map((f) => [f.name, f.required]));
    }
  });
});

describe("suggestions", () => {
  it("runs its doc examples", () => {
    expect(normaliseColumnName(" Run-ID.x_y ")).toBe("runidxy");
    expect(damerauLevenshtein("status", "stauts")).toBe(1);
    expect(damerauLevenshtein("ca", "abc")).toBe(2);
    expect(allowedDistance("runid")).toBe(1);
    expect(allowedDistance("status")).toBe(2);
    expect(suggestColumn("run_id", ["Mission", "Run ID", "Started"])).toBe("Run ID");
    expect(suggestColumn("status", ["Stauts", "Owner"])).toBe("Stauts");
    expect(suggestColumn("order", ["owner"])).toBeUndefined();
    expect(shownName("Run ID")).toBe("Run ID");
    expect(mappingHint("Run ID", "run_id")).toBe(
      "column `Run ID`: did you mean `run_id`? map it in mapping.yaml",
    );
  });

  it("computes Damerau–Levenshtein distances worked by hand", () => {
    // kitten → sitting: k→s, e→i, insert g.
    expect(damerauLevenshtein("kitten", "sitting")).toBe(3);
    // ca → abc: transpose to ac, insert b (the restricted variant would say 3).
    expect(damerauLevenshtein("ca", "abc")).toBe(2);
    expect(damerauLevenshtein("", "abc")).toBe(3);
    expect(damerauLevenshtein("abc", "")).toBe(3);
    expect(damerauLevenshtein("abc", "abc")).toBe(0);
    // status → state: u→e, delete the last s.
    expect(damerauLevenshtein("status", "state")).toBe(2);
    // order → owner: r→w, d→n.
    expect(damerauLevenshtein("order", "owner")).toBe(2);
    // by code point: one astral character is one edit
    expect(damerauLevenshtein("a😀b", "ab")).toBe(1);
  });

  it("suggests by normalised name, within the allowed distance, deterministically", () => {
    // "Run ID" and "run_id" both normalise to "runid".
    expect(suggestColumn("run_id", ["Run ID"])).toBe("Run ID");
    // normalised "status" vs "state": 2 edits, 6 letters allow 2.
    expect(suggestColumn("status", ["state"])).toBe("state");
    // "kpi" (3 letters) allows 1 edit: "kpis" is 1 away.
    expect(suggestColumn("kpi", ["kpis"])).toBe("kpis");
    // "starttime" vs "started": "time" vs "ed" needs 4 edits.
    expect(suggestColumn("start_time", ["Started"])).toBeUndefined();
    // ties on the normalised name: the lower-case distance decides ("run id" is 1 from "run_id",
    // "r.u.n.i.d" at least 3) whatever the order …
    expect(suggestColumn("run_id", ["R.U.N.I.D", "Run ID"])).toBe("Run ID");
    expect(suggestColumn("run_id", ["Run ID", "R.U.N.I.D"])).toBe("Run ID");
    // … then the name in code-unit order ("RUN ID" < "Run ID": U is 0x55, u 0x75).
    expect(suggestColumn("run_id", ["Run ID", "RUN ID"])).toBe("RUN ID");
    expect(suggestColumn("run_id", ["RUN ID", "Run ID"])).toBe("RUN ID");
    // a closer candidate beats a farther one
    expect(suggestColumn("status", ["stat", "Status"])).toBe("Status");
    expect(suggestColumn("", ["x"])).toBeUndefined();
    expect(suggestColumn("run_id", ["x".repeat(500)])).toBeUndefined();
  });
});

describe("the CSV header check", () => {
  it("runs its doc examples", () => {
    expect(missingColumnIssue("run_id", ["Run ID", "mission_id"], { file: "runs.csv" }).message).toBe(
      "the header has no run_id column; column `Run ID`: did you mean `run_id`? map it in mapping.yaml",
    );
    expect(badKpiColumnIssue("kpi. ", { file: "runs.csv" }).message).toBe("a KPI column must name its KPI");
  });

  it("appends the near miss to missing_column, keeping file, line, field, expected and found", () => {
    const issues: DataIssue[] = [];
    const columns = ["Run ID", ...RUN_REQUIRED_FIELDS.slice(1)];
    checkCsvHeader(columns, RUN_REQUIRED_FIELDS, { file: "runs.csv", line: 1 }, (i) => issues.push(i));
    expect(issues).toEqual([
      {
        severity: "error",
        code: "missing_column",
        file: "runs.csv",
        line: 1,
        field: "run_id",
        expected: "a column named run_id",
        // cut to 60 characters, the ellipsis included
        found: 'columns "Run ID,mission_id,start_time,end_time,status,duration_minut…"',
        message:
          "the header has no run_id column; column `Run ID`: did you mean `run_id`? map it in mapping.yaml",
      },
    ]);
  });

  it("does not offer a column another required field already has", () => {
    const issues: DataIssue[] = [];
    checkCsvHeader(["run_id"], ["run_id", "run_ids"], { file: "x.csv" }, (i) => issues.push(i));
    expect(issues.map((i) => i.message)).toEqual(["the header has no run_ids column"]);
  });
});

describe("parseMapping", () => {
  const EXAMPLE = [
    "tables:",
    "  runs:",
    '    files: "Run export*.csv"',
    '    columns: { run_id: "Run ID", mission_id: "Mission", start_time: "Started" }',
    "    values:",
    "      status: { Done: completed, Failed: failed }",
    "",
  ].join("\n");

  it("runs its doc examples", () => {
    expect(
      parseMapping(
        "tables:\n  runs:\n    columns: { run_id: Run ID }\n",
        "mapping.yaml",
      ).mapping?.tables.runs?.columns.get("run_id"),
    ).toBe("Run ID");
    expect(parseMapping("tables:\n  run:\n    columns: {}\n", "mapping.yaml").issues[0]?.message).toBe(
      "unknown key run in tables; did you mean runs?",
    );
    expect(MAPPING_FILE).toBe("mapping.yaml");
  });

  it("reads the documented shape with the line of every entry", () => {
    const runs = mappingOf(EXAMPLE).tables.runs!;
    expect(runs.line).toBe(2);
    expect(runs.files).toEqual(["Run export*.csv"]);
    expect([...runs.columns]).toEqual([
      ["run_id", "Run ID"],
      ["mission_id", "Mission"],
      ["start_time", "Started"],
    ]);
    expect(runs.columnLines.get("start_time")).toBe(4);
    expect([...runs.values.get("status")!]).toEqual([
      ["Done", "completed"],
      ["Failed", "failed"],
    ]);
    expect(runs.valueLines.get("status")).toBe(6);
  });

  it("keeps every scalar as written (01, yes, 1.0 are text) and trims source values", () => {
    const m = mappingOf(
      'tables:\n  runs:\n    files: [a.csv, "b*.csv"]\n    values: { risk_flagged: { yes: "true", 01: "false", " N ": "false" } }\n',
    );
    expect(m.tables.runs!.files).toEqual(["a.csv", "b*.csv"]);
    expect([...m.tables.runs!.values.get("risk_flagged")!]).toEqual([
      ["yes", "true"],
      ["01", "false"],
      ["N", "false"],
    ]);
  });

  it("treats an empty file as an empty mapping", () => {
    expect(parseMapping("# nothing yet\n", "m.yaml")).toEqual({
      mapping: { file: "m.yaml", tables: {} },
      issues: [],
    });
  });

  it("reports unknown keys with their line and a suggestion", () => {
    const r = parseMapping(
      "tables:\n  runs:\n    colums: { run_id: x }\n    filez: a.csv\n",
      "d/mapping.yaml",
    );
    expect(r.mapping).toBeUndefined();
    expect(r.issues).toEqual([
      {
        severity: "error",
        code: "unknown_mapping_key",
        file: "d/mapping.yaml",
        line: 3,
        field: "tables.runs.colums",
        expected: "one of files, columns, values",
        found: '"colums"',
        message: "unknown key colums in tables.runs; did you mean columns?",
      },
      {
        severity: "error",
        code: "unknown_mapping_key",
        file: "d/mapping.yaml",
        line: 4,
        field: "tables.runs.filez",
        expected: "one of files, columns, values",
        found: '"filez"',
        message: "unknown key filez in tables.runs; did you mean files?",
      },
    ]);
    const top = parseMapping("# c\ntable:\n  runs: {}\n", "m.yaml").issues;
    expect(top.map((i) => [i.code, i.line, i.field, i.message])).toEqual([
      ["unknown_mapping_key", 2, "table", "unknown key table in mapping.yaml; did you mean tables?"],
    ]);
  });

  it("reports a key given twice (a canonical field mapped twice) at its second line", () => {
    const r = parseMapping("tables:\n  runs:\n    columns:\n      run_id: A\n      run_id: B\n", "m.yaml");
    expect(r.mapping).toBeUndefined();
    expect(r.issues.map((i) => [i.code, i.line, i.field])).toEqual([["duplicate_mapping", 5, "run_id"]]);
    const trimmed = parseMapping(
      'tables:\n  runs:\n    values: { status: { Done: completed, " Done": failed } }\n',
      "m.yaml",
    );
    expect(trimmed.issues.map((i) => [i.code, i.line, i.field])).toEqual([
      ["duplicate_mapping", 3, "tables.runs.values.status"],
    ]);
  });

  it("reports values of the wrong shape, and globs leaving the folder", () => {
    const cases: [string, string | undefined, number][] = [
      ["tables:\n  runs:\n    files: []\n", "tables.runs.files", 3],
      ['tables:\n  runs:\n    files: "/etc/*.csv"\n', "tables.runs.files", 3],
      ['tables:\n  runs:\n    files: ["ok.csv", "../x/*.csv"]\n', "tables.runs.files.1", 3],
      ["tables:\n  runs:\n    columns: [run_id]\n", "tables.runs.columns", 3],
      ["tables:\n  runs:\n    columns:\n      run_id:\n", "tables.runs.columns.run_id", 4],
      ["tables:\n  runs:\n    values: { status: completed }\n", "tables.runs.values.status", 3],
      ["tables:\n", "tables", 1],
      ["- a\n", undefined, 1],
    ];
    for (const [text, field, line] of cases) {
      const r = parseMapping(text, "m.yaml");
      expect(r.mapping, text).toBeUndefined();
      expect(
        r.issues.map((i) => [i.code, i.field, i.line]),
        text,
      ).toEqual([["bad_mapping", field, line]]);
    }
  });

  it("resolves anchors and aliases, and refuses an alias bomb", () => {
    const m = mappingOf(
      [
        "tables:",
        "  runs: &runs",
        "    columns: { run_id: &id Run ID }",
        "  risk_events:",
        "    columns: { run_id: *id }",
        "  task_executions: *runs",
      ].join("\n"),
    );
    expect(m.tables.risk_events!.columns.get("run_id")).toBe("Run ID");
    expect(m.tables.task_executions!.columns.get("run_id")).toBe("Run ID");
    const ten = (x: string) => `[${Array.from({ length: 10 }, () => x).join(", ")}]`;
    const bomb = `a: &a ${ten("x")}\nb: &b ${ten("*a")}\nc: &c ${ten("*b")}\nd: ${ten("*c")}\n`;
    const r = parseMapping(bomb, "m.yaml");
    expect(r.mapping).toBeUndefined();
    expect(r.issues.map((i) => [i.code, i.message])).toEqual([
      ["bad_mapping", "mapping.yaml cannot be read"],
    ]);
  });

  it("reports a YAML syntax error with its line", () => {
    const r = parseMapping("tables:\n  runs:\n    columns: { run_id: [\n", "m.yaml");
    expect(r.mapping).toBeUndefined();
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues.every((i) => i.code === "bad_mapping" && i.line !== undefined && i.line >= 3)).toBe(true);
  });
});

describe("loadMapping", () => {
  it("runs its doc example: no mapping.yaml → undefined", async () => {
    expect(await loadMapping(path.resolve(__dirname, "../../data/demo"))).toBeUndefined();
  });

  it("reads mapping.yaml of a folder (a byte-order mark allowed)", async () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, MAPPING_FILE),
      "\uFEFFtables:\n  missions:\n    columns: { name: Title }\n",
    );
    const loaded = await loadMapping(dir);
    expect(loaded?.issues).toEqual([]);
    expect(loaded?.mapping?.file).toBe(path.join(dir, MAPPING_FILE));
    expect(loaded?.mapping?.tables.missions?.columns.get("name")).toBe("Title");
  });

  it("reports a mapping.yaml that is a folder, or not UTF-8", async () => {
    const folder = tmp();
    fs.mkdirSync(path.join(folder, MAPPING_FILE));
    expect((await loadMapping(folder))?.issues.map((i) => [i.code, i.expected])).toEqual([
      ["bad_mapping", "a regular file"],
    ]);
    const bytes = tmp();
    fs.writeFileSync(path.join(bytes, MAPPING_FILE), Buffer.from([0x74, 0x3a, 0x20, 0xff, 0x0a]));
    expect((await loadMapping(bytes))?.issues.map((i) => [i.code, i.found, i.line])).toEqual([
      ["bad_mapping", "invalid UTF-8", 1],
    ]);
  });
});

describe("matchTableFiles", () => {
  it("runs its doc examples", () => {
    expect(
      matchTableFiles(["Run export*.csv"], ["Run export 1.csv", "runs.csv", "Run export 2.csv"]),
    ).toEqual(["Run export 1.csv", "Run export 2.csv"]);
    expect(literalGlob("runs [2026].csv")).toBe("runs \\[2026\\].csv");
  });

  it("does not cross folders with *, nor match hidden files, and escapes literal names", () => {
    expect(matchTableFiles(["*.csv"], ["a.csv", "runs/b.csv", ".hidden.csv"])).toEqual(["a.csv"]);
    expect(matchTableFiles(["runs/*.csv", "x.csv"], ["a.csv", "runs/b.csv", "x.csv"])).toEqual([
      "runs/b.csv",
      "x.csv",
    ]);
    expect(matchTableFiles([literalGlob("runs [2026].csv")], ["runs [2026].csv", "runs 2.csv"])).toEqual([
      "runs [2026].csv",
    ]);
  });
});

describe("planTable", () => {
  it("runs its doc example", () => {
    expect(
      planTable(
        "runs",
        ["Run ID", "mission_id"],
        parseMapping("tables:\n  runs:\n    columns: { run_id: Run ID }\n", "mapping.yaml").mapping,
      ).aliases.run_id,
    ).toBe("Run ID");
  });

  it("reads every field by its canonical name without a mapping", () => {
    const plan = planTable("missions", ["name", "mission_id", "extra"]);
    expect(plan.fields).toEqual([
      { field: "mission_id", column: "mission_id", mapped: false },
      { field: "name", column: "name", mapped: false },
    ]);
    expect(plan.ignored).toEqual(["extra"]);
    expect(plan.missing).toEqual([]);
    expect(plan.issues).toEqual([]);
  });

  it("takes the mapped column first, keeps KPI columns of runs, and maps KPI fields", () => {
    const mapping = mappingOf(
      [
        "tables:",
        "  runs:",
        '    columns: { run_id: "Run ID", mission_id: Mission, "kpi.csat": "CSAT score" }',
        "    values: { status: { Done: completed } }",
      ].join("\n"),
    );
    const found = [
      "Run ID",
      "Mission",
      ...RUN_REQUIRED_FIELDS.slice(2),
      "kpi.nps",
      "kpis",
      "CSAT score",
      "Notes",
    ];
    const plan = planTable("runs", found, mapping, { file: "Run export.csv", line: 1 });
    expect(plan.issues).toEqual([]);
    expect(plan.missing).toEqual([]);
    expect(plan.ignored).toEqual(["Notes"]);
    expect(plan.fields.map((f) => [f.field, f.column, f.mapped])).toEqual([
      ["run_id", "Run ID", true],
      ["mission_id", "Mission", true],
      ["start_time", "start_time", false],
      ["end_time", "end_time", false],
      ["status", "status", false],
      ["duration_minutes", "duration_minutes", false],
      ["human_interventions", "human_interventions", false],
      ["escalations", "escalations", false],
      ["risk_flagged", "risk_flagged", false],
      ["kpi.nps", "kpi.nps", false],
      ["kpis", "kpis", false],
      ["kpi.csat", "CSAT score", true],
    ]);
    expect([...plan.fields.find((f) => f.field === "status")!.values!]).toEqual([["Done", "completed"]]);
    expect(plan.aliases.run_id).toBe("Run ID");
  });

  it("reports a mapped column the file does not have, with its near miss, and no cascade", () => {
    const mapping = mappingOf('tables:\n  missions:\n    columns: { mission_id: "Mission Id " }\n');
    const plan = planTable("missions", ["Mission ID", "name"], mapping, { file: "m.csv", line: 1 });
    expect(plan.missing).toEqual(["mission_id"]);
    expect(plan.issues).toEqual([
      {
        severity: "error",
        code: "mapping_unknown_column",
        file: "d/mapping.yaml",
        line: 3,
        field: "tables.missions.columns.mission_id",
        expected: "a column of m.csv",
        found: '"Mission Id "; columns "Mission ID,name"',
        message:
          "mission_id is mapped to the column `Mission Id `, which m.csv does not have; did you mean `Mission ID`?",
      },
    ]);
  });

  it("reports a mapping of an unknown field with its near miss, and not the field as missing too", () => {
    const mapping = mappingOf(
      "tables:\n  runs:\n    columns: { start_tme: Started, zzz: Other }\n    values: { stauts: { a: b } }\n",
    );
    const plan = planTable(
      "runs",
      ["Started", "Other", ...RUN_REQUIRED_FIELDS.filter((f) => f !== "start_time")],
      mapping,
      {
        file: "runs.csv",
      },
    );
    expect(plan.issues.map((i) => [i.code, i.line, i.field, i.message])).toEqual([
      [
        "mapping_unknown_field",
        3,
        "tables.runs.columns.start_tme",
        "runs has no field start_tme; did you mean start_time?",
      ],
      ["mapping_unknown_field", 3, "tables.runs.columns.zzz", "runs has no field zzz"],
      [
        "mapping_unknown_field",
        4,
        "tables.runs.values.stauts",
        "runs has no field stauts; did you mean status?",
      ],
    ]);
    expect(plan.missing).toEqual(["start_time"]);
  });

  it("reports a value map to a value the enum does not accept", () => {
    const mapping = mappingOf(
      "tables:\n  runs:\n    values: { status: { Done: completed, Failed: faild } }\n",
    );
    const plan = planTable("runs", [...RUN_REQUIRED_FIELDS], mapping, { file: "runs.csv" });
    expect(plan.issues).toEqual([
      {
        severity: "error",
        code: "mapping_bad_value",
        file: "d/mapping.yaml",
        line: 3,
        field: "tables.runs.values.status",
        expected: "one of completed, failed, aborted, partial",
        found: '"faild"',
        message:
          'the value "Failed" of status is mapped to "faild", which status does not accept; did you mean failed?',
      },
    ]);
  });

  it("warns when a mapped field also has a column of its canonical name (that column is not read)", () => {
    const mapping = mappingOf('tables:\n  missions:\n    columns: { name: "Title" }\n');
    const plan = planTable("missions", ["mission_id", "name", "Title"], mapping, { file: "m.csv" });
    expect(plan.issues.map((i) => [i.severity, i.code, i.line])).toEqual([["warning", "shadowed_column", 3]]);
    expect(plan.aliases).toEqual({ mission_id: "mission_id", name: "Title" });
    expect(plan.ignored).toEqual(["name"]);
  });

  it("reports missing required columns at the header, suggesting only unused columns", () => {
    const plan = planTable("missions", ["Mission", "Name "], undefined, { file: "m.csv", line: 1 });
    expect(plan.issues.map((i) => [i.code, i.file, i.line, i.field, i.message])).toEqual([
      [
        "missing_column",
        "m.csv",
        1,
        "mission_id",
        "the header has no mission_id column; column `Mission`: did you mean `mission_id`? map it in mapping.yaml",
      ],
      [
        "missing_column",
        "m.csv",
        1,
        "name",
        "the header has no name column; column `Name `: did you mean `name`? map it in mapping.yaml",
      ],
    ]);
    // "Mission" feeds mission_id, so it is not offered for name
    const used = planTable(
      "missions",
      ["Mission", "mission_id"],
      mappingOf("tables:\n  missions:\n    columns: { name: Mission }\n"),
    );
    expect(codes(used.issues)).toEqual([]);
    const taken = planTable(
      "missions",
      ["Mision"],
      mappingOf("tables:\n  missions:\n    columns: { mission_id: Mision }\n"),
      {
        file: "m.csv",
      },
    );
    expect(taken.issues.map((i) => i.message)).toEqual(["the header has no name column"]);
  });

  it("reports a KPI column without a KPI name", () => {
    const plan = planTable("runs", [...RUN_REQUIRED_FIELDS, "kpi. "], undefined, { file: "runs.csv" });
    expect(plan.issues.map((i) => [i.code, i.field])).toEqual([["bad_column", "kpi. "]]);
  });

  it("does not change its inputs", () => {
    const found = Object.freeze(["Run ID"]);
    const mapping = mappingOf('tables:\n  runs:\n    columns: { run_id: "Run ID" }\n');
    const before = JSON.stringify([...mapping.tables.runs!.columns]);
    planTable("runs", found, mapping);
    expect(JSON.stringify([...mapping.tables.runs!.columns])).toBe(before);
  });
});

describe("projectSql", () => {
  it("runs its doc example", () => {
    expect(
      projectSql(
        {
          table: "missions",
          fields: [{ field: "mission_id", column: "ID", mapped: true }],
          missing: [],
          ignored: [],
          aliases: {},
          issues: [],
        },
        "src",
      ),
    ).toBe('select "ID" as "mission_id" from src');
  });

  it("renames, maps trimmed values, passes other values and NULL through, in DuckDB", async () => {
    const dir = tmp();
    const csv = path.join(dir, "export.csv");
    fs.writeFileSync(
      csv,
      'Run "ID",State,kpi.csat,Notes\nr1,Done,4,a\nr2, Failed ,,b\nr3,aborted,5,c\nr4,,3,d\nr5,it\'s,1,e\n',
    );
    const mapping = mappingOf(
      [
        "tables:",
        "  runs:",
        "    columns: { run_id: 'Run \"ID\"', status: State }",
        '    values: { status: { Done: completed, Failed: failed, "it\'s": partial } }',
      ].join("\n"),
    );
    const columns = ['Run "ID"', "State", "kpi.csat", "Notes"];
    const plan = planTable("runs", columns, mapping, { file: csv });
    const sql = projectSql(plan, `read_csv('${csv.replace(/'/g, "''")}', all_varchar = true, header = true)`);
    const rows = await withEngine((e) => e.rows(`${sql} order by run_id`));
    expect(rows).toEqual([
      { run_id: "r1", status: "completed", "kpi.csat": "4" },
      { run_id: "r2", status: "failed", "kpi.csat": null },
      { run_id: "r3", status: "aborted", "kpi.csat": "5" },
      { run_id: "r4", status: null, "kpi.csat": "3" },
      { run_id: "r5", status: "partial", "kpi.csat": "1" },
    ]);
  });

  it("keeps a typed column's type when mapping its values", async () => {
    const plan = planTable(
      "runs",
      ["flag"],
      mappingOf(
        "tables:\n  runs:\n    columns: { risk_flagged: flag }\n    values: { risk_flagged: { 'false': 'true' } }\n",
      ),
    );
    const sql = projectSql(plan, "(select true as flag union all select false union all select null)");
    const rows = await withEngine((e) =>
      e.rows(`select risk_flagged, typeof(risk_flagged) as t from (${sql}) order by risk_flagged nulls last`),
    );
    expect(rows).toEqual([
      { risk_flagged: true, t: "BOOLEAN" },
      { risk_flagged: true, t: "BOOLEAN" },
      { risk_flagged: null, t: "BOOLEAN" },
    ]);
  });

  it("refuses a plan that reads nothing", () => {
    expect(() => projectSql(planTable("missions", []), "src")).toThrow(RangeError);
  });
});

describe("suggestMapping", () => {
  it("runs its doc examples", () => {
    expect(
      suggestMapping([{ name: "runs.csv", columns: ["Run ID", "mission_id"] }]).tables[0]?.columns.get(
        "run_id",
      ),
    ).toBe("Run ID");
    expect(relationFor("runs.csv.gz")).toBe("read_csv('runs.csv.gz', all_varchar = true, header = true)");
    expect(relationFor("notes.md")).toBeUndefined();
    expect(sqlPath("runs [2026].csv")).toBe("'runs [[]2026].csv'");
  });

  it("assigns files to tables, proposes near misses, comments what it could not place; the text parses back", () => {
    const runColumns = [
      "Run ID",
      "Mission",
      "Start Time",
      "end_time",
      "State",
      "duration_minutes",
      "human_interventions",
      "escalations",
      "risk_flagged",
    ];
    const s = suggestMapping([
      { name: "missions.csv", columns: ["mission_id", "Title"] },
      { name: "kpi list.ndjson", columns: ["mission_id", "KPI", "direction", "Primary"] },
      { name: "Run export 2026-01.csv", columns: runColumns },
      { name: "Run export 2026-02.csv", columns: runColumns },
      { name: "notes.csv", columns: ["hello"] },
    ]);
    expect(s.absent).toEqual(["tasks", "risk_events", "task_executions"]);
    expect(s.unassigned).toEqual(["notes.csv"]);
    const byTable = Object.fromEntries(s.tables.map((t) => [t.table, t]));
    expect(byTable.missions!.globs).toBeUndefined();
    expect(byTable.missions!.unplaced).toEqual(["name"]);
    expect(byTable.kpis!.globs).toEqual(["kpi list.ndjson"]);
    expect([...byTable.kpis!.columns]).toEqual([
      ["kpi", "KPI"],
      ["primary", "Primary"],
    ]);
    expect(byTable.runs!.globs).toEqual(["Run export 2026-0*.csv"]);
    // "Start Time" normalises to start_time's "starttime"; "State" is 2 edits from "status"
    expect([...byTable.runs!.columns]).toEqual([
      ["run_id", "Run ID"],
      ["mission_id", "Mission"],
      ["start_time", "Start Time"],
      ["status", "State"],
    ]);
    expect(s.text).toContain("      # name: no column found (required: Display name.)\n");
    const parsed = parseMapping(s.text, "mapping.yaml");
    expect(parsed.issues).toEqual([]);
    const runs = planTable("runs", runColumns, parsed.mapping, { file: "Run export 2026-01.csv" });
    expect(runs.issues).toEqual([]);
    expect(
      matchTableFiles(parsed.mapping!.tables.runs!.files!, [
        "Run export 2026-01.csv",
        "Run export 2026-02.csv",
        "missions.csv",
      ]),
    ).toEqual(["Run export 2026-01.csv", "Run export 2026-02.csv"]);
  });

  it("proposes value maps for near misses of an enum's values, and comments the rest", () => {
    expect(MAX_SAMPLED_VALUES).toBe(20);
    const headers = [
      { name: "runs.csv", columns: [...RUN_REQUIRED_FIELDS.filter((f) => f !== "status"), "State"] },
    ];
    expect(enumSources(suggestMapping([{ name: "runs.csv", columns: ["State"] }]))).toEqual([
      { file: "runs.csv", column: "State" },
    ]);
    expect(enumSources(suggestMapping(headers))).toEqual([{ file: "runs.csv", column: "State" }]);
    // "Aborted" and "part-ial" normalise to accepted values; "Done" (4 letters: 1 edit allowed) is
    // 3 or more edits from each; "completed" is accepted as it is.
    const samples = new Map([
      ["runs.csv", new Map([["State", ["Aborted", "Done", "completed", "part-ial"]]])],
    ]);
    const s = suggestMapping(headers, samples);
    const v = s.tables[0]!.values.get("status")!;
    expect([...v.proposed]).toEqual([
      ["Aborted", "aborted"],
      ["part-ial", "partial"],
    ]);
    expect(v.unknown).toEqual(["Done"]);
    expect(v.more).toBe(false);
    const parsed = parseMapping(s.text, "mapping.yaml");
    expect(parsed.issues).toEqual([]);
    expect([...parsed.mapping!.tables.runs!.values.get("status")!]).toEqual([
      ["Aborted", "aborted"],
      ["part-ial", "partial"],
    ]);
    expect(s.text).toContain('        # "Done": map to one of completed, failed, aborted, partial\n');

    const many = Array.from({ length: 21 }, (_, i) => `v${String(i).padStart(2, "0")}`);
    const wide = suggestMapping(headers, new Map([["runs.csv", new Map([["State", many]])]]));
    const w = wide.tables[0]!.values.get("status")!;
    expect(w.more).toBe(true);
    expect(w.unknown).toHaveLength(20);
    expect(wide.text).toContain(
      '        # more than 20 distinct values in "State": is it the right column?\n',
    );
    expect(parseMapping(wide.text, "mapping.yaml").issues).toEqual([]);
  });

  it("reads the headers of a folder's data files with DuckDB (doc example)", async () => {
    const demo = path.resolve(__dirname, "../../data/demo");
    const read = await withEngine((e) => readHeaders(demo, e));
    const csvFiles = fs
      .readdirSync(demo)
      .filter((f) => f.endsWith(".csv"))
      .sort();
    expect(read.headers.map((h) => h.name)[0]).toBe("kpis.csv");
    expect(read.headers.map((h) => h.name)).toEqual(csvFiles);
    expect(read.unread).toEqual([]);
    for (const h of read.headers) {
      const firstLine = fs.readFileSync(path.join(demo, h.name), "utf8").split(/\r?\n/)[0]!;
      expect(h.columns, h.name).toEqual(firstLine.split(","));
    }
  });

  it("reads distinct trimmed values of a column with DuckDB", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "runs.csv"), "State,x\n Done ,1\nb,2\nDone,3\n,4\nA,5\n");
    const read = await withEngine((e) =>
      readValueSamples(dir, e, [
        { file: "runs.csv", column: "State" },
        { file: "runs.csv", column: "nope" },
      ]),
    );
    // code-point order: "A" < "Done" < "b"; blanks left out
    expect([...read.samples.get("runs.csv")!]).toEqual([["State", ["A", "Done", "b"]]]);
    expect(read.unread.map((u) => u.name)).toEqual(["runs.csv (nope)"]);
  });

  it("writes an empty mapping when nothing needs mapping", () => {
    const s = suggestMapping([{ name: "missions.csv", columns: ["mission_id", "name"] }]);
    const parsed = parseMapping(s.text, "mapping.yaml");
    expect(parsed.issues).toEqual([]);
    expect(parsed.mapping?.tables).toEqual({});
  });
});
