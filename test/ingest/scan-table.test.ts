import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTableFileName, type TableFile } from "../../lib/src/ingest/dataset-layout";
import { openEngine, type Engine } from "../../lib/src/ingest/engine";
import { RecordLocations } from "../../lib/src/ingest/record-locations";
import { scanTable } from "../../lib/src/ingest/scan-table";
import type { DataIssue, SourceFile } from "../../lib/src/index";
import { IssueCollector } from "../../lib/src/validate/issue-collector";
import { tempDir } from "../helpers/dataset-files";

let engine: Engine;
beforeAll(async () => {
  engine = await openEngine({ threads: 1 });
});
afterAll(() => engine.close());

/** Writes `content` as `name` and reads it as one table through the scan, like the loader does. */
async function read(name: string, content: string | Buffer, required: readonly string[] = []) {
  const dir = tempDir();
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const parsed = parseTableFileName(name)!;
  const tableFile: TableFile = {
    table: "t",
    path: file,
    format: parsed.format,
    ...(parsed.compression ? { compression: parsed.compression } : {}),
    name,
  };
  const issues = new IssueCollector();
  const files: SourceFile[] = [];
  const locations = new RecordLocations();
  const records: { values: Record<string, unknown>; line?: number; row?: number; textual: boolean }[] = [];
  const complete = await scanTable(
    { engine, sink: issues.add, locations, files },
    [tableFile],
    required,
    {},
    (r) => {
      records.push({ values: { ...r.record.values }, ...r.record.location, textual: r.record.textual });
    },
  );
  issues.resolveLines(locations);
  const strip = (i: DataIssue) => ({ ...i, file: path.basename(i.file ?? "") });
  return { file, complete, records, files, errors: issues.errors.map(strip), warnings: issues.warnings };
}

