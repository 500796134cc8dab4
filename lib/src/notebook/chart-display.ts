/**
 * Showing a chart in a notebook cell so that it renders everywhere the notebook is opened.
 *
 * One display output carries a MIME bundle with three representations; each front end shows the
 * richest one it supports, so the chart appears exactly once:
 *
 * | front end                          | shows                                              |
 * |------------------------------------|----------------------------------------------------|
 * | classic Notebook 6                 | `image/svg+xml` (it has no Vega-Lite renderer)      |
 * | JupyterLab, VS Code                | the interactive Vega-Lite spec if their renderer    |
 * |                                    | knows the MIME version, else the SVG                |
 * | `nbconvert --to html` (our report) | `image/svg+xml` (not in its display priority list) |
 * | plain text consumers               | `text/plain`, a one-line description               |
 *
 * tslab's public `display.raw(mime, data)` emits one MIME type per output, so the bundle is sent
 * through the kernel's own display writer (`tslab/dist/jupyter`'s `lastWriteDisplayData`, found in
 * the running kernel's module cache; tslab 1.0.x). Outside tslab, pass a {@link DisplaySink}.
 * The SVG comes from the library's `renderChartSvg` (vega loaded on first use) unless given.
 */
import { renderChartSvg } from "../brief/render-svg";

/** A Jupyter MIME bundle: MIME type → data (strings, or JSON for `+json` types), plus metadata. */
export interface MimeBundle {
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Receives a bundle to display (tslab's kernel writer, or a capturing function in tests). */
export type DisplaySink = (bundle: MimeBundle) => void;

/** Renders a chart spec to an SVG document string. */
export type SvgRenderer = (spec: object) => string | Promise<string>;

/** Options of {@link chartMimeBundle} and {@link displayChart}. */
export interface ChartDisplayOptions {
  /** Vega-Lite MIME type; default from the spec's `$schema` ({@link vegaLiteMimeType}). */
  readonly mimeType?: string;
  /** The `text/plain` representation; default "Vega-Lite chart: <title or description>". */
  readonly text?: string;
  /** Where to send the bundle; default {@link tslabDisplaySink}. */
  readonly sink?: DisplaySink;
}

/** The Vega-Lite major version the library's charts use (vega-lite 6). */
export const DEFAULT_VEGALITE_MAJOR = 6;

/**
 * The Jupyter MIME type for a Vega-Lite spec: `application/vnd.vegalite.v<major>+json`, the major
 * version read from the spec's `$schema` URL (…/vega-lite/v5.json → v5), else
 * {@link DEFAULT_VEGALITE_MAJOR}.
 *
 * @example vegaLiteMimeType({ $schema: "https://vega.github.io/schema/vega-lite/v5.json" })
 *   // → "application/vnd.vegalite.v5+json"
 */
export function vegaLiteMimeType(spec: object): string {
  const schema = (spec as { $schema?: unknown }).$schema;
  const m = typeof schema === "string" ? /vega-lite\/v(\d+)/.exec(schema) : null;
  return `application/vnd.vegalite.v${m?.[1] ?? DEFAULT_VEGALITE_MAJOR}+json`;
}

function describe(spec: object): string {
  const s = spec as { title?: unknown; description?: unknown };
  const title =
    typeof s.title === "string"
      ? s.title
      : typeof (s.title as { text?: unknown } | undefined)?.text === "string"
        ? String((s.title as { text: string }).text)
        : typeof s.description === "string"
          ? s.description
          : "";
  return title ? `Vega-Lite chart: ${title}` : "Vega-Lite chart";
}

/**
 * The MIME bundle for a chart: the SVG, a JSON copy of the Vega-Lite spec (so later changes to
 * `spec` do not alter it) and a one-line text.
 *
 * @throws TypeError when `spec` is not JSON-serialisable (e.g. circular).
 * @example chartMimeBundle({ title: "Runs", mark: "bar" }, "<svg/>").data
 *   // → { "image/svg+xml": "<svg/>", "application/vnd.vegalite.v6+json": { title: "Runs", mark: "bar" },
 *   //     "text/plain": "Vega-Lite chart: Runs" }
 */
export function chartMimeBundle(spec: object, svg: string, options: ChartDisplayOptions = {}): MimeBundle {
  const json = JSON.parse(JSON.stringify(spec)) as unknown;
  return {
    data: {
      "image/svg+xml": svg,
      [options.mimeType ?? vegaLiteMimeType(spec)]: json,
      "text/plain": options.text ?? describe(spec),
    },
    metadata: {},
  };
}

type KernelWriter = (
  content: { data: unknown; metadata: unknown; transient: unknown },
  update: boolean,
) => void;

function kernelWriter(): KernelWriter | undefined {
  for (const [key, mod] of Object.entries(require.cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(key)) continue;
    const writer = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof writer === "function") return writer as KernelWriter;
  }
  return undefined;
}

/**
 * Whether the code runs inside a tslab kernel that is executing a cell (so
 * {@link tslabDisplaySink} can display).
 *
 * @example isTslabKernel() // → false under vitest, true in a notebook cell
 */
export function isTslabKernel(): boolean {
  return kernelWriter() !== undefined;
}

/**
 * A sink that displays bundles in the current tslab cell.
 *
 * @throws Error when called outside a tslab kernel; the returned sink throws the same way if the
 *   kernel is gone.
 * @example tslabDisplaySink()(chartMimeBundle(spec, svg)) // → the chart appears under the cell
 */
export function tslabDisplaySink(): DisplaySink {
  if (!kernelWriter())
    throw new Error("not running in a tslab kernel: pass options.sink to display elsewhere");
  return (bundle) => {
    const writer = kernelWriter();
    if (!writer) throw new Error("not running in a tslab kernel");
    writer({ data: bundle.data, metadata: bundle.metadata, transient: {} }, false);
  };
}

/**
 * Displays a chart under the current cell: its static SVG (given, produced by `svg(spec)`, or by
 * default rendered with `renderChartSvg`) plus its Vega-Lite spec, as one output
 * ({@link chartMimeBundle}). Resolves to nothing, so tslab does not echo a value after the chart.
 *
 * @throws Error outside a tslab kernel when no `options.sink` is given; whatever the renderer
 *   throws (e.g. `ExternalResourceError` for a spec that loads data by URL).
 * @example await displayChart(autonomyChartSpec({ missions })) // in a cell → the chart, static and interactive
 * @example const shown: MimeBundle[] = [];
 *   await displayChart({ mark: "bar" }, "<svg/>", { sink: (b) => shown.push(b) }); // → shown.length === 1
 */
export async function displayChart(
  spec: object,
  svg: string | SvgRenderer = renderChartSvg,
  options: ChartDisplayOptions = {},
): Promise<void> {
  const sink = options.sink ?? tslabDisplaySink();
  const image = typeof svg === "string" ? svg : await svg(spec);
  sink(chartMimeBundle(spec, image, options));
}
