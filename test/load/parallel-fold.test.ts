/**
 * The task-execution fold on two threads must give exactly what one thread gives — the same
 * aggregates, counts, file records and problems — and must give up, silently and correctly, when
 * the file does not allow it (rows of a run in both parts, a row the fast path does not take).
 * These tests need the compiled worker (`lib/dist`, built by setup before the tests run).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DatasetLoadError,
  FOLD_WORKER_SCRIPT,
  findFoldSplit,
  loadDataset,
  packRuns,
  planPortfolio,
  writePortfolioTables,
  type Dataset,
  type FoldReport,
} from "../../lib/src/index";
import { tempDir } from "../helpers/dataset-files";

const portfolio = () => planPortfolio({ missions: 12, runs: { min: 40, max: 40 }, tasks: 5, seed: 7 });

async function written(format: "csv" | "ndjson"): Promise<string> {
  const dir = path.join(tempDir(), "history");
  await writePortfolioTables(portfolio(), dir, { format });
  return dir;
}

/** Loads `dir` on one thread and on two (any file size), with the fold reports. */
async function bothWays(dir: string): Promise<{ one: Dataset; two: Dataset; report: FoldReport }> {
  let report: FoldReport = { threads: 1, reason: "not told" };
  const one = await loadDataset(dir, { threads: 1 });
  const two = await loadDataset(dir, { threads: 2, parallelMinBytes: 0, onFold: (r) => (report = r) });
  return { one, two, report };
}

function expectSame(one: Dataset, two: Dataset): void {
  expect(two.runTaskStats.toArray()).toEqual(one.runTaskStats.toArray());
  expect([...two.runTaskStats.columns.runOffsets]).toEqual([...one.runTaskStats.columns.runOffsets]);
  expect(two.taskExecutionCount).toBe(one.taskExecutionCount);
  expect(two.source).toEqual(one.source);
  expect(two.runs).toEqual(one.runs);
  expect(two.warnings).toEqual(one.warnings);
}

/** Rewrites the task-execution file of `dir` with `change` applied to its lines. */
function editLines(dir: string, file: string, change: (lines: string[]) => void): void {
  const at = path.join(dir, file);
  const lines = fs.readFileSync(at, "utf8").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  change(lines);
  fs.writeFileSync(at, `${lines.join("\n")}\n`);
}

describe.skipIf(!FOLD_WORKER_SCRIPT)("the task-execution fold on two threads", () => {
  for (const format of ["csv", "ndjson"] as const) {
    it(`gives exactly the one-thread result (${format})`, async () => {
      const { one, two, report } = await bothWays(await written(format));
      expect(report).toEqual({ threads: 2 });
      expect(one.taskExecutionCount).toBeGreaterThan(2000);
      expectSame(one, two);
    });
  }

  it("gives exactly the one-thread result with CRLF line ends", async () => {
    const dir = await written("csv");
    const file = path.join(dir, "task_executions.csv");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/\n/g, "\r\n"));
    const { one, two, report } = await bothWays(dir);
    expect(report).toEqual({ threads: 2 });
    expectSame(one, two);
  });

  it("cuts at a line start where the run changes, near the middle", async () => {
    const dir = await written("csv");
    const file = path.join(dir, "task_executions.csv");
    const split = await findFoldSplit({ table: "task_executions", path: file, format: "csv" }, 0);
    if (typeof split === "string") throw new Error(split);
    const bytes = fs.readFileSync(file);
    expect(bytes[split.boundary - 1]).toBe(10); // "\n" before the cut
    expect(split.boundary).toBeGreaterThanOrEqual(Math.floor(bytes.length / 2));
    const before = bytes
      .subarray(0, split.boundary - 1)
      .toString("utf8")
      .split("\n")
      .pop()!;
    const after = bytes.subarray(split.boundary).toString("utf8").split("\n")[0]!;
    expect(after.split(",")[0]).toBe(split.firstRunId);
    expect(before.split(",")[0]).not.toBe(split.firstRunId);
    expect(
      await findFoldSplit({ table: "task_executions", path: file, format: "csv" }, bytes.length + 1),
    ).toMatch(/under/);
  });

  it("gives up, with the one-thread result, when a run has rows in both parts", async () => {
    const dir = await written("csv");
    editLines(dir, "task_executions.csv", (lines) => lines.push(lines.splice(1, 1)[0]!)); // first row last
    const { one, two, report } = await bothWays(dir);
    expect(report.threads).toBe(1);
    expect(report.reason).toMatch(/both parts/);
    expectSame(one, two);
  });

  it("gives up, with the one-thread result, at a quoted row in the second part", async () => {
    const dir = await written("csv");
    editLines(dir, "task_executions.csv", (lines) => {
      const last = lines.length - 1;
      lines[last] = lines[last]!.replace(/,([a-z]+)(,|$)/, ',"$1"$2'); // a quoted outcome
    });
    const { one, two, report } = await bothWays(dir);
    expect(report).toEqual({ threads: 1, reason: expect.stringMatching(/second part/) as unknown });
    expectSame(one, two);
  });

  it("reports a bad row of the second part exactly as one thread does", async () => {
    const dir = await written("ndjson");
    editLines(dir, "task_executions.ndjson", (lines) => {
      const row = JSON.parse(lines[lines.length - 2]!) as Record<string, unknown>;
      lines[lines.length - 2] = JSON.stringify({ ...row, task_id: "T99" });
    });
    const fail = async (threads: number): Promise<DatasetLoadError> => {
      try {
        await loadDataset(dir, { threads, parallelMinBytes: 0 });
      } catch (e) {
        if (e instanceof DatasetLoadError) return e;
        throw e;
      }
      throw new Error("the load did not fail");
    };
    const [one, two] = [await fail(1), await fail(2)];
    expect(one.issues.some((i) => i.field === "task_id")).toBe(true);
    expect(two.issues).toEqual(one.issues);
  });
});

describe("packRuns", () => {
  it("packs run ids end to end and missions by index (the doc example)", () => {
    const packed = packRuns(["R1", "R22"], ["M1", "M1"]);
    expect({ ...packed, runIdEnds: [...packed.runIdEnds], missionOfRun: [...packed.missionOfRun] }).toEqual({
      runIdText: "R1R22",
      runIdEnds: [2, 5],
      missionOfRun: [0, 0],
      missions: ["M1"],
    });
  });
});
