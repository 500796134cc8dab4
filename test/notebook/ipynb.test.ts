import { describe, expect, it } from "vitest";
import {
  cellSource,
  cellTags,
  NotebookFormatError,
  outputText,
  parseNotebook,
  serializeNotebook,
  sourceLines,
} from "../../lib/src/index";

const minimal = '{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[]}';

describe("parseNotebook", () => {
  it("reads an empty notebook (doc example)", () => {
    expect(parseNotebook(minimal).cells.length).toBe(0);
  });

  it("keeps unknown fields and fills missing cell metadata", () => {
    const nb = parseNotebook(
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 4,
        metadata: { kernelspec: { name: "tslab" } },
        extra: 1,
        cells: [{ cell_type: "markdown", source: "# t", custom: true }],
      }),
    );
    expect(nb.extra).toBe(1);
    expect(nb.cells[0]?.metadata).toEqual({});
    expect(nb.cells[0]?.custom).toBe(true);
    expect(nb.metadata).toEqual({ kernelspec: { name: "tslab" } });
  });

  it.each([
    ["not json", /not JSON/],
    ["[]", /not a notebook/],
    ['{"nbformat":3,"cells":[]}', /unsupported nbformat 3/],
    ['{"nbformat":4}', /no cells array/],
    ['{"nbformat":4,"cells":[{"source":"x"}]}', /cell 1: no cell_type/],
    ['{"nbformat":4,"cells":[{"cell_type":"code","source":[1]}]}', /cell 1: source/],
  ])("rejects %s", (text, message) => {
    expect(() => parseNotebook(text)).toThrow(NotebookFormatError);
    expect(() => parseNotebook(text)).toThrow(message);
  });
});

describe("serializeNotebook", () => {
  it("indents by one space and ends with a newline (doc example)", () => {
    const text = serializeNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] });
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n "cells": []');
    expect(parseNotebook(text).nbformat_minor).toBe(5);
  });
});

describe("cell helpers", () => {
  it("cellSource joins line lists (doc example)", () => {
    expect(cellSource({ cell_type: "code", source: ["let a = 1;\n", "a"], metadata: {} })).toBe(
      "let a = 1;\na",
    );
    expect(cellSource({ cell_type: "code", source: "x", metadata: {} })).toBe("x");
  });

  it("sourceLines splits the Jupyter way (doc example)", () => {
    expect(sourceLines("a\nb")).toEqual(["a\n", "b"]);
    expect(sourceLines("a\nb\n")).toEqual(["a\n", "b\n"]);
    expect(sourceLines("")).toEqual([]);
    expect(sourceLines("a\n\nb").join("")).toBe("a\n\nb");
  });

  it("cellTags keeps string tags only (doc example)", () => {
    expect(cellTags({ cell_type: "code", source: "", metadata: { tags: ["parameters"] } })).toEqual([
      "parameters",
    ]);
    expect(cellTags({ cell_type: "code", source: "", metadata: { tags: ["a", 3] } })).toEqual(["a"]);
    expect(cellTags({ cell_type: "code", source: "", metadata: {} })).toEqual([]);
  });

  it("outputText joins string lists (doc example)", () => {
    expect(outputText(["a\n", "b"])).toBe("a\nb");
    expect(outputText("x")).toBe("x");
    expect(outputText(undefined)).toBe("");
  });
});
