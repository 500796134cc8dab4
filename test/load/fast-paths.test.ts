/**
 * Task executions are folded by fast paths (a CSV line read in place, a JSON object checked
 * without allocation) that hand anything unusual to the detailed validation. Every spelling the
 * format allows must fold to the same aggregates, whichever path takes it.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset, type RunTaskStat } from "../../lib/src/index";
import { baseTables, tableText, writeTables } from "../helpers/dataset-files";

/** Writes the base dataset with `task_executions` replaced by the given raw text. */
function withExecutions(name: string, text: string): string {
  const tables = baseTables();
  const { task_executions: _, ...rest } = tables;
  const dir = writeTables(rest, "csv");
  fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** The aggregates of run R1's task T1 (estimate 5 minutes). */
const r1t1 = (stats: readonly RunTaskStat[]) => stats.find((s) => s.runId === "R1" && s.taskId === "T1");

describe("fast paths fold every allowed spelling the same way", () => {
  // Four executions of R1/T1 (estimate 5): actual 6, 1.5, 1000 and 2 minutes; delays 1, 0, 0, 4;
  // approvals yes, no, no, yes; outcomes completed, failed, approved, escalated; agents A1, "a, \"b\"".
  // By hand: actual 1009.5, delay 5, approval delay 1 + 4 = 5, approvals 2,
  // overrun (6 − 5) + (1000 − 5) = 996 over 2 executions, unsuccessful 2 (failed, escalated).
  const expected = {
    runId: "R1",
    missionId: "M1",
    taskId: "T1",
    executions: 4,
    actualMinutes: 1009.5,
    humanDelayMinutes: 5,
    approvalDelayMinutes: 5,
    approvalRequiredCount: 2,
    overrunMinutes: 996,
    overrunCount: 2,
    unsuccessfulCount: 2,
    agents: ["A1", 'a, "b"'],
  };

  it("CSV: plain, padded, quoted, upper-case, exponent and CRLF spellings", async () => {
    const header =
      "run_id,task_id,agent_id,actual_minutes,approval_required,human_delay_minutes,outcome,mission_id";
    const text = [
      header,
      "R1,T1,A1,6,true,1,completed,M1", // the plain form: read in place
      ' R1 ,"T1"," a, ""b"" ",1.50, No ,0,failed,', // padded and quoted: detailed path
      "R1,T1,A1,1e3,FALSE,0.0,approved, M1 ", // exponent, upper case, padded mission
      '"R1",T1,"a, ""b""",+2,yes,4,escalated,M1',
    ].join("\r\n");
    const dataset = await loadDataset(withExecutions("task_executions.csv", `${text}\r\n`));
    expect(r1t1(dataset.runTaskStats.toArray())).toStrictEqual(expected);
  });

  it("NDJSON and JSON: typed values, padded texts, null optionals, another field order", async () => {
    const rows = [
      {
        run_id: "R1",
        task_id: "T1",
        agent_id: "A1",
        actual_minutes: 6,
        approval_required: true,
        human_delay_minutes: 1,
        outcome: "completed",
        mission_id: "M1",
      },
      {
        outcome: "failed",
        human_delay_minutes: 0,
        approval_required: false,
        actual_minutes: 1.5,
        agent_id: ' a, "b" ',
        task_id: "T1",
        run_id: "R1",
      },
      {
        run_id: " R1",
        task_id: "T1",
        agent_id: "A1",
        actual_minutes: 1000,
        approval_required: false,
        human_delay_minutes: 0,
        outcome: "approved",
        mission_id: null,
      },
      {
        run_id: "R1",
        task_id: "T1",
        agent_id: 'a, "b"',
        actual_minutes: 2,
        approval_required: true,
        human_delay_minutes: 4,
        outcome: "escalated",
        mission_id: " M1 ",
      },
    ];
    for (const format of ["ndjson", "json"] as const) {
      const dataset = await loadDataset(
        withExecutions(`task_executions.${format}`, tableText("task_executions", rows, format)),
      );
      expect(r1t1(dataset.runTaskStats.toArray())).toStrictEqual(expected);
    }
  });

  it("reports the same problems on either path", async () => {
    const text = [
      "run_id,task_id,agent_id,actual_minutes,approval_required,human_delay_minutes,outcome",
      "R1,T1,A1,6,true,1,completed",
      "R1,T1,A1,-6,true,1,completed", // negative
      "R9,T1,A1,6,true,1,completed", // unknown run
      "R1,T1,A1,6,maybe,1,completed", // not a boolean
    ].join("\n");
    const error = await loadDataset(withExecutions("task_executions.csv", `${text}\n`)).catch(
      (e: unknown) => e,
    );
    expect(
      (error as { issues: { line?: number; field?: string; code: string }[] }).issues.map((i) => [
        i.line,
        i.field,
        i.code,
      ]),
    ).toEqual([
      [3, "actual_minutes", "negative_number"],
      [4, "run_id", "unknown_reference"],
      [5, "approval_required", "bad_boolean"],
    ]);
  });
});
