/**
 * Small HTML building blocks shared by the brief's sections: the section wrapper, status badges,
 * fact lists and bullet lists. Every value is escaped by the `html` template.
 */
import type { Band } from "../../rules/schema";
import type { BriefFact } from "../brief-types";
import { html, type HtmlValue, type SafeHtml } from "../html";

/**
 * CSS class suffix of a band: "on-track", "watch" or "attention".
 *
 * @example bandClass("ATTENTION_REQUIRED") // → "attention"
 */
export function bandClass(band: Band): "on-track" | "watch" | "attention" {
  return band === "ON_TRACK" ? "on-track" : band === "WATCH" ? "watch" : "attention";
}

/**
 * A `<section>` with an `<h2>` heading; `id` names both (`<id>` and `h-<id>`).
 *
 * @example String(sectionHtml("proof", "Proof", html`<p>x</p>`)).startsWith('<section id="proof"') // → true
 */
export function sectionHtml(id: string, heading: string, body: HtmlValue, extraClass = ""): SafeHtml {
  const cls = extraClass ? `brief-section ${extraClass}` : "brief-section";
  return html`<section id="${id}" class="${cls}" aria-labelledby="h-${id}">
<h2 id="h-${id}">${heading}</h2>
${body}
</section>
`;
}

/**
 * A status badge: the band's machine name on its colour, e.g. WATCH.
 *
 * @example String(statusBadge("WATCH")) // → '<span class="status status-watch">WATCH</span>'
 */
export function statusBadge(band: Band, text: string = band): SafeHtml {
  return html`<span class="status status-${bandClass(band)}">${text}</span>`;
}

/**
 * A definition list of facts (`<dl class="facts">`).
 *
 * @example String(factsHtml([{ label: "As of", value: "2026-02-06" }])) // → '<dl class="facts"><div><dt>As of</dt><dd>2026-02-06</dd></div></dl>'
 */
export function factsHtml(facts: readonly BriefFact[], cls = "facts"): SafeHtml {
  const items = facts.map((f) => html`<div><dt>${f.label}</dt><dd>${f.value}</dd></div>`);
  return html`<dl class="${cls}">${items}</dl>`;
}

/**
 * A bullet list of plain-text items; `empty` (a paragraph) when there are none.
 *
 * @example String(listHtml(["a<b"])) // → "<ul><li>a&lt;b</li></ul>"
 */
export function listHtml(items: readonly string[], empty = "", cls = ""): SafeHtml {
  if (items.length === 0) return empty ? html`<p class="muted">${empty}</p>` : html``;
  const li = items.map((i) => html`<li>${i}</li>`);
  return cls ? html`<ul class="${cls}">${li}</ul>` : html`<ul>${li}</ul>`;
}
