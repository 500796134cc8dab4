/**
 * The Jupyter notebook file format (nbformat 4) as far as the project needs it: reading, writing,
 * and reading cell sources and tags. Unknown fields are kept untouched, so a notebook read and
 * written again loses nothing.
 */

/** One output of a code cell (stream, display_data, execute_result or error). */
export interface NotebookOutput {
  readonly output_type: string;
  /** Stream outputs: "stdout" or "stderr". */
  readonly name?: string;
  /** Stream outputs: the text, whole or as lines. */
  readonly text?: string | readonly string[];
  /** Rich outputs: MIME type → data. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Error outputs: exception name, message and traceback lines (may hold ANSI colour codes). */
  readonly ename?: string;
  readonly evalue?: string;
  readonly traceback?: readonly string[];
  readonly [field: string]: unknown;
}

/** One cell. `source` is a string or a list of lines (each ending with "\n" except the last). */
export interface NotebookCell {
  readonly cell_type: string;
  readonly source: string | readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly id?: string;
  readonly outputs?: readonly NotebookOutput[];
  readonly execution_count?: number | null;
  readonly [field: string]: unknown;
}

/** A whole notebook (nbformat 4). */
export interface Notebook {
  readonly nbformat: number;
  readonly nbformat_minor: number;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly cells: readonly NotebookCell[];
  readonly [field: string]: unknown;
}

/** Thrown when a text is not a notebook this project can read. */
export class NotebookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotebookFormatError";
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Parses the text of an `.ipynb` file. Checks only what the project relies on: nbformat 4, a
 * `cells` array whose cells have a type, a source (string or list of strings) and metadata
 * (missing metadata becomes `{}`).
 *
 * @throws NotebookFormatError when the text is not JSON or not an nbformat-4 notebook.
 * @example parseNotebook('{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[]}').cells.length // → 0
 */
export function parseNotebook(text: string): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isRecord(raw)) throw new NotebookFormatError("not a notebook: the top level is not an object");
  if (raw.nbformat !== 4) {
    throw new NotebookFormatError(`unsupported nbformat ${JSON.stringify(raw.nbformat)} (expected 4)`);
  }
  if (!Array.isArray(raw.cells)) throw new NotebookFormatError("not a notebook: no cells array");
  const cells = raw.cells.map((cell: unknown, i: number): NotebookCell => {
    if (!isRecord(cell) || typeof cell.cell_type !== "string") {
      throw new NotebookFormatError(`cell ${i + 1}: no cell_type`);
    }
    const source = cell.source;
    const okSource =
      typeof source === "string" || (Array.isArray(source) && source.every((s) => typeof s === "string"));
    if (!okSource) throw new NotebookFormatError(`cell ${i + 1}: source is not a string or list of strings`);
    const metadata = isRecord(cell.metadata) ? cell.metadata : {};
    return { ...cell, cell_type: cell.cell_type, source: source as string | string[], metadata };
  });
  return {
    ...raw,
    nbformat: 4,
    nbformat_minor: typeof raw.nbformat_minor === "number" ? raw.nbformat_minor : 0,
    metadata: isRecord(raw.metadata) ? raw.metadata : {},
    cells,
  };
}

/**
 * Serialises a notebook the way Jupyter writes it: JSON indented by one space, keys in insertion
 * order, a final newline.
 *
 * @example serializeNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }).endsWith("}\n") // → true
 */
export function serializeNotebook(notebook: Notebook): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/**
 * The source of a cell as one string, whatever its stored shape.
 *
 * @example cellSource({ cell_type: "code", source: ["let a = 1;\n", "a"], metadata: {} }) // → "let a = 1;\na"
 */
export function cellSource(cell: NotebookCell): string {
  return typeof cell.source === "string" ? cell.source : cell.source.join("");
}

/**
 * Splits a source string into Jupyter's list-of-lines form (every line but the last keeps "\n").
 *
 * @example sourceLines("a\nb") // → ["a\n", "b"]
 */
export function sourceLines(source: string): string[] {
  if (source === "") return [];
  const lines = source.split("\n").map((line) => `${line}\n`);
  const last = lines.length - 1;
  lines[last] = (lines[last] ?? "").slice(0, -1);
  if (lines[last] === "") lines.pop();
  return lines;
}

/**
 * The tags of a cell (`metadata.tags`), ignoring anything that is not a string.
 *
 * @example cellTags({ cell_type: "code", source: "", metadata: { tags: ["parameters"] } }) // → ["parameters"]
 */
export function cellTags(cell: NotebookCell): string[] {
  const tags = cell.metadata.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}

/**
 * The text of an output that may be stored as a string or a list of strings (stream text, MIME data).
 *
 * @example outputText(["a\n", "b"]) // → "a\nb"
 */
export function outputText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((s) => typeof s === "string").join("");
  return "";
}