describe("scanTable: CSV", () => {
  it("streams rows with their physical line numbers, as text", async () => {
    const { records, complete } = await read("t.csv", "run_id,status\nR1,completed\nR2,failed\n");
    expect(complete).toBe(true);
    expect(records.map((r) => [r.line, r.values.status, r.textual])).toEqual([
      [2, "completed", true],
      [3, "failed", true],
    ]);
  });

  it("reads quoted cells spanning lines, CRLF, a byte-order mark and blank lines; locates problems on physical lines", async () => {
    const text = '\ufeffid,note\r\nA,"two\r\nlines"\r\n\r\nB,plain\r\nC,"a ""quoted"" word"\r\nD\r\n';
    const { records, errors } = await read("t.csv", text);
    expect(records.map((r) => [r.values.id, r.values.note])).toEqual([
      ["A", "two\r\nlines"],
      ["B", "plain"],
      ["C", 'a "quoted" word'],
    ]);
    // D is on line 7 (1 header, 2–3 A, 4 blank, 5 B, 6 C): the row with one cell too few.
    expect(errors.map((i) => [i.code, i.line])).toEqual([["column_count", 7]]);
  });

  it("maps a problem in a row after a multi-line cell to its physical line", async () => {
    const issues: DataIssue[] = [];
    const dir = tempDir();
    const file = path.join(dir, "t.csv");
    fs.writeFileSync(file, 'id,note\nA,"x\ny"\n\nB,z\n');
    const tf: TableFile = { table: "t", path: file, format: "csv", name: "t.csv" };
    const locations = new RecordLocations();
    const collector = new IssueCollector();
    await scanTable({ engine, sink: collector.add, locations, files: [] }, [tf], [], {}, (r) => {
      if (r.raw("id") === "B") r.error({ code: "x", field: "id", message: "row B" });
    });
    collector.resolveLines(locations);
    issues.push(...collector.errors);
    expect(issues.map((i) => i.line)).toEqual([5]);
  });

  it("sniffs the delimiter from the header (`;`, tab, `|`) and keeps it inside quotes", async () => {
    const semi = await read("t.csv", 'id;note\n1;"a;b"\n');
    expect(semi.records.map((r) => r.values)).toEqual([{ id: "1", note: "a;b" }]);
    const tab = await read("t.csv", "id\tnote\n1\tx,y\n");
    expect(tab.records.map((r) => r.values)).toEqual([{ id: "1", note: "x,y" }]);
  });

  it("trims header names, ignores empty ones, reports and ignores repeated ones", async () => {
    const { records, errors } = await read("t.csv", " id , x ,,x\n1,2,3,4\n");
    expect(records[0]!.values).toEqual({ id: "1", x: "2" });
    expect(errors).toMatchObject([{ code: "duplicate_column", line: 1, field: "x", found: '"x"' }]);
  });

  it("reports a row with a wrong cell count and goes on", async () => {
    const { records, errors, complete } = await read("t.csv", "a,b\n1,2\n3\n4,5,6\n7,8\n");
    expect(records.map((r) => r.values.a)).toEqual(["1", "7"]);
    expect(errors.map((i) => [i.code, i.line, i.expected])).toEqual([
      ["column_count", 3, "2 cells, as in the header"],
      ["column_count", 4, "2 cells, as in the header"],
    ]);
    expect(complete).toBe(true);
  });

  it("reports broken quoting with the line of the record", async () => {
    const unclosed = await read("t.csv", 'a,b\n1,2\n3,"4\n5,6\n');
    expect(unclosed.errors).toMatchObject([
      { code: "malformed_csv", line: 3, found: "end of file inside a quoted cell" },
    ]);
    expect(unclosed.complete).toBe(false);
    const after = await read("t.csv", 'a,b\n1,2\n3,"4"x\n5,6\n');
    expect(after.errors).toMatchObject([
      { code: "malformed_csv", line: 3, found: "text after a closing quote" },
    ]);
  });

  it("reports an empty file", async () => {
    const { errors, complete } = await read("t.csv", "");
    expect(errors).toMatchObject([
      { code: "malformed_csv", line: 1, message: "the file is empty: expected a header line" },
    ]);
    expect(complete).toBe(false);
  });

  it("reports size, rows and SHA-256 of the bytes on disk once read", async () => {
    const text = "a,b\n1,2\n3,4\n";
    const { files } = await read("t.csv", text);
    expect(files).toMatchObject([
      { format: "csv", bytes: 12, rows: 2, sha256: createHash("sha256").update(text).digest("hex") },
    ]);
  });

  it("reads gzip and zstd files as their text (hash of the compressed bytes)", async () => {
    const text = "a,b\n1,2\n3,4\n";
    const gz = zlib.gzipSync(text);
    const g = await read("t.csv.gz", gz);
    expect(g.records.map((r) => r.values)).toEqual([
      { a: "1", b: "2" },
      { a: "3", b: "4" },
    ]);
    expect(g.files[0]).toMatchObject({
      compression: "gzip",
      bytes: gz.length,
      sha256: createHash("sha256").update(gz).digest("hex"),
    });
    const dir = tempDir();
    const zst = path.join(dir, "t.csv.zst");
    await engine.run(
      `copy (select * from (values ('1','2'),('3','4')) v(a, b)) to '${zst}' (format csv, header, compression zstd)`,
    );
    const z = await read("t.csv.zst", fs.readFileSync(zst));
    expect(z.records.map((r) => r.values)).toEqual(g.records.map((r) => r.values));
  });
});

