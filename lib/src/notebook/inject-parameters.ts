/**
 * Papermill-style parameter injection for TypeScript notebooks (tslab kernel).
 *
 * Convention: the notebook has one code cell tagged `parameters` declaring each parameter with
 * its default, one declaration per statement at the start of a line, preferably with `let`:
 *
 *     let region = "EU";          // string
 *     let limit: number = 10;     // annotate when the default's type is too narrow
 *
 * The run inserts a cell tagged `injected-parameters` right after it. For a `let`/`var` parameter
 * it holds a plain assignment (`region = "US";`), so functions written in the parameters cell see
 * the new value and a value of the wrong type fails in that cell with a clear type error. tslab
 * also accepts re-declaring a name in a later cell, so a `const` parameter is re-declared instead
 * (`const region = "US";`); later cells see the new value, but closures created in the parameters
 * cell keep the default. Values must be JSON-like (string, number, boolean, null, array, object).
 */
import { cellSource, cellTags, sourceLines, type Notebook, type NotebookCell } from "./ipynb";
import { NotebookParameterError, type NotebookParameters } from "./parameters";
import { toTypeScriptLiteral } from "./ts-literal";

/** Tag of the cell that declares the parameters and their defaults. */
export const PARAMETERS_TAG = "parameters";
/** Tag of the cell a run inserts after the parameters cell. */
export const INJECTED_PARAMETERS_TAG = "injected-parameters";
/** Notebook and cell metadata key under which a run records what it did. */
export const RUN_METADATA_KEY = "mission";

/** A top-level variable declared in the parameters cell. */
export interface ParameterDeclaration {
  readonly name: string;
  readonly kind: "let" | "const" | "var";
  /** 1-based line in the cell. */
  readonly line: number;
}

const DECLARATION = /^(?:export\s+)?(let|const|var)\s+([A-Za-z_$][A-Za-z0-9_$]*)/;

/**
 * The variables a parameters cell declares: statements starting at column 0 with `let`, `const`
 * or `var` followed by a single identifier (destructuring and `let a = 1, b = 2` lists are not
 * recognised beyond their first name; indented lines are skipped as not top-level).
 *
 * @example findParameterDeclarations("let region = 'EU';\nconst limit = 5;")
 *   // → [{ name: "region", kind: "let", line: 1 }, { name: "limit", kind: "const", line: 2 }]
 */
export function findParameterDeclarations(source: string): ParameterDeclaration[] {
  const found: ParameterDeclaration[] = [];
  source.split("\n").forEach((text, i) => {
    const m = DECLARATION.exec(text);
    if (m && !found.some((d) => d.name === m[2])) {
      found.push({ name: m[2] ?? "", kind: (m[1] ?? "let") as ParameterDeclaration["kind"], line: i + 1 });
    }
  });
  return found;
}

/**
 * The TypeScript source of the injected-parameters cell: an assignment per `let`/`var` parameter,
 * a re-declaration per `const` parameter, and a final `void 0;` so tslab does not echo the last
 * value.
 *
 * @throws NotebookParameterError when a parameter is not declared in the parameters cell.
 * @example buildInjectedSource({ region: "US" }, [{ name: "region", kind: "let", line: 1 }])
 *   // → '// Parameters injected by `mission notebook`.\nregion = "US";\nvoid 0;\n'
 */
export function buildInjectedSource(
  parameters: NotebookParameters,
  declarations: readonly ParameterDeclaration[],
): string {
  const lines = ["// Parameters injected by `mission notebook`."];
  for (const [name, value] of Object.entries(parameters)) {
    const decl = declarations.find((d) => d.name === name);
    if (!decl) {
      const known = declarations.map((d) => d.name).join(", ") || "none";
      throw new NotebookParameterError(
        `unknown parameter "${name}": the cell tagged "${PARAMETERS_TAG}" declares ${known}`,
      );
    }
    const literal = toTypeScriptLiteral(value);
    lines.push(decl.kind === "const" ? `const ${name} = ${literal};` : `${name} = ${literal};`);
  }
  lines.push("void 0;");
  return `${lines.join("\n")}\n`;
}

/**
 * A copy of the notebook with every code cell's outputs and execution count cleared, and the
 * per-cell run metadata (timings, failure marks) removed — the state before "Run all".
 *
 * @example clearOutputs(executed).cells.every((c) => c.cell_type !== "code" || c.outputs?.length === 0) // → true
 */
export function clearOutputs(notebook: Notebook): Notebook {
  const cells = notebook.cells.map((cell): NotebookCell => {
    if (cell.cell_type !== "code") return cell;
    const metadata = Object.fromEntries(
      Object.entries(cell.metadata).filter(([k]) => k !== "execution" && k !== RUN_METADATA_KEY),
    );
    return { ...cell, metadata, outputs: [], execution_count: null };
  });
  return { ...notebook, cells };
}

/** Index of the first code cell tagged `parameters`, or -1. */
function parametersCellIndex(cells: readonly NotebookCell[]): number {
  return cells.findIndex((c) => c.cell_type === "code" && cellTags(c).includes(PARAMETERS_TAG));
}

/**
 * Prepares a notebook for a parameterised run: clears outputs ({@link clearOutputs}), drops a cell
 * tagged `injected-parameters` left by an earlier run, and — when `parameters` is not empty —
 * inserts a new one right after the cell tagged `parameters`. The parameters are also recorded in
 * the notebook metadata under `mission.parameters`. The input is not modified.
 *
 * @throws NotebookParameterError when parameters are given but no code cell is tagged `parameters`,
 *   or a parameter is not declared there.
 * @example injectParameters(nb, { region: "US" }).cells[pIndex + 1].source
 *   // → ["// Parameters injected by `mission notebook`.\n", "region = \"US\";\n", "void 0;\n"]
 */
export function injectParameters(notebook: Notebook, parameters: NotebookParameters): Notebook {
  const cleared = clearOutputs(notebook);
  const cells = cleared.cells.filter((c) => !cellTags(c).includes(INJECTED_PARAMETERS_TAG));
  const previous = notebook.metadata[RUN_METADATA_KEY];
  const runMetadata = {
    ...(typeof previous === "object" && previous !== null && !Array.isArray(previous) ? previous : {}),
    parameters: { ...parameters },
  };
  const metadata = { ...cleared.metadata, [RUN_METADATA_KEY]: runMetadata };
  if (Object.keys(parameters).length === 0) return { ...cleared, metadata, cells };

  const at = parametersCellIndex(cells);
  const parametersCell = cells[at];
  if (!parametersCell) {
    throw new NotebookParameterError(
      `parameters given but no code cell is tagged "${PARAMETERS_TAG}" (add the tag in the cell's metadata)`,
    );
  }
  const source = buildInjectedSource(parameters, findParameterDeclarations(cellSource(parametersCell)));
  const injected: NotebookCell = {
    cell_type: "code",
    ...(notebook.nbformat_minor >= 5 || cells.some((c) => typeof c.id === "string")
      ? { id: INJECTED_PARAMETERS_TAG }
      : {}),
    metadata: { tags: [INJECTED_PARAMETERS_TAG] },
    execution_count: null,
    outputs: [],
    source: sourceLines(source),
  };
  return { ...cleared, metadata, cells: [...cells.slice(0, at + 1), injected, ...cells.slice(at + 1)] };
}
