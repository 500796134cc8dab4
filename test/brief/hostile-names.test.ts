import { describe, expect, it } from "vitest";
import {
  buildBriefModel,
  datasetFromInline,
  evaluate,
  renderBriefModelHtml,
  renderBriefPdf,
  unitSymbol,
  type InlineMission,
} from "../../lib/src/index";
import { defaultRules } from "./brief-fixtures";

/** Names that are keys of Object.prototype: as vega expression literals or object-map keys they broke the brief. */
const PROTO_WORDS = ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"];

const missions: InlineMission[] = PROTO_WORDS.map((w, i) => ({
  id: w,
  name: w,
  kpi: {
    name: w,
    direction: i % 2 ? "higher_is_better" : "lower_is_better",
    unit: w,
    baseline: 20,
    target: 5,
  },
  values: i % 2 ? [5, 6, 8, 9, 11, 12, 14, 15] : [20, 19, 17, 16, 14, 13, 11, 10],
  interventions: [0, 1, 1, 2, 2, 3, 3, 4],
  tasks: [
    { id: w, name: w, estimate: 10, approval: true, delay: [5, 20, 30, 40, 45, 50, 60, 70] },
    { id: `${w}-2`, name: `${w} 2`, estimate: 20, actual: [20, 25, 30, 40, 45, 50, 55, 60] },
  ],
}));

describe("Object.prototype words as mission, task and KPI names and ids", () => {
  it("render the brief HTML and PDF, with every name shown", async () => {
    const result = evaluate(datasetFromInline(missions, "proto-words"), defaultRules);
    const model = buildBriefModel(result, { healthBands: defaultRules.health.bands });
    const html = await renderBriefModelHtml(model);
    for (const w of PROTO_WORDS) expect(html).toContain(w);
    expect(html).not.toMatch(/function Object\(|\[native code\]/);
    const pdf = await renderBriefPdf(html, { footerLabel: model.footerLabel, timeoutMs: 30_000 });
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  }, 30_000);

  it("unit lookups do not find Object.prototype members", () => {
    expect(unitSymbol("constructor")).toBe("constructor");
    expect(unitSymbol("hours")).toBe("h");
  });
});
