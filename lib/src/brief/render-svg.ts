/**
 * Chart rendering in Node: Vega-Lite → Vega → SVG string, with no access to files or network, an
 * accessible root element, and a sanitiser that keeps only the SVG vocabulary Vega produces.
 */
import { UNSAFE_CHARS_KEEPING_LINES, escapeControlChar } from "../io/control-chars";
import { escapeAttribute, escapeHtml, html, raw, type SafeHtml } from "./html";
import { loadVega, type VegaLoader, type VegaLogger } from "./vega-runtime";

/**
 * Raised when a chart spec asks for an external resource (data by URL, an image, a link) — always
 * refused; `resource` says what was asked for.
 *
 * @example await renderChartSvg({ data: { url: "file:///etc/passwd" }, mark: "point" })
 *   // → rejects with ExternalResourceError (resource mentions "file:///etc/passwd")
 */
export class ExternalResourceError extends Error {
  /** What was asked for, e.g. `data url "file:///etc/passwd"`. */
  readonly resource: string;
  constructor(resource: string) {
    super(`chart specs may not load external resources; refused ${resource}`);
    this.name = "ExternalResourceError";
    this.resource = resource;
  }
}

/**
 * A Vega loader that refuses everything: `load`, `sanitize`, `http` and `file` all reject with an
 * {@link ExternalResourceError} without touching the file system or the network. `onRefuse` is
 * told each refused request (method and URI).
 *
 * @example await refusingLoader().load("file:///etc/passwd") // → rejects with ExternalResourceError
 */
export function refusingLoader(onRefuse?: (method: string, uri: string) => void): VegaLoader {
  const refuse = (method: string, uri: unknown): Promise<never> => {
    const target = String(uri);
    onRefuse?.(method, target);
    return Promise.reject(new ExternalResourceError(`${method} ${JSON.stringify(target)}`));
  };
  return {
    load: (uri) => refuse("load", uri),
    sanitize: (uri) => refuse("sanitize", uri),
    http: (uri) => refuse("http", uri),
    file: (filename) => refuse("file", filename),
  };
}

/** Throws {@link ExternalResourceError} if a compiled Vega spec refers to anything outside itself. */
function assertSelfContained(node: unknown, path: string): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => assertSelfContained(item, `${path}[${i}]`));
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === "values") continue; // inline data: plain values, never loaded
    if (key === "url") throw new ExternalResourceError(`${path}.url ${JSON.stringify(value)}`);
    if (key === "href") throw new ExternalResourceError(`${path}.href (links)`);
    if (key === "type" && value === "image") throw new ExternalResourceError(`${path}: image mark`);
    assertSelfContained(value, `${path}.${key}`);
  }
}

/** Elements a Vega SVG may keep. */
const SVG_ELEMENTS = new Set([
  "svg",
  "g",
  "path",
  "rect",
  "line",
  "circle",
  "ellipse",
  "polygon",
  "polyline",
  "text",
  "tspan",
  "title",
  "desc",
  "defs",
  "clippath",
  "lineargradient",
  "radialgradient",
  "stop",
  "pattern",
]);
/** Elements removed with their content. */
const DROPPED_WITH_CONTENT = [
  "script",
  "style",
  "foreignObject",
  "iframe",
  "object",
  "embed",
  "image",
  "use",
  "a",
];

/**
 * Keeps only plain SVG drawing markup: drops `<script>`, `<style>`, `<foreignObject>`, images,
 * links and `<use>`; removes event-handler attributes, `href`s, and `url(…)` references other than
 * in-document `url(#id)`. Throws when an element outside the SVG drawing vocabulary remains (fail
 * closed rather than pass something unexpected).
 *
 * @throws Error when an element outside that vocabulary remains.
 * @example sanitizeSvg('<svg><script>x</script><rect onclick="x" width="1"/></svg>') // → '<svg><rect width="1"/></svg>'
 */
