/**
 * Safe HTML building: every value interpolated into the {@link html} template is escaped unless it
 * is an explicitly trusted {@link SafeHtml} (made by `html` itself or by {@link raw} for vetted
 * markup such as a rendered chart). URLs interpolated into URL attributes are vetted too, so
 * `javascript:` can never become a link.
 */

import { BIDI_SENSITIVE, UNSAFE_CHARS_KEEPING_LINES, escapeControlChar } from "../io/control-chars";

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** A control or bidi control shown as backslash text (`\x1b`, `\u202e`); CR is whitespace, kept. */
function showControl(c: string): string {
  return c === "\r" ? c : escapeControlChar(c);
}

/**
 * Escapes `& < > " '` so that `text` is inert text in HTML content and inside quoted attribute
 * values, and shows control characters (C0 except tab, line feed and carriage return; DEL; C1) and
 * bidi controls (U+202A–U+202E, U+2066–U+2069, …) as backslash text (`\x1b`, `\u202e`) — the
 * classification the CLI uses (`io/control-chars`), so none reaches the document raw. Other
 * Unicode (right-to-left scripts, emoji) passes through unchanged; `null`/`undefined` become "".
 *
 * @example escapeHtml(`<b title="x">Tom & Jerry's</b>`)
 *   // → "&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;"
 * @example escapeHtml("a\x1b[2J\u202eb") // → "a\\x1b[2J\\u202eb"
 */
export function escapeHtml(text: unknown): string {
  if (text === null || text === undefined) return "";
  return String(text)
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
    .replace(UNSAFE_CHARS_KEEPING_LINES, showControl);
}

/**
 * Text for HTML content: escaped ({@link escapeHtml}) and, when it holds a right-to-left character
 * or a bidi control, wrapped in `<bdi>` so it cannot reorder the text around it (a Hebrew or
 * Arabic mission name next to a figure, an unterminated U+202E). Every plain value the
 * {@link html} template puts into text goes through here.
 *
 * @example isolatedText("משימה") // → "<bdi>משימה</bdi>"; isolatedText("Billing") // → "Billing"
 */
export function isolatedText(text: string): string {
  const escaped = escapeHtml(text);
  return BIDI_SENSITIVE.test(text) ? `<bdi>${escaped}</bdi>` : escaped;
}

/**
 * Escapes a value for a quoted attribute: everything {@link escapeHtml} escapes, plus the backtick
 * and tab/newline/carriage return (as character references, so they survive attribute
 * normalisation); other controls are already shown as backslash text by {@link escapeHtml}.
 *
 * @example escapeAttribute('a "b"\n`c`') // → "a &quot;b&quot;&#10;&#96;c&#96;"
 */
