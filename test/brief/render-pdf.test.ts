import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  CHROMIUM_ARGS,
  ChromiumNotFoundError,
  PdfTimeoutError,
  chartFigure,
  html,
  htmlDocument,
  renderChartSvg,
  renderPdf,
  renderPdfToFile,
  autonomyChartSpec,
  defaultChromiumProfilesDir,
  removeStaleProfiles,
} from "../../lib/src/index";

// Each test here starts a Chromium (about a second or two); keep them few.

const fresh = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const pdfText = (file: string) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
const pdfPages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);

async function twoPageDocument(): Promise<string> {
  const figure = chartFigure(
    await renderChartSvg(
      autonomyChartSpec({
        missions: [
          { missionName: "Billing", autonomyScore: 80 },
          { missionName: "Claims", autonomyScore: 40 },
        ],
      }),
    ),
    { title: "Figure 1", caption: "Autonomy by mission" },
  );
  const paragraphs = Array.from(
    { length: 34 },
    (_, i) =>
      html`<p>Paragraph ${i + 1}: the portfolio keeps maturing; approvals take less time each month.</p>`,
  );
  return htmlDocument({
    title: "Two-page brief",
    bodyHtml: html`<h1>Executive brief</h1>
      ${figure}${paragraphs}
      <h2>Closing</h2>
      <p>The end of the brief.</p>`,
  });
}

describe("renderPdf", () => {
  it("prints a two-page document with text, a chart and 'Page N of M' footers", async () => {
    const dir = fresh("pdf-out-");
    const target = join(dir, "brief.pdf");
    const started = performance.now();
    await renderPdfToFile(await twoPageDocument(), target, { footerLabel: "Mission brief · test run" });
    const ms = performance.now() - started;
    expect(readFileSync(target).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(readdirSync(dir)).toEqual(["brief.pdf"]);
    expect(pdfPages(target)).toBe(2);
    const text = pdfText(target);
    expect(text).toContain("Executive brief");
    expect(text).toContain("Autonomy by mission"); // chart title (SVG text stays text) and caption
    expect(text).toContain("The end of the brief.");
    expect(text).toMatch(/Mission brief · test run\s+Page 1 of 2/);
    expect(text).toContain("Page 2 of 2");
    expect(ms).toBeLessThan(30_000);
  });

  it("blocks every request that is not data:, never runs script, never reads local files", async () => {
    const dir = fresh("pdf-secret-");
    const secret = join(dir, "secret.txt");
    writeFileSync(secret, "TOP-SECRET-0815");
    const fileUrl = pathToFileURL(secret).href;
    // Deliberately without the brief's CSP: the renderer's own defences must hold.
    const page = `<!doctype html><html><body><h1>Hostile page</h1>
      <img src="http://127.0.0.1:9/x.png"><img src="https://example.com/y.png">
      <link rel="stylesheet" href="http://127.0.0.1:9/s.css">
      <iframe src="${fileUrl}"></iframe><iframe src="file:///etc/hostname"></iframe><object data="${fileUrl}"></object>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      <script>document.body.append("SCRIPT-RAN")</script><p>End of page</p></body></html>`;
    const blocked: string[] = [];
    const pdf = await renderPdf(page, { paper: "letter", onBlockedRequest: (url) => blocked.push(url) });
    const file = join(dir, "out.pdf");
    writeFileSync(file, pdf);
    expect(blocked).toEqual(
      expect.arrayContaining([
        "http://127.0.0.1:9/x.png",
        "https://example.com/y.png",
        "http://127.0.0.1:9/s.css",
      ]),
    );
    expect(blocked.some((u) => u.startsWith("data:"))).toBe(false);
    const text = pdfText(file);
    expect(text).toContain("Hostile page");
    expect(text).toContain("End of page");
    expect(text).not.toContain("TOP-SECRET");
    expect(text).not.toContain("SCRIPT-RAN");
    expect(text).not.toContain(readFileSync("/etc/hostname", "utf8").trim() + "\n");
    // Letter paper: 612 × 792 pt.
    expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(/Page size:\s+612 x 792 pts/);
  });

  it("times out cleanly: PdfTimeoutError, browser closed, temporary profile removed", async () => {
    const tmp = fresh("pdf-tmp-"); // the profile folder goes here
    await expect(renderPdf("<p>x</p>", { timeoutMs: 1, profilesDir: tmp })).rejects.toThrow(PdfTimeoutError);
    expect(readdirSync(tmp)).toEqual([]);
    // The browser was awaited on close; allow its children a moment to be reaped.
    const lingering = () =>
      execFileSync("ps", ["-eo", "stat=,args="], { encoding: "utf8" })
        .split("\n")
        .filter((line) => line.includes(tmp) && !line.startsWith("Z"));
    for (let i = 0; i < 20 && lingering().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(lingering()).toEqual([]);
  });

  it("writes no file, not even a partial one, when rendering fails", async () => {
    const dir = fresh("pdf-fail-");
    const target = join(dir, "brief.pdf");
    await expect(
      renderPdfToFile("<p>x</p>", target, { executablePath: join(dir, "no-such-chromium") }),
    ).rejects.toThrow(ChromiumNotFoundError);
    expect(readdirSync(dir)).toEqual([]);
    expect(CHROMIUM_ARGS.includes("--disable-quic")).toBe(true);
    expect(CHROMIUM_ARGS).toContain("--no-sandbox");
  });
});

describe("Chromium profiles", () => {
  it("live in the project's .cache/chromium-profiles, not in the shared temporary folder", () => {
    expect(defaultChromiumProfilesDir()).toBe(resolve(__dirname, "../../.cache/chromium-profiles"));
  });

  it("a leftover of a dead process is removed by the next render; nothing is left in os.tmpdir()", async () => {
    const profiles = fresh("pdf-profiles-");
    // A pid that is certainly dead: a child that has exited and been reaped.
    const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid as number;
    const stale = join(profiles, `${deadPid}-AbC123`);
    mkdirSync(join(stale, "Default"), { recursive: true });
    writeFileSync(join(stale, "Default", "Cookies"), "left by a render killed with -9");
    const alive = join(profiles, `${process.ppid}-KeepMe`); // the test runner's parent is alive
    mkdirSync(alive);
    const other = join(profiles, "not-a-profile");
    mkdirSync(other);
    const tmp = fresh("pdf-shared-tmp-");
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp; // os.tmpdir() during the render
    let pdf: Uint8Array;
    try {
      pdf = await renderPdf("<p>x</p>", { profilesDir: profiles });
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe("%PDF-");
    expect(readdirSync(profiles).sort()).toEqual([`${process.ppid}-KeepMe`, "not-a-profile"]);
    expect(readdirSync(tmp).filter((f) => f.startsWith("mission-pdf-"))).toEqual([]);
  });

  it("removeStaleProfiles keeps live processes' folders and lists what it removed", async () => {
    const profiles = fresh("pdf-profiles-");
    const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid as number;
    mkdirSync(join(profiles, `${deadPid}-x`));
    mkdirSync(join(profiles, `${process.pid}-mine`));
    expect(await removeStaleProfiles(profiles)).toEqual([join(profiles, `${deadPid}-x`)]);
    expect(readdirSync(profiles)).toEqual([`${process.pid}-mine`]);
  });
});
