import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  readJsonArrayRecords,
  type DataIssue,
  type SourceFile,
  type SourceRecord,
} from "../../lib/src/index";
import { tempDir, writeFiles } from "../helpers/dataset-files";

async function readAll(text: string) {
  const dir = writeFiles({ "t.json": text });
  const file = path.join(dir, "t.json");
  const issues: DataIssue[] = [];
  const records: SourceRecord[] = [];
  let complete: SourceFile | undefined;
  for await (const r of readJsonArrayRecords(file, {
    onIssue: (i) => issues.push(i),
    onComplete: (f) => (complete = f),
  })) {
    records.push(r);
  }
  return { file, issues, records, complete };
}

describe("readJsonArrayRecords", () => {
  it("streams the @example elements with their 1-based row", async () => {
    const { records, issues } = await readAll('[{"run_id":"R1"},{"run_id":"R2"}]');
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.location.row, r.values.run_id])).toEqual([
      [1, "R1"],
      [2, "R2"],
    ]);
    expect(records[0]!.textual).toBe(false);
  });

  it("keeps nested values typed", async () => {
    const { records } = await readAll('\ufeff[ {"kpis": {"a": 1.5, "b": null}, "ok": true, "ids": ["x"]} ]');
    expect(records[0]!.values).toEqual({ kpis: { a: 1.5, b: null }, ok: true, ids: ["x"] });
  });

  it("reports elements that are not objects and goes on", async () => {
    const { records, issues, complete } = await readAll('[{"a":1}, 2, null, [3], {"a":4}]');
    expect(records.map((r) => r.location.row)).toEqual([1, 5]);
    expect(issues.map((i) => [i.code, i.row, i.found])).toEqual([
      ["not_an_object", 2, "2"],
      ["not_an_object", 3, "null"],
      ["not_an_object", 4, "[3]"],
    ]);
    expect(complete?.rows).toBe(2);
  });

  it("reports a syntax error with its line, after yielding the elements before it", async () => {
    const text = '[\n  {"a": 1},\n  {"a": 2},\n  {"a": 3,, "b": 4},\n  {"a": 5}\n]\n';
    const { records, issues, complete } = await readAll(text);
    expect(records.map((r) => r.values.a)).toEqual([1, 2]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "malformed_json",
      line: 4,
      expected: "one JSON array of objects",
      found: '"{\\"a\\": 3,, \\"b\\": 4},"',
      message: "malformed JSON: expected an object key",
    });
    expect(complete).toBeUndefined();
  });

  it("finds the line of a syntax error deep inside a large file", async () => {
    const lines = ["["];
    for (let i = 0; i < 30_000; i++) lines.push(`  {"i": ${i}},`);
    lines.push('  {"i": 30000} {"i": 1}', "]");
    const { records, issues } = await readAll(`${lines.join("\n")}\n`);
    // Elements 0…30000 are complete before the error (the missing comma after element 30000).
    expect(records.length).toBe(30_001);
    // Line 1 is "[", element i is on line i + 2: the broken line is 30,002.
    expect(issues).toMatchObject([{ code: "malformed_json", line: 30_002 }]);
  });

  it("reports a top level that is not an array", async () => {
    const { issues } = await readAll('\n{"a": 1}');
    expect(issues).toMatchObject([
      { code: "malformed_json", line: 2, message: "the file must hold one JSON array" },
    ]);
  });

  it("reports an empty file and a truncated one", async () => {
    expect((await readAll("  \n")).issues).toMatchObject([
      { code: "malformed_json", message: "the file is empty" },
    ]);
    expect((await readAll('[{"a": 1},\n{"a"')).issues).toMatchObject([
      {
        code: "malformed_json",
        line: 2,
        found: "end of file",
        message: "the file ends before the JSON array is complete",
      },
    ]);
    expect((await readAll('[{"a": 1}\n')).issues).toMatchObject([
      {
        code: "malformed_json",
        found: "end of file",
        message: "the file ends before the JSON array is complete",
      },
    ]);
  });

  it("reports trailing content after the array", async () => {
    const { issues } = await readAll('[{"a": 1}]\n]');
    expect(issues).toMatchObject([{ code: "malformed_json", line: 2 }]);
  });

  it("reports size, rows and SHA-256 once read", async () => {
    const text = '[{"a":1},{"a":2}]';
    const { complete, file } = await readAll(text);
    expect(complete).toEqual({
      table: "t",
      path: file,
      format: "json",
      bytes: 17,
      rows: 2,
      sha256: createHash("sha256").update(text).digest("hex"),
    });
  });

  it("reports an unreadable file (a folder)", async () => {
    const issues: DataIssue[] = [];
    for await (const _ of readJsonArrayRecords(tempDir(), { onIssue: (i) => issues.push(i) })) {
      // nothing
    }
    expect(issues).toMatchObject([{ code: "unreadable_file", found: "EISDIR" }]);
  });

  it("streams a large array element by element", async () => {
    const dir = tempDir();
    const file = path.join(dir, "big.json");
    const out = fs.createWriteStream(file);
    out.write("[");
    for (let i = 0; i < 50_000; i++) out.write(`${i ? "," : ""}{"i":${i},"s":"${"x".repeat(20)}"}`);
    out.write("]");
    await new Promise((resolve) => out.end(resolve));
    let count = 0;
    let sum = 0;
    for await (const r of readJsonArrayRecords(file)) {
      count++;
      sum += r.values.i as number;
    }
    expect([count, sum]).toEqual([50_000, (49_999 * 50_000) / 2]);
  });
});
