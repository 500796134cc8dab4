/**
 * Memory is bounded by runs, not by task executions: folding a large generated task-execution file
 * must not keep its rows. The heap is measured after full garbage collections (exposed in-process
 * with `--expose-gc`) between the chunks the reader reads, and compared with the least that holding
 * the rows would take.
 */
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import {
  createRng,
  createTaskExecutionContext,
  foldTaskExecutionFile,
  type TableFile,
} from "../../lib/src/index";
import { tempDir } from "../helpers/dataset-files";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const RUNS = 200;
const TASKS = 4;
const OUTCOMES = ["completed", "approved", "rejected", "escalated", "failed", "skipped"];

/**
 * The least heap that holding `rows` parsed rows would take: one object per row with its 8 fields
 * (3 header words + 8 field words, 8 bytes each on 64-bit V8 without pointer compression), not
 * counting any of the row's strings or numbers.
 */
const holdingBytes = (rows: number): number => rows * (3 + 8) * 8;

const runs = Array.from({ length: RUNS }, (_, i) => ({ runId: `R${i}`, missionId: i % 2 ? "M2" : "M1" }));
const tasks = ["M1", "M2"].flatMap((missionId) =>
  Array.from({ length: TASKS }, (_, t) => ({ missionId, taskId: `T${t}`, estimatedMinutes: 10 })),
);

/** Streams `rows` seeded rows (CSV or NDJSON) to a file in a fresh temp folder. */
async function writeExecutions(format: "csv" | "ndjson", rows: number): Promise<TableFile> {
  const file = path.join(tempDir("mission-memory-"), `task_executions.${format}`);
  const out = fs.createWriteStream(file);
  const rng = createRng(`memory-${format}`);
  const write = (text: string): Promise<void> =>
    new Promise((resolve) => (out.write(text) ? resolve() : out.once("drain", resolve)));
  if (format === "csv")
    await write("run_id,task_id,agent_id,actual_minutes,approval_required,human_delay_minutes,outcome\n");
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    const run = runs[rng.int(0, RUNS - 1)]!;
    const task = `T${rng.int(0, TASKS - 1)}`;
    const agent = `agent-${rng.int(1, 5)}`;
    const actual = Math.round(rng.next() * 300) / 10;
    const approval = rng.next() < 0.3;
    const delay = approval ? rng.int(0, 20) : 0;
    const outcome = OUTCOMES[rng.int(0, OUTCOMES.length - 1)]!;
    batch.push(
      format === "csv"
        ? `${run.runId},${task},${agent},${actual},${approval},${delay},${outcome}\n`
        : `${JSON.stringify({ run_id: run.runId, task_id: task, agent_id: agent, actual_minutes: actual, approval_required: approval, human_delay_minutes: delay, outcome })}\n`,
    );
    if (batch.length === 10_000) {
      await write(batch.join(""));
      batch = [];
    }
  }
  await write(batch.join(""));
  await new Promise((resolve) => out.end(resolve));
  return { table: "task_executions", path: file, format };
}

/** Folds `file`, sampling the heap after full collections while it streams. */
async function measureFold(file: TableFile) {
  const context = createTaskExecutionContext(runs, tasks);
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let samples = 0;
  const sampler = setInterval(() => {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    samples++;
  }, 1);
  const folded = await foldTaskExecutionFile(file, context);
  clearInterval(sampler);
  gc();
  const retained = process.memoryUsage().heapUsed - base;
  return { folded, peak, samples, retained };
}

describe("memory of the task-execution fold", () => {
  it.each([
    ["csv", 1_000_000],
    ["ndjson", 600_000],
  ] as const)(
    "folds %s rows without keeping them (%i rows)",
    async (format, rows) => {
      const file = await writeExecutions(format, rows);
      const { folded, peak, samples, retained } = await measureFold(file);
      // Every row is valid and folded into at most RUNS × TASKS aggregates.
      expect(folded.count).toBe(rows);
      expect(folded.stats.length).toBeLessThanOrEqual(RUNS * TASKS);
      expect(folded.stats.reduce((n, s) => n + s.executions, 0)).toBe(rows);
      // The heap was sampled while the file streamed (the reader yields between its 4 MiB chunks).
      expect(samples).toBeGreaterThanOrEqual(3);
      // Holding the rows would take at least holdingBytes(rows) (88 MB for 1M rows); the fold's
      // heap, at any sample, is a few read buffers — far below that.
      expect(peak).toBeLessThan(holdingBytes(rows) / 4);
      // Afterwards only the aggregates remain.
      expect(retained).toBeLessThan(holdingBytes(rows) / 40);
    },
    30_000,
  );
});
