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
    expect(layout.files.runs?.format).toBe("ndjson");
    expect(layout.files).toEqual({
      missions: { table: "missions", path: path.join(folder, "missions.csv"), format: "csv" },
      kpis: { table: "kpis", path: path.join(folder, "kpis.json"), format: "json" },
      runs: { table: "runs", path: path.join(folder, "runs.ndjson"), format: "ndjson" },
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
    expect(Object.keys(layout.files).sort()).toEqual(["business_missions", "mission_kpis", "mission_runs"]);
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