export function escapeAttribute(value: unknown): string {
  return escapeHtml(value)
    .replace(/`/g, "&#96;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ""); // eslint-disable-line no-control-regex
}

const SAFE_HTML_BRAND: unique symbol = Symbol("SafeHtml");

/**
 * Markup trusted to be inserted as-is. Only {@link html}, {@link raw} and {@link joinHtml} make
 * one (the constructor refuses other callers); `String(x)` gives the markup.
 *
 * @example String(html`<b>${"x"}</b>`) // → "<b>x</b>"
 */
export class SafeHtml {
  readonly [SAFE_HTML_BRAND] = true;
  readonly #markup: string;

  /** @internal Use {@link html} or {@link raw}. */
  constructor(markup: string, brand: typeof SAFE_HTML_BRAND) {
    if (brand !== SAFE_HTML_BRAND) throw new TypeError("SafeHtml is made by html`…` or raw()");
    this.#markup = markup;
  }

  /** The markup. */
  toString(): string {
    return this.#markup;
  }

  /** The markup, for JSON.stringify. */
  toJSON(): string {
    return this.#markup;
  }
}

/**
 * True when `value` is a {@link SafeHtml}.
 *
 * @example isSafeHtml(raw("<b>")) // → true; isSafeHtml("<b>") // → false
 */
export function isSafeHtml(value: unknown): value is SafeHtml {
  return value instanceof SafeHtml && value[SAFE_HTML_BRAND] === true;
}

/**
 * Marks `markup` as trusted HTML. Use it only for markup this library produced and vetted (a
 * chart SVG from `renderChartSvg`), never for text that came from data.
 *
 * @example html`<div>${raw("<b>ok</b>")}</div>`.toString() // → "<div><b>ok</b></div>"
 */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(String(markup), SAFE_HTML_BRAND);
}

/** A value the {@link html} template accepts. */
export type HtmlValue =
  SafeHtml | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

/** Attributes holding a URL: an interpolated value that starts one is vetted by {@link safeUrl}. */
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "xlink:href",
  "action",
  "formaction",
  "poster",
  "cite",
  "background",
  "data",
  "srcset",
  "ping",
]);
/** Characters a value in a `style` attribute may contain (numbers, colours, units, words). */
const STYLE_VALUE = /^[#\w\s.,%-]*$/;

type Context =
  | { readonly kind: "text" }
  | { readonly kind: "attribute"; readonly name: string; readonly atValueStart: boolean }
  | { readonly kind: "tag" }
  | { readonly kind: "rawtext"; readonly element: string };

const RAWTEXT_ELEMENTS = new Set([
  "script",
  "style",
  "textarea",
  "title",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
]);

/**
 * A small HTML tokenizer that follows the markup a template writes, chunk by chunk, to know where
 * the next interpolation lands: text, a quoted attribute value (and which attribute), elsewhere in
 * a tag, or the raw text of `<script>`/`<style>`-like elements. Linear in the markup's length.
 */
class HtmlScanner {
  private state:
    "text" | "comment" | "tagName" | "tag" | "attrName" | "afterEq" | "dq" | "sq" | "unquoted" | "raw" =
    "text";
  private tagName = "";
  private closing = false;
  private attrName = "";
  private valueLength = 0;
  private rawElement = "";

  feed(chunk: string): void {
    let i = 0;
    while (i < chunk.length) {
      const c = chunk[i] as string;
      switch (this.state) {
        case "text":
          if (c === "<") {
            if (chunk.startsWith("<!--", i)) {
              this.state = "comment";
              i += 4;
              continue;
            }
            const next = chunk[i + 1] ?? "";
            if (/[A-Za-z/!?]/.test(next)) {
              this.state = "tagName";
              this.closing = next === "/";
              this.tagName = "";
              i += this.closing ? 2 : 1;
              continue;
            }
          }
          break;
        case "comment":
          if (chunk.startsWith("-->", i)) {
            this.state = "text";
            i += 3;
            continue;
          }
          break;
        case "raw":
          if (
            c === "<" &&
            chunk.slice(i + 2, i + 2 + this.rawElement.length).toLowerCase() === this.rawElement
          ) {
            if (chunk[i + 1] === "/") {
              this.state = "tagName";
              this.closing = true;
              this.tagName = "";
              i += 2;
              continue;
            }
          }
          break;
        case "tagName":
          if (/[\s/>]/.test(c)) {
            this.state = "tag";
            continue; // re-read c in the "tag" state
          }
          this.tagName += c.toLowerCase();
          break;
        case "tag":
          if (c === ">") this.endTag();
          else if (!/[\s/]/.test(c)) {
            this.state = "attrName";
            this.attrName = c.toLowerCase();
          }
          break;
        case "attrName":
          if (c === "=") this.state = "afterEq";
          else if (c === ">") this.endTag();
          else if (/[\s/]/.test(c)) this.state = "tag";
          else this.attrName += c.toLowerCase();
          break;
        case "afterEq":
          if (c === '"' || c === "'") {
            this.state = c === '"' ? "dq" : "sq";
            this.valueLength = 0;
          } else if (c === ">") this.endTag();
          else if (!/\s/.test(c)) this.state = "unquoted";
          break;
        case "dq":
        case "sq":
          if (c === (this.state === "dq" ? '"' : "'")) this.state = "tag";
          else this.valueLength++;
          break;
        case "unquoted":
          if (c === ">") this.endTag();
          else if (/\s/.test(c)) this.state = "tag";
          break;
      }
      i++;
    }
  }

  private endTag(): void {
    if (!this.closing && RAWTEXT_ELEMENTS.has(this.tagName)) {
      this.state = "raw";
      this.rawElement = this.tagName;
    } else {
      this.state = "text";
    }
  }

  /** True in plain text (not a comment, tag or raw-text element). */
  atText(): boolean {
    return this.state === "text";
  }

  context(): Context {
    switch (this.state) {
      case "text":
      case "comment":
        return { kind: "text" };
      case "raw":
        return { kind: "rawtext", element: this.rawElement };
      case "dq":
      case "sq":
        return { kind: "attribute", name: this.attrName, atValueStart: this.valueLength === 0 };
      default:
        return { kind: "tag" };
    }
  }
}

/**
 * `url` if it is a same-document link (`#…`) or an inline image (`data:image/png|jpeg|gif|webp`,
 * base64), else "about:invalid#blocked": the brief is self-contained, so any other URL — and
 * above all `javascript:` — is refused.
 *
 * @example safeUrl("javascript:alert(1)") // → "about:invalid#blocked"
 * @example safeUrl("#kpi-trends") // → "#kpi-trends"
 */
export function safeUrl(url: string): string {
  const u = String(url).trim();
  if (/^#[\w\-.:~%]*$/.test(u)) return u;
  if (/^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/i.test(u)) return u;
  return "about:invalid#blocked";
}

/** SafeHtml made by `html`/`joinHtml` whose markup, read from plain text, ends in plain text. */
const BALANCED = new WeakSet<SafeHtml>();

/** True when rendering `value` in plain text cannot leave plain text (see {@link BALANCED}). */
function isBalanced(value: unknown): boolean {
  if (isSafeHtml(value)) return BALANCED.has(value);
  if (Array.isArray(value)) return value.every(isBalanced);
  return true; // escaped text, or nothing
}

function render(value: unknown, ctx: Context): string {
  if (value === null || value === undefined || value === false || value === "") return "";
  if (isSafeHtml(value)) return value.toString();
  if (Array.isArray(value)) return value.map((v: unknown) => render(v, ctx)).join("");
  const text = String(value);
  if (ctx.kind === "text") return isolatedText(text);
  if (ctx.kind === "rawtext") {
    if (ctx.element === "title" || ctx.element === "textarea") return escapeHtml(text); // escapable raw text
    throw new TypeError(`html\`…\`: no plain value may go into <${ctx.element}>`);
  }
  if (ctx.kind === "tag")
    throw new TypeError("html`…`: a value inside a tag must be a quoted attribute value");
  const { name } = ctx;
  if (name.startsWith("on")) throw new TypeError("html`…`: no value may go into an event handler attribute");
  if (name === "style" && !STYLE_VALUE.test(text)) {
    throw new TypeError(
      `html\`…\`: style value ${JSON.stringify(text)} has characters outside [#\\w\\s.,%-]`,
    );
  }
  if (URL_ATTRIBUTES.has(name) && ctx.atValueStart) return escapeAttribute(safeUrl(text));
  return escapeAttribute(text);
}

/**
 * Tagged template for HTML. Interpolated values are escaped with {@link escapeHtml}; a
 * {@link SafeHtml} is inserted as-is; arrays are rendered item by item and joined without
 * separator; `null`, `undefined`, `false` and "" render nothing, anywhere (so
 * `${cond && html`…`}` works).
 * Inside a tag a value must be a quoted attribute value (escaped with {@link escapeAttribute}); one
 * that starts a URL attribute (`href="${…}"`, `src`, …) goes through {@link safeUrl}.
 *
 * @throws TypeError when a plain value is interpolated into an event-handler attribute
 *   (`onclick`), a `style` attribute with characters beyond `[#\w\s.,%-]`, an unquoted position
 *   inside a tag, or the raw text of `<script>`, `<style>`, `<iframe>` and the like — all template
 *   mistakes. (`<title>` and `<textarea>` content is escaped like text.)
 * @example html`<p title="${'"x"'}">${"<script>"}</p>`.toString()
 *   // → '<p title="&quot;x&quot;">&lt;script&gt;</p>'
 */
export function html(strings: TemplateStringsArray, ...values: readonly unknown[]): SafeHtml {
  const scanner = new HtmlScanner();
  let out = strings[0] ?? "";
  scanner.feed(out);
  values.forEach((value, i) => {
    const next = strings[i + 1] ?? "";
    const atText = scanner.atText();
    const rendered = render(value, scanner.context());
    // A fragment known to go from text back to text leaves the scanner where it was: skip it
    // (nested templates would otherwise rescan every inner fragment, e.g. each chart's SVG).
    scanner.feed(atText && isBalanced(value) ? next : rendered + next);
    out += rendered + next;
  });
  const result = new SafeHtml(out, SAFE_HTML_BRAND);
  if (scanner.atText()) BALANCED.add(result);
  return result;
}

/**
 * Joins trusted fragments (escaping any plain strings) with an optional trusted separator.
 *
 * @example joinHtml([html`<li>a</li>`, "<b>"], raw("\n")).toString() // → "<li>a</li>\n&lt;b&gt;"
 */
export function joinHtml(parts: readonly HtmlValue[], separator: SafeHtml | string = ""): SafeHtml {
  const sep = isSafeHtml(separator) ? separator.toString() : escapeHtml(separator);
  const result = new SafeHtml(parts.map((p) => render(p, { kind: "text" })).join(sep), SAFE_HTML_BRAND);
  if (isBalanced(parts) && isBalanced(separator)) BALANCED.add(result);
  return result;
}
