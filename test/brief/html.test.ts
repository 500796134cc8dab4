import { describe, expect, it } from "vitest";
import {
  BRIEF_CSP,
  PAGE_MARGINS,
  SafeHtml,
  briefCss,
  escapeAttribute,
  escapeHtml,
  html,
  htmlDocument,
  isSafeHtml,
  joinHtml,
  raw,
  safeUrl,
} from "../../lib/src/index";

describe("escapeHtml and escapeAttribute", () => {
  it("match their documented examples", () => {
    expect(escapeHtml(`<b title="x">Tom & Jerry's</b>`)).toBe(
      "&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;",
    );
    expect(escapeAttribute('a "b"\n`c`')).toBe("a &quot;b&quot;&#10;&#96;c&#96;");
  });

  it("pass right-to-left text and emoji through unchanged, null as empty", () => {
    const text = "مرحبا بالعالم 👩🏽‍💻 שלום — ✓";
    expect(escapeHtml(text)).toBe(text);
    expect(escapeAttribute(text)).toBe(text);
    expect(escapeHtml(null)).toBe("");
    expect(escapeHtml(undefined)).toBe("");
    expect(escapeHtml(42)).toBe("42");
    // Controls are shown as backslash text, not dropped silently.
    expect(escapeAttribute("a\u0000b\u0007c\td")).toBe("a\\x00b\\x07c&#9;d");
  });
});

// Templates below use the alias `h`: Prettier reformats markup inside html`…` and would change
// the very strings under test.
const h = html;