describe("scanTable: encodings and hostile files", () => {
  it("rejects invalid UTF-8 with its line instead of merging different ids", async () => {
    const bytes = Buffer.concat([
      Buffer.from("id\nM"),
      Buffer.from([0xff]),
      Buffer.from("01\nM"),
      Buffer.from([0xfe]),
      Buffer.from("01\n"),
    ]);
    const { errors, complete } = await read("t.csv", bytes);
    expect(complete).toBe(false);
    expect(errors).toMatchObject([
      { code: "bad_encoding", line: 2, found: "the byte 0xff, which is not UTF-8" },
    ]);
  });

  it("rejects UTF-16, with or without a byte-order mark, and NUL bytes", async () => {
    const utf16 = Buffer.from("id,name\n1,x\n", "utf16le");
    expect((await read("t.csv", utf16)).errors[0]).toMatchObject({ code: "bad_encoding", line: 1 });
    expect((await read("t.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]))).errors[0]).toMatchObject({
      code: "bad_encoding",
    });
    const nul = await read(
      "t.csv",
      Buffer.concat([Buffer.from("id,name\n1,x\n2,"), Buffer.from([0]), Buffer.from("y\n")]),
    );
    expect(nul.errors).toMatchObject([{ code: "nul_byte", line: 3 }]);
  });

  it("rejects a line longer than 16 MiB in linear time", async () => {
    const long = `id,v\n1,${"x".repeat(17 * 1024 * 1024)}\n2,y\n`;
    const started = Date.now();
    const { errors } = await read("t.csv", long);
    expect(errors.find((i) => i.code === "line_too_long")).toMatchObject({ line: 2 });
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe("scanTable: NDJSON", () => {
  it("streams objects with their line, skipping blank lines; BOM, CRLF and a last line without newline", async () => {
    const { records } = await read("t.ndjson", '\ufeff{"a":1}\r\n\n{"a":"2","n":{"x":[1]}}\r\n{"a":3}');
    expect(records.map((r) => [r.line, r.values.a, r.textual])).toEqual([
      [1, 1, false],
      [3, "2", false],
      [4, 3, false],
    ]);
    expect(records[1]!.values.n).toEqual({ x: [1] });
  });

  it("reports malformed lines and non-objects with their line, and goes on", async () => {
    const { records, errors } = await read("t.ndjson", '{"a":1}\n{"a":\n[1]\n{"a":2}\n');
    expect(records.map((r) => r.values.a)).toEqual([1, 2]);
    expect(errors.map((i) => [i.code, i.line, i.found])).toEqual([
      ["malformed_ndjson", 2, '"{\\"a\\":"'],
      ["not_an_object", 3, "[1]"],
    ]);
  });

  it("reads a .jsonl.gz file", async () => {
    const { records } = await read("t.jsonl.gz", zlib.gzipSync('{"a":1}\n{"a":2}\n'));
    expect(records.map((r) => r.values.a)).toEqual([1, 2]);
  });
});

describe("scanTable: JSON arrays", () => {
  it("streams the elements with their 1-based row, values typed", async () => {
    const { records } = await read("t.json", '[{"a":1,"b":[true,null]},{"a":"x"}]');
    expect(records.map((r) => [r.row, r.values.a])).toEqual([
      [1, 1],
      [2, "x"],
    ]);
    expect(records[0]!.values.b).toEqual([true, null]);
  });

  it("reports elements that are not objects and goes on", async () => {
    const { records, errors } = await read("t.json", '[{"a":1}, 42, "s", {"a":2}]');
    expect(records.map((r) => r.values.a)).toEqual([1, 2]);
    expect(errors.map((i) => [i.code, i.row, i.found])).toEqual([
      ["not_an_object", 2, "42"],
      ["not_an_object", 3, '"s"'],
    ]);
  });

  it("reports a syntax error with its line and the text found there", async () => {
    const { errors, complete } = await read("t.json", '[\n{"a":1},\n{"a": 2 "b": 3}\n]\n');
    expect(complete).toBe(false);
    expect(errors).toMatchObject([{ code: "malformed_json", line: 3, found: '"{\\"a\\": 2 \\"b\\": 3}"' }]);
  });

  it("reports an empty file and a top level that is not an array", async () => {
    expect((await read("t.json", "")).errors).toMatchObject([{ code: "malformed_json", line: 1 }]);
    expect((await read("t.json", '{"a":1}')).errors).toMatchObject([{ code: "malformed_json", line: 1 }]);
  });
});

describe("scanTable: Parquet", () => {
  it("reads typed columns by row, timestamps with a zone as ISO text in UTC", async () => {
    const dir = tempDir();
    const file = path.join(dir, "t.parquet");
    await engine.run(
      `copy (select 'R1' as run_id, 3::INTEGER as n, 1.5::DOUBLE as x, true as b, ` +
        `'2026-02-01 16:05:00+02'::TIMESTAMPTZ as t, '2026-02-01'::DATE as d, null::VARCHAR as e) to '${file}' (format parquet)`,
    );
    const { records } = await read("t.parquet", fs.readFileSync(file));
    expect(
      records.map((r) => ({ ...r, file: path.basename(String((r as { file?: string }).file)) })),
    ).toEqual([
      {
        values: {
          run_id: "R1",
          n: 3,
          x: 1.5,
          b: true,
          t: "2026-02-01T14:05:00.000Z",
          d: "2026-02-01",
          e: null,
        },
        file: "t.parquet",
        row: 1,
        textual: false,
      },
    ]);
  });
});
