/**
 * The Python program that executes a notebook headless, and the parsing of its report.
 *
 * It drives nbclient — the engine behind `jupyter nbconvert --to notebook --execute` — directly,
 * because nbconvert cannot both stop at the first failing cell and write the partly executed
 * notebook: without `--allow-errors` it writes nothing, with it every later cell still runs. And
 * tslab reports a failure only through the execute reply's status (no `error` output), which
 * nbclient's `on_cell_error` hook exposes. The driver also copies the reply's execution count into
 * the cell (tslab sends no `execute_input`), so the executed notebook shows `In [n]` as Jupyter does.
 *
 * Usage: `python3 -c SOURCE <in.ipynb> <out.ipynb> <kernel> <timeout-seconds> <working-dir>`.
 * Prints one JSON line: `{"status":"ok"}`, `{"status":"failed","cellIndex":…,"reason":…}` or
 * `{"status":"setup-error","message":…}` (nothing executed; exit code 3).
 */
import type { ExecutionOutcome } from "./cell-failure";

/** Python source of the execution driver (see the module comment). */
export const EXECUTION_DRIVER_SOURCE = String.raw`
import json, sys

def report(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()

def main():
    src, dst, kernel, timeout, cwd = sys.argv[1:6]
    try:
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    except ImportError as e:
        report({"status": "setup-error", "message": "missing Python module %s (install Jupyter: jupyter-nbconvert, jupyter-client)" % e.name})
        return 3
    nb = nbformat.read(src, as_version=4)
    state = {"current": None, "failed": None}

    def on_cell_execute(cell, cell_index):
        state["current"] = cell_index

    def on_cell_executed(cell, cell_index, execute_reply):
        count = ((execute_reply or {}).get("content") or {}).get("execution_count")
        if cell.get("execution_count") is None and isinstance(count, int):
            cell["execution_count"] = count

    def on_cell_error(cell, cell_index, execute_reply):
        if state["failed"] is None:
            state["failed"] = cell_index

    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=int(timeout),
        startup_timeout=120,
        resources={"metadata": {"path": cwd}},
        on_cell_execute=on_cell_execute,
        on_cell_executed=on_cell_executed,
        on_cell_error=on_cell_error,
    )
    outcome = {"status": "ok"}
    try:
        client.execute()
    except CellTimeoutError as e:
        outcome = {"status": "failed", "cellIndex": state["current"], "reason": "timeout",
                   "message": "the cell did not finish within %s s" % timeout}
    except DeadKernelError as e:
        outcome = {"status": "failed", "cellIndex": state["current"], "reason": "dead-kernel",
                   "message": "the kernel died (process.exit, a crash or out of memory)"}
    except CellExecutionError as e:
        index = state["failed"] if state["failed"] is not None else state["current"]
        outcome = {"status": "failed", "cellIndex": index, "reason": "error"}
    except Exception as e:
        if state["current"] is None:
            report({"status": "setup-error", "message": "%s: %s" % (type(e).__name__, e)})
            return 3
        outcome = {"status": "failed", "cellIndex": state["current"], "reason": "error",
                   "message": "%s: %s" % (type(e).__name__, e)}
    nbformat.write(nb, dst)
    report(outcome)
    return 0

sys.exit(main())
`;

/** What the driver reported: an execution outcome, or a problem before any cell ran. */
export type DriverReport = ExecutionOutcome | { readonly status: "setup-error"; readonly message: string };

/**
 * Parses the driver's report: the last line of its stdout that is a JSON object with a `status`.
 *
 * @throws Error when no such line exists (the driver crashed; its stderr tells why).
 * @example parseDriverReport('noise\n{"status":"failed","cellIndex":2,"reason":"error"}\n')
 *   // → { status: "failed", cellIndex: 2, reason: "error" }
 */
export function parseDriverReport(stdout: string): DriverReport {
  const lines = stdout.split("\n").map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? "";
    if (!line.startsWith("{")) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    const v = value as Record<string, unknown>;
    if (v.status === "ok") return { status: "ok" };
    if (v.status === "setup-error") return { status: "setup-error", message: String(v.message ?? "") };
    if (v.status === "failed" && typeof v.cellIndex === "number") {
      const reason = v.reason === "timeout" || v.reason === "dead-kernel" ? v.reason : "error";
      return {
        status: "failed",
        cellIndex: v.cellIndex,
        reason,
        ...(typeof v.message === "string" ? { message: v.message } : {}),
      };
    }
  }
  throw new Error("the notebook execution driver printed no report");
}
