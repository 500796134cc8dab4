/**
 * Tables and embedded documents in notebook outputs: cell formatting, the HTML table, the display
 * bundle and the sandboxed frame.
 */
import { describe, expect, it } from "vitest";
import {
  displayFrame,
  formatCell,
  frameHtml,
  htmlFrame,
  toDataFrame,
  type MimeBundle,
} from "../../lib/src/index";

describe("formatCell", () => {
  it("rounds numbers, keeps tiny ones visible and blanks missing values (doc example)", () => {
    expect([formatCell(2.5), formatCell(1 / 3), formatCell(5.6e-16), formatCell(null)]).toEqual([
      "2.5",
      "0.333",
      "5.6e-16",
      "",
    ]);
    expect([
      formatCell(12),
      formatCell(NaN),
      formatCell(undefined),
      formatCell(true),
      formatCell("x"),
    ]).toEqual(["12", "", "", "true", "x"]);
    expect([formatCell(1.23456, 1), formatCell(0.00001), formatCell(-Infinity), formatCell(2.10004)]).toEqual(
      ["1.2", "1e-5", "-Infinity", "2.1"],
    );
  });
});

describe("frameHtml", () => {
  it("renders a header and aligned, rounded cells (doc example)", () => {
    expect(frameHtml({ columns: ["a"], values: [[1.23456]] }, { index: false })).toBe(
      '<table class="dataframe"><thead><tr><th style="text-align:left">a</th></tr></thead>' +
        '<tbody><tr><td style="text-align:right">1.235</td></tr></tbody></table>',
    );
  });

  it("escapes text, shows row labels and a caption, and cuts long tables", () => {
    const html = frameHtml(
      { columns: ["<b>"], values: [["x & y"], ["z"], ["w"]], index: ["r1", "r2", "r3"] },
      { maxRows: 2, caption: 'A "table"' },
    );
    expect(html).toContain('<th style="text-align:left">&lt;b&gt;</th>');
    expect(html).toContain("<th>r1</th>");
    expect(html).toContain("x &amp; y");
    expect(html).toContain("<caption>A &quot;table&quot;</caption>");
    expect(html).not.toContain(">w<");
    expect(html).toContain("… 1 more row</em>");
    expect(() => frameHtml({ columns: [], values: [] }, { maxRows: 0 })).toThrow(RangeError);
  });

  it("reads a danfojs DataFrame", () => {
    const frame = toDataFrame([
      { mission: "m1", score: 0.5 },
      { mission: "m2", score: null },
    ]);
    const html = frameHtml(frame);
    expect(html).toContain("<th>0</th>");
    expect(html).toContain('<td style="text-align:left">m2</td><td style="text-align:left"></td>');
    expect(html).toContain('<td style="text-align:right">0.5</td>');
  });
});

describe("displayFrame", () => {
  it("sends one bundle with the HTML table and a text table (doc example)", () => {
    const sent: MimeBundle[] = [];
    const frame = toDataFrame([{ mission: "m1", runs: 3 }]);
    const result: unknown = displayFrame(frame, { caption: "Missions", sink: (b) => sent.push(b) });
    expect(result).toBeUndefined();
    expect(sent.length).toBe(1);
    expect(Object.keys(sent[0]?.data ?? {})).toEqual(["text/html", "text/plain"]);
    expect(sent[0]?.data["text/html"]).toContain("<caption>Missions</caption>");
    expect(sent[0]?.data["text/plain"]).toContain("mission");
    displayFrame({ columns: ["a", "b"], values: [[1, 0.25]] }, { sink: (b) => sent.push(b) });
    expect(sent[1]?.data["text/plain"]).toBe("a\tb\n1\t0.25");
  });

  it("needs a sink outside a tslab kernel", () => {
    expect(() => displayFrame({ columns: ["a"], values: [] })).toThrow(/not running in a tslab kernel/);
  });
});

describe("htmlFrame", () => {
  it("wraps a document in a sandboxed srcdoc iframe (doc example)", () => {
    expect(htmlFrame("<!doctype html><p>Hi</p>", { height: 200 })).toBe(
      '<iframe title="Embedded document" sandbox="" srcdoc="&lt;!doctype html&gt;&lt;p&gt;Hi&lt;/p&gt;" ' +
        'style="width:100%;height:200px;border:1px solid #d0d4da"></iframe>',
    );
  });

  it("escapes quotes and newlines of the document and the title, and checks the height", () => {
    const frame = htmlFrame('<p class="x">a\nb</p>', { title: 'Brief "Q1"' });
    expect(frame).toContain('title="Brief &quot;Q1&quot;"');
    expect(frame).toContain('srcdoc="&lt;p class=&quot;x&quot;&gt;a&#10;b&lt;/p&gt;"');
    expect(frame).toContain("height:900px");
    expect(() => htmlFrame("", { height: 0 })).toThrow(RangeError);
    expect(() => htmlFrame("", { height: NaN })).toThrow(RangeError);
  });
});
