import { beforeAll, describe, expect, it } from "vitest";
import {
  datasetFromInline,
  escapeHtml,
  evaluate,
  html,
  renderBriefHtml,
  type InlineMission,
} from "../../lib/src/index";
import { HEBREW, defaultRules } from "./brief-fixtures";

const RLO_NAME = "Invoices \u202Eevil"; // an unterminated RIGHT-TO-LEFT OVERRIDE
const ESC_NAME = "Clear\x1b[2J screen\x07 \x9b1m \x7f"; // ESC, BEL, C1 CSI, DEL
const ISOLATE_TASK = "Approve \u2066open isolate";

/* eslint-disable no-control-regex -- the point of these tests */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

const mission = (id: string, name: string, task: string): InlineMission => ({
  id,
  name,
  kpi: { name: `${name} kpi`, direction: "lower_is_better", unit: "h", baseline: 20, target: 5 },
  values: [20, 19, 17, 16, 14, 13, 11, 10],
  interventions: [0, 1, 1, 2, 2, 3, 3, 4],
  tasks: [
    { id: `${id}-t`, name: task, estimate: 10, approval: true, delay: [5, 20, 30, 40, 45, 50, 60, 70] },
  ],
});

describe("hostile characters in user text", () => {
  let doc: string;
  beforeAll(async () => {
    const data = datasetFromInline(
      [
        mission("rlo", RLO_NAME, ISOLATE_TASK),
        mission("esc", ESC_NAME, `Task ${ESC_NAME}`),
        mission("he", HEBREW, HEBREW),
      ],
      "hostile-text",
    );
    doc = await renderBriefHtml(evaluate(data, defaultRules), { healthBands: defaultRules.health.bands });
  });

  it("no raw bidi control reaches the HTML or its SVG; user text is shown escaped inside <bdi>", () => {
    expect(doc).not.toMatch(BIDI_CONTROLS);
    expect(doc).toMatch(/<bdi>Invoices \\u202eevil<\/bdi>/);
    // In a sentence built around the name, the whole sentence is isolated (and the control inert).
    expect(doc).toMatch(/<bdi>[^<]*Approve \\u2066open isolate[^<]*<\/bdi>/);
    const svgs = doc.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThan(0);
    expect(svgs.join("")).toContain("\\u202eevil");
  });

  it("right-to-left names are isolated from the figures around them", () => {
    expect(doc).toContain(`<bdi>${HEBREW}</bdi>`);
  });

  it("no C0 (except tab, LF, CR), DEL or C1 control reaches the HTML; they are shown as \\xHH", () => {
    expect(doc).not.toMatch(CONTROLS);
    expect(doc).toContain("Clear\\x1b[2J screen\\x07 \\x9b1m \\x7f");
  });

  it("the html template and escapeHtml show controls, and isolate only bidi-sensitive text", () => {
    expect(escapeHtml("a\x1bb\u202ec\td\ne")).toBe("a\\x1bb\\u202ec\td\ne");
    expect(String(html`<td>${"Billing"}</td>`)).toBe("<td>Billing</td>");
    expect(String(html`<td>${"x\u202ey"} 42%</td>`)).toBe("<td><bdi>x\\u202ey</bdi> 42%</td>");
    expect(String(html`<td title="${"x\u202e\x1b"}">t</td>`)).toBe('<td title="x\\u202e\\x1b">t</td>');
  });
});
