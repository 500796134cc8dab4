import { describe, expect, it } from "vitest";
import {
  describeErrorText,
  findFailingCell,
  formatCellFailure,
  recordExecutionOutcome,
  type Notebook,
  type NotebookOutput,
} from "../../lib/src/index";

// stderr exactly as tslab 1.0.22 printed it for failing cells (see the fixtures' executions).
const SYNC_THROW = [
  "evalmachine.<anonymous>:3\n",
  'throw new Error("boom");\n',
  "^\n",
  "\n",
  "Error: boom\n",
  "    at evalmachine.<anonymous>:3:7\n",
  "    at evalmachine.<anonymous>:5:3\n",
  "    at sigintHandlersWrap (node:vm:280:12)\n",
  "    at Script.runInThisContext (node:vm:135:14)\n",
  "    at Object.execute (/srv/project/node_modules/tslab/dist/executor.js:160:38)\n",
  "    at async ZmqServer.handleExecute (/srv/project/node_modules/tslab/dist/jupyter.js:406:25)\n",
];
const COMPILE = [
  "1:5 - Type 'string' is not assignable to type 'number'.\n",
  "1:22 - Cannot find name 'undefinedFn'. Did you mean 'undefined'?\n",
];

const stream = (name: string, text: string | string[]): NotebookOutput => ({
  output_type: "stream",
  name,
  text,
});

const executed = (outputs: NotebookOutput[][]): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: "markdown", metadata: {}, source: "# t" },
    ...outputs.map((o, i) => ({
      cell_type: "code",
      metadata: {},
      source: "",
      outputs: o,
      execution_count: i + 1,
    })),
  ],
});

describe("describeErrorText", () => {
  it("reads an async error, dropping node-internal frames (doc example)", () => {
    expect(
      describeErrorText(
        "TypeError: late\n    at evalmachine.<anonymous>:3:7\n    at listOnTimeout (node:internal/timers:581:17)\n",
      ),
    ).toEqual({ name: "TypeError", message: "late", traceback: ["    at evalmachine.<anonymous>:3:7"] });
  });

  it("reads a synchronous throw after tslab's source excerpt, without tslab frames", () => {
    expect(describeErrorText(SYNC_THROW.join(""))).toEqual({
      name: "Error",
      message: "boom",
      traceback: ["    at evalmachine.<anonymous>:3:7", "    at evalmachine.<anonymous>:5:3"],
    });
  });

  it("reads custom error names and multi-line messages", () => {
    const text = "MyErr: first line\nsecond line\n    at evalmachine.<anonymous>:9:7\n";
    expect(describeErrorText(text)).toMatchObject({ name: "MyErr", message: "first line\nsecond line" });
  });

  it("turns TypeScript diagnostics into a CompileError", () => {
    expect(describeErrorText(COMPILE.join(""))).toEqual({
      name: "CompileError",
      message: "line 1, column 5: Type 'string' is not assignable to type 'number'.",
      traceback: COMPILE.map((l) => l.trimEnd()),
    });
  });

  it("reports a thrown non-Error by its printed text, and strips ANSI colours", () => {
    expect(describeErrorText("\u001b[31ma string\u001b[0m\n")).toEqual({
      name: "Error",
      message: "a string",
      traceback: ["a string"],
    });
  });
});

describe("recordExecutionOutcome and findFailingCell", () => {
  it("finds the marked cell, numbered from 1 (doc examples)", () => {
    const nb = executed([[], [], [stream("stdout", "ok\n"), stream("stderr", SYNC_THROW)]]);
    const marked = recordExecutionOutcome(nb, { status: "failed", cellIndex: 3, reason: "error" });
    expect(marked.cells[3]?.metadata.mission).toEqual({ status: "failed", reason: "error" });
    expect(marked.metadata.mission).toEqual({ status: "failed" });
    expect(nb.cells[3]?.metadata).toEqual({});
    const failure = findFailingCell(marked);
    expect(failure?.number).toBe(4);
    expect(failure).toMatchObject({
      index: 3,
      executionCount: 3,
      reason: "error",
      name: "Error",
      message: "boom",
    });
  });

  it("returns undefined when the run succeeded", () => {
    const ok = recordExecutionOutcome(executed([[stream("stderr", "just a warning\n")]]), { status: "ok" });
    expect(ok.metadata.mission).toEqual({ status: "ok" });
    expect(findFailingCell(ok)).toBeUndefined();
  });

  it("falls back to the first standard error output", () => {
    const nb = executed([
      [],
      [
        {
          output_type: "error",
          ename: "ValueError",
          evalue: "bad",
          traceback: ["\u001b[31mValueError\u001b[0m: bad"],
        },
      ],
    ]);
    expect(findFailingCell(nb)).toMatchObject({
      number: 3,
      name: "ValueError",
      message: "bad",
      traceback: ["ValueError: bad"],
    });
  });

  it("describes timeouts and dead kernels from the driver's message", () => {
    const nb = executed([[stream("stdout", "working\n")]]);
    const timeout = recordExecutionOutcome(nb, {
      status: "failed",
      cellIndex: 1,
      reason: "timeout",
      message: "too slow",
    });
    expect(findFailingCell(timeout)).toMatchObject({
      name: "CellTimeoutError",
      message: "too slow",
      reason: "timeout",
    });
    const dead = recordExecutionOutcome(nb, { status: "failed", cellIndex: 1, reason: "dead-kernel" });
    expect(findFailingCell(dead)).toMatchObject({ name: "DeadKernelError", reason: "dead-kernel" });
  });
});

describe("formatCellFailure", () => {
  it("names the cell and In [n] (doc example)", () => {
    expect(
      formatCellFailure({
        index: 2,
        number: 3,
        executionCount: 2,
        reason: "error",
        name: "Error",
        message: "boom",
        traceback: [],
      }),
    ).toBe("cell 3 (In [2]) failed: Error: boom");
  });

  it("limits the traceback", () => {
    const text = formatCellFailure(
      {
        index: 0,
        number: 1,
        executionCount: null,
        reason: "error",
        name: "E",
        message: "",
        traceback: ["a", "b", "c"],
      },
      2,
    );
    expect(text).toBe("cell 1 failed: E\n    a\n    b\n    … 1 more lines");
  });
});
