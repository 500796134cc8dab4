import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withEngine } from "../../lib/src/ingest/engine";
import {
  MAPPING_FILE,
  matchTableFiles,
  parseMapping,
  planTable,
  projectSql,
} from "../../lib/src/ingest/mapping";
import { relationFor } from "../../lib/src/ingest/suggest-mapping";
import { runMission } from "../helpers/run-cli";

const run = (args: string[]) => runMission(args);
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "suggest-mapping-"));

const RUN_HEADER =
  "Run ID,Mission,Start Time,End_Time,Status,Duration Minutes,human interventions,Escalations,riskflagged,kpi.csat";
const RUN_ROW = "r1,M1,2026-01-01T00:00Z,2026-01-01T01:00Z,Done,60,0,0,no,4";

/** A folder of exports: runs split by month, missions under their own name, KPIs as NDJSON. */
function exportsFolder(): string {
  const dir = tmp();
  const rows = [
    RUN_ROW,
    RUN_ROW.replace("r1", "r3").replace("Done", "Completed"),
    RUN_ROW.replace("r1", "r4").replace("Done", " FAILED "),
  ];
  fs.writeFileSync(path.join(dir, "Run export 2026-01.csv"), `${RUN_HEADER}\n${rows.join("\n")}\n`);
  fs.writeFileSync(
    path.join(dir, "Run export 2026-02.csv"),
    `${RUN_HEADER}\n${RUN_ROW.replace("r1", "r2")}\n`,
  );
  fs.writeFileSync(path.join(dir, "missions.csv"), "Mission ID,Title,Owner\nM1,x,y\n");
  fs.writeFileSync(
    path.join(dir, "kpi config.ndjson"),
    '{"mission_id":"M1","KPI":"csat","direction":"higher_is_better","is_primary":true}\n',
  );
  fs.writeFileSync(path.join(dir, "README.md"), "# not data\n");
  return dir;
}

