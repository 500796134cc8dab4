import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTableRecords, type SourceFile } from "../../lib/src/index";
import { writeFiles } from "../helpers/dataset-files";

describe("readTableRecords", () => {
  it("reads an NDJSON table (the @example) and names the table in the file record", async () => {
    const dir = writeFiles({ "runs.ndjson": '{"run_id":"R1"}\n' });
    const records = [];
    let complete: SourceFile | undefined;
    for await (const r of readTableRecords(
      { table: "runs", path: path.join(dir, "runs.ndjson"), format: "ndjson" },
      { onComplete: (f) => (complete = f) },
    )) {
      records.push(r);
    }
    expect(records.length).toBe(1);
    expect(complete?.table).toBe("runs");
  });

  it.each([
    ["t.csv", "csv", "a\n1\n", { a: "1" }],
    ["t.json", "json", '[{"a":1}]', { a: 1 }],
    ["t.ndjson", "ndjson", '{"a":1}\n', { a: 1 }],
  ] as const)("dispatches %s to the %s reader", async (name, format, text, values) => {
    const dir = writeFiles({ [name]: text });
    const records = [];
    for await (const r of readTableRecords({ table: "t", path: path.join(dir, name), format }))
      records.push(r.values);
    expect(records).toEqual([values]);
  });
});
