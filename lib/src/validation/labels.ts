/**
 * Label files: what a careful analyst says a mission's status was at a point in time — the ground
 * truth a backtest scores the evaluator against. CSV (a header row) or JSON (an array of objects,
 * or `{ "labels": [...] }`) with the fields `mission_id`, `as_of` (a date YYYY-MM-DD, meaning the
 * end of that day, or a run id, meaning that run's start), `expected_status`, and optionally
 * `expected_trigger`, `note`, `labeler`. Problems are reported with file, line, field, what was
 * expected and what was found — all of them, not just the first.
 *
 * Dates are real calendar dates (`2026-02-30` is refused). Two labels for the same mission and
 * as-of point (as written) are a warning when they say the same thing (the second is dropped) and
 * an error naming both lines when they disagree.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { LineCounter, parseDocument, isMap, isSeq, type Node } from "yaml";
import { BandSchema, TRIGGER_IDS, type Band, type TriggerId } from "../rules/schema";
import { parseDate, parseTimestamp } from "../validate/timestamps";

/** One label as written (fields checked for shape, not yet against a dataset). */
export interface LabelRow {
  readonly missionId: string;
  /** As written: a date (YYYY-MM-DD), a zoned date-time, or a run id. */
  readonly asOf: string;
  readonly expectedStatus: Band;
  readonly expectedTrigger?: TriggerId;
  readonly note?: string;
  readonly labeler?: string;
  /** Where the label was read (1-based line). */
  readonly file: string;
  readonly line: number;
}

/** A problem with a label. */
export interface LabelIssue {
  readonly file: string;
  /** 1-based line; 0 for the file as a whole. */
  readonly line: number;
  readonly field: string;
  readonly expected: string;
  readonly found: string;
  readonly message: string;
  /** `warning` for a problem that does not stop the labels being used; absent means an error. */
  readonly severity?: "error" | "warning";
}

/**
 * Thrown when a labels file has problems; lists every one of them (`issues`), and its message has
 * one line per issue.
 *
 * @example new LabelsError([issue]).message // → "1 problem in the labels:\n  l.csv:3: …"
 */
export class LabelsError extends Error {
  readonly issues: readonly LabelIssue[];
  constructor(issues: readonly LabelIssue[]) {
    super(
      `${issues.length} problem${issues.length === 1 ? "" : "s"} in the labels:\n` +
        issues.map((i) => `  ${formatLabelIssue(i)}`).join("\n"),
    );
    this.name = "LabelsError";
    this.issues = issues;
  }
}

/**
 * One issue as a line of text: `file:line: field: message (expected …; found …)`.
 *
 * @example formatLabelIssue({ file: "l.csv", line: 3, field: "expected_status", expected: "ON_TRACK, WATCH or ATTENTION_REQUIRED", found: '"GREEN"', message: "unknown status" })
 *   // → 'l.csv:3: expected_status: unknown status (expected ON_TRACK, WATCH or ATTENTION_REQUIRED; found "GREEN")'
 */
export function formatLabelIssue(issue: LabelIssue): string {
  return `${issue.file}:${issue.line}: ${issue.field}: ${issue.message} (expected ${issue.expected}; found ${issue.found})`;
}

/**
 * Columns of a labels file; the first three are required.
 *
 * @example LABEL_COLUMNS.slice(0, 3) // → ["mission_id", "as_of", "expected_status"]
 */
export const LABEL_COLUMNS = [
  "mission_id",
  "as_of",
  "expected_status",
  "expected_trigger",
  "note",
  "labeler",
] as const;

const STATUSES = BandSchema.options;

