/**
 * A simulated dataset is a valid one: written as canonical NDJSON tables and read back through the
 * project's loader (every record and reference validated), it loads without errors (warnings only for the runs simulated without a KPI value) and
 * evaluates to the same verdicts as the in-memory dataset.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CALIBRATION_SCENARIOS } from "../../lib/src/calibrate/scenarios";
import { simulateDataset } from "../../lib/src/calibrate/simulate-dataset";
import { evaluate } from "../../lib/src/evaluate/evaluate";
import {
  GENERATED_TABLES,
  toNdjsonLine,
  type GeneratedTable,
} from "../../lib/src/generate/canonical-records";
import { loadDataset } from "../../lib/src/load/load-dataset";
import type { Dataset } from "../../lib/src/model/dataset";
import { builtinRuleset } from "../../lib/src/rules/load-ruleset";
import { createRng } from "../../lib/src/stats/random";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function lines(dataset: Dataset): Record<GeneratedTable, string[]> {
  const byTask = new Map(dataset.tasks.map((t) => [`${t.missionId}/${t.taskId}`, t]));
  return {
    missions: dataset.missions.map((m) => toNdjsonLine("missions", m)),
    kpis: dataset.kpis.map((k) => toNdjsonLine("kpis", k)),
    tasks: dataset.tasks.map((t) => toNdjsonLine("tasks", t)),
    runs: dataset.runs.map((r) => toNdjsonLine("runs", r)),
    task_executions: [...dataset.runTaskStats].map((s) =>
      toNdjsonLine("task_executions", {
        runId: s.runId,
        missionId: s.missionId,
        taskId: s.taskId,
        agentId: s.agents[0] ?? "agent-1",
        actualMinutes: s.actualMinutes,
        approvalRequired: byTask.get(`${s.missionId}/${s.taskId}`)?.requiresApproval ?? false,
        humanDelayMinutes: s.humanDelayMinutes,
        outcome: "completed",
      }),
    ),
    risk_events: dataset.riskEvents.map((e) => toNdjsonLine("risk_events", e)),
  };
}

describe("simulated datasets pass the loader's validation", () => {
  it.each(["d-portfolio-5", "f1-bunched-eta", "g3-touch-negbin"])("%s", async (id) => {
    const s = CALIBRATION_SCENARIOS.find((x) => x.id === id)!;
    const simulated = simulateDataset(
      Array.from({ length: Math.max(3, s.portfolioSize) }, () => s.model),
      createRng(`roundtrip/${id}`),
    );
    const dir = await mkdtemp(join(tmpdir(), "calibration-roundtrip-"));
    dirs.push(dir);
    const tables = lines(simulated);
    for (const table of GENERATED_TABLES) {
      await writeFile(
        join(dir, `${table}.ndjson`),
        tables[table].map((l) => (l.endsWith("\n") ? l : `${l}\n`)).join(""),
      );
    }
    const loaded = await loadDataset(dir);
    // The only warnings: one primary_kpi_missing per run simulated without a KPI value.
    expect(loaded.warnings.every((w) => w.code === "primary_kpi_missing")).toBe(true);
    expect(loaded.warnings.length).toBe(
      simulated.runs.filter((r) => Object.keys(r.kpis).length === 0).length,
    );
    expect(loaded.runs.length).toBe(simulated.runs.length);
    expect(loaded.taskExecutionCount).toBe(simulated.taskExecutionCount);
    const rules = builtinRuleset("default");
    const a = evaluate(simulated, rules).portfolio;
    const b = evaluate(loaded, rules).portfolio;
    expect(b.verdict).toBe(a.verdict);
    expect(b.missions.map((m) => m.health)).toEqual(a.missions.map((m) => m.health));
    b.missions.forEach((m, i) =>
      expect(m.metrics.healthScore).toBeCloseTo(a.missions[i]!.metrics.healthScore, 6),
    );
  });
});
