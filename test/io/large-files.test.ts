/**
 * The readers on files larger than their 4 MiB read chunk, with records placed across the chunk
 * boundaries on purpose: quoted CSV cells with commas, quotes and line breaks, multi-byte
 * characters, JSON strings holding brackets, quotes and backslashes.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  readCsvRecords,
  readJsonArrayRecords,
  readNdjsonRecords,
  type DataIssue,
  type SourceRecord,
} from "../../lib/src/index";
import { tempDir } from "../helpers/dataset-files";

const MIB = 1024 * 1024;
/** Byte offsets the readers' chunks end at (they read 4 MiB at a time). */
const BOUNDARIES = [4 * MIB, 8 * MIB];

async function readAll(reader: typeof readCsvRecords, file: string) {
  const issues: DataIssue[] = [];
  const records: SourceRecord[] = [];
  for await (const r of reader(file, { onIssue: (i) => issues.push(i) })) records.push(r);
  return { issues, records };
}

/** RFC 4180 quoting, always. */
const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;

describe("CSV larger than a read chunk", () => {
  it.each(["\n", "\r\n"])("keeps quoted cells across chunk boundaries (line end %j)", async (eol) => {
    // Plain rows, and around each boundary a row whose long quoted cell holds commas, quotes and
    // line breaks and spans the boundary.
    const rows: { id: string; note: string; line: number }[] = [];
    const parts = [`id,note,n${eol}`];
    let bytes = Buffer.byteLength(parts[0]!);
    let line = 2;
    let next = 0;
    let i = 0;
    while (bytes < 9 * MIB) {
      const boundary = BOUNDARIES[next];
      let note: string;
      if (boundary !== undefined && bytes > boundary - 5000) {
        note = `spans, "the" boundary${eol}at ${boundary}:${"x,".repeat(4000)}${eol}é end`;
        next++;
      } else {
        note = i % 7 === 0 ? `a, "b"${eol}c ${"q".repeat(60)}` : `plain ${i} ${"p".repeat(60)}`;
      }
      const id = `R${i}`;
      const text = `${id},${note.includes(",") || note.includes('"') || note.includes("\n") ? quoted(note) : note},${i}${eol}`;
      rows.push({ id, note, line });
      line += 1 + (note.match(/\n/g)?.length ?? 0);
      parts.push(text);
      bytes += Buffer.byteLength(text);
      i++;
    }
    expect(next).toBe(BOUNDARIES.length);
    const file = path.join(tempDir(), "t.csv");
    fs.writeFileSync(file, parts.join(""));
    const { issues, records } = await readAll(readCsvRecords, file);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.location.line, r.values])).toEqual(
      rows.map((row, k) => [row.line, { id: row.id, note: row.note, n: String(k) }]),
    );
  });
});

describe("NDJSON larger than a read chunk", () => {
  it("keeps lines and multi-byte characters cut by chunk boundaries", async () => {
    const values: unknown[] = [];
    const lines: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < 9 * MIB; i++) {
      const value = { i, text: `${"é€😀".repeat(1 + (i % 50))} ${i}`, tags: ["a]", "{b}"] };
      const text = `${JSON.stringify(value)}\n`;
      values.push(value);
      lines.push(text);
      bytes += Buffer.byteLength(text);
    }
    const file = path.join(tempDir(), "t.ndjson");
    fs.writeFileSync(file, lines.join(""));
    const { issues, records } = await readAll(readNdjsonRecords, file);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.values)).toEqual(values);
    expect(records.at(-1)!.location.line).toBe(values.length);
  });
});

describe("JSON array larger than a read chunk", () => {
  it("splits elements whose strings hold brackets, quotes and backslashes across boundaries", async () => {
    const values: unknown[] = [];
    let bytes = 0;
    for (let i = 0; bytes < 9 * MIB; i++) {
      const value = {
        i,
        text: `]}[{ "quoted" \\ back\\slash ${"\\".repeat(i % 4)} ${"é".repeat(i % 30)}`,
        nested: { list: [i, { deep: "]" }], empty: {} },
      };
      values.push(value);
      bytes += Buffer.byteLength(JSON.stringify(value, null, 2)) + 4;
    }
    const file = path.join(tempDir(), "t.json");
    fs.writeFileSync(file, `\ufeff${JSON.stringify(values, null, 2)}\n`);
    const { issues, records } = await readAll(readJsonArrayRecords, file);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.values)).toEqual(values);
    expect(records.map((r) => r.location.row)).toEqual(values.map((_, k) => k + 1));
  });

  it("places a syntax error after the first chunk on its line", async () => {
    const lines = ["["];
    for (let i = 0; i < 120_000; i++) lines.push(`  {"i": ${i}, "pad": "${"p".repeat(40)}"},`);
    lines.push('  {"i": "broken" "x": 1},', "]");
    const file = path.join(tempDir(), "t.json");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    expect(fs.statSync(file).size).toBeGreaterThan(4 * MIB);
    const { issues, records } = await readAll(readJsonArrayRecords, file);
    expect(records.length).toBe(120_000);
    // Line 1 is "[", element i is on line i + 2: the broken element is on line 120,002.
    expect(issues).toMatchObject([
      {
        code: "malformed_json",
        line: 120_002,
        found: '"{\\"i\\": \\"broken\\" \\"x\\": 1},"',
        message: "malformed JSON: expected ','",
      },
    ]);
  });
});
