/**
 * The self-contained HTML document shell of the brief: a Content-Security-Policy that allows
 * nothing but inline styles and `data:` images/fonts, print-friendly CSS for A4 or Letter, no
 * script, and no external URL of any kind.
 */
import { escapeAttribute, escapeHtml, isSafeHtml, type SafeHtml } from "./html";
import { CHART_FONT, STATUS_COLORS, STATUS_TINTS, CHART_COLORS } from "./charts/theme";

/**
 * The Content-Security-Policy every brief document carries: nothing may load except inline styles
 * and `data:` images and fonts; no script at all.
 *
 * @example BRIEF_CSP // → "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
 */
export const BRIEF_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** Paper sizes the brief is laid out for. */
export type PaperSize = "a4" | "letter";

/**
 * Page margins (CSS lengths), shared by the CSS `@page` rule and the PDF renderer; the PDF footer
 * is drawn in the bottom margin.
 *
 * @example PAGE_MARGINS.bottom // → "18mm"
 */
export const PAGE_MARGINS = { top: "16mm", right: "15mm", bottom: "18mm", left: "15mm" } as const;

/**
 * The base print stylesheet: `@page` size and margins, DejaVu Sans type, headings that stay with
 * what follows, tables whose header repeats on each page and whose rows never split, figures that
 * never split (`break-inside: avoid`), status banners and badges (`.banner-on-track`,
 * `.banner-watch`, `.banner-attention`, `.banner-info`; `.status-…`), `.num` for right-aligned
 * tabular numbers, `.page-break`, `.avoid-break`, `.muted`, `.small`. Direction-neutral (logical
 * properties), so `dir="rtl"` documents lay out correctly.
 *
 * @example briefCss("letter") // → "@page { size: letter; margin: 16mm 15mm 18mm 15mm; }\n…"
 */
export function briefCss(paper: PaperSize = "a4"): string {
  const size = paper === "letter" ? "letter" : "A4";
  const m = PAGE_MARGINS;
  return `@page { size: ${size}; margin: ${m.top} ${m.right} ${m.bottom} ${m.left}; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; font-family: "${CHART_FONT}", Verdana, sans-serif; font-size: 9.5pt; line-height: 1.45; color: ${CHART_COLORS.ink}; background: white; }
h1 { font-size: 18pt; line-height: 1.2; margin: 0 0 2mm; }
h2 { font-size: 13pt; line-height: 1.25; margin: 7mm 0 2.5mm; padding-bottom: 1.2mm; border-bottom: 1px solid ${CHART_COLORS.grid}; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4.5mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2.5mm; orphans: 3; widows: 3; }
ul, ol { margin: 0 0 2.5mm; padding-inline-start: 5mm; }
li { margin-bottom: 1mm; }
.muted { color: ${CHART_COLORS.muted}; }
.small { font-size: 8pt; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 8.5pt; }
thead { display: table-header-group; }
tr, th, td { break-inside: avoid; page-break-inside: avoid; }
th, td { padding: 1.2mm 2mm; text-align: start; vertical-align: top; border-bottom: 1px solid ${CHART_COLORS.grid}; }
th { font-weight: bold; color: ${CHART_COLORS.muted}; border-bottom: 1.5px solid ${CHART_COLORS.axis}; }
.num { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 3mm 0 5mm; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { margin-top: 1.5mm; font-size: 8pt; color: ${CHART_COLORS.muted}; }
figcaption strong { color: ${CHART_COLORS.ink}; }
.banner { margin: 3mm 0; padding: 2.5mm 3.5mm; border-inline-start: 4px solid ${CHART_COLORS.primary}; background: #eaf0f6; break-inside: avoid; page-break-inside: avoid; }
.banner-info { border-color: ${CHART_COLORS.primary}; background: #eaf0f6; }
.banner-on-track { border-color: ${STATUS_COLORS.ON_TRACK}; background: ${STATUS_TINTS.ON_TRACK}; }
.banner-watch { border-color: ${STATUS_COLORS.WATCH}; background: ${STATUS_TINTS.WATCH}; }
.banner-attention { border-color: ${STATUS_COLORS.ATTENTION_REQUIRED}; background: ${STATUS_TINTS.ATTENTION_REQUIRED}; }
.status { display: inline-block; padding: 0.2mm 1.8mm; border-radius: 1.5mm; font-size: 8pt; font-weight: bold; white-space: nowrap; }
.status-on-track { color: white; background: ${STATUS_COLORS.ON_TRACK}; }
.status-watch { color: ${CHART_COLORS.ink}; background: ${STATUS_COLORS.WATCH}; }
.status-attention { color: white; background: ${STATUS_COLORS.ATTENTION_REQUIRED}; }
.page-break { break-before: page; page-break-before: always; }
.avoid-break { break-inside: avoid; page-break-inside: avoid; }
a { color: inherit; text-decoration: none; }
@media screen { body { max-width: 190mm; margin: 8mm auto; padding: 0 6mm; } }
`;
}