export function sanitizeSvg(svg: string): string {
  let out = svg
    .replace(/<\?xml[^>]*\?>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!DOCTYPE[^>]*>/gi, "");
  for (const name of DROPPED_WITH_CONTENT) {
    out = out
      .replace(new RegExp(`<${name}\\b[^>]*/>`, "gi"), "")
      .replace(new RegExp(`<${name}\\b[\\s\\S]*?</${name}\\s*>`, "gi"), "")
      .replace(new RegExp(`</?${name}\\b[^>]*>`, "gi"), "");
  }
  out = out.replace(
    /<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/g,
    (_m, tag, attrs, self) => {
      const kept = String(attrs).replace(
        /\s+([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'))?/g,
        (attr: string, name: string, value: string | undefined) => {
          const n = name.toLowerCase();
          if (n.startsWith("on") || n === "href" || n.endsWith(":href") || n === "style") return "";
          if (value !== undefined && /url\s*\(\s*(?!['"]?#)/i.test(value)) return "";
          if (
            value !== undefined &&
            /javascript:|data:|https?:|file:/i.test(value) &&
            n !== "xmlns" &&
            !n.startsWith("xmlns:")
          ) {
            return n === "aria-label" || n === "aria-roledescription" ? attr : "";
          }
          return attr;
        },
      );
      return `<${tag}${kept}${self ? "/" : ""}>`;
    },
  );
  for (const m of out.matchAll(/<\/?([a-zA-Z][\w:-]*)/g)) {
    const name = (m[1] ?? "").toLowerCase();
    if (!SVG_ELEMENTS.has(name)) throw new Error(`unexpected <${name}> in chart SVG`);
  }
  return out.trim();
}

function titleText(spec: object): string {
  const t = (spec as { title?: unknown }).title;
  if (typeof t === "string") return t;
  if (Array.isArray(t)) return t.join(" ");
  if (t && typeof t === "object") {
    const text = (t as { text?: unknown }).text;
    if (typeof text === "string") return text;
    if (Array.isArray(text)) return text.join(" ");
  }
  return "";
}

/**
 * Gives every chart mark that carries its own `aria-label` (a mark whose spec sets
 * `description: { field: "tip" }`) a `<title>` child with the same text, so the value shows as a
 * tooltip on hover without any script. The label is already escaped as an attribute value, which
 * is also valid escaped text.
 *
 * @example markTooltips('<path aria-label="Run 3: 12 min" role="graphics-symbol" d="M0,0"/>')
 *   // → '<path aria-label="Run 3: 12 min" role="graphics-symbol" d="M0,0"><title>Run 3: 12 min</title></path>'
 */
export function markTooltips(svg: string): string {
  return svg.replace(
    /<(path|rect|circle|line|text)\b((?:\s[\w:-]+="[^"]*")*?\saria-label="([^"]*)"(?:\s[\w:-]+="[^"]*")*?\srole="graphics-symbol"(?:\s[\w:-]+="[^"]*")*)\s*(\/>|>)/g,
    (_m, tag: string, attrs: string, label: string, end: string) =>
      end === "/>"
        ? `<${tag}${attrs}><title>${label}</title></${tag}>`
        : `<${tag}${attrs}><title>${label}</title>`,
  );
}

/** Adds `role="img"`, an `aria-label` and a `<title>` to the root `<svg>`. */
function makeAccessible(svg: string, title: string, label: string): string {
  return svg.replace(/^<svg\b([^>]*)>/, (_m, attrs: string) => {
    const cleaned = attrs.replace(/\s(?:role|aria-label|aria-roledescription)="[^"]*"/g, "");
    return (
      `<svg${cleaned} role="img" aria-label="${escapeAttribute(label)}">` +
      (title ? `<title>${escapeHtml(title)}</title>` : "")
    );
  });
}

/**
 * A copy of a chart spec whose strings show control characters (C0 except tab and line feed, DEL,
 * C1) and bidi controls as backslash text (`\x1b`, `\u202e`): SVG has no `<bdi>`, so an
 * unterminated U+202E in a label would reorder the rest of the chart's text. Same classification
 * as the HTML and the CLI (`io/control-chars`). Strings without such characters are kept as is.
 */
function withVisibleControls<T>(value: T): T {
  if (typeof value === "string") return value.replace(UNSAFE_CHARS_KEEPING_LINES, escapeControlChar) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => withVisibleControls(v)) as T;
  if (value !== null && typeof value === "object") {
    // fromEntries defines own properties (a "__proto__" key stays a key, not a prototype).
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withVisibleControls(v)])) as T;
  }
  return value;
}

/** Options of {@link renderChartSvg}. */
export interface RenderChartSvgOptions {
  /** Told each warning from Vega-Lite's compiler and Vega's runtime (default: ignored). */
  readonly onWarning?: (message: string) => void;
  /**
   * For inline use in HTML: leave out the root's `xmlns` declarations (HTML needs none), so the
   * markup holds no URL at all (default false: a standalone SVG file).
   */
  readonly inline?: boolean;
}

/**
 * The root `<svg>` without its `xmlns` declarations: inline SVG in HTML needs none, and the markup
 * then holds no URL at all.
 *
 * @example inlineSvg('<svg xmlns="http://www.w3.org/2000/svg" width="2"><g/></svg>') // → '<svg width="2"><g/></svg>'
 */
export function inlineSvg(svg: string): string {
  return svg.replace(/^<svg\b[^>]*>/, (root) => root.replace(/\s+xmlns(?::[\w-]+)?\s*=\s*"[^"]*"/g, ""));
}

/**
 * Outputs of {@link renderChartSvg} (already sanitised), so {@link chartFigure} need not sanitise
 * them again; bounded, cleared when full. Membership is by content, so only markup equal to a
 * sanitised output skips the second pass.
 */
const SANITISED = new Set<string>();
const SANITISED_MAX = 256;

function remember(svg: string): string {
  if (SANITISED.size >= SANITISED_MAX) SANITISED.clear();
  SANITISED.add(svg);
  return svg;
}

function collectingLogger(onWarning: ((m: string) => void) | undefined, errors: string[]): VegaLogger {
  let level = 2; // vega.Warn
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ");
  const logger: VegaLogger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args) {
      errors.push(text(args));
      return logger;
    },
    warn(...args) {
      onWarning?.(text(args));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/**
 * Renders a Vega-Lite spec to an SVG string, in Node, with no network or file access: the spec is
 * compiled with vega-lite, checked to be self-contained, and drawn by a vega `View` (renderer
 * "none") whose loader refuses every request. The root `<svg>` gets `role="img"`, an `aria-label`
 * (the spec's `description`, else its title) and a `<title>`; the output is sanitised (see
 * {@link sanitizeSvg}). Sizes are px; text is measured with DejaVu Sans metrics.
 *
 * @throws ExternalResourceError when the spec refers to data by URL, an image, or a link.
 * @throws Error when vega-lite or vega reject the spec.
 * @example await renderChartSvg(autonomyChartSpec({ missions: [{ missionName: "Billing", autonomyScore: 80 }] }))
 *   // → '<svg … role="img" aria-label="Bar chart of autonomy score …"><title>Autonomy by mission</title>…'
 */
export async function renderChartSvg(input: object, options: RenderChartSvgOptions = {}): Promise<string> {
  const spec = withVisibleControls(input);
  const { vega, vegaLite } = await loadVega();
  const errors: string[] = [];
  const logger = collectingLogger(options.onWarning, errors);
  const compiled = vegaLite.compile(spec, { logger }).spec;
  assertSelfContained(compiled, "spec");
  const refused: string[] = [];
  const view = new vega.View(vega.parse(compiled), {
    renderer: "none",
    loader: refusingLoader((method, uri) => refused.push(`${method} ${JSON.stringify(uri)}`)),
    logger,
    logLevel: vega.Warn,
  });
  try {
    await view.runAsync();
    if (refused.length) throw new ExternalResourceError(refused.join(", "));
    if (errors.length) throw new Error(`chart rendering failed: ${errors.join("; ")}`);
    const svg = await view.toSVG();
    if (refused.length) throw new ExternalResourceError(refused.join(", "));
    const title = titleText(spec);
    const description = (spec as { description?: unknown }).description;
    const label = typeof description === "string" && description.trim() ? description : title || "Chart";
    const accessible = makeAccessible(markTooltips(sanitizeSvg(svg)), title, label);
    return remember(options.inline ? inlineSvg(accessible) : accessible);
  } finally {
    view.finalize();
  }
}

/** Options of {@link chartFigure}. */
export interface ChartFigureOptions {
  /** Short heading shown above the caption text, e.g. "Figure 2 — Cycle time". */
  readonly title?: string;
  /** What the reader should take from the chart. */
  readonly caption?: string;
  /** `id` of the figure element (for in-document links). */
  readonly id?: string;
}

/**
 * Wraps a chart SVG (from {@link renderChartSvg}) in a `<figure class="chart">` that never splits
 * across pages (`break-inside: avoid`), with an escaped `<figcaption>` holding the title and
 * caption. The SVG is sanitised again (idempotent), so only chart markup can get through.
 *
 * @throws Error when `svg` is not an SVG or holds elements outside the SVG drawing vocabulary.
 * @example chartFigure(svg, { title: "Cycle time", caption: "Falling <fast>" }).toString()
 *   // → '<figure class="chart" style="break-inside: avoid; …">…<figcaption><strong>Cycle time</strong> Falling &lt;fast&gt;</figcaption></figure>'
 */
export function chartFigure(svg: string, options: ChartFigureOptions = {}): SafeHtml {
  const clean = SANITISED.has(svg) ? svg : sanitizeSvg(svg);
  if (!/^<svg\b/.test(clean)) throw new Error("chartFigure expects an <svg> element");
  const title = options.title ? html`<strong>${options.title}</strong>` : "";
  const gap = options.title && options.caption ? " " : "";
  // Prettier reformats markup inside html`…` (whitespace, quotes); these lines keep theirs exact.
  // prettier-ignore
  const caption = title || options.caption ? html`<figcaption>${title}${gap}${options.caption ?? ""}</figcaption>` : "";
  // prettier-ignore
  const id = options.id ? html` id="${options.id}"` : "";
  // prettier-ignore
  return html`<figure class="chart"${id} style="break-inside: avoid; page-break-inside: avoid">${raw(clean)}${caption}</figure>`;
}
