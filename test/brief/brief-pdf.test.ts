import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildBriefModel, renderBriefModelHtml, renderBriefPdf, writeBrief } from "../../lib/src/index";
import { secondaryKpiAssessments } from "../../lib/src/evaluate/secondary-kpis";
import { demo, normalizedText } from "./brief-fixtures";

// One Chromium render (about 1–2 s). The CLI test renders the seed portfolio's PDF.

/**
 * Pages of the demo brief on A4 (as `mission brief data/demo` writes it, without --since): 4 of
 * summary (verdict, issue, action, risks, trajectory, proof, autonomy, table), one per mission (6),
 * 2 of governance with the seven questions, 2 of "How this was judged".
 */
const DEMO_PAGES = 14;

describe("renderBriefPdf on the demo portfolio", () => {
  it("writes a tagged A4 PDF with the expected pages, verdict, primary driver and every mission", async () => {
    const { result, rules, dataset } = await demo();
    const model = buildBriefModel(result, {
      healthBands: rules.health.bands,
      source: dataset.source,
      data: {
        missions: dataset.missions,
        riskEvents: dataset.riskEvents,
        secondaryKpis: secondaryKpiAssessments(dataset.kpis, result, rules),
      },
    });
    const html = await renderBriefModelHtml(model);
    const pdf = await renderBriefPdf(html, { footerLabel: model.footerLabel, timeoutMs: 60_000 });
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

    const dir = mkdtempSync(join(tmpdir(), "brief-pdf-"));
    const written = await writeBrief({ html, pdf }, { folder: dir, name: "demo-brief" });
    expect(written).toEqual({ html: join(dir, "demo-brief.html"), pdf: join(dir, "demo-brief.pdf") });
    expect(readdirSync(dir).sort()).toEqual(["demo-brief.html", "demo-brief.pdf"]);
    expect(readFileSync(written.html!, "utf8")).toBe(html);

    const info = execFileSync("pdfinfo", [written.pdf!], { encoding: "utf8" });
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(DEMO_PAGES);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Title:\s+AI mission portfolio — executive brief · as of 2026-03-06/);

    const text = normalizedText(execFileSync("pdftotext", [written.pdf!, "-"], { encoding: "utf8" }));
    expect(text).toContain("ATTENTION_REQUIRED");
    expect(text).toContain("KPI worsening in Accounts-payable invoice processing"); // the primary driver…
    expect(text).toContain("MISSION_TREND_WORSENING · severity high"); // …and its rule
    for (const m of result.portfolio.missions) expect(text).toContain(m.missionName);
    expect(text).toContain(`Page 1 of ${DEMO_PAGES}`);
    expect(text).toContain(`Page ${DEMO_PAGES} of ${DEMO_PAGES}`);
    expect(text).toContain(
      "AI mission portfolio — executive brief · as of 2026-03-06 · ruleset default 2.0.0",
    );
    // Chart text stays text: an axis title of the first figure.
    expect(text).toContain("Health score (0–100)");
    rmSync(dir, { recursive: true, force: true });
  });
});
