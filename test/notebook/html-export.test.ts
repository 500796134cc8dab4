import { describe, expect, it } from "vitest";
import {
  externalReferences,
  removeExternalScripts,
  svgImageTag,
  svgLabel,
  svgOutputsAsImages,
  type Notebook,
} from "../../lib/src/index";

describe("removeExternalScripts", () => {
  it("removes scripts loaded by URL (doc example)", () => {
    expect(
      removeExternalScripts('<head><script src="https://cdn.example/require.js"></script></head>'),
    ).toEqual({
      html: "<head></head>",
      removed: ["https://cdn.example/require.js"],
    });
  });

  it("handles nbconvert's Debian file:// scripts, keeps inline and data: scripts", () => {
    const html = [
      '<script src="file:///usr/share/javascript/requirejs/require.min.js"></script>',
      "<!-- Load mathjax -->",
      '    <script src="file:///usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"> </script>',
      '<script type="text/x-mathjax-config">init_mathjax()</script>',
      "<script src='data:text/javascript,void 0'></script>",
    ].join("\n");
    const out = removeExternalScripts(html);
    expect(out.removed).toEqual([
      "file:///usr/share/javascript/requirejs/require.min.js",
      "file:///usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
    ]);
    expect(out.html).toContain("init_mathjax()");
    expect(out.html).toContain("data:text/javascript");
    expect(externalReferences(out.html)).toEqual([]);
  });
});

describe("externalReferences", () => {
  it("lists fetched URLs only (doc example)", () => {
    expect(
      externalReferences('<img src="data:image/png;base64,AA"><link rel="stylesheet" href="http://x/y.css">'),
    ).toEqual(["http://x/y.css"]);
  });

  it("ignores anchors and non-stylesheet links", () => {
    expect(
      externalReferences('<a href="http://x">x</a><link rel="icon" href="f.ico"><img src="#x">'),
    ).toEqual([]);
    expect(externalReferences('<script src="https://cdn/x.js"></script>')).toEqual(["https://cdn/x.js"]);
  });
});

describe("svgLabel and svgImageTag", () => {
  it("prefers the root aria-label (doc example), then the title, then the fallback", () => {
    expect(svgLabel('<svg role="img" aria-label="Autonomy by mission"><title>T</title></svg>')).toBe(
      "Autonomy by mission",
    );
    expect(svgLabel("<svg><title>A &amp; B</title></svg>")).toBe("A & B");
    expect(svgLabel("<svg/>", "chart")).toBe("chart");
    expect(svgLabel("<svg/>")).toBe("SVG image");
  });

  it("embeds the SVG as a base64 data URL with an escaped alt (doc example)", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" aria-label="a &quot;b&quot; &lt;c&gt;"/>';
    const tag = svgImageTag(svg);
    expect(tag.startsWith('<img src="data:image/svg+xml;base64,')).toBe(true);
    const base64 = /base64,([^"]+)"/.exec(tag)?.[1] ?? "";
    expect(Buffer.from(base64, "base64").toString("utf8")).toBe(svg);
    expect(tag).toContain('alt="a &quot;b&quot; &lt;c&gt;"');
    expect(externalReferences(tag)).toEqual([]);
  });
});

describe("svgOutputsAsImages", () => {
  const nb = (): Notebook =>
    Object.freeze({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: Object.freeze([
        { cell_type: "markdown", metadata: {}, source: "x" },
        {
          cell_type: "code",
          metadata: {},
          source: "",
          outputs: Object.freeze([
            {
              output_type: "display_data",
              data: { "image/svg+xml": ["<svg>", "</svg>"], "text/plain": "Chart: runs" },
            },
            { output_type: "display_data", data: { "image/svg+xml": "<svg/>", "text/html": "<b>kept</b>" } },
            { output_type: "stream", name: "stdout", text: "hi" },
          ]),
        },
      ]),
    });

  it("adds an <img> text/html representation to SVG outputs only (doc example)", () => {
    const input = nb();
    const copy = structuredClone(input);
    const out = svgOutputsAsImages(input);
    const [chart, withHtml, stream] = out.cells[1]?.outputs ?? [];
    expect(String(chart?.data?.["text/html"])).toMatch(
      /^<img src="data:image\/svg\+xml;base64,[^"]+" alt="Chart: runs"/,
    );
    expect(chart?.data?.["image/svg+xml"]).toEqual(["<svg>", "</svg>"]);
    expect(withHtml?.data?.["text/html"]).toBe("<b>kept</b>");
    expect(stream).toEqual({ output_type: "stream", name: "stdout", text: "hi" });
    expect(out.cells[0]).toBe(input.cells[0]);
    expect(input).toEqual(copy);
  });
});
