import { describe, expect, it } from "vitest";
import {
  buildBriefModel,
  datasetFromInline,
  evaluate,
  renderBriefModelHtml,
  renderBriefPdf,
  type InlineMission,
} from "../../lib/src/index";
import { defaultRules } from "./brief-fixtures";

const HUGE = "N".repeat(99_990) + "-tail-name";

const mission: InlineMission = {
  id: "huge",
  name: HUGE,
  kpi: { name: "cycle_hours", direction: "lower_is_better", unit: "h", baseline: 20, target: 5 },
  values: [20, 19, 17, 16, 14, 13, 11, 10],
  interventions: [0, 1, 1, 2, 2, 3, 3, 4],
  tasks: [{ id: "t", name: "Approve", estimate: 10, approval: true, delay: [5, 20, 30, 40, 45, 50, 60, 70] }],
};

describe("a 100,000-character mission name", () => {
  it("is shortened for display, kept in full once, and the PDF renders in normal time", async () => {
    const result = evaluate(datasetFromInline([mission], "huge"), defaultRules);
    const model = buildBriefModel(result, { healthBands: defaultRules.health.bands });
    const html = await renderBriefModelHtml(model);
    const occurrences = html.split(HUGE).length - 1;
    expect(occurrences).toBeLessThanOrEqual(1); // the full text at most once (governance / title)
    expect(html.length).toBeLessThan(600_000);
    expect(html).toContain("NNN…");
    const started = Date.now();
    const pdf = await renderBriefPdf(html, { footerLabel: model.footerLabel, timeoutMs: 20_000 });
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
