/**
 * The executive brief's own styles, added to the base print stylesheet (`briefCss`): header,
 * verdict banner, fact lists, the two-column primary issue, tables and per-mission blocks. Plain
 * inline CSS — no `url()`, no `@import`, one font family (DejaVu Sans).
 */
import { CHART_COLORS } from "./charts/theme";

const C = CHART_COLORS;

/**
 * CSS of the brief's layout, appended to `briefCss(paper)` by the brief's HTML assembly.
 *
 * @example BRIEF_LAYOUT_CSS.includes(".verdict-band") // → true
 */
export const BRIEF_LAYOUT_CSS = `
.brief-header { margin: 0 0 3mm; }
.brief-header .kicker { margin: 0; font-size: 7.5pt; font-weight: bold; letter-spacing: 0.08em; text-transform: uppercase; color: ${C.muted}; }
.brief-header h1 { margin: 0.5mm 0 1mm; font-size: 17pt; }
.brief-header .subtitle { margin: 0; font-size: 8.5pt; color: ${C.muted}; }
.brief-section { margin: 0; }
.brief-section > h2 { margin-top: 5mm; }
.verdict { margin: 3mm 0 2mm; padding: 3mm 4.5mm 3.2mm; }
.verdict-label { margin: 0 0 1mm; }
.verdict-kicker { font-size: 7.5pt; font-weight: bold; letter-spacing: 0.08em; text-transform: uppercase; color: ${C.muted}; margin-inline-end: 2mm; }
.verdict-band { font-size: 19pt; letter-spacing: 0.01em; }
.verdict-title { display: none; }
.verdict-sentence { margin: 0 0 2.2mm; font-size: 11.5pt; line-height: 1.35; }
.verdict-facts { display: flex; flex-wrap: wrap; gap: 0.8mm 7mm; margin: 0; font-size: 8.5pt; }
.verdict-facts div { display: flex; gap: 1.5mm; }
.verdict-facts dt { color: ${C.muted}; }
.verdict-facts dd { margin: 0; font-weight: bold; }
.lead { font-size: 10pt; line-height: 1.4; }
.label { margin: 2.5mm 0 1mm; font-size: 7.5pt; font-weight: bold; letter-spacing: 0.06em; text-transform: uppercase; color: ${C.muted}; break-after: avoid; page-break-after: avoid; }
.label-inline { font-weight: bold; }
.issue-grid { display: grid; grid-template-columns: minmax(0, 1fr) 56mm; gap: 6mm; }
.issue-side { padding-inline-start: 4mm; border-inline-start: 1px solid ${C.grid}; }
.issue-side .label { margin-top: 0; }
.confidence { margin: 0 0 1mm; font-size: 13pt; }
.reasons, .evidence, .rules { font-size: 8.5pt; }
.action { margin: 2mm 0 2.5mm; padding: 1.8mm 3mm; background: #f3f5f8; border-inline-start: 3px solid ${C.primary}; break-inside: avoid; page-break-inside: avoid; }
.facts { margin: 2mm 0; }
.facts div { display: grid; grid-template-columns: 27mm minmax(0, 1fr); gap: 2mm; padding: 0.5mm 0; }
.facts dt { color: ${C.muted}; }
.facts dd { margin: 0; }
.facts-compact { margin-top: 3mm; font-size: 8pt; }
.facts-compact div { grid-template-columns: 16mm minmax(0, 1fr); }
.facts-grid div { border-bottom: 1px solid ${C.grid}; padding: 0.9mm 0; }
.facts-detail { font-size: 8pt; }
.facts-detail div { grid-template-columns: 24mm minmax(0, 1fr); }
.constrained li, .proof li { margin-bottom: 1.6mm; }
.mission-table { font-size: 7.5pt; table-layout: fixed; }
.mission-table th, .mission-table td { padding: 1.2mm 1.2mm; }
.mission-table col.c-mission { width: 19%; }
.mission-table col.c-trend { width: 11%; }
.mission-table col.c-trajectory { width: 14%; }
.mission-table col.c-health { width: 12%; }
.mission-table col.c-autonomy { width: 10.5%; }
.mission-table col.c-bottleneck { width: 21.5%; }
.mission-table col.c-confidence { width: 12%; }
.mission-table tbody th { border-bottom: 1px solid ${C.grid}; }
.mission-table .status { font-size: 6.5pt; padding: 0.2mm 1.2mm; white-space: normal; }
.nowrap { white-space: nowrap; }
.mission-table td, .mission-table th { overflow-wrap: break-word; }
.mission-table th[scope="row"] { color: ${C.ink}; font-weight: bold; }
.mission-table th[scope="row"] .muted { font-weight: normal; }
.autonomy-table { width: auto; min-width: 60%; }
.mission-detail { margin: 0 0 5mm; padding-top: 1mm; }
.mission-detail + .mission-detail { break-before: page; page-break-before: always; }
#mission-details > h2 { margin: 0 0 1mm; padding: 0; border: 0; font-size: 8pt; letter-spacing: 0.08em; text-transform: uppercase; color: ${C.muted}; }
.mission-detail:first-of-type h3 { margin-top: 1mm; }
.mission-detail h3 { margin: 3mm 0 0.5mm; padding-top: 2mm; font-size: 12pt; border-top: 2px solid ${C.ink}; }
.mission-detail h3 .status { margin-inline-start: 1.5mm; vertical-align: 1px; }
.mission-detail .lead { margin: 1.2mm 0 1.5mm; font-size: 10pt; }
.mission-detail .facts { margin: 1.2mm 0; }
.mission-detail .facts div { padding: 0.2mm 0; }
.mission-detail .action { margin: 1.5mm 0 2mm; padding: 1.4mm 3mm; }
figure.chart { margin: 2mm 0 3mm; }
.figure-row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 4mm; align-items: start; }
.figure-row figure.chart { margin-top: 0; }
.touches { font-size: 8.5pt; }
.touches li { margin-bottom: 0.6mm; }
.rules { font-size: 8.5pt; margin: 1.5mm 0; }
.hash { font-size: 7.5pt; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.files td { font-size: 7.5pt; }
dd, li, p, h1, h2, h3, figcaption { overflow-wrap: anywhere; }
td, th { overflow-wrap: break-word; }
strong, th[scope="row"] .mission-name { unicode-bidi: isolate; }
.page-break-auto { break-before: auto; }
.effect { margin: 1.5mm 0 1mm; }
.also-open a, .issue-main a, .mission-detail a, .judged-mission a, .mission-table a { color: inherit; }
.risk-table td, .risk-table th { font-size: 8.5pt; }
.risk-high th, .risk-high td:nth-child(2) { font-weight: bold; }
.questions th, .questions td { font-size: 7.5pt; padding: 0.8mm 1mm; }
.q-answered { color: ${C.muted}; }
.q-missing { color: ${C.muted}; font-style: italic; }
.q-finding { color: #b23b3b; }
.answers > li { break-inside: avoid; page-break-inside: avoid; }
details > summary { font-weight: bold; font-size: 8.5pt; margin: 1.5mm 0 1mm; }
.run-table th, .run-table td { font-size: 7.5pt; padding: 0.5mm 1mm; }
details.runs { margin: 1mm 0 2mm; }
/* The run tables are for the HTML reader (drill-down); a printed page cannot open them. */
@media print { details.runs:not([open]), .screen-only { display: none; } }
.judged-rules > li, .judged-mission > p, .judged-mission li { break-inside: avoid; page-break-inside: avoid; }
.judged-mission .small { font-size: 7.5pt; }
.judged-mission ul { margin-bottom: 1mm; }
.judged-mission h3 { margin-top: 3mm; padding-top: 1.5mm; border-top: 1px solid ${C.grid}; }
.judged-rules > li { margin-bottom: 1.5mm; }
.judged-rules p { margin: 0.5mm 0; }
`;
