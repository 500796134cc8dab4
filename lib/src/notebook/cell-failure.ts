/**
 * Which cell of an executed notebook failed, and why.
 *
 * tslab reports a failing cell only through the execute reply's status and its stderr stream (the
 * TypeScript diagnostics, or the thrown error's stack); it sends no `error` output. The runner
 * therefore records the outcome in the notebook metadata ({@link recordExecutionOutcome}), and
 * {@link findFailingCell} reads that mark first, then falls back to standard `error` outputs.
 */
import { outputText, type Notebook, type NotebookCell } from "./ipynb";
import { RUN_METADATA_KEY } from "./inject-parameters";

/** Why execution stopped at a cell. */
export type CellFailureReason = "error" | "timeout" | "dead-kernel";

/** The result of executing a notebook, as reported by the execution driver. */
export type ExecutionOutcome =
  | { readonly status: "ok" }
  | {
      readonly status: "failed";
      /** 0-based index of the cell in the executed notebook. */
      readonly cellIndex: number;
      readonly reason: CellFailureReason;
      /** Driver's message (for timeouts and dead kernels). */
      readonly message?: string;
    };

/** A failed cell, described for a person. */
export interface CellFailure {
  /** 0-based index in the executed notebook's cells (markdown cells included). */
  readonly index: number;
  /** 1-based position of the cell in the executed notebook. */
  readonly number: number;
  /** The `In [n]` number Jupyter shows, when the kernel reported one. */
  readonly executionCount: number | null;
  readonly reason: CellFailureReason;
  /** Error name, e.g. "TypeError", "CompileError" (TypeScript diagnostics), "CellTimeoutError". */
  readonly name: string;
  readonly message: string;
  /** Stack frames (tslab), traceback (other kernels) or diagnostic lines; no ANSI colours, no
   * kernel-internal frames. */
  readonly traceback: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A copy of the notebook with the execution outcome recorded: `metadata.mission.status` ("ok" or
 * "failed") and, on failure, `metadata.mission = { status: "failed", reason, message? }` on the
 * failing cell. The input is not modified.
 *
 * @example recordExecutionOutcome(nb, { status: "failed", cellIndex: 2, reason: "error" }).cells[2].metadata.mission
 *   // → { status: "failed", reason: "error" }
 */
export function recordExecutionOutcome(notebook: Notebook, outcome: ExecutionOutcome): Notebook {
  const previous = notebook.metadata[RUN_METADATA_KEY];
  const metadata = {
    ...notebook.metadata,
    [RUN_METADATA_KEY]: { ...(isRecord(previous) ? previous : {}), status: outcome.status },
  };
  if (outcome.status === "ok") return { ...notebook, metadata };
  const mark = {
    status: "failed",
    reason: outcome.reason,
    ...(outcome.message === undefined ? {} : { message: outcome.message }),
  };
  const cells = notebook.cells.map((cell, i) =>
    i === outcome.cellIndex ? { ...cell, metadata: { ...cell.metadata, [RUN_METADATA_KEY]: mark } } : cell,
  );
  return { ...notebook, metadata, cells };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const DIAGNOSTIC = /^(\d+):(\d+) - (.*)$/;
const FRAME = /^\s+at /;
const HEADER = /^(?:UncaughtException: )?([A-Za-z_$][A-Za-z0-9_$.]*): ?(.*)$/;
const INTERNAL_FRAME = /\(node:|\bnode:(?:vm|internal)|[\\/]tslab[\\/]dist[\\/]|sigintHandlersWrap/;

/**
 * Describes a failure from the stderr text tslab printed for a cell: TypeScript diagnostics
 * (`line:col - message`) become a "CompileError"; a stack trace becomes its error name and message
 * with the cell's own frames; anything else (a thrown non-Error) becomes an "Error" whose message
 * is the last line printed.
 *
 * @example describeErrorText("TypeError: late\n    at evalmachine.<anonymous>:3:7\n    at listOnTimeout (node:internal/timers:581:17)\n")
 *   // → { name: "TypeError", message: "late", traceback: ["    at evalmachine.<anonymous>:3:7"] }
 */
export function describeErrorText(text: string): Pick<CellFailure, "name" | "message" | "traceback"> {
  const lines = text.replace(ANSI, "").replace(/\r\n/g, "\n").split("\n");
  while (lines.length > 0 && (lines[lines.length - 1] ?? "").trim() === "") lines.pop();
  if (lines.length === 0) return { name: "Error", message: "", traceback: [] };

  const diagnostics = lines.filter((l) => DIAGNOSTIC.test(l));
  if (diagnostics.length > 0 && DIAGNOSTIC.test(lines[lines.length - 1] ?? "")) {
    const first = DIAGNOSTIC.exec(diagnostics[0] ?? "");
    const message = first ? `line ${first[1]}, column ${first[2]}: ${first[3]}` : (diagnostics[0] ?? "");
    return { name: "CompileError", message, traceback: diagnostics };
  }

  // The last block of "    at …" frames, and the header line that precedes it.
  let end = lines.length - 1;
  while (end >= 0 && !FRAME.test(lines[end] ?? "")) end--;
  if (end >= 0) {
    let start = end;
    while (start > 0 && FRAME.test(lines[start - 1] ?? "")) start--;
    for (let h = start - 1; h >= 0; h--) {
      const m = HEADER.exec(lines[h] ?? "");
      if (!m) continue;
      const message = [m[2] ?? "", ...lines.slice(h + 1, start)].join("\n");
      const frames = lines.slice(start, end + 1).filter((l) => !INTERNAL_FRAME.test(l));
      return { name: m[1] ?? "Error", message, traceback: frames };
    }
  }
  return { name: "Error", message: (lines[lines.length - 1] ?? "").trim(), traceback: lines };
}

function failureFrom(
  cell: NotebookCell,
  index: number,
  reason: CellFailureReason,
  note?: string,
): CellFailure {
  const base = {
    index,
    number: index + 1,
    executionCount: typeof cell.execution_count === "number" ? cell.execution_count : null,
    reason,
  };
  const outputs = cell.outputs ?? [];
  const error = outputs.find((o) => o.output_type === "error");
  if (error) {
    const traceback = (error.traceback ?? []).flatMap((t) => t.replace(ANSI, "").split("\n"));
    return { ...base, name: error.ename ?? "Error", message: error.evalue ?? "", traceback };
  }
  const stderr = outputs
    .filter((o) => o.output_type === "stream" && o.name === "stderr")
    .map((o) => outputText(o.text))
    .join("");
  if (reason === "timeout") return { ...base, name: "CellTimeoutError", message: note ?? "", traceback: [] };
  if (reason === "dead-kernel") {
    return { ...base, name: "DeadKernelError", message: note ?? "the kernel died", traceback: [] };
  }
  if (stderr.trim() === "") {
    return {
      ...base,
      name: "Error",
      message: note ?? "the cell failed without an error message",
      traceback: [],
    };
  }
  return { ...base, ...describeErrorText(stderr) };
}

/**
 * The cell where execution failed: the cell marked by {@link recordExecutionOutcome}, else the
 * first cell with an `error` output; `undefined` when the notebook ran through.
 *
 * @example findFailingCell(recordExecutionOutcome(nb, { status: "failed", cellIndex: 3, reason: "error" }))?.number // → 4
 */
export function findFailingCell(notebook: Notebook): CellFailure | undefined {
  for (const [i, cell] of notebook.cells.entries()) {
    const mark = cell.metadata[RUN_METADATA_KEY];
    if (isRecord(mark) && mark.status === "failed") {
      const reason: CellFailureReason =
        mark.reason === "timeout" || mark.reason === "dead-kernel" ? mark.reason : "error";
      return failureFrom(cell, i, reason, typeof mark.message === "string" ? mark.message : undefined);
    }
  }
  const i = notebook.cells.findIndex((c) => (c.outputs ?? []).some((o) => o.output_type === "error"));
  const cell = notebook.cells[i];
  return cell ? failureFrom(cell, i, "error") : undefined;
}

/**
 * A short human-readable report of a failure: the cell, the error and up to `maxLines` traceback
 * lines.
 *
 * @example formatCellFailure({ index: 2, number: 3, executionCount: 2, reason: "error", name: "Error", message: "boom", traceback: [] })
 *   // → "cell 3 (In [2]) failed: Error: boom"
 */
export function formatCellFailure(failure: CellFailure, maxLines = 8): string {
  const where = `cell ${failure.number}${failure.executionCount === null ? "" : ` (In [${failure.executionCount}])`}`;
  const head = `${where} failed: ${failure.name}${failure.message ? `: ${failure.message}` : ""}`;
  const shown = failure.traceback.slice(0, maxLines).map((l) => `    ${l}`);
  const more =
    failure.traceback.length > maxLines ? [`    … ${failure.traceback.length - maxLines} more lines`] : [];
  return [head, ...shown, ...more].join("\n");
}
