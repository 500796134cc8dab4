import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  ExternalResourceError,
  autonomyChartSpec,
  bottlenecksChartSpec,
  chartFigure,
  confusionMatrixChartSpec,
  delayHeatmapChartSpec,
  humanTouchesChartSpec,
  kpiTrendChartSpec,
  portfolioStatusChartSpec,
  refusingLoader,
  renderChartSvg,
  sanitizeSvg,
  statusTimelineChartSpec,
  thresholdSweepChartSpec,
  type ChartSpec,
} from "../../lib/src/index";

const autonomy = autonomyChartSpec({
  missions: [
    { missionName: "Billing", autonomyScore: 80 },
    { missionName: "Claims", autonomyScore: 40 },
  ],
});

/** One spec of each chart kind, with enough data to exercise axes and legends. */
const samples: Record<string, ChartSpec> = {
  kpiTrend: kpiTrendChartSpec({
    kpiName: "Cycle time",
    unit: "h",
    direction: "lower_is_better",
    points: Array.from({ length: 8 }, (_, i) => ({
      runIndex: i + 1,
      startedAt: new Date(Date.UTC(2024, 0, 1 + 3 * i)).toISOString(),
      value: i === 3 ? null : 30 - i,
    })),
    baseline: 32,
    target: 20,
    trend: { intercept: 31, slope: -1 },
  }),
  humanTouches: humanTouchesChartSpec({
    runs: Array.from({ length: 6 }, (_, i) => ({
      runIndex: i + 1,
      interventions: i % 3,
      escalations: i % 2,
      approvalDelayMinutes: 20 + i,
    })),
  }),
  bottlenecks: bottlenecksChartSpec({
    tasks: [
      { taskName: "Legal review", score: 8.5, driver: "approval_delay" },
      { taskName: "Enrichment", score: 3.25, driver: "task_overrun" },
    ],
  }),
  portfolio: portfolioStatusChartSpec({
    missions: [
      { missionName: "Billing", healthScore: 82 },
      { missionName: "Claims", healthScore: 41 },
    ],
    thresholds: { onTrack: 75, watch: 50 },
  }),
  autonomy,
  statusTimeline: statusTimelineChartSpec({
    cells: [1, 2, 3].map((r) => ({
      missionName: "Billing",
      runIndex: r,
      status: "WATCH" as const,
      marker: r === 2 ? "!" : undefined,
    })),
  }),
  confusion: confusionMatrixChartSpec({ counts: [{ expected: "WATCH", predicted: "WATCH", count: 7 }] }),
  sweep: thresholdSweepChartSpec({
    points: [0, 10, 20].map((t) => ({ threshold: t, precision: 0.5 + t / 100, recall: 0.9 - t / 50 })),
    thresholdLabel: "Delay threshold (min)",
    selected: 10,
  }),
  heatmap: delayHeatmapChartSpec({
    cells: [
      { taskName: "Approve", runIndex: 1, minutes: 45 },
      { taskName: "Approve", runIndex: 2, minutes: null },
    ],
  }),
};

describe("renderChartSvg", () => {
  it("matches its documented example: accessible root with the description and title", async () => {
    const svg = await renderChartSvg(autonomy);
    expect(svg.startsWith("<svg")).toBe(true);
    const root = svg.slice(0, svg.indexOf(">") + 1);
    expect(root).toContain('role="img"');
    expect(root).toContain('aria-label="Bar chart of autonomy scores (0–100) for 2 missions');
    expect(svg).toContain("<title>Autonomy by mission</title>");
    expect(svg.indexOf("<title>")).toBe(root.length); // first child of the root
  });

  it("renders every chart kind without warnings, with axis titles and data labels as text", async () => {
    const expectedText: Record<string, string[]> = {
      kpiTrend: [
        "Cycle time (h)",
        "Run start (UTC)",
        "Baseline",
        "32 h",
        "Lower is better · dotted line: linear trend",
      ],
      humanTouches: ["Touches per run", "Approval delay (min)", "Interventions", "Escalations"],
      bottlenecks: ["Friction score", "Legal review", "8.5", "3.25", "Approval delay"],
      portfolio: ["Health score (0–100)", "Billing", "82", "Attention required"],
      autonomy: ["Autonomy score (0–100)", "Average 60", "80"],
      statusTimeline: ["Run", "Billing", "Watch", "!"],
      confusion: ["Predicted status", "Expected status (labels)", "7"],
      sweep: ["Delay threshold (min)", "Precision", "Recall", "100%"],
      heatmap: ["Approve", "Approval delay (min)"],
    };
    for (const [name, spec] of Object.entries(samples)) {
      const warnings: string[] = [];
      const svg = await renderChartSvg(spec, { onWarning: (w) => warnings.push(w) });
      expect(warnings, name).toEqual([]);
      const texts = [...svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]+)</g)].map((m) => m[1]);
      for (const t of expectedText[name] ?? []) expect(texts, `${name}: ${t}`).toContain(t);
      expect(svg).not.toMatch(/<script|<foreignObject|<image|<a[\s>]/i);
      expect(svg).not.toMatch(/href="http|xlink:href|\son\w+=/i);
      expect(svg).toContain('font-family="DejaVu Sans"');
    }
  });

  it("escapes markup coming from data and titles", async () => {
    const svg = await renderChartSvg(
      autonomyChartSpec({
        missions: [{ missionName: `<script>alert("x")</script> & "co"`, autonomyScore: 50 }],
      }),
    );
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;");
  });

  it("refuses data by file or http URL before reading anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chart-secret-"));
    const secret = join(dir, "secret.csv");
    writeFileSync(secret, "a\nTOP-SECRET-4711\n");
    for (const url of [
      pathToFileURL(secret).href,
      "file:///etc/passwd",
      "http://127.0.0.1:9/data.json",
      secret,
    ]) {
      const spec = { data: { url }, mark: "point", encoding: { x: { field: "a", type: "nominal" } } };
      const attempt = renderChartSvg(spec);
      await expect(attempt).rejects.toThrow(ExternalResourceError);
      await expect(attempt).rejects.not.toThrow(/TOP-SECRET/);
    }
  });

  it("refuses images, links and nested data URLs", async () => {
    const image = { data: { values: [{ u: "x" }] }, mark: "image", encoding: { url: { field: "u" } } };
    const link = {
      data: { values: [{ a: 1 }] },
      mark: "point",
      encoding: { href: { value: "https://example.com" } },
    };
    const layered = { layer: [{ data: { url: "https://example.com/x.csv" }, mark: "bar" }] };
    for (const spec of [image, link, layered]) {
      await expect(renderChartSvg(spec)).rejects.toThrow(ExternalResourceError);
    }
  });

  it("uses a loader that refuses every method", async () => {
    const seen: string[] = [];
    const loader = refusingLoader((method, uri) => seen.push(`${method} ${uri}`));
    await expect(loader.load("file:///etc/passwd")).rejects.toThrow(ExternalResourceError);
    await expect(loader.sanitize("https://example.com", { context: "href" })).rejects.toThrow(
      ExternalResourceError,
    );
    await expect(loader.http("https://example.com", {})).rejects.toThrow(ExternalResourceError);
    await expect(loader.file("/etc/hostname")).rejects.toThrow(ExternalResourceError);
    expect(seen).toEqual([
      "load file:///etc/passwd",
      "sanitize https://example.com",
      "http https://example.com",
      "file /etc/hostname",
    ]);
  });

  it("reports invalid specs as errors", async () => {
    await expect(renderChartSvg({ mark: "no-such-mark", data: { values: [] } })).rejects.toThrow();
  });
});