describe("mission check --suggest-mapping", () => {
  it("writes a starting mapping.yaml, prints it, and the mapping reads the files", async () => {
    const dir = exportsFolder();
    const r = await run(["check", dir, "--suggest-mapping"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const target = path.join(dir, MAPPING_FILE);
    const text = fs.readFileSync(target, "utf8");
    expect(r.out.startsWith(`wrote ${target}:\n\n`)).toBe(true);
    for (const line of text.split("\n").filter((l) => l !== "")) expect(r.out).toContain(`  ${line}\n`);
    // run_id, mission_id, start_time, end_time, status, duration_minutes, human_interventions,
    // escalations, risk_flagged (9) + kpi, primary (2) + mission_id (1); name has no near miss
    expect(r.out).toContain(
      "\n12 column mappings and 2 value mappings proposed; 1 required field to map by hand; no file for tasks, risk_events, task_executions.\n",
    );
    // the status values of the first file, in code-point order: Completed, Done, FAILED
    expect(text).toContain(
      [
        "    values:",
        "      status:",
        '        "Completed": "completed"',
        '        "FAILED": "failed"',
        '        # "Done": map to one of completed, failed, aborted, partial',
        "",
      ].join("\n"),
    );
    expect(text).toContain("      # name: no column found (required: Display name.)\n");
    expect(text).toContain('    files: "Run export 2026-0*.csv"\n');
    expect(text).toContain('      risk_flagged: "riskflagged"\n');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const mapping = parseMapping(text, target);
    expect(mapping.issues).toEqual([]);
    const runs = mapping.mapping!.tables.runs!;
    expect(matchTableFiles(runs.files!, fs.readdirSync(dir).sort())).toEqual([
      "Run export 2026-01.csv",
      "Run export 2026-02.csv",
    ]);
    const plan = planTable("runs", RUN_HEADER.split(","), mapping.mapping, {
      file: "Run export 2026-01.csv",
    });
    expect(plan.issues).toEqual([]);
    expect(plan.fields.map((f) => f.field)).toEqual([
      "run_id",
      "mission_id",
      "start_time",
      "end_time",
      "status",
      "duration_minutes",
      "human_interventions",
      "escalations",
      "risk_flagged",
      "kpi.csat",
    ]);
    const statuses = await withEngine((e) =>
      e.rows(
        `select status from (${projectSql(plan, relationFor(path.join(dir, "Run export 2026-01.csv"))!)}) order by run_id`,
      ),
    );
    expect(statuses.map((r) => r.status)).toEqual(["Done", "completed", "failed"]);
    const missions = planTable("missions", ["Mission ID", "Title", "Owner"], mapping.mapping, {
      file: "missions.csv",
    });
    expect(missions.issues.map((i) => [i.code, i.field])).toEqual([["missing_column", "name"]]);
  });

  it("refuses to replace an existing mapping.yaml without --force (exit 2), replaces it with --force", async () => {
    const dir = exportsFolder();
    const target = path.join(dir, MAPPING_FILE);
    fs.writeFileSync(target, "tables: {}\n");
    const refused = await run(["check", dir, "--suggest-mapping"]);
    expect(refused.code).toBe(2);
    expect(refused.out).toBe("");
    expect(refused.err).toBe(`mission check: ${target} exists; use --force to replace it\n`);
    expect(fs.readFileSync(target, "utf8")).toBe("tables: {}\n");
    const forced = await run(["check", dir, "--suggest-mapping", "--force"]);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(target, "utf8")).toContain('      run_id: "Run ID"\n');
  });

  it("exits 2 for --force alone and 1 for a missing folder", async () => {
    const dir = exportsFolder();
    const alone = await run(["check", dir, "--force"]);
    expect(alone.code).toBe(2);
    expect(alone.err).toBe("mission check: --force only goes with --suggest-mapping\n");
    expect(fs.existsSync(path.join(dir, MAPPING_FILE))).toBe(false);
    const missing = await run(["check", path.join(dir, "nope"), "--suggest-mapping"]);
    expect(missing.code).toBe(1);
  });

  it("reads JSON-array and Parquet headers, and no file outside the folder", async () => {
    const dir = tmp();
    const outside = tmp();
    await withEngine(async (e) => {
      const target = path.join(dir, "task log.parquet").replace(/'/g, "''");
      await e.run(
        `copy (select 'r1' as "Run Id", 'T1' as task_id, 5.0 as "Actual Minutes", false as approval_required, ` +
          `0.0 as human_delay_minutes, 'completed' as Outcome) to '${target}' (format parquet)`,
      );
    });
    fs.writeFileSync(
      path.join(dir, "events.json"),
      JSON.stringify([
        {
          EventID: "E1",
          run_id: "r1",
          mission_id: "M1",
          risk_type: "x",
          severity: "low",
          detected_at: "2026-01-01T00:00Z",
          status: "open",
        },
      ]),
    );
    fs.writeFileSync(path.join(outside, "secret.csv"), "run_id,mission_id,start_time,end_time,status\n");
    fs.symlinkSync(path.join(outside, "secret.csv"), path.join(dir, "linked runs.csv"));
    const r = await run(["check", dir, "--suggest-mapping"]);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, MAPPING_FILE), "utf8");
    const mapping = parseMapping(text, "mapping.yaml").mapping!;
    expect(mapping.tables.task_executions?.files).toEqual(["task log.parquet"]);
    expect([...mapping.tables.task_executions!.columns]).toEqual([
      ["run_id", "Run Id"],
      ["actual_minutes", "Actual Minutes"],
      ["outcome", "Outcome"],
    ]);
    expect(mapping.tables.risk_events?.files).toEqual(["events.json"]);
    expect([...mapping.tables.risk_events!.columns]).toEqual([["event_id", "EventID"]]);
    expect(r.out).toContain("not read: linked runs.csv: not a regular file inside the folder\n");
    expect(text).not.toContain("secret");
    expect(mapping.tables.runs).toBeUndefined();
  });

  it("reads the files of a table's sub-folder (runs/2026-01.csv) as that table's", async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "runs"));
    fs.writeFileSync(path.join(dir, "runs", "2026-01.csv"), `${RUN_HEADER}\n${RUN_ROW}\n`);
    fs.writeFileSync(
      path.join(dir, "runs", "2026-02.csv"),
      `${RUN_HEADER}\n${RUN_ROW.replace("r1", "r2")}\n`,
    );
    const r = await run(["check", dir, "--suggest-mapping"]);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, MAPPING_FILE), "utf8");
    const runs = parseMapping(text, "mapping.yaml").mapping!.tables.runs!;
    expect(runs.files).toBeUndefined();
    expect(runs.columns.get("run_id")).toBe("Run ID");
    expect(text).toContain("  # runs/2026-01.csv, runs/2026-02.csv\n");
  });

  it("reads a file whose name has glob characters as itself, not as a pattern", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "runs [2026].csv"), `${RUN_HEADER}\n${RUN_ROW}\n`);
    fs.writeFileSync(path.join(dir, "runs 2.csv"), "other,columns\n1,2\n");
    const r = await run(["check", dir, "--suggest-mapping"]);
    expect(r.code).toBe(0);
    const mapping = parseMapping(
      fs.readFileSync(path.join(dir, MAPPING_FILE), "utf8"),
      "mapping.yaml",
    ).mapping!;
    expect(mapping.tables.runs?.files).toEqual(["runs \\[2026\\].csv"]);
    expect(mapping.tables.runs?.columns.get("run_id")).toBe("Run ID");
    expect(matchTableFiles(mapping.tables.runs!.files!, ["runs [2026].csv", "runs 2.csv"])).toEqual([
      "runs [2026].csv",
    ]);
  });

  it("never prints raw control characters from file or column names", async () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, "runs\u001b[2J.csv"),
      `Run\u001b]0;x\u0007 ID,${RUN_HEADER.split(",").slice(1).join(",")}\n`,
    );
    const r = await run(["check", dir, "--suggest-mapping"]);
    expect(r.code).toBe(0);
    expect(r.out + r.err).not.toMatch(RAW_CONTROL);
    const text = fs.readFileSync(path.join(dir, MAPPING_FILE), "utf8");
    expect(text).not.toMatch(RAW_CONTROL);
    expect(parseMapping(text, "mapping.yaml").issues).toEqual([]);
  });
});
