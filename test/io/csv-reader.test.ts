import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DatasetLoadError,
  readCsvRecords,
  type DataIssue,
  type ReadOptions,
  type SourceFile,
  type SourceRecord,
} from "../../lib/src/index";
import { writeFiles } from "../helpers/dataset-files";

async function readAll(text: string | Buffer, options: ReadOptions = {}) {
  const dir = writeFiles({});
  const file = path.join(dir, "t.csv");
  (await import("node:fs")).writeFileSync(file, text);
  const issues: DataIssue[] = [];
  const records: SourceRecord[] = [];
  let complete: SourceFile | undefined;
  let header: readonly string[] | undefined;
  for await (const r of readCsvRecords(file, {
    onIssue: (i) => issues.push(i),
    onComplete: (f) => (complete = f),
    onHeader: (columns) => (header = columns),
    ...options,
  })) {
    records.push(r);
  }
  return { file, issues, records, complete, header };
}

describe("readCsvRecords", () => {
  it("streams the @example rows with their physical line numbers", async () => {
    const { records } = await readAll("run_id,status\nR1,completed\nR2,failed\n");
    expect(records.map((r) => [r.location.line, r.values.status])).toEqual([
      [2, "completed"],
      [3, "failed"],
    ]);
    expect(records.every((r) => r.textual)).toBe(true);
  });

  it("counts quoted cells spanning lines, CRLF line ends and blank lines", async () => {
    const text = '\ufeffid,note\r\nA,"two\r\nlines"\r\n\r\nB,plain\r\nC,"a ""quoted"" word"\r\n';
    const { records, header } = await readAll(text);
    expect(header).toEqual(["id", "note"]);
    expect(records.map((r) => [r.location.line, r.values.id, r.values.note])).toEqual([
      [2, "A", "two\r\nlines"],
      [5, "B", "plain"],
      [6, "C", 'a "quoted" word'],
    ]);
  });

  it("trims header names, ignores empty ones, reports and ignores repeated ones", async () => {
    const { records, issues, header } = await readAll(" id , x ,,x\n1,2,3,4\n");
    expect(header).toEqual(["id", "x"]);
    expect(records[0]!.values).toEqual({ id: "1", x: "2" });
    expect(issues).toEqual([
      {
        severity: "error",
        code: "duplicate_column",
        file: expect.stringMatching(/t\.csv$/),
        line: 1,
        field: "x",
        expected: "each column name once",
        found: '"x"',
        message: "column x appears more than once in the header",
      },
    ]);
  });

  it("reports rows with the wrong number of cells and goes on", async () => {
    const { records, issues } = await readAll("a,b\n1,2,3\n4\n5,6\n");
    expect(records.map((r) => r.location.line)).toEqual([4]);
    expect(issues.map((i) => [i.code, i.line, i.found])).toEqual([
      ["column_count", 2, '3 cells: "1,2,3"'],
      ["column_count", 3, '1 cells: "4"'],
    ]);
  });

  it.each([
    [
      'a,b\n1,2\n3,"4\n5,6\n',
      3,
      "malformed CSV: a quoted cell is never closed",
      "end of file inside a quoted cell",
    ],
    [
      'a,b\n1,2\n3,"4"x\n5,6\n',
      3,
      "malformed CSV: a closing quote is followed by other characters",
      '"x" after a closing quote',
    ],
    [
      'a,b\n1,"two\nlines"\n3,4"\n',
      4,
      "malformed CSV: a quote appears inside an unquoted cell",
      'a quote after "4"',
    ],
  ])(
    "reports broken quoting with the line of the record and stops: %j",
    async (text, line, message, found) => {
      const { records, issues, complete } = await readAll(text);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: "malformed_csv", line, message, found });
      expect(records.length).toBe(line - 2 - (text.includes("two") ? 1 : 0));
      expect(complete).toBeUndefined();
    },
  );

  it("reports an empty file", async () => {
    const { issues } = await readAll("");
    expect(issues).toMatchObject([
      {
        code: "malformed_csv",
        line: 1,
        message: "the file is empty: expected a header line",
        found: "nothing",
      },
    ]);
  });

  it("reports an unreadable file", async () => {
    const issues: DataIssue[] = [];
    for await (const _ of readCsvRecords("/nonexistent/t.csv", { onIssue: (i) => issues.push(i) })) {
      // nothing to read
    }
    expect(issues).toMatchObject([{ code: "unreadable_file", file: "/nonexistent/t.csv", found: "ENOENT" }]);
  });

  it("reports size, rows and SHA-256 once the file is read", async () => {
    const text = "a,b\n1,2\n3,4\n";
    const { complete, file } = await readAll(text, { table: "pairs" });
    expect(complete).toEqual({
      table: "pairs",
      path: file,
      format: "csv",
      bytes: 12,
      rows: 2,
      sha256: createHash("sha256").update(text).digest("hex"),
    });
  });

  it("throws a DatasetLoadError on the first problem without onIssue", async () => {
    const dir = writeFiles({ "t.csv": "a,b\n1\n" });
    const read = async () => {
      for await (const _ of readCsvRecords(path.join(dir, "t.csv"))) {
        // drain
      }
    };
    await expect(read()).rejects.toBeInstanceOf(DatasetLoadError);
    await expect(read()).rejects.toThrow(/t\.csv:2: the row does not have as many cells/);
  });

  it("streams many rows", async () => {
    const lines = ["i,v", ...Array.from({ length: 20_000 }, (_, i) => `${i},${i * 2}`)];
    const { records } = await readAll(`${lines.join("\n")}\n`);
    expect(records.length).toBe(20_000);
    expect(records[19_999]).toMatchObject({ values: { i: "19999", v: "39998" }, location: { line: 20_001 } });
  });
});
