/**
 * Text widths for DejaVu Sans, the one font every chart and the brief use. Vega, running in Node
 * without a canvas, guesses a text's width as 0.8 × font size per character — far wider than
 * DejaVu Sans (≈ 0.6) — so axis titles end up far from their labels and label limits cut text
 * that would fit. {@link installDejaVuTextMetrics} replaces that guess with the real advance
 * widths of DejaVu Sans (Book and Bold), read from the fonts' `hmtx` tables (units per em 2048,
 * stored here in thousandths of an em; kerning ignored). Characters not in the table count as
 * 0.7 em (1 em for wide East Asian characters), which errs on the side of more room.
 */

/** Advance widths, thousandths of an em, for U+0020…U+007E (Book, then Bold). */
const ASCII_BOOK = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
  636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
  295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
  500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
  392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const ASCII_BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
  696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
  372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
  500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
  478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];
/** Advance widths for U+00A0…U+00FF (Latin-1 supplement). */
const LATIN1_BOOK = [
  318, 401, 636, 636, 636, 636, 337, 500, 500, 1000, 471, 612, 838, 361, 1000, 500, 500, 838, 401, 401, 500,
  636, 636, 318, 500, 401, 471, 612, 969, 969, 969, 531, 684, 684, 684, 684, 684, 684, 974, 698, 632, 632,
  632, 632, 295, 295, 295, 295, 775, 748, 787, 787, 787, 787, 787, 838, 787, 732, 732, 732, 732, 611, 605,
  630, 613, 613, 613, 613, 613, 613, 982, 550, 615, 615, 615, 615, 278, 278, 278, 278, 612, 634, 612, 612,
  612, 612, 612, 838, 612, 634, 634, 634, 634, 592, 635, 592,
];
const LATIN1_BOLD = [
  348, 456, 696, 696, 636, 696, 365, 500, 500, 1000, 564, 646, 838, 415, 1000, 500, 500, 838, 438, 438, 500,
  736, 636, 380, 500, 438, 564, 646, 1035, 1035, 1035, 580, 774, 774, 774, 774, 774, 774, 1085, 734, 683, 683,
  683, 683, 372, 372, 372, 372, 838, 837, 850, 850, 850, 850, 850, 838, 850, 812, 812, 812, 812, 724, 738,
  719, 675, 675, 675, 675, 675, 675, 1048, 593, 678, 678, 678, 678, 343, 343, 343, 343, 687, 712, 687, 687,
  687, 687, 687, 838, 687, 712, 712, 712, 712, 652, 716, 652,
];
/** A few typographic symbols used in labels: [code point, Book, Bold]. */
const SYMBOLS: ReadonlyArray<readonly [number, number, number]> = [
  [0x2013, 500, 500], // – en dash
  [0x2014, 1000, 1000], // — em dash
  [0x2018, 318, 380],
  [0x2019, 318, 380],
  [0x201c, 518, 657],
  [0x201d, 518, 657],
  [0x2022, 590, 639], // •
  [0x2026, 1000, 1000], // …
  [0x2212, 838, 838], // −
  [0x2264, 838, 838], // ≤
  [0x2265, 838, 838], // ≥
  [0x2260, 838, 838], // ≠
  [0x2248, 838, 838], // ≈
  [0x2190, 838, 838],
  [0x2191, 838, 838],
  [0x2192, 838, 838],
  [0x2193, 838, 838],
  [0x2713, 838, 838], // ✓
  [0x2717, 838, 838], // ✗
  [0x25cf, 873, 873], // ●
  [0x25b2, 769, 769], // ▲
  [0x25bc, 769, 769], // ▼
  [0x25c6, 769, 769], // ◆
  [0x0394, 684, 774], // Δ
  [0x20ac, 636, 696], // €
];
const SYMBOL_BOOK = new Map(SYMBOLS.map(([c, w]) => [c, w]));
const SYMBOL_BOLD = new Map(SYMBOLS.map(([c, , w]) => [c, w]));

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

function advance(code: number, bold: boolean): number {
  if (code >= 0x20 && code <= 0x7e) return (bold ? ASCII_BOLD : ASCII_BOOK)[code - 0x20] ?? 700;
  if (code >= 0xa0 && code <= 0xff) return (bold ? LATIN1_BOLD : LATIN1_BOOK)[code - 0xa0] ?? 700;
  const symbol = (bold ? SYMBOL_BOLD : SYMBOL_BOOK).get(code);
  if (symbol !== undefined) return symbol;
  if (
    code < 0x20 ||
    (code >= 0x300 && code <= 0x36f) ||
    code === 0x200d ||
    (code >= 0xfe00 && code <= 0xfe0f)
  ) {
    return 0; // controls, combining marks, zero-width joiner, variation selectors
  }
  return isWide(code) ? 1000 : 700;
}

/**
 * Width in px of `text` set in DejaVu Sans at `fontSize` px (Bold when `bold`), from the font's
 * advance widths (no kerning); unknown characters count 0.7 em (wide East Asian ones 1 em).
 *
 * @example textWidth("Run", 10) // → 19.63 (within 1e-9)
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += advance(ch.codePointAt(0) ?? 0x20, bold);
  return (units / 1000) * fontSize;
}

/**
 * `text` (trimmed) shortened with a trailing "…" so that it is at most `maxWidth` px wide in
 * DejaVu Sans at `fontSize` px; unchanged when it already fits.
 *
 * @example fitText("Customer onboarding", 60, 10) // → "Customer…"
 */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  const trimmed = text.trim();
  if (textWidth(trimmed, fontSize, bold) <= maxWidth) return trimmed;
  const chars = Array.from(trimmed);
  const budget = maxWidth - textWidth("…", fontSize, bold);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (textWidth(chars.slice(0, mid).join(""), fontSize, bold) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join("").trimEnd()}…`;
}

/**
 * Category labels fitted to `maxWidth` px and made unique (a repeated label gets " (2)", " (3)" …),
 * in input order, so that two long names with the same beginning stay two rows of a chart.
 */
export function uniqueFittedLabels(names: readonly string[], maxWidth: number, fontSize: number): string[] {
  const fitted = names.map((n) => fitText(n, maxWidth, fontSize));
  const seen = new Map<string, number>();
  return fitted.map((label, i) => {
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    if (count === 1) return label;
    const suffix = ` (${count})`;
    return fitText(names[i] ?? label, maxWidth - textWidth(suffix, fontSize), fontSize) + suffix;
  });
}

interface VegaTextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
  readonly text?: unknown;
}

/** Vega's text measurement hook (`textMetrics` of vega-scenegraph, re-exported by vega). */
export interface VegaTextMetrics {
  width: (item: VegaTextItem, text: unknown) => number;
}

function isBold(weight: number | string | undefined): boolean {
  if (weight === undefined) return false;
  if (typeof weight === "number") return weight >= 600;
  return weight === "bold" || weight === "bolder" || Number(weight) >= 600;
}

/**
 * Makes Vega measure text with the DejaVu Sans widths (process-wide: Vega keeps one measurement
 * hook per loaded module). Vega truncates labels to their limits with this same function, so the
 * widths must be those of the untruncated text — which is also why charts fit long category
 * labels themselves ({@link uniqueFittedLabels}) before Vega sees them.
 */
export function installDejaVuTextMetrics(metrics: VegaTextMetrics): void {
  metrics.width = (item, text) => {
    const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
    const value = text === null || text === undefined ? "" : String(text).trim();
    return size <= 0 || value === "" ? 0 : textWidth(value, size, isBold(item.fontWeight));
  };
}
