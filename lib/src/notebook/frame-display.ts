/**
 * Showing tables and HTML documents in a notebook so that they read well in every front end.
 *
 * danfojs's own `print()` cuts every cell to 17 characters and hides middle columns, and a
 * DataFrame left as a cell's last value is dumped as an object. {@link displayFrame} instead shows
 * one output with an HTML table (rendered by classic Notebook, JupyterLab, VS Code and the HTML
 * export) and danfojs's text table as the plain-text fallback. {@link htmlFrame} wraps a whole
 * HTML document (the executive brief) in a sandboxed `<iframe srcdoc>`, so its stylesheet cannot
 * restyle the notebook around it.
 */
import type { DataFrame } from "danfojs-node";
import { escapeAttribute, escapeHtml } from "../brief/html";
import { tslabDisplaySink, type DisplaySink, type MimeBundle } from "./chart-display";

/** A table as plain arrays: what {@link frameHtml} reads from a DataFrame. */
export interface TableLike {
  readonly columns: readonly string[];
  /** One array per row, aligned with `columns`. */
  readonly values: readonly (readonly unknown[])[];
  /** Row labels; default 0, 1, 2, … */
  readonly index?: readonly (string | number)[];
}

/** Options of {@link frameHtml} and {@link displayFrame}. */
export interface FrameHtmlOptions {
  /** Rows shown before "… N more rows" (default 60). */
  readonly maxRows?: number;
  /** Decimal places of non-integer numbers (default 3); trailing zeros are dropped. */
  readonly digits?: number;
  /** Shown above the table. */
  readonly caption?: string;
  /** Show the row labels (default true). */
  readonly index?: boolean;
}

/** Options of {@link displayFrame}. */
export interface DisplayFrameOptions extends FrameHtmlOptions {
  /** Where to send the output; default {@link tslabDisplaySink}. */
  readonly sink?: DisplaySink;
}

/**
 * A cell value as shown in a table: null/undefined/NaN → "", integers as they are, other numbers
 * rounded to `digits` decimals (trailing zeros dropped; magnitudes below 10^−digits in exponent
 * form, so a tiny p-value does not show as 0), everything else as `String(value)`.
 *
 * @example [formatCell(2.5), formatCell(1 / 3), formatCell(5.6e-16), formatCell(null)] // → ["2.5", "0.333", "5.6e-16", ""]
 */
export function formatCell(value: unknown, digits = 3): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "";
    if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
    if (Math.abs(value) < 10 ** -digits) return value.toExponential(1).replace(/\.0e/, "e");
    return String(Number(value.toFixed(digits)));
  }
  return String(value);
}

function isDataFrame(frame: DataFrame | TableLike): frame is DataFrame {
  return typeof (frame as { toString?: unknown }).toString === "function" && "shape" in frame;
}

function asTable(frame: DataFrame | TableLike): TableLike {
  if (!isDataFrame(frame)) return frame;
  const values = frame.values as unknown[];
  const rows = values.map((r) => (Array.isArray(r) ? r : [r]));
  return { columns: frame.columns, values: rows, index: frame.index };
}

/**
 * An HTML `<table>` of a DataFrame (or {@link TableLike}): a header row, one row per record
 * (up to `maxRows`), numbers right-aligned and rounded ({@link formatCell}), every text escaped.
 *
 * @throws RangeError when `maxRows` is not a whole number ≥ 1.
 * @example frameHtml({ columns: ["a"], values: [[1.23456]] }, { index: false })
 *   // → '<table class="dataframe">…<th>a</th>…<td style="text-align:right">1.235</td>…</table>'
 */
export function frameHtml(frame: DataFrame | TableLike, options: FrameHtmlOptions = {}): string {
  const table = asTable(frame);
  const maxRows = options.maxRows ?? 60;
  if (!(Number.isInteger(maxRows) && maxRows >= 1))
    throw new RangeError("maxRows must be a whole number ≥ 1");
  const digits = options.digits ?? 3;
  const showIndex = options.index ?? true;
  const shown = table.values.slice(0, maxRows);
  const head =
    `<tr>${showIndex ? "<th></th>" : ""}` +
    table.columns.map((c) => `<th style="text-align:left">${escapeHtml(c)}</th>`).join("") +
    "</tr>";
  const body = shown.map((row, i) => {
    const label = showIndex ? `<th>${escapeHtml(table.index?.[i] ?? i)}</th>` : "";
    const cells = table.columns.map((_, j) => {
      const v = row[j];
      const align = typeof v === "number" ? "right" : "left";
      return `<td style="text-align:${align}">${escapeHtml(formatCell(v, digits))}</td>`;
    });
    return `<tr>${label}${cells.join("")}</tr>`;
  });
  const more = table.values.length - shown.length;
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : "";
  const note = more > 0 ? `<p><em>… ${more} more row${more === 1 ? "" : "s"}</em></p>` : "";
  return `<table class="dataframe">${caption}<thead>${head}</thead><tbody>${body.join("")}</tbody></table>${note}`;
}

function plainText(frame: DataFrame | TableLike, digits: number): string {
  if (isDataFrame(frame)) return frame.toString();
  return [
    frame.columns.join("\t"),
    ...frame.values.map((r) => r.map((v) => formatCell(v, digits)).join("\t")),
  ].join("\n");
}

/**
 * Shows a DataFrame (or {@link TableLike}) under the current cell as one output: an HTML table
 * ({@link frameHtml}) plus a plain-text table. Returns nothing, so tslab echoes no value.
 *
 * @throws Error outside a tslab kernel when no `options.sink` is given.
 * @example displayFrame(datasetToFrames(dataset).missions, { caption: "Missions" }) // in a cell → an HTML table
 */
export function displayFrame(frame: DataFrame | TableLike, options: DisplayFrameOptions = {}): void {
  const sink = options.sink ?? tslabDisplaySink();
  const bundle: MimeBundle = {
    data: { "text/html": frameHtml(frame, options), "text/plain": plainText(frame, options.digits ?? 3) },
    metadata: {},
  };
  sink(bundle);
}

/** Options of {@link htmlFrame}. */
export interface HtmlFrameOptions {
  /** Height of the frame in CSS pixels (default 900); the document scrolls inside it. */
  readonly height?: number;
  /** Accessible title of the frame (default "Embedded document"). */
  readonly title?: string;
}

/**
 * A sandboxed `<iframe srcdoc>` holding a whole HTML document, for `tslab.display.html`: the
 * document keeps its own styles without restyling the notebook, and runs no script (`sandbox`
 * with no permissions).
 *
 * @throws RangeError when `height` is not a positive number.
 * @example htmlFrame("<!doctype html><p>Hi</p>", { height: 200 })
 *   // → '<iframe title="Embedded document" sandbox="" srcdoc="&lt;!doctype html&gt;&lt;p&gt;Hi&lt;/p&gt;" style="width:100%;height:200px;border:1px solid #d0d4da"></iframe>'
 */
export function htmlFrame(document: string, options: HtmlFrameOptions = {}): string {
  const height = options.height ?? 900;
  if (!(Number.isFinite(height) && height > 0)) throw new RangeError("height must be a positive number");
  const title = options.title ?? "Embedded document";
  return (
    `<iframe title="${escapeAttribute(title)}" sandbox="" srcdoc="${escapeAttribute(document)}" ` +
    `style="width:100%;height:${height}px;border:1px solid #d0d4da"></iframe>`
  );
}