function shown(value: unknown): string {
  if (value === undefined || value === null || value === "") return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** "on track", "On-Track" → "ON_TRACK". */
function normaliseId(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
}

const LOOKS_LIKE_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * For an as-of that starts like a date: why it is not a real date or date-time (undefined when
 * it is one, or when it does not look like a date at all: then it is a run id).
 */
function calendarProblem(asOf: string): { message: string; expected: string } | undefined {
  if (!LOOKS_LIKE_DATE.test(asOf)) return undefined;
  if (asOf.length === 10) {
    const date = parseDate(asOf);
    return date.ok
      ? undefined
      : { message: "no such calendar date", expected: "a real calendar date YYYY-MM-DD" };
  }
  const instant = parseTimestamp(asOf);
  return instant.ok ? undefined : { message: instant.message, expected: instant.expected };
}

/**
 * Duplicates among rows: the same mission and as-of point (as written, trimmed). A repeat that
 * says the same (status and trigger) is a warning and is dropped; one that says something else is
 * an error naming both lines. Returns the rows to keep.
 */
function checkDuplicates(
  rows: readonly LabelRow[],
  issues: LabelIssue[],
  warnings: LabelIssue[],
): LabelRow[] {
  const first = new Map<string, LabelRow>();
  const kept: LabelRow[] = [];
  const says = (r: LabelRow) => `${r.expectedStatus}${r.expectedTrigger ? ` (${r.expectedTrigger})` : ""}`;
  for (const row of rows) {
    const key = JSON.stringify([row.missionId, row.asOf]);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, row);
      kept.push(row);
      continue;
    }
    const at = `${row.missionId} as of ${row.asOf}`;
    if (says(earlier) === says(row)) {
      warnings.push({
        severity: "warning",
        file: row.file,
        line: row.line,
        field: "mission_id, as_of",
        expected: "one label per mission and as-of point",
        found: `a repeat of line ${earlier.line}`,
        message: `duplicate label for ${at} (same as line ${earlier.line}; this one is ignored)`,
      });
      continue;
    }
    issues.push({
      severity: "error",
      file: row.file,
      line: row.line,
      field: "expected_status",
      expected: `the same label as line ${earlier.line} (${says(earlier)}), or one label per mission and as-of point`,
      found: says(row),
      message: `conflicting labels for ${at}: line ${earlier.line} says ${says(earlier)}, line ${row.line} says ${says(row)}`,
    });
  }
  return kept;
}

/** Checks one record's fields; pushes issues; returns the row when it is usable. */
function checkRecord(
  record: Readonly<Record<string, unknown>>,
  file: string,
  line: number,
  issues: LabelIssue[],
): LabelRow | undefined {
  const problem = (field: string, message: string, expected: string, found: unknown) =>
    issues.push({ file, line, field, expected, found: shown(found), message });
  const text = (field: string): string | undefined => {
    const v = record[field];
    if (v === undefined || v === null) return undefined;
    const s = typeof v === "string" ? v.trim() : String(v);
    return s === "" ? undefined : s;
  };
  const missionId = text("mission_id");
  if (missionId === undefined) problem("mission_id", "missing mission id", "a mission id", record.mission_id);
  const asOf = text("as_of");
  if (asOf === undefined)
    problem("as_of", "missing as-of point", "a date (YYYY-MM-DD) or a run id", record.as_of);
  const badDate = asOf === undefined ? undefined : calendarProblem(asOf);
  if (badDate !== undefined) problem("as_of", badDate.message, badDate.expected, record.as_of);
  const statusText = text("expected_status");
  let status: Band | undefined;
  if (statusText === undefined) {
    problem("expected_status", "missing status", STATUSES.join(", "), record.expected_status);
  } else {
    const s = normaliseId(statusText);
    if ((STATUSES as readonly string[]).includes(s)) status = s as Band;
    else
      problem("expected_status", "unknown status", `one of ${STATUSES.join(", ")}`, record.expected_status);
  }
  const triggerText = text("expected_trigger");
  let trigger: TriggerId | undefined;
  if (triggerText !== undefined) {
    const t = normaliseId(triggerText);
    if ((TRIGGER_IDS as readonly string[]).includes(t)) trigger = t as TriggerId;
    else
      problem(
        "expected_trigger",
        "unknown trigger",
        `one of ${TRIGGER_IDS.join(", ")}`,
        record.expected_trigger,
      );
  }
  if (missionId === undefined || asOf === undefined || status === undefined || badDate !== undefined)
    return undefined;
  if (triggerText !== undefined && trigger === undefined) return undefined;
  const note = text("note");
  const labeler = text("labeler");
  return {
    missionId,
    asOf,
    expectedStatus: status,
    ...(trigger !== undefined ? { expectedTrigger: trigger } : {}),
    ...(note !== undefined ? { note } : {}),
    ...(labeler !== undefined ? { labeler } : {}),
    file,
    line,
  };
}

