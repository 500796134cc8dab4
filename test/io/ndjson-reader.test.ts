import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DatasetLoadError,
  readNdjsonRecords,
  type DataIssue,
  type SourceFile,
  type SourceRecord,
} from "../../lib/src/index";
import { writeFiles } from "../helpers/dataset-files";

async function readAll(text: string) {
  const dir = writeFiles({ "t.ndjson": text });
  const file = path.join(dir, "t.ndjson");
  const issues: DataIssue[] = [];
  const records: SourceRecord[] = [];
  let complete: SourceFile | undefined;
  for await (const r of readNdjsonRecords(file, {
    onIssue: (i) => issues.push(i),
    onComplete: (f) => (complete = f),
  })) {
    records.push(r);
  }
  return { file, issues, records, complete };
}

describe("readNdjsonRecords", () => {
  it("streams the @example, skipping blank lines", async () => {
    const { records } = await readAll('{"run_id":"R1"}\n\n{"run_id":"R2"}\n');
    expect(records.map((r) => [r.location.line, r.values.run_id])).toEqual([
      [1, "R1"],
      [3, "R2"],
    ]);
    expect(records.every((r) => !r.textual)).toBe(true);
  });

  it("handles a byte-order mark, CRLF and a last line without newline", async () => {
    const { records, issues } = await readAll('\ufeff{"a":1}\r\n  \r\n{"a":2}');
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.location.line, r.values.a])).toEqual([
      [1, 1],
      [3, 2],
    ]);
  });

  it("reports malformed lines and non-objects with their line, and goes on", async () => {
    const { records, issues, complete } = await readAll('{"a":1}\n{"a":\n[1,2]\n"text"\n{"a":5}\n');
    expect(records.map((r) => r.location.line)).toEqual([1, 5]);
    expect(issues.map((i) => [i.code, i.line, i.found])).toEqual([
      ["malformed_ndjson", 2, '"{\\"a\\":"'],
      ["not_an_object", 3, "[1,2]"],
      ["not_an_object", 4, '"text"'],
    ]);
    expect(complete?.rows).toBe(2);
  });

  it("reports size, rows and SHA-256 once read", async () => {
    const text = '{"a":1}\n{"a":2}\n';
    const { complete, file } = await readAll(text);
    expect(complete).toEqual({
      table: "t",
      path: file,
      format: "ndjson",
      bytes: 16,
      rows: 2,
      sha256: createHash("sha256").update(text).digest("hex"),
    });
  });

  it("reports an unreadable file", async () => {
    const issues: DataIssue[] = [];
    for await (const _ of readNdjsonRecords("/nonexistent/x.ndjson", { onIssue: (i) => issues.push(i) })) {
      // nothing
    }
    expect(issues).toMatchObject([{ code: "unreadable_file", expected: "a readable file", found: "ENOENT" }]);
  });

  it("throws a DatasetLoadError without onIssue", async () => {
    const dir = writeFiles({ "t.ndjson": "{oops}\n" });
    const read = async () => {
      for await (const _ of readNdjsonRecords(path.join(dir, "t.ndjson"))) {
        // drain
      }
    };
    await expect(read()).rejects.toBeInstanceOf(DatasetLoadError);
  });
});
