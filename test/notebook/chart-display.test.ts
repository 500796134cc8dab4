import { describe, expect, it } from "vitest";
import {
  autonomyChartSpec,
  chartMimeBundle,
  DEFAULT_VEGALITE_MAJOR,
  displayChart,
  isTslabKernel,
  tslabDisplaySink,
  vegaLiteMimeType,
  type MimeBundle,
} from "../../lib/src/index";

const spec = { title: "Runs", mark: "bar" };

describe("vegaLiteMimeType", () => {
  it("follows the spec's $schema (doc example)", () => {
    expect(vegaLiteMimeType({ $schema: "https://vega.github.io/schema/vega-lite/v5.json" })).toBe(
      "application/vnd.vegalite.v5+json",
    );
    expect(vegaLiteMimeType({ $schema: "https://vega.github.io/schema/vega-lite/v6.4.json" })).toBe(
      "application/vnd.vegalite.v6+json",
    );
  });

  it("defaults to the library's Vega-Lite major version", () => {
    expect(DEFAULT_VEGALITE_MAJOR).toBe(6);
    expect(vegaLiteMimeType({ mark: "bar" })).toBe("application/vnd.vegalite.v6+json");
  });
});

describe("chartMimeBundle", () => {
  it("holds SVG, spec and text (doc example)", () => {
    expect(chartMimeBundle(spec, "<svg/>").data).toEqual({
      "image/svg+xml": "<svg/>",
      "application/vnd.vegalite.v6+json": { title: "Runs", mark: "bar" },
      "text/plain": "Vega-Lite chart: Runs",
    });
  });

  it("copies the spec and honours options", () => {
    const source = { title: { text: "T" }, data: { values: [{ a: 1 }] } };
    const bundle = chartMimeBundle(source, "<svg/>", { mimeType: "application/vnd.vegalite.v5+json" });
    source.data.values.push({ a: 2 });
    expect(bundle.data["application/vnd.vegalite.v5+json"]).toEqual({
      title: { text: "T" },
      data: { values: [{ a: 1 }] },
    });
    expect(bundle.data["text/plain"]).toBe("Vega-Lite chart: T");
    expect(chartMimeBundle({ description: "D" }, "", { text: "custom" }).data["text/plain"]).toBe("custom");
    expect(chartMimeBundle({}, "").data["text/plain"]).toBe("Vega-Lite chart");
  });

  it("rejects specs that are not JSON", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => chartMimeBundle(cyclic, "")).toThrow(TypeError);
  });
});

describe("displayChart", () => {
  it("sends one bundle to the sink (doc example)", async () => {
    const shown: MimeBundle[] = [];
    const result = await displayChart({ mark: "bar" }, "<svg/>", { sink: (b) => shown.push(b) });
    expect(shown.length).toBe(1);
    expect(result).toBeUndefined();
    expect(shown[0]).toEqual(chartMimeBundle({ mark: "bar" }, "<svg/>"));
  });

  it("awaits an SVG renderer given the spec", async () => {
    const shown: MimeBundle[] = [];
    const renderer = async (s: object) => `<svg data-title="${(s as { title: string }).title}"/>`;
    await displayChart(spec, renderer, { sink: (b) => shown.push(b) });
    expect(shown[0]?.data["image/svg+xml"]).toBe('<svg data-title="Runs"/>');
  });

  it("renders the SVG with renderChartSvg by default", async () => {
    const shown: MimeBundle[] = [];
    const spec = autonomyChartSpec({ missions: [{ missionName: "Billing", autonomyScore: 80 }] });
    await displayChart(spec, undefined, { sink: (b) => shown.push(b) });
    expect(String(shown[0]?.data["image/svg+xml"])).toMatch(/^<svg[^>]*role="img"/);
    expect(shown[0]?.data[vegaLiteMimeType(spec)]).toEqual(JSON.parse(JSON.stringify(spec)));
  });

  it("outside a tslab kernel needs a sink", async () => {
    expect(isTslabKernel()).toBe(false);
    expect(() => tslabDisplaySink()).toThrow(/not running in a tslab kernel/);
    await expect(displayChart(spec, "<svg/>")).rejects.toThrow(/pass options.sink/);
  });
});
