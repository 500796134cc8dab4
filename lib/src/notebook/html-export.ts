/**
 * Preparing nbconvert's HTML export so the report is one self-contained file that shows the charts.
 *
 * SVG outputs: nbconvert 6.5.3's templates pass `image/svg+xml` data through lxml's `clean_html`,
 * which strips every SVG element (the report shows an empty `<svg width… height…></svg>`).
 * {@link svgOutputsAsImages} therefore adds to each SVG output, in the copy that is exported, a
 * `text/html` representation — `<img src="data:image/svg+xml;base64,…" alt="…">` — which the
 * templates prefer and do not clean (HTML outputs are sanitised only with
 * `HTMLExporter.sanitize_html`). As an image, each SVG is also its own document, so ids inside
 * two charts cannot clash and scripts in an SVG never run. The executed `.ipynb` keeps the SVG.
 *
 * nbconvert 6.5's `lab` template inlines its CSS but loads two scripts by URL in `<head>`:
 * require.js (`HTMLExporter.require_js_url`) and MathJax (`HTMLExporter.mathjax_url`). Debian's
 * build points both at `file:///usr/share/javascript/…` (local files that exist only where the
 * libjs packages are installed); upstream points them at cdnjs.cloudflare.com. Neither is needed
 * for the notebooks' outputs (SVG, text, HTML tables): require.js serves ipywidgets and
 * JavaScript outputs, MathJax renders LaTeX in markdown cells. Both tags are removed; LaTeX then
 * shows as its source text.
 */

import { outputText, type Notebook, type NotebookOutput } from "./ipynb";

/** Result of {@link removeExternalScripts}. */
export interface StrippedHtml {
  readonly html: string;
  /** The `src` of every removed script, in document order. */
  readonly removed: readonly string[];
}

const SCRIPT_WITH_SRC = /<script\b[^>]*?\bsrc\s*=\s*(["'])(.*?)\1[^>]*>\s*<\/script>/gis;

/**
 * Removes every `<script src="…"></script>` whose source is not a `data:` URL, so the page makes no
 * request for scripts. Inline scripts are kept.
 *
 * @example removeExternalScripts('<head><script src="https://cdn.example/require.js"></script></head>')
 *   // → { html: "<head></head>", removed: ["https://cdn.example/require.js"] }
 */
export function removeExternalScripts(html: string): StrippedHtml {
  const removed: string[] = [];
  const out = html.replace(SCRIPT_WITH_SRC, (tag: string, _q: string, src: string) => {
    if (/^\s*data:/i.test(src)) return tag;
    removed.push(src);
    return "";
  });
  return { html: out, removed };
}

/**
 * The URLs an HTML page would fetch by itself: `src` of scripts, images and frames and `href` of
 * stylesheet links, excluding `data:` URLs and in-page anchors. Used to check a report is
 * self-contained.
 *
 * @example externalReferences('<img src="data:image/png;base64,AA"><link rel="stylesheet" href="http://x/y.css">')
 *   // → ["http://x/y.css"]
 */
export function externalReferences(html: string): string[] {
  const refs: string[] = [];
  const tag = /<(script|img|iframe|link)\b[^>]*>/gi;
  for (const m of html.matchAll(tag)) {
    const text = m[0];
    const isLink = (m[1] ?? "").toLowerCase() === "link";
    if (isLink && !/\brel\s*=\s*["']?[^"'>]*stylesheet/i.test(text)) continue;
    const attr = isLink ? /\bhref\s*=\s*(["'])(.*?)\1/i : /\bsrc\s*=\s*(["'])(.*?)\1/i;
    const url = attr.exec(text)?.[2];
    if (url !== undefined && !/^\s*(data:|#)/i.test(url)) refs.push(url);
  }
  return refs;
}

const escapeAttr = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&");

/**
 * The text alternative of an SVG document: the root element's `aria-label`, else its first
 * `<title>`, else `fallback`.
 *
 * @example svgLabel('<svg role="img" aria-label="Autonomy by mission"><title>T</title></svg>') // → "Autonomy by mission"
 */
export function svgLabel(svg: string, fallback = "SVG image"): string {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? "";
  const aria = /\baria-label\s*=\s*(["'])(.*?)\1/is.exec(root)?.[2];
  if (aria?.trim()) return unescapeXml(aria.trim());
  const title = /<title\b[^>]*>(.*?)<\/title>/is.exec(svg)?.[1];
  if (title?.trim()) return unescapeXml(title.trim());
  return fallback;
}

/**
 * An `<img>` tag showing `svg` from a base64 `data:` URL, with its {@link svgLabel} as `alt`,
 * scaled down to the page width if wider.
 *
 * @example svgImageTag('<svg xmlns="http://www.w3.org/2000/svg"/>').startsWith('<img src="data:image/svg+xml;base64,') // → true
 */
export function svgImageTag(svg: string, fallbackLabel?: string): string {
  const base64 = Buffer.from(svg, "utf8").toString("base64");
  const alt = escapeAttr(svgLabel(svg, fallbackLabel));
  return `<img src="data:image/svg+xml;base64,${base64}" alt="${alt}" style="max-width: 100%; height: auto">`;
}

/**
 * A copy of the notebook for HTML export in which every output holding `image/svg+xml` and no
 * `text/html` also holds a `text/html` {@link svgImageTag} (alt text: the SVG's label, else the
 * output's `text/plain`). The input is not modified.
 *
 * @example svgOutputsAsImages(nb).cells[1].outputs[0].data["text/html"] // → '<img src="data:image/svg+xml;base64,…" alt="…" …>'
 */
export function svgOutputsAsImages(notebook: Notebook): Notebook {
  const convert = (output: NotebookOutput): NotebookOutput => {
    const data = output.data;
    if (!data || data["text/html"] !== undefined || data["image/svg+xml"] === undefined) return output;
    const plain = outputText(data["text/plain"]).trim();
    const tag = svgImageTag(outputText(data["image/svg+xml"]), plain || undefined);
    return { ...output, data: { ...data, "text/html": tag } };
  };
  const cells = notebook.cells.map((cell) =>
    cell.outputs && cell.outputs.some((o) => o.data?.["image/svg+xml"] !== undefined)
      ? { ...cell, outputs: cell.outputs.map(convert) }
      : cell,
  );
  return { ...notebook, cells };
}
