import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  BUNDLE_FILES,
  CANONICAL_TABLES,
  DatasetLoadError,
  detectDatasetFormat,
  REQUIRED_CANONICAL_TABLES,
} from "../../lib/src/index";
import { tempDir, writeFiles } from "../helpers/dataset-files";

describe("detectDatasetFormat", () => {
  it("detects the canonical layout and each table's format (the @example)", async () => {
    const folder = writeFiles({ "missions.csv": "", "kpis.json": "", "runs.ndjson": "", "notes.txt": "" });
    const layout = await detectDatasetFormat(folder);
    expect(layout.format).toBe("canonical");
    expect(layout.tables.runs?.[0]?.format).toBe("ndjson");
    expect(layout.tables).toEqual({
      missions: [
        { table: "missions", path: path.join(folder, "missions.csv"), format: "csv", name: "missions.csv" },
      ],
      kpis: [{ table: "kpis", path: path.join(folder, "kpis.json"), format: "json", name: "kpis.json" }],
      runs: [
        { table: "runs", path: path.join(folder, "runs.ndjson"), format: "ndjson", name: "runs.ndjson" },
      ],
    });
    expect(layout.issues.map((i) => [i.severity, i.code, i.field])).toEqual([
      ["warning", "missing_optional_table", "tasks"],
      ["warning", "missing_optional_table", "task_executions"],
    ]);
  });

  it("detects the bundle by business_missions.json and mission_runs.json, ignoring agent files", async () => {
    const folder = writeFiles({
      "business_missions.json": "[]",
      "mission_runs.json": "[]",
      "mission_kpis.json": "[]",
      "agent_capabilities.json": "[]",
      "specialized_agents.json": "[]",
    });
    const layout = await detectDatasetFormat(folder);
    expect(layout.format).toBe("bundle");
    expect(Object.keys(layout.tables).sort()).toEqual(["business_missions", "mission_kpis", "mission_runs"]);
    expect(layout.issues.map((i) => [i.severity, i.code, i.field])).toEqual([
      ["warning", "missing_optional_table", "decomposed_mission_tasks"],
      ["warning", "missing_optional_table", "task_execution_logs"],
    ]);
  });

  it("reports missing required tables and duplicated table files", async () => {
    const layout = await detectDatasetFormat(
      writeFiles({ "missions.csv": "", "missions.ndjson": "", "tasks.csv": "" }),
    );
    expect(
      layout.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.field, i.found]),
    ).toEqual([
      ["duplicate_table_file", "missions", "missions.csv and missions.ndjson"],
      ["missing_table", "kpis", "no such file"],
      ["missing_table", "runs", "no such file"],
    ]);
  });

  it("reads a folder of files as one table, compressed and Parquet names too, and warns of unread parts", async () => {
    const folder = writeFiles({
      "missions.csv.gz": "",
      "kpis.parquet": "",
      "runs/2026-02.csv": "",
      "runs/2026-01.csv": "",
      "runs/_SUCCESS": "",
      "tasks.jsonl.zst": "",
      "risk_events-2026-03.csv": "",
    });
    const layout = await detectDatasetFormat(folder);
    expect(layout.tables.runs?.map((f) => f.name)).toEqual(["runs/2026-01.csv", "runs/2026-02.csv"]);
    expect(layout.tables.missions?.[0]).toMatchObject({ format: "csv", compression: "gzip" });
    expect(layout.tables.kpis?.[0]?.format).toBe("parquet");
    expect(layout.tables.tasks?.[0]).toMatchObject({ format: "ndjson", compression: "zstd" });
    expect(layout.issues.filter((i) => i.code === "unread_file").map((i) => [i.field, i.found])).toEqual([
      ["risk_events", '"risk_events-2026-03.csv"'],
    ]);
  });

  it("refuses a directory, a FIFO or a device where a table file should be, without reading it", async () => {
    const folder = writeFiles({ "missions.csv": "", "kpis.csv": "" });
    fs.mkdirSync(path.join(folder, "runs.csv"));
    fs.symlinkSync("/dev/zero", path.join(folder, "tasks.csv"));
    const layout = await detectDatasetFormat(folder);
    expect(
      layout.issues
        .filter((i) => i.code === "not_a_file")
        .map((i) => [i.field, i.found])
        .sort(),
    ).toEqual([
      ["runs", "a directory"],
      ["tasks", "a device"],
    ]);
    expect(layout.issues.some((i) => i.code === "missing_table")).toBe(false);
  });

  it("reports a folder holding both layouts", async () => {
    const layout = await detectDatasetFormat(
      writeFiles({ "business_missions.json": "[]", "mission_runs.json": "[]", "runs.csv": "" }),
    );
    expect(layout.issues.find((i) => i.code === "ambiguous_layout")?.found).toBe("runs.csv");
  });

  it("reports a folder with no dataset files", async () => {
    const layout = await detectDatasetFormat(writeFiles({ "readme.txt": "hi" }));
    expect(layout.issues).toMatchObject([
      { severity: "error", code: "no_data_files", found: "1 unrelated file" },
    ]);
  });

  it("throws for a missing folder or a file", async () => {
    await expect(detectDatasetFormat("/nonexistent/folder")).rejects.toBeInstanceOf(DatasetLoadError);
    const file = path.join(tempDir(), "x.csv");
    fs.writeFileSync(file, "");
    await expect(detectDatasetFormat(file)).rejects.toThrow("the dataset path is not a folder");
  });

  it("lists the tables and bundle files it knows", () => {
    expect(CANONICAL_TABLES[0]).toBe("missions");
    expect(CANONICAL_TABLES).toEqual(["missions", "kpis", "tasks", "runs", "risk_events", "task_executions"]);
    expect(REQUIRED_CANONICAL_TABLES).toEqual(["missions", "kpis", "runs"]);
    expect(BUNDLE_FILES.kpiConfig).toBe("mission_kpi_config");
  });
});
