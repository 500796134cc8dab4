/** The @example lines of the ingest modules, run as written (expected values from the comments). */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csvHeaderOf, indexRecordLines, readCsvHeader } from "../../lib/src/ingest/csv-layout";
import { detectDatasetFormat, LEDGER_TABLE, parseTableFileName } from "../../lib/src/ingest/dataset-layout";
import { checkFile, MAX_LINE_BYTES } from "../../lib/src/ingest/file-check";
import { LEDGER_SQL, LEDGER_TASK_COLUMNS, writeLedger } from "../../lib/src/ingest/ledger";
import { RecordLocations } from "../../lib/src/ingest/record-locations";
import { TASK_POSITIONS } from "../../lib/src/ingest/run-task-layout";
import { emptyCsvIssue } from "../../lib/src/ingest/table-relations";
import { BUNDLE_FILES, CANONICAL_TABLES, REQUIRED_CANONICAL_TABLES } from "../../lib/src/ingest/tables";
import { loadDataset } from "../../lib/src/index";
import { MAX_KPI_MAGNITUDE } from "../../lib/src/validate/run-kpis";
import { tempDir, writeFiles } from "../helpers/dataset-files";

/** Writes `text` as `name` in a fresh folder; returns the table file the examples describe. */
function fileOf(name: string, text: string) {
  const p = path.join(tempDir(), name);
  fs.writeFileSync(p, text);
  return { table: "t", path: p, format: "csv" as const, name };
}

describe("ingest @examples", () => {
  it("constants", () => {
    expect(MAX_LINE_BYTES).toBe(16777216);
    expect(TASK_POSITIONS).toBe(1048576);
    expect(LEDGER_TABLE).toBe("ledger");
    expect(LEDGER_TASK_COLUMNS[0]).toEqual(["task_id", "VARCHAR"]);
    expect(LEDGER_SQL.startsWith("-- The per-run ledger")).toBe(true);
    expect(CANONICAL_TABLES[0]).toBe("missions");
    expect(REQUIRED_CANONICAL_TABLES).toEqual(["missions", "kpis", "runs"]);
    expect(BUNDLE_FILES.kpiConfig).toBe("mission_kpi_config");
    expect(MAX_KPI_MAGNITUDE).toBe(1e300);
    expect(emptyCsvIssue("runs.csv").message).toBe("the file is empty: expected a header line");
  });

  it("file names, CSV headers and record lines", () => {
    expect(parseTableFileName("runs.csv.gz")).toEqual({ stem: "runs", format: "csv", compression: "gzip" });
    expect(parseTableFileName("ledger.parquet")).toEqual({ stem: "ledger", format: "parquet" });
    expect(parseTableFileName("runs.parquet.gz")).toBeUndefined();
    expect(readCsvHeader(fileOf("a.csv", "\uFEFFid;name\n1;x\n"))).toEqual({
      cells: ["id", "name"],
      line: 1,
      skip: 0,
      delimiter: ";",
    });
    expect(csvHeaderOf("a|b\n1|2\n", true)).toEqual({ cells: ["a", "b"], line: 1, skip: 0, delimiter: "|" });
    const idx = indexRecordLines(fileOf("b.csv", 'id,v\n1,"a\nb"\n\n2,c\n'), ",");
    expect([...idx.lines]).toEqual([1, 2, 5]);
  });

  it("checkFile and RecordLocations", async () => {
    const check = await checkFile(fileOf("a.csv", "id\n1\n"));
    expect([check.bytes, check.issues.length]).toEqual([5, 0]);
    // A row's provisional line (header line + 1 + row index) becomes its physical line.
    const file = fileOf("c.csv", 'id,v\n1,"a\nb"\n\n2,c\n');
    const locations = new RecordLocations();
    locations.register(file, ",", 1);
    const [fixed] = locations.resolve([
      { severity: "error", code: "x", file: file.path, line: 3, message: "row 2" },
    ]);
    expect(fixed!.line).toBe(5);
  });

  it("detectDatasetFormat with a folder of files", async () => {
    const folder = writeFiles({
      "missions.csv": "",
      "kpis.json": "",
      "runs/2026-01.csv": "",
      "runs/2026-02.csv": "",
    });
    expect((await detectDatasetFormat(folder)).format).toBe("canonical");
    expect((await detectDatasetFormat(folder)).tables.runs!.length).toBe(2);
  });

  it("writeLedger writes one row per run and task executed", async () => {
    const out = path.join(tempDir(), "ledger.parquet");
    expect(await writeLedger(await loadDataset("data/demo"), out)).toBe(834);
  });
});
