import { describe, expect, it } from "vitest";
import {
  backtest,
  backtestToJson,
  datasetFromInline,
  formatBacktest,
  readLabels,
  timelineCells,
  validationReportHtml,
  type InlineMission,
} from "../../lib/src/index";
import { defaultRules } from "./helpers";

// Two missions of 12 daily runs from 2026-01-05: U improves steadily; D is flat for 6 runs, then
// worsens sharply.
const improving: InlineMission = {
  id: "U",
  name: "Up",
  owner: "Ops",
  aiRole: "recommend",
  escalationPath: "Lead",
  kpi: { name: "days", direction: "lower_is_better", baseline: 20, target: 8 },
  values: [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9],
};
const deteriorating: InlineMission = {
  id: "D",
  name: "Down <b>",
  kpi: { name: "days", direction: "lower_is_better", baseline: 10, target: 8 },
  values: [9, 9.1, 8.9, 9, 9.1, 8.9, 10, 11, 12, 13, 14, 15],
};
const ds = datasetFromInline([improving, deteriorating]);

const labelText = [
  "mission_id,as_of,expected_status,expected_trigger,note,labeler",
  "U,U-R04,WATCH,,too few runs,t",
  "U,2026-01-16,ON_TRACK,,steady,t",
  'D,D-R06,ON_TRACK,,"flat near target, <fine>",t',
  "D,D-R09,WATCH,MISSION_TREND_WORSENING,turning,t",
  "D,2026-01-16,ATTENTION_REQUIRED,MISSION_TREND_WORSENING,clearly worse,t",
].join("\n");
const labels = readLabels(labelText, "labels.csv", ds);
const report = backtest(ds, labels, defaultRules);

describe("backtest", () => {
  it("compares the evaluator with every label at its as-of point", () => {
    // Statuses under default (worked out from the rules; also pinned by the rule tests):
    // U as of R04: 4 runs → insufficient data → WATCH (agrees); U at the end: ON_TRACK (agrees).
    // D as of R06: flat at 9 (Sen slope 0) while the target 8 is 12.5 % away (> 10) →
    // KPI_PLATEAU and TARGET_GAP_PERSISTING lower the trend subscore: WATCH, not ON_TRACK.
    // D as of R09: 10, 11, 12 after the flat start — no significant trend yet (p ≈ 0.054), but the
    // outcome is 0 (worse than baseline 10) → ATTENTION_REQUIRED without MISSION_TREND_WORSENING.
    expect(report.cases.map((c) => [c.missionId, c.asOf, c.expectedStatus, c.predicted])).toEqual([
      ["U", "U-R04", "WATCH", "WATCH"],
      ["U", "2026-01-16", "ON_TRACK", "ON_TRACK"],
      ["D", "D-R06", "ON_TRACK", "WATCH"],
      ["D", "D-R09", "WATCH", "ATTENTION_REQUIRED"],
      ["D", "2026-01-16", "ATTENTION_REQUIRED", "ATTENTION_REQUIRED"],
    ]);
    expect(report.metrics.labels).toBe(5);
    expect(report.metrics.confusion.total).toBe(5);
    expect(report.dataset).toMatchObject({ missions: 2, runs: 24 });
    expect(report.timelines.map((t) => t.statuses.length)).toEqual([12, 12]);
  });

  it("lists every disagreement with the evidence behind the evaluator's status", () => {
    expect(report.disagreements.map((d) => [d.asOf, d.reason])).toEqual([
      ["D-R06", "status"],
      ["D-R09", "status and trigger"],
    ]);
    expect(report.disagreements[0]?.evidence.triggers.map((t) => t.id)).toContain("KPI_PLATEAU");
    expect(report.disagreements[0]?.note).toBe("flat near target, <fine>");
    for (const d of report.disagreements) {
      expect(d.evidence.bandEvidence.length).toBeGreaterThan(0);
      expect(d.evidence.status).toBe(d.predicted);
      expect(["status", "trigger", "status and trigger"]).toContain(d.reason);
    }
    const last = report.cases.at(-1);
    expect(last).toMatchObject({ expectedTrigger: "MISSION_TREND_WORSENING", triggerFired: true });
  });

  it("measures detection from the labelled deterioration", () => {
    const d = report.metrics.detection;
    expect(d.events).toHaveLength(1);
    // ON_TRACK at R06, WATCH at R09; the evaluator already says ATTENTION_REQUIRED at R09 → 0 runs.
    expect(d.events[0]).toMatchObject({ missionId: "D", onsetRunId: "D-R09", delayRuns: 0 });
    // Agreement 3 of 5; kappa from the matrix [[1,1,0],[0,1,1],[0,0,1]] (rows OT, W, A):
    // p_o = 3/5, p_e = (2·1 + 2·2 + 1·2)/25 = 8/25 → kappa = (15 − 8)/(25 − 8) = 7/17.
    expect(report.metrics.accuracy).toBeCloseTo(3 / 5, 12);
    expect(report.metrics.kappa).toBeCloseTo(7 / 17, 12);
  });

  it("prints text, JSON and an HTML report", async () => {
    const text = formatBacktest(report);
    expect(text.startsWith("Backtest of ruleset default")).toBe(true);
    expect(text).toContain("Confusion matrix (rows: labels, columns: evaluator)");
    const json = JSON.parse(JSON.stringify(backtestToJson(report)));
    expect(json.timelines[0]).toEqual({
      missionId: "D",
      missionName: "Down <b>",
      runIds: report.timelines[0]?.runIds,
      statuses: report.timelines[0]?.statuses,
    });
    expect(timelineCells(report).bucket).toBe(1);
    const html = await validationReportHtml(report);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("Content-Security-Policy");
    expect(html).not.toContain("<b>"); // the mission name is escaped
    expect(html).toContain("Down &lt;b&gt;");
    expect(html.match(/<svg/g)?.length).toBe(2); // confusion matrix and timelines
    expect(html).not.toMatch(/<script/i);
  });
});