/** Throws unless `css` is plain inline CSS that cannot load anything or leave its `<style>`. */
function assertInlineCss(css: string): void {
  const problems: [RegExp, string][] = [
    [/<\/?\s*style|<!--|-->|<\//i, "markup"],
    [/@import/i, "@import"],
    [/url\s*\(\s*(?!['"]?data:)/i, "url() other than data:"],
    [/expression\s*\(|javascript:|behavior\s*:|-moz-binding/i, "script"],
    [/\\/, "CSS escapes"],
  ];
  for (const [re, what] of problems) {
    if (re.test(css)) throw new TypeError(`htmlDocument: extra CSS may not contain ${what}`);
  }
}

/** Input of {@link htmlDocument}. */
export interface HtmlDocumentInput {
  /** Document title (`<title>`; also the PDF's title). */
  readonly title: string;
  /** BCP 47 language tag, e.g. "en" or "ar" (default "en"). */
  readonly lang?: string;
  /** Text direction (default "ltr"). */
  readonly dir?: "ltr" | "rtl";
  /** The body content, built with `html` (plain strings are refused). */
  readonly bodyHtml: SafeHtml;
  /** Extra CSS appended to {@link briefCss}; no `url()` but `data:`, no `@import`, no markup. */
  readonly css?: string;
  /** Paper the `@page` rule sets (default "a4"). */
  readonly paper?: PaperSize;
  /** `<meta name="description">`. */
  readonly description?: string;
}

/**
 * A complete, self-contained HTML document: doctype, `lang`/`dir`, UTF-8, the
 * {@link BRIEF_CSP} Content-Security-Policy as the first `<meta>` after the charset, `<title>`,
 * the print CSS ({@link briefCss} plus `css`) inline, and the body. No script, no external URL.
 *
 * @throws TypeError when `bodyHtml` is not SafeHtml or `css` could load something or break out of
 *   its `<style>`. @throws RangeError when `lang` is not a language tag.
 * @example htmlDocument({ title: "Brief", bodyHtml: html`<h1>Brief</h1>` })
 *   // → '<!doctype html>\n<html lang="en" dir="ltr">…<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; …'
 */
export function htmlDocument(input: HtmlDocumentInput): string {
  if (!isSafeHtml(input.bodyHtml)) throw new TypeError("htmlDocument: bodyHtml must be built with html`…`");
  const lang = input.lang ?? "en";
  if (!/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(lang))
    throw new RangeError(`not a language tag: ${lang}`);
  const dir = input.dir === "rtl" ? "rtl" : "ltr";
  const extra = input.css ?? "";
  assertInlineCss(extra);
  const description = input.description
    ? `\n<meta name="description" content="${escapeAttribute(input.description)}">`
    : "";
  return `<!doctype html>
<html lang="${escapeAttribute(lang)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${BRIEF_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">${description}
<title>${escapeHtml(input.title)}</title>
<style>
${briefCss(input.paper)}${extra ? `\n${extra}\n` : ""}</style>
</head>
<body>
${input.bodyHtml.toString()}
</body>
</html>
`;
}
