/**
 * Layout of the demo brief's PDF, measured on the output: every page rendered to a grey image
 * (pdftoppm) and its text boxes read back (pdftotext -bbox). Checks that no two words overlap
 * (label collisions, e.g. a reference-line label over a tick label) and that no page but the last
 * has a blank band taller than a third of the printable height (half-empty pages, stranded
 * headings pushed to the next page). Skipped, with a message, without pdftoppm/pdftotext or
 * Chromium.
 */
import { spawnSync, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildBriefModel, ChromiumNotFoundError, evaluate, renderBriefModelHtml } from "../../lib/src/index";
import { renderBriefPdf } from "../../lib/src/brief/brief-pdf";
import { secondaryKpiAssessments } from "../../lib/src/evaluate/secondary-kpis";
import { briefSnapshot } from "../../lib/src/brief/sections/since";
import { demo } from "./brief-fixtures";

const tool = (name: string) => !spawnSync(name, ["-v"]).error;
const tools = tool("pdftoppm") && tool("pdftotext");
if (!tools) console.warn("skipping the PDF layout test: pdftoppm or pdftotext (poppler-utils) is missing");

/** A4 in points and the brief's page margins (16 mm top, 18 mm bottom). */
const PAGE_H = 841.89;
const TOP = (16 / 25.4) * 72;
const BOTTOM = (18 / 25.4) * 72;

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly text: string;
}

/** Words per page from `pdftotext -bbox` (points, origin top left). */
function wordBoxes(pdf: string): Box[][] {
  const xml = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 28 });
  return xml
    .split(/<page\b/)
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5]! })),
    );
}

/** Pairs of words whose boxes overlap by more than a fifth of the smaller one. */
function overlaps(words: readonly Box[]): string[] {
  const found: string[] = [];
  const sorted = [...words].sort((a, b) => a.y0 - b.y0);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.y0 < a.y1; j++) {
      const b = sorted[j]!;
      const ix = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const iy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (ix <= 0 || iy <= 0) continue;
      const smaller = Math.min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0));
      if (ix * iy > 0.2 * smaller) found.push(`"${a.text}" / "${b.text}"`);
    }
  }
  return found;
}

/** Tallest run of blank pixel rows within the printable height, as a share of it (grey PGM). */
function blankShare(pgm: Buffer): number {
  let pos = 0;
  const fields: number[] = [];
  while (fields.length < 3) {
    if (pgm[pos] === 0x23) while (pgm[pos] !== 0x0a) pos++; // comment line
    while (pgm[pos] === 0x20 || pgm[pos] === 0x0a || pgm[pos] === 0x0d || pgm[pos] === 0x09) pos++;
    let s = "";
    while (pgm[pos]! > 0x20) s += String.fromCharCode(pgm[pos++]!);
    if (s !== "P5") fields.push(Number(s));
  }
  const [w, h] = fields as [number, number, number];
  const px = pgm.subarray(pos + 1);
  const top = Math.round((h * TOP) / PAGE_H);
  const bottom = Math.round((h * (PAGE_H - BOTTOM)) / PAGE_H);
  let run = 0;
  let max = 0;
  for (let y = top; y < bottom; y++) {
    let blank = true;
    for (let x = 0; x < w && blank; x++) if (px[y * w + x]! < 245) blank = false;
    run = blank ? run + 1 : 0;
    max = Math.max(max, run);
  }
  return max / (bottom - top);
}

describe("the layout measures", () => {
  it("find overlapping words and tall blank bands (so the PDF test can fail)", () => {
    const box = (x0: number, y0: number, x1: number, y1: number, text: string): Box => ({
      x0,
      y0,
      x1,
      y1,
      text,
    });
    expect(overlaps([box(0, 0, 10, 10, "Target"), box(5, 2, 15, 12, "9.0")])).toEqual(['"Target" / "9.0"']);
    expect(overlaps([box(0, 0, 10, 10, "a"), box(10.5, 0, 20, 10, "b"), box(0, 10, 10, 20, "c")])).toEqual(
      [],
    );
    // A 10 × 100 page: white, with one ink row at y = 20 → the blank band below it is most of the page.
    const w = 10;
    const h = 100;
    const px = Buffer.alloc(w * h, 255);
    px.fill(0, 20 * w, 21 * w);
    const pgm = Buffer.concat([Buffer.from(`P5\n${w} ${h}\n255\n`), px]);
    const top = Math.round((h * TOP) / PAGE_H);
    const bottom = Math.round((h * (PAGE_H - BOTTOM)) / PAGE_H);
    expect(blankShare(pgm)).toBeCloseTo((bottom - 21) / (bottom - top), 6);
  });
});

describe.skipIf(!tools)("PDF layout of the demo brief", () => {
  it("has no overlapping text and no page more than a third empty but the last", async (ctx) => {
    const { dataset, rules, result } = await demo();
    const earlier = evaluate(dataset, rules, { asOf: "2026-02-04" });
    const model = buildBriefModel(result, {
      healthBands: rules.health.bands,
      source: dataset.source,
      data: {
        missions: dataset.missions,
        riskEvents: dataset.riskEvents,
        secondaryKpis: secondaryKpiAssessments(dataset.kpis, result, rules),
      },
      since: briefSnapshot(earlier, secondaryKpiAssessments(dataset.kpis, earlier, rules)),
    });
    let pdf: Uint8Array;
    try {
      pdf = await renderBriefPdf(await renderBriefModelHtml(model), {
        footerLabel: model.footerLabel,
        timeoutMs: 60_000,
      });
    } catch (e) {
      if (e instanceof ChromiumNotFoundError) {
        console.warn(`skipping the PDF layout test: no Chromium (${e.message}); run npm run setup`);
        ctx.skip();
      }
      throw e;
    }
    const dir = mkdtempSync(join(tmpdir(), "brief-layout-"));
    try {
      const file = join(dir, "demo.pdf");
      writeFileSync(file, pdf);
      const pages = wordBoxes(file);
      expect(pages.length).toBeGreaterThan(8);
      pages.forEach((words, i) => {
        expect(words.length, `page ${i + 1} has text`).toBeGreaterThan(20);
        expect(overlaps(words), `overlapping words on page ${i + 1}`).toEqual([]);
      });
      execFileSync("pdftoppm", ["-r", "40", "-gray", file, join(dir, "p")]);
      const images = readdirSync(dir)
        .filter((f) => f.endsWith(".pgm"))
        .sort();
      expect(images).toHaveLength(pages.length);
      images.slice(0, -1).forEach((f, i) => {
        expect(blankShare(readFileSync(join(dir, f))), `blank share of page ${i + 1}`).toBeLessThanOrEqual(
          1 / 3,
        );
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
