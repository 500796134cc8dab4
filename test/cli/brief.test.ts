import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { briefFileName, isBriefName } from "../../lib/src/index";
import { runMission } from "../helpers/run-cli";

const seedDir = resolve(__dirname, "../../../shared/fixtures/seed-portfolio");
const demoDir = resolve(__dirname, "../../data/demo");
const present = existsSync(seedDir);
if (!present) console.warn(`skipping the CLI brief test on the seed fixture: ${seedDir} is absent`);

const cli = (args: string[]) => runMission(args);

const made: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), "brief-cli-"));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const flat = (s: string) => s.replace(/-\s*\n\s*/g, "-").replace(/\s+/g, " ");

describe.skipIf(!present)("mission brief on the seed portfolio (seed-v3)", () => {
  it("writes HTML and PDF atomically, prints the paths and the verdict, and says what the published brief says", async () => {
    const out = fresh();
    const r = await cli(["brief", seedDir, "--rules", "seed-v3", "--out", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const name = "brief-seed-portfolio-2026-02-06";
    expect(readdirSync(out).sort()).toEqual([`${name}.html`, `${name}.json`, `${name}.pdf`]); // no temporary file left
    expect(r.out).toMatch(
      /^Verdict: WATCH {2}\(ruleset seed-v3 3\.0\.0, as of 2026-02-06T11:18:00\.000Z\)\n/,
    );
    expect(r.out).toContain(
      "Primary driver: AUTONOMY_REGRESSION in Accelerate Sales Pipeline Progression (M002)",
    );
    expect(r.out).toContain(`wrote ${join(out, `${name}.html`)}\n`);
    expect(r.out).toContain(`wrote ${join(out, `${name}.pdf`)}\n`);

    const html = readFileSync(join(out, `${name}.html`), "utf8");
    expect(html).toContain('<strong class="verdict-band">WATCH</strong>');
    expect(html).toContain("Autonomy regression in Accelerate Sales Pipeline Progression (M002)");
    // M003: the two figures, each labelled with what it compares with — never mixed.
    expect(html).toContain(
      "resolution time 12.0 h baseline → 3.2 h latest: 73.33 % better than baseline; " +
        "38.46 % better than the first observed run (5.2 h); target 4.0 h met.",
    );
    expect(html).not.toMatch(/73\.33 % better than the first/);

    const text = flat(execFileSync("pdftotext", [join(out, `${name}.pdf`), "-"], { encoding: "utf8" }));
    expect(text).toContain("WATCH");
    expect(text).toContain("Autonomy regression in Accelerate Sales Pipeline Progression (M002)");
    for (const m of [
      "Reduce Customer Onboarding Time",
      "Accelerate Sales Pipeline Progression",
      "Improve Support Case Resolution",
    ]) {
      expect(text).toContain(m);
    }
    expect(text).toContain("73.33 % better than baseline");
    expect(text).toContain("38.46 % better than the first observed run (5.2 h)");
    const info = execFileSync("pdfinfo", [join(out, `${name}.pdf`)], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it("writes nothing when the PDF cannot be rendered (exit 1)", async () => {
    const out = fresh();
    const saved = process.env.MISSION_CHROMIUM;
    process.env.MISSION_CHROMIUM = join(out, "no-such-chromium");
    try {
      const r = await cli(["brief", seedDir, "--rules", "seed-v3", "--out", out]);
      expect(r.code).toBe(1);
      expect(r.err).toContain("the PDF could not be rendered, nothing was written");
      expect(r.out).toBe("");
    } finally {
      if (saved === undefined) delete process.env.MISSION_CHROMIUM;
      else process.env.MISSION_CHROMIUM = saved;
    }
    expect(readdirSync(out)).toEqual([]);
  });
});

describe("mission brief", () => {
  it("writes only the HTML with --format html, under --name, and honours --paper and --as-of", async () => {
    const out = fresh();
    const r = await cli([
      "brief",
      demoDir,
      "--format",
      "html",
      "--out",
      out,
      "--name",
      "demo.letter",
      "--paper",
      "letter",
      "--as-of",
      "2026-02-20",
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["demo.letter.html", "demo.letter.json"]);
    const html = readFileSync(join(out, "demo.letter.html"), "utf8");
    expect(html).toContain("@page { size: letter;");
    expect(html).toContain("as of 2026-02-20 23:59 UTC");
    expect(r.out).toMatch(/^Verdict: (ON_TRACK|WATCH|ATTENTION_REQUIRED) /);
    expect(r.out).toContain(`wrote ${join(out, "demo.letter.html")}`);
    expect(r.out).not.toContain(".pdf");
  });

  it("adds a Since section from a date or a stored brief JSON (the same), and re-renders from the JSON", async () => {
    const out = fresh();
    const byDate = await cli(["brief", demoDir, "--out", out, "--format", "html", "--since", "2026-02-04"]);
    expect(byDate.err).toBe("");
    expect(byDate.code).toBe(0);
    const name = "brief-demo-2026-03-06";
    expect(byDate.out).toContain(`wrote ${join(out, `${name}.json`)}\n`);
    const html = readFileSync(join(out, `${name}.html`), "utf8");
    expect(html).toContain(">Since 2026-02-04</h2>");
    const since = (doc: string) => /<section id="since"[\s\S]*?<\/section>/.exec(doc)?.[0];
    // The brief as of that date, stored, then named by --since: the same comparison.
    const early = await cli([
      "brief",
      demoDir,
      "--out",
      out,
      "--format",
      "html",
      "--as-of",
      "2026-02-04",
      "--name",
      "early",
    ]);
    expect(early.code).toBe(0);
    const viaJson = fresh();
    const r = await cli([
      "brief",
      demoDir,
      "--out",
      viaJson,
      "--format",
      "html",
      "--since",
      join(out, "early.json"),
    ]);
    expect(r.err).toBe("");
    expect(since(readFileSync(join(viaJson, `${name}.html`), "utf8"))).toBe(since(html));
    // mission render: the same HTML from the JSON alone.
    const again = fresh();
    const rendered = await cli(["render", join(out, `${name}.json`), "--out", again, "--format", "html"]);
    expect(rendered.err).toBe("");
    expect(rendered.code).toBe(0);
    expect(readdirSync(again)).toEqual([`${name}.html`]);
    expect(readFileSync(join(again, `${name}.html`), "utf8")).toBe(html);
  });

  it("refuses a bad --since and a file that is not a brief JSON, writing nothing", async () => {
    const out = fresh();
    const cases: [string[], number, string][] = [
      [["brief", demoDir, "--out", out, "--since", "2026-03-07"], 2, "is not before the as-of date"],
      [["brief", demoDir, "--out", out, "--since", join(out, "missing.json")], 2, "could not read"],
      [["render", join(demoDir, "kpis.csv"), "--out", out], 1, "not JSON"],
      [["render", join(out, "missing.json"), "--out", out], 1, "cannot read"],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(code);
      expect(r.err).toContain(message);
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it("fails with exit 2 on bad usage and exit 1 on data or ruleset problems, writing nothing", async () => {
    const out = fresh();
    const cases: [string[], number, string][] = [
      [["brief", demoDir, "--out", out, "--format", "docx"], 2, 'unknown format "docx"'],
      [["brief", demoDir, "--out", out, "--paper", "a3"], 2, 'unknown paper "a3"'],
      [["brief", demoDir, "--out", out, "--name", "../escape"], 2, "--name must be a plain file name"],
      [["brief", demoDir, "--out", out, "--as-of", "tomorrow"], 2, "mission brief:"],
      [["brief", "/nonexistent-folder-xyz", "--out", out], 1, "no such folder"],
      [["brief", demoDir, "--out", out, "--rules", "/nonexistent.json"], 1, "mission brief:"],
      [["brief", "--out", out], 2, ""],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(code);
      expect(r.err).toContain(message);
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it("derives a safe default name", () => {
    expect(briefFileName("data/demo", "2026-03-06T11:47:00.000Z")).toBe("brief-demo-2026-03-06");
    expect(briefFileName("/x/My data (v2)/", "2026-03-06")).toBe("brief-My-data-v2-2026-03-06");
    expect(isBriefName("../x")).toBe(false);
    expect(isBriefName("brief-demo-2026-03-06")).toBe(true);
  });
});