describe("sanitizeSvg", () => {
  it("matches its documented example", () => {
    expect(sanitizeSvg('<svg><script>x</script><rect onclick="x" width="1"/></svg>')).toBe(
      '<svg><rect width="1"/></svg>',
    );
  });

  it("drops links, images, foreign content, styles and external url() references", () => {
    const dirty =
      '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="javascript:alert(1)"><text>t</text></a>' +
      '<image href="http://x/y.png"/><foreignObject><div>x</div></foreignObject><style>*{}</style>' +
      '<rect fill="url(http://x/p)" clip-path="url(#clip1)" style="fill:red"/></svg>';
    const clean = sanitizeSvg(dirty);
    expect(clean).toBe('<svg xmlns="http://www.w3.org/2000/svg"><rect clip-path="url(#clip1)"/></svg>');
  });

  it("fails closed on elements outside the SVG drawing vocabulary", () => {
    expect(() => sanitizeSvg("<svg><iframe2></iframe2></svg>")).toThrow(/unexpected <iframe2>/);
  });
});

describe("chartFigure", () => {
  it("matches its documented example: escaped caption, never split across pages", async () => {
    const svg = await renderChartSvg(autonomy);
    const figure = chartFigure(svg, { title: "Cycle time", caption: "Falling <fast>" }).toString();
    expect(figure).toMatch(
      /^<figure class="chart" style="break-inside: avoid; page-break-inside: avoid"><svg /,
    );
    expect(figure).toContain(
      "<figcaption><strong>Cycle time</strong> Falling &lt;fast&gt;</figcaption></figure>",
    );
    expect(figure).toContain('role="img"');
  });

  it("refuses anything that is not an SVG and strips smuggled script", () => {
    expect(() => chartFigure("<p>not a chart</p>")).toThrow();
    const figure = chartFigure('<svg><script>alert(1)</script><rect width="2"/></svg>', {
      id: 'f"1',
    }).toString();
    expect(figure).toBe(
      '<figure class="chart" id="f&quot;1" style="break-inside: avoid; page-break-inside: avoid"><svg><rect width="2"/></svg></figure>',
    );
  });
});

describe("markTooltips", () => {
  it("gives each labelled chart mark a <title> with its (already escaped) label, and nothing else", async () => {
    const { markTooltips } = await import("../../lib/src/brief/render-svg");
    expect(
      markTooltips(
        '<path aria-label="Run 3: 12 min" role="graphics-symbol" aria-roledescription="symbol mark" d="M0,0"/>',
      ),
    ).toBe(
      '<path aria-label="Run 3: 12 min" role="graphics-symbol" aria-roledescription="symbol mark" d="M0,0"><title>Run 3: 12 min</title></path>',
    );
    expect(markTooltips('<rect aria-label="a &lt;b&gt;" role="graphics-symbol" x="1"></rect>')).toBe(
      '<rect aria-label="a &lt;b&gt;" role="graphics-symbol" x="1"><title>a &lt;b&gt;</title></rect>',
    );
    // A container group or a mark without its own label is left alone.
    const group = '<g role="graphics-symbol" aria-roledescription="rect mark container"><path d="M0,0"/></g>';
    expect(markTooltips(group)).toBe(group);
  });
});
