import { describe, expect, it } from "vitest";
import {
  buildInjectedSource,
  cellSource,
  clearOutputs,
  findParameterDeclarations,
  INJECTED_PARAMETERS_TAG,
  injectParameters,
  NotebookParameterError,
  type Notebook,
} from "../../lib/src/index";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const notebook = (): Notebook =>
  deepFreeze({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab" } },
    cells: [
      { cell_type: "markdown", id: "md", metadata: {}, source: "# Title" },
      {
        cell_type: "code",
        id: "p",
        metadata: { tags: ["parameters"] },
        source: ['let region = "EU";\n', "const limit = 5;\n", "var verbose = false;"],
        outputs: [],
        execution_count: 1,
      },
      {
        cell_type: "code",
        id: "body",
        metadata: { execution: { "iopub.status.busy": "t" }, mission: { status: "failed" }, keep: 1 },
        source: "console.log(region)",
        outputs: [{ output_type: "stream", name: "stdout", text: "EU\n" }],
        execution_count: 2,
      },
    ],
  });

describe("findParameterDeclarations", () => {
  it("finds top-level let/const/var (doc example)", () => {
    expect(findParameterDeclarations("let region = 'EU';\nconst limit = 5;")).toEqual([
      { name: "region", kind: "let", line: 1 },
      { name: "limit", kind: "const", line: 2 },
    ]);
  });

  it("handles annotations and export, skips comments, indented lines and duplicates", () => {
    const src = [
      "// let commented = 1;",
      "let year: number = 2024;",
      "export let tag = 'x';",
      "function f() {",
      "  let inner = 1;",
      "}",
      "let year = 2025;",
    ].join("\n");
    expect(findParameterDeclarations(src).map((d) => d.name)).toEqual(["year", "tag"]);
  });
});

describe("buildInjectedSource", () => {
  it("assigns let parameters (doc example)", () => {
    expect(buildInjectedSource({ region: "US" }, [{ name: "region", kind: "let", line: 1 }])).toBe(
      '// Parameters injected by `mission notebook`.\nregion = "US";\nvoid 0;\n',
    );
  });

  it("re-declares const parameters and escapes values", () => {
    const src = buildInjectedSource({ limit: 10, note: 'a "b"\n' }, [
      { name: "limit", kind: "const", line: 1 },
      { name: "note", kind: "var", line: 2 },
    ]);
    expect(src).toContain("const limit = 10;\n");
    expect(src).toContain('note = "a \\"b\\"\\n";\n');
  });

  it("rejects an undeclared parameter, naming the declared ones", () => {
    expect(() => buildInjectedSource({ regoin: "US" }, [{ name: "region", kind: "let", line: 1 }])).toThrow(
      /unknown parameter "regoin".*declares region/,
    );
  });
});

describe("clearOutputs", () => {
  it("empties outputs, counts and run metadata of code cells only (doc example)", () => {
    const cleared = clearOutputs(notebook());
    expect(cleared.cells.every((c) => c.cell_type !== "code" || c.outputs?.length === 0)).toBe(true);
    expect(cleared.cells[2]?.execution_count).toBeNull();
    expect(cleared.cells[2]?.metadata).toEqual({ keep: 1 });
    expect(cleared.cells[0]).toEqual(notebook().cells[0]);
  });
});

describe("injectParameters", () => {
  it("inserts the injected cell right after the parameters cell (doc example)", () => {
    const nb = injectParameters(notebook(), { region: "US" });
    expect(nb.cells.map((c) => c.id)).toEqual(["md", "p", INJECTED_PARAMETERS_TAG, "body"]);
    expect(nb.cells[2]?.source).toEqual([
      "// Parameters injected by `mission notebook`.\n",
      'region = "US";\n',
      "void 0;\n",
    ]);
    expect(nb.cells[2]?.metadata).toEqual({ tags: [INJECTED_PARAMETERS_TAG] });
    expect(nb.metadata.mission).toEqual({ parameters: { region: "US" } });
    expect(nb.cells[3]?.outputs).toEqual([]);
  });

  it("does not modify its input (frozen) and replaces an earlier injected cell", () => {
    const first = deepFreeze(injectParameters(notebook(), { region: "US", limit: 7 }));
    const second = injectParameters(first, { verbose: true });
    expect(second.cells.filter((c) => c.id === INJECTED_PARAMETERS_TAG)).toHaveLength(1);
    expect(cellSource(second.cells[2]!)).toContain("verbose = true;");
    expect(cellSource(second.cells[2]!)).not.toContain("region");
    expect(second.metadata.mission).toEqual({ parameters: { verbose: true } });
  });

  it("without parameters drops an old injected cell and injects nothing", () => {
    const again = injectParameters(injectParameters(notebook(), { region: "US" }), {});
    expect(again.cells.map((c) => c.id)).toEqual(["md", "p", "body"]);
  });

  it("adds no id to cells of notebooks older than nbformat 4.5", () => {
    const old = { ...notebook(), nbformat_minor: 4, cells: notebook().cells.map(({ id: _id, ...c }) => c) };
    expect(injectParameters(old, { region: "US" }).cells[2]?.id).toBeUndefined();
  });

  it("requires a parameters cell when parameters are given", () => {
    const untagged = { ...notebook(), cells: notebook().cells.filter((c) => c.id !== "p") };
    expect(() => injectParameters(untagged, { region: "US" })).toThrow(NotebookParameterError);
    expect(injectParameters(untagged, {}).cells).toHaveLength(2);
  });
});
