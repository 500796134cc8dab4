/**
 * The incremental parsers the readers are built on, fed text in pieces as a file's chunks would
 * arrive: the result never depends on where the pieces are cut.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CsvRecordParser,
  JsonArraySplitter,
  NdjsonParser,
  runScan,
  scanTableFile,
  type DataIssue,
} from "../../lib/src/index";
import { writeFiles } from "../helpers/dataset-files";

/** Every way of cutting `text` in two, plus one piece per character. */
function cuts(text: string): string[][] {
  const out = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

function csv(pieces: readonly string[]) {
  const rows: [number, string[]][] = [];
  const parser = new CsvRecordParser((cells, line) => rows.push([line, [...cells]]));
  for (const p of pieces) parser.write(p);
  parser.end();
  return { rows, failure: parser.failure };
}

describe("CsvRecordParser", () => {
  it("parses the @example", () => {
    const rows: string[][] = [];
    const parser = new CsvRecordParser((cells) => rows.push([...cells]));
    parser.write('a,b\n1,"x,\n');
    parser.write('y"\n');
    parser.end();
    expect(rows).toEqual([
      ["a", "b"],
      ["1", "x,\ny"],
    ]);
  });

  it("reads quoted cells with commas, doubled quotes and line breaks wherever the text is cut", () => {
    const text = 'id,note\r\nA,"one, two"\r\nB,"say ""hi"""\r\nC,"two\r\nlines"\r\n\r\nD,\r\n"",x\r\nE,"é"';
    const expected = [
      [1, ["id", "note"]],
      [2, ["A", "one, two"]],
      [3, ["B", 'say "hi"']],
      [4, ["C", "two\r\nlines"]],
      [6, [""]],
      [7, ["D", ""]],
      [8, ["", "x"]],
      [9, ["E", "é"]],
    ];
    for (const pieces of cuts(text)) expect(csv(pieces)).toEqual({ rows: expected, failure: undefined });
  });

  it("takes the first line end as the file's: \\r\\n, \\n or \\r alone (the others are cell text)", () => {
    expect(csv(["a,b\r\nc\nd\r\ne"]).rows).toEqual([
      [1, ["a", "b"]],
      [2, ["c\nd"]],
      [4, ["e"]],
    ]);
    expect(csv(["a\nb\r,c\n"]).rows).toEqual([
      [1, ["a"]],
      [2, ["b\r", "c"]],
    ]);
    expect(csv(["a\rb\rc"]).rows).toEqual([
      [1, ["a"]],
      [2, ["b"]],
      [3, ["c"]],
    ]);
  });

  it.each([
    ['a\n"x"y\n', "CSV_INVALID_CLOSING_QUOTE", 2, "y"],
    ['a\nb"c\n', "INVALID_OPENING_QUOTE", 2, "b"],
    ['a\n"open\nstill\n', "CSV_QUOTE_NOT_CLOSED", 2, ""],
  ])("stops at the first syntax error, on the line of its record: %j", (text, code, line, detail) => {
    for (const pieces of cuts(text)) {
      const { rows, failure } = csv(pieces);
      expect(rows).toEqual([[1, ["a"]]]);
      expect(failure).toEqual({ code, line, detail });
    }
  });

  it("hands quote-free records to onLine first, and splits those it declines", () => {
    const seen: string[] = [];
    const rows: string[][] = [];
    const parser = new CsvRecordParser((cells) => rows.push([...cells]));
    parser.onLine = (text, start, end) => {
      seen.push(text.slice(start, end));
      return text.startsWith("skip", start);
    };
    parser.write('h1,h2\nskip,1\r\nkeep,2\n"q",3\n');
    parser.end();
    // The first record sets the line end (no fast path yet); quoted records never reach onLine.
    expect(seen).toEqual(["skip,1\r", "keep,2"]);
    expect(rows).toEqual([
      ["h1", "h2"],
      ["keep", "2"],
      ["q", "3"],
    ]);
  });
});

describe("NdjsonParser", () => {
  it("parses the @example", () => {
    const seen: unknown[] = [];
    const parser = new NdjsonParser(
      "a.ndjson",
      (v, line) => seen.push([line, v.id]),
      () => {},
    );
    parser.write('{"id":1}\n\n{"i');
    parser.write('d":2}');
    parser.end();
    expect(seen).toEqual([
      [1, 1],
      [3, 2],
    ]);
  });

  it("gives the same objects and problems wherever the text is cut", () => {
    const text = '\ufeff{"a":"é"}\r\n  \n{"a":\n[1]\n{"a":2}';
    const run = (pieces: readonly string[]) => {
      const out: unknown[] = [];
      const parser = new NdjsonParser(
        "x",
        (v, line) => out.push([line, v]),
        (i: DataIssue) => out.push([i.line, i.code]),
      );
      for (const p of pieces) parser.write(p);
      parser.end();
      return [out, parser.rows];
    };
    const expected = [
      [
        [1, { a: "é" }],
        [3, "malformed_ndjson"],
        [4, "not_an_object"],
        [5, { a: 2 }],
      ],
      2,
    ];
    for (const pieces of cuts(text)) expect(run(pieces)).toEqual(expected);
  });
});

describe("JsonArraySplitter", () => {
  it("splits the @example", () => {
    const rows: unknown[] = [];
    const splitter = new JsonArraySplitter((value, row) => rows.push([row, value]));
    splitter.write('[{"a": "x]"}, ');
    splitter.write("2]");
    splitter.end();
    expect(rows).toEqual([
      [1, { a: "x]" }],
      [2, 2],
    ]);
    expect(splitter.failure).toBeUndefined();
  });

  it("tracks strings, escapes and nesting wherever the text is cut", () => {
    const values = [{ s: '}]\\"[{', n: [1, { m: "]" }] }, "\\", [], -1.5e3, null, { "": "\\\\" }];
    const text = `\ufeff [\n${values.map((v) => JSON.stringify(v)).join(" ,\n ")}\n] \n`;
    for (const pieces of cuts(text)) {
      const rows: unknown[] = [];
      const splitter = new JsonArraySplitter((value) => rows.push(value));
      for (const p of pieces) splitter.write(p);
      splitter.end();
      expect([rows, splitter.failure]).toEqual([values, undefined]);
    }
  });

  it("stops at a problem and says where to replay from", () => {
    const splitter = new JsonArraySplitter(() => {});
    splitter.write('[\n  {"a": 1},\n  {"a": 2}\n  {"a": 3}\n]');
    splitter.end();
    // After element 2 the array expects "," or "]": line 4 starts in that state.
    expect(splitter.failure).toMatchObject({ fromLine: 4, prefix: "[{}\n", line: 4 });
    expect(splitter.rows).toBe(2);
  });
});

describe("scanTableFile", () => {
  it("pushes rows to a visitor without making records (the @example)", async () => {
    const dir = writeFiles({ "runs.ndjson": '{"run_id":"R1"}\n', "runs.csv": "run_id,x\nR1,1\nR2,2\n" });
    let rows = 0;
    await runScan(
      scanTableFile(
        { table: "runs", path: path.join(dir, "runs.ndjson"), format: "ndjson" },
        { object: () => rows++ },
      ),
    );
    expect(rows).toBe(1);
    const cells: string[][] = [];
    let header: readonly (string | undefined)[] = [];
    await runScan(
      scanTableFile(
        { table: "runs", path: path.join(dir, "runs.csv"), format: "csv" },
        { header: (h) => (header = [...h]), cells: (c) => cells.push([...c]) },
      ),
    );
    expect([header, cells]).toEqual([
      ["run_id", "x"],
      [
        ["R1", "1"],
        ["R2", "2"],
      ],
    ]);
  });
});