function parseCsvLabels(text: string, file: string, issues: LabelIssue[]): LabelRow[] {
  let records: { record: Record<string, string>; info: { lines: number }; raw: string }[];
  try {
    records = parseCsv(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      info: true,
      raw: true,
      bom: true,
      trim: false,
    }) as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    issues.push({
      file,
      line: err.lines ?? 0,
      field: "(file)",
      expected: "CSV with a header row",
      found: "malformed CSV",
      message: err.message ?? String(e),
    });
    return [];
  }
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const columns = header.split(",").map((h) => h.trim().replace(/^"|"$/g, "").toLowerCase());
  const missing = ["mission_id", "as_of", "expected_status"].filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    issues.push({
      file,
      line: 1,
      field: missing.join(", "),
      expected: `a header with ${LABEL_COLUMNS.slice(0, 3).join(", ")} (optional: ${LABEL_COLUMNS.slice(3).join(", ")})`,
      found: shown(header),
      message: `missing column${missing.length === 1 ? "" : "s"}`,
    });
    return [];
  }
  const rows: LabelRow[] = [];
  for (const r of records) {
    // `lines` is the record's last line; `raw` also holds skipped empty lines and the line break.
    const inner = r.raw.replace(/^[\r\n]+|[\r\n]+$/g, "").match(/\r\n|\r|\n/g)?.length ?? 0;
    const line = r.info.lines - inner;
    const row = checkRecord(r.record, file, line, issues);
    if (row) rows.push(row);
  }
  return rows;
}

function parseJsonLabels(text: string, file: string, issues: LabelIssue[]): LabelRow[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const lineOf = (node: Node | null | undefined): number =>
    node?.range ? counter.linePos(node.range[0]).line : 0;
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      issues.push({
        file,
        line: counter.linePos(e.pos[0]).line,
        field: "(file)",
        expected: "valid JSON",
        found: "a syntax error",
        message: e.message.split("\n")[0] ?? e.message,
      });
    }
    return [];
  }
  let seq: unknown = doc.contents;
  if (isMap(seq)) seq = seq.get("labels", true);
  if (!isSeq(seq)) {
    issues.push({
      file,
      line: lineOf(doc.contents),
      field: "(file)",
      expected: 'an array of labels, or { "labels": [...] }',
      found: shown(doc.toJS()),
      message: "not a list of labels",
    });
    return [];
  }
  const rows: LabelRow[] = [];
  for (const item of seq.items) {
    const line = lineOf(item as Node);
    if (!isMap(item)) {
      issues.push({
        file,
        line,
        field: "(label)",
        expected: "an object",
        found: shown(String(item)),
        message: "not an object",
      });
      continue;
    }
    const row = checkRecord(item.toJSON() as Record<string, unknown>, file, line, issues);
    if (row) rows.push(row);
  }
  return rows;
}

/**
 * Parses a labels file's text. `format` defaults to JSON when the file name ends in `.json` (or
 * the text starts with `[` or `{`), CSV otherwise. Checks each label's shape (required fields,
 * known status and trigger, real calendar dates, duplicates: see the module comment); checks
 * against a dataset are {@link resolveLabels}'s. `warnings` are problems that do not stop the
 * labels being used (an exact duplicate, dropped from `rows`).
 *
 * @example parseLabels("mission_id,as_of,expected_status\nM1,2026-01-09,WATCH\n", "l.csv").rows[0].line // → 2
 */
export function parseLabels(
  text: string,
  file: string,
  format?: "csv" | "json",
): { rows: LabelRow[]; issues: LabelIssue[]; warnings: LabelIssue[] } {
  const issues: LabelIssue[] = [];
  const warnings: LabelIssue[] = [];
  const json =
    format === "json" || (format === undefined && (/\.json$/i.test(file) || /^\s*[[{]/.test(text)));
  const read = json ? parseJsonLabels(text, file, issues) : parseCsvLabels(text, file, issues);
  const rows = checkDuplicates(read, issues, warnings);
  if (rows.length === 0 && issues.length === 0) {
    issues.push({
      file,
      line: 0,
      field: "(file)",
      expected: "at least one label",
      found: "none",
      message: "no labels",
    });
  }
  return { rows, issues, warnings };
}
