import { beforeAll, describe, expect, it } from "vitest";
import {
  BRIEF_CSP,
  BRIEF_LAYOUT_CSS,
  briefCharts,
  buildBriefModel,
  documentTitle,
  inlineSvg,
  renderBriefHtml,
  renderBriefModelHtml,
} from "../../lib/src/index";
import {
  ARABIC,
  EMOJI,
  HANDLER,
  HEBREW,
  JS_URL,
  LONG,
  SCRIPT,
  attributes,
  demo,
  hostile,
  startTags,
  type Evaluated,
} from "./brief-fixtures";

const SECTION_ORDER = [
  "verdict",
  "primary-issue",
  "focus",
  "risks",
  "trajectory",
  "proof",
  "autonomy",
  "missions",
  "mission-details",
  "governance",
  "judged",
];

describe("renderBriefHtml on the demo portfolio", () => {
  let data: Evaluated;
  let doc: string;
  beforeAll(async () => {
    data = await demo();
    doc = await renderBriefHtml(data.result, {
      healthBands: data.rules.health.bands,
      source: data.dataset.source,
    });
  });

  it("has the sections in order, with their headings", () => {
    const ids = [...doc.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(SECTION_ORDER);
    for (const heading of [
      "The primary issue",
      "The action",
      "Risk register",
      "Portfolio trajectory",
      "Proof of progress",
      "Autonomy",
      "Missions at a glance",
      "Mission details",
      "Governance and data quality",
      "How this was judged",
    ]) {
      expect(doc).toContain(`>${heading}</h2>`);
    }
    expect(doc).toContain('<strong class="verdict-band">ATTENTION_REQUIRED</strong>');
    expect(doc).toContain(data.result.portfolio.interpretation);
    expect(doc).toContain("KPI worsening in Accounts-payable invoice processing (invoice-processing)");
    expect(doc).toContain(data.result.inputFingerprint);
    expect(doc).toContain('<span class="status status-watch">WATCH</span>'); // a mission heading's badge
    expect(doc).toContain("<div><dt>As of</dt><dd>2026-03-06 11:47 UTC</dd></div>");
    expect(BRIEF_LAYOUT_CSS.includes(".verdict-band")).toBe(true);
    expect((doc.match(/<article id="mission-\d+" class="mission-detail">/g) ?? []).length).toBe(6);
    expect((doc.match(/<tr>\n<th scope="row">/g) ?? []).length).toBe(6); // mission table rows
  });

  it("puts every chart in a numbered figure with a caption and an accessible SVG", () => {
    const model = buildBriefModel(data.result, { healthBands: data.rules.health.bands });
    const charts = briefCharts(model);
    const figures = doc.match(/<figure class="chart"[\s\S]*?<\/figure>/g) ?? [];
    expect(figures).toHaveLength(charts.length);
    figures.forEach((f, i) => {
      expect(f).toContain(`id="${charts[i]!.id}"`);
      expect(f).toMatch(/<svg[^>]* role="img" aria-label="[^"]{20,}"/);
      expect(f).toContain(`<figcaption><strong>Figure ${i + 1}.</strong> `);
      expect(f).toContain("break-inside: avoid");
      expect((f.match(/<svg\b/g) ?? []).length).toBe(1);
    });
  });

  it("is self-contained: CSP, no script, no URL but in-page links, no external reference", () => {
    expect(doc.startsWith("<!doctype html>")).toBe(true);
    expect(doc).toContain(`<meta http-equiv="Content-Security-Policy" content="${BRIEF_CSP}">`);
    expect(doc).not.toMatch(/<script/i);
    expect(doc).not.toMatch(/https?:|file:|ftp:|\/\/[a-z]/i);
    expect(doc).not.toMatch(/\s(?:src|xlink:href|srcset|action|data)\s*=/i);
    // The only links are in-page anchors (drill-down), each to an element of the document.
    const hrefs = [...doc.matchAll(/\shref\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(10);
    for (const h of hrefs) {
      expect(h).toMatch(/^#[\w-]+$/);
      expect(doc).toContain(`id="${h.slice(1)}"`);
    }
    expect(doc).not.toMatch(/url\s*\(|@import/i);
    expect(doc).not.toMatch(/<(?:img|link|iframe|object|embed|foreignObject|image|use)\b/i);
    expect(doc).toContain(BRIEF_LAYOUT_CSS.trim().slice(0, 40));
    expect(doc).toContain("@page { size: A4;");
  });

  it("is byte-identical across renders; the stamp comes from the as-of date or the option", async () => {
    const again = await renderBriefHtml(data.result, {
      healthBands: data.rules.health.bands,
      source: data.dataset.source,
    });
    expect(again).toBe(doc);
    expect(doc).toContain("generated 2026-03-06 11:47 UTC");
    const stamped = await renderBriefModelHtml(
      buildBriefModel(data.result, {
        generatedAt: "2026-04-01T08:00:00Z",
        paper: "letter",
        title: "Q1 brief",
      }),
    );
    expect(stamped.startsWith("<!doctype html>")).toBe(true);
    expect(stamped).toContain("generated 2026-04-01 08:00 UTC");
    expect(stamped).toContain("@page { size: letter;");
    expect(documentTitle(stamped)).toBe("Q1 brief · as of 2026-03-06");
    expect(documentTitle("<html><head><title>Brief &amp; more</title></head></html>")).toBe("Brief & more");
  });

  it("lists the input files by name only, with their hashes", () => {
    expect(doc).toContain("Dataset <strong>demo</strong>");
    for (const f of data.dataset.source.files) expect(doc).toContain(f.sha256);
    expect(doc).not.toContain(data.dataset.source.folder + "/"); // no machine-specific path
  });

  it("strips xmlns from inline SVG", () => {
    expect(inlineSvg('<svg xmlns="http://www.w3.org/2000/svg" width="2"><g/></svg>')).toBe(
      '<svg width="2"><g/></svg>',
    );
  });
});

describe("renderBriefHtml on hostile input", () => {
  let doc: string;
  beforeAll(async () => {
    doc = await renderBriefHtml(hostile());
  });

  it("shows script tags, handlers and javascript: URLs only as escaped, inert text", () => {
    expect(doc).not.toMatch(/<script/i);
    expect(doc).toContain("&lt;script&gt;alert(1)&lt;/script&gt; mission");
    expect(doc).toContain("&quot; onmouseover=&quot;x");
    expect(doc).toContain(JS_URL); // as text…
    let attributeCount = 0;
    for (const tag of startTags(doc)) {
      for (const [name, value] of attributes(tag)) {
        attributeCount++;
        expect(name).not.toMatch(/^on/); // …never an event handler…
        expect(name).not.toMatch(/^(?:src|xlink:href|action|formaction|data|srcset)$/); // …nor a link
        if (name === "href") expect(value).toMatch(/^#[\w-]+$/); // …but an in-page anchor
        if (!name.startsWith("aria-")) expect(value).not.toMatch(/javascript:/i); // aria-label is text
        expect(value).not.toMatch(/[<>"]/); // values stay escaped inside their quotes
      }
    }
    expect(attributeCount).toBeGreaterThan(1000);
    expect(doc).not.toContain(SCRIPT);
    // The handler text may stay raw inside text content (a quote is inert there), never in a tag.
    for (const tag of startTags(doc)) expect(tag.includes(HANDLER)).toBe(false);
  });

  it("keeps right-to-left text, emoji and very long names as text, isolated for bidi", () => {
    for (const text of [HEBREW, ARABIC, EMOJI]) expect(doc).toContain(text);
    expect(doc).toContain(LONG); // in full in the text…
    const svgs = doc.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    for (const svg of svgs) {
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
      for (const t of texts) expect(t.length).toBeLessThan(400); // …shortened in chart labels
    }
    expect(doc).toContain("unicode-bidi: isolate");
  });
});
