/**
 * The executive brief as PDF: the brief's HTML printed by the hardened `renderPdf` (fresh system
 * Chromium per call, JavaScript off, every non-`data:` request aborted, `setContent` only,
 * explicit timeouts, browser closed in `finally`), A4 or Letter, tagged, with "‹label› … Page N of
 * M" footers.
 */
import type { PaperSize } from "./document";
import { renderPdf } from "./render-pdf";

/** Options of {@link renderBriefPdf}. */
export interface BriefPdfOptions {
  /** Paper size (default "a4"); should match the `paper` the HTML was rendered for. */
  readonly paper?: PaperSize;
  /** Footer text before "Page N of M" (default: the document's `<title>`). Escaped. */
  readonly footerLabel?: string;
  /** Bound on the whole render, browser start included, ms (default 60 000). */
  readonly timeoutMs?: number;
  /** Chromium to use (default: found by `findChromium`). */
  readonly executablePath?: string;
}

const ENTITIES: Readonly<Record<string, string>> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

/**
 * The text of a document's `<title>` (the five entities `escapeHtml` writes decoded), or "".
 *
 * @example documentTitle("<html><head><title>Brief &amp; more</title></head></html>") // → "Brief & more"
 */
export function documentTitle(doc: string): string {
  const m = /<title>([^<]*)<\/title>/i.exec(doc);
  return m ? (m[1] ?? "").replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e).trim() : "";
}

/**
 * Prints a brief's HTML (from `renderBriefHtml`) to PDF bytes with the system Chromium.
 *
 * @throws ChromiumNotFoundError when no Chromium is found; PdfTimeoutError after `timeoutMs`.
 * @example const pdf = await renderBriefPdf(await renderBriefHtml(result), { paper: "a4" })
 *   // → Uint8Array starting with "%PDF-"
 */
export async function renderBriefPdf(doc: string, options: BriefPdfOptions = {}): Promise<Uint8Array> {
  return renderPdf(doc, {
    paper: options.paper === "letter" ? "letter" : "a4",
    footerLabel: options.footerLabel ?? documentTitle(doc),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.executablePath !== undefined ? { executablePath: options.executablePath } : {}),
  });
}