describe("html template", () => {
  it("matches its documented examples", () => {
    expect(h`<p title="${'"x"'}">${"<script>"}</p>`.toString()).toBe(
      '<p title="&quot;x&quot;">&lt;script&gt;</p>',
    );
    expect(h`<div>${raw("<b>ok</b>")}</div>`.toString()).toBe("<div><b>ok</b></div>");
    expect(String(h`<b>${"x"}</b>`)).toBe("<b>x</b>");
    expect(joinHtml([h`<li>a</li>`, "<b>"], raw("\n")).toString()).toBe("<li>a</li>\n&lt;b&gt;");
    expect(isSafeHtml(raw("<b>"))).toBe(true);
    expect(isSafeHtml("<b>")).toBe(false);
    expect(safeUrl("javascript:alert(1)")).toBe("about:invalid#blocked");
    expect(safeUrl("#kpi-trends")).toBe("#kpi-trends");
  });

  it("escapes a <script> payload in content and attributes", () => {
    const payload = `</p><script>alert("pwned")</script><p class='x'>`;
    const out = h`<p class="${payload}">${payload}</p>`.toString();
    expect(out).not.toContain("<script");
    expect(out).toBe(
      '<p class="&lt;/p&gt;&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&lt;p class=&#39;x&#39;&gt;">' +
        "&lt;/p&gt;&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&lt;p class=&#39;x&#39;&gt;</p>",
    );
  });

  it("keeps attribute values inside their quotes", () => {
    const out = h`<td title='${`' onmouseover='alert(1)`}' data-x="${`" onload="x`}">v</td>`.toString();
    expect(out).toBe(`<td title='&#39; onmouseover=&#39;alert(1)' data-x="&quot; onload=&quot;x">v</td>`);
  });

  it("renders javascript: URLs as inert text, and blocks them in URL attributes", () => {
    const url = "javascript:alert(document.domain)";
    expect(h`<p>${url}</p>`.toString()).toBe("<p>javascript:alert(document.domain)</p>");
    expect(h`<a href="${url}">x</a>`.toString()).toBe('<a href="about:invalid#blocked">x</a>');
    expect(h`<a href='${"  JaVaScRiPt:alert(1)"}'>x</a>`.toString()).toBe(
      "<a href='about:invalid#blocked'>x</a>",
    );
    expect(h`<img src="${"http://127.0.0.1/x.png"}">`.toString()).toBe('<img src="about:invalid#blocked">');
    expect(h`<a href="${"#section-2"}">x</a>`.toString()).toBe('<a href="#section-2">x</a>');
    expect(h`<a href="#m-${'"><script>'}">x</a>`.toString()).toBe(
      '<a href="#m-&quot;&gt;&lt;script&gt;">x</a>',
    );
    const png = "data:image/png;base64,iVBORw0KGgo=";
    expect(h`<img src="${png}">`.toString()).toBe(`<img src="${png}">`);
    // A ">" inside an earlier attribute value does not end the tag.
    expect(h`<a title="a > b" href="${url}">x</a>`.toString()).toBe(
      '<a title="a > b" href="about:invalid#blocked">x</a>',
    );
  });

  it("refuses values in event handlers, unquoted attributes, style beyond simple values, and <script>", () => {
    expect(() => h`<p onclick="${"x"}">`).toThrow(TypeError);
    expect(() => h`<p onclick="go(${"x"})">`).toThrow(TypeError);
    expect(() => h`<p class=${"x"}>`).toThrow(TypeError);
    expect(() => h`<p ${"hidden"}>`).toThrow(TypeError);
    expect(() => h`<p style="${"background: url(http://x)"}">`).toThrow(TypeError);
    expect(h`<p style="width: ${42}%; color: ${"#b23b3b"}">`.toString()).toBe(
      '<p style="width: 42%; color: #b23b3b">',
    );
    expect(() => h`<script>${"1"}</script>`).toThrow(TypeError);
    expect(() => h`<STYLE media="print">${"p{}"}</STYLE>`).toThrow(TypeError);
    expect(() => h`<iframe>${"x"}</iframe>`).toThrow(TypeError);
    expect(h`<style>${raw("p{}")}</style><p>${"after"}</p>`.toString()).toBe(
      "<style>p{}</style><p>after</p>",
    );
    expect(h`<title>${"<t>"}</title><textarea>${"a&b"}</textarea>`.toString()).toBe(
      "<title>&lt;t&gt;</title><textarea>a&amp;b</textarea>",
    );
    // "=" and "<" in text, and comments, are just text.
    expect(h`<p>score = ${3}</p>`.toString()).toBe("<p>score = 3</p>");
    expect(h`<p>1 < 2 ${"&"}</p>`.toString()).toBe("<p>1 < 2 &amp;</p>");
    expect(h`<!-- ${"-->"} -->`.toString()).toBe("<!-- --&gt; -->");
  });

  it("joins arrays, skips null/undefined/false, passes RTL and emoji escaped correctly", () => {
    const rows = [
      ["Billing", 3],
      ["<Claims>", 5],
    ] as const;
    const table = h`<ul>${rows.map(([n, v]) => h`<li>${n}: ${v}</li>`)}</ul>`.toString();
    expect(table).toBe("<ul><li>Billing: 3</li><li>&lt;Claims&gt;: 5</li></ul>");
    expect(h`<p>${null}${undefined}${false}${0}${""}</p>`.toString()).toBe("<p>0</p>");
    const rtl = "تقرير المهمة <مهم> 🚀";
    expect(h`<p dir="rtl" title="${rtl}">${rtl}</p>`.toString()).toBe(
      '<p dir="rtl" title="تقرير المهمة &lt;مهم&gt; 🚀"><bdi>تقرير المهمة &lt;مهم&gt; 🚀</bdi></p>',
    );
  });

  it("cannot be forged", () => {
    // @ts-expect-error -- the constructor needs the private brand
    expect(() => new SafeHtml("<script>", Symbol("SafeHtml"))).toThrow(TypeError);
    const fake = { toString: () => "<script>alert(1)</script>" };
    expect(h`${fake}`.toString()).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("stays linear on large documents", () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) => h`<tr><td class="num">${i}</td><td>${"<x>"}</td></tr>`,
    );
    const started = performance.now();
    const table = h`<table>${rows}</table>${rows.map((r) => h`<div title="${"t"}">${r}</div>`)}`;
    expect(table.toString().length).toBeGreaterThan(100_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("htmlDocument", () => {
  it("matches its documented example and carries the CSP first in <head>", () => {
    const doc = htmlDocument({ title: "Brief", bodyHtml: h`<h1>Brief</h1>` });
    expect(doc.startsWith('<!doctype html>\n<html lang="en" dir="ltr">')).toBe(true);
    expect(doc).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`,
    );
    expect(BRIEF_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:");
    const head = doc.slice(doc.indexOf("<head>"), doc.indexOf("</head>"));
    expect(head.indexOf("Content-Security-Policy")).toBeLessThan(head.indexOf("<style>"));
    expect(doc).toContain("<title>Brief</title>");
    expect(doc).toContain("<h1>Brief</h1>");
  });

  it("has no script and no external URL of any kind", () => {
    const doc = htmlDocument({
      title: `Q2 <brief> "x"`,
      lang: "ar",
      dir: "rtl",
      description: "Portfolio & missions",
      bodyHtml: h`<p>${"<script>alert(1)</script>"}</p>`,
      css: ".x { color: #123456; background: url(data:image/png;base64,AAAA); }",
    });
    expect(doc).not.toMatch(/<script/i);
    expect(doc).not.toMatch(/https?:|file:|\/\/[a-z]/i);
    expect(doc).toContain('<html lang="ar" dir="rtl">');
    expect(doc).toContain("<title>Q2 &lt;brief&gt; &quot;x&quot;</title>");
    expect(doc).toContain('<meta name="description" content="Portfolio &amp; missions">');
    expect(doc).toContain(".x { color: #123456;");
  });

  it("prints well: page size, margins, figures and rows never split", () => {
    expect(briefCss("letter").startsWith("@page { size: letter; margin: 16mm 15mm 18mm 15mm; }\n")).toBe(
      true,
    );
    expect(PAGE_MARGINS.bottom).toBe("18mm");
    const doc = htmlDocument({ title: "t", bodyHtml: h``, paper: "a4" });
    expect(doc).toContain("@page { size: A4;");
    expect(doc).toMatch(/figure \{[^}]*break-inside: avoid/);
    expect(doc).toMatch(/tr, th, td \{[^}]*break-inside: avoid/);
    expect(doc).toContain('font-family: "DejaVu Sans"');
  });

  it("refuses plain-string bodies, CSS that could load or escape, and bad language tags", () => {
    const bodyHtml = h`<p>x</p>`;
    expect(() => htmlDocument({ title: "t", bodyHtml: "<p>x</p>" as unknown as SafeHtml })).toThrow(
      TypeError,
    );
    for (const css of [
      "</style><script>alert(1)</script>",
      "@import 'x.css';",
      "p { background: url(http://127.0.0.1/x.png) }",
      "p { background: url( 'file:///etc/passwd') }",
      "p { behavior: url(#x) }",
      "p { content: '\\3c script' }",
    ]) {
      expect(() => htmlDocument({ title: "t", bodyHtml, css }), css).toThrow(TypeError);
    }
    expect(() => htmlDocument({ title: "t", bodyHtml, lang: 'en"><script>' })).toThrow(RangeError);
  });
});
