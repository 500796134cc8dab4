/**
 * Reads the fields of one source record with the pure field parsers, turning every failure into a
 * located `DataIssue` (file, line or row, field, expected, found).
 */
import { describeFound } from "../io/describe-found";
import type { SourceRecord } from "../io/source-record";
import type { DataIssue, IssueSeverity } from "../model/issues";
import {
  describeNumberRule,
  isAbsent,
  parseBoolean,
  parseEnum,
  parseIdList,
  parseNumber,
  parseText,
  plainDecimal,
  type NumberRule,
  type Parsed,
} from "./field-parsers";
import { parseDate, parseTimestamp, TIMESTAMP_EXPECTED, type Instant } from "./timestamps";

/**
 * Whether a text needs no trimming and is not blank: its first and last characters are printable
 * ASCII other than space (anything else goes through the parser, which trims).
 */
function isPlainText(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}

/** Whether a typed number is finite and obeys `rule` (what `parseNumber` accepts). */
function meetsRule(value: number, rule: NumberRule): boolean {
  return (
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min)
  );
}

/** Canonical field name → name of the field on disk, for formats that name fields differently. */
export type FieldAliases = Readonly<Record<string, string>>;

/** What to put in an issue besides its location. */
export interface IssueDetail {
  readonly code: string;
  /** Canonical field name (mapped to the on-disk name); omit for record-level issues. */
  readonly field?: string;
  readonly expected?: string;
  readonly found?: string;
  readonly message: string;
}

/**
 * Field access for one record. Required fields that are missing are reported (`missing_field`),
 * except a column absent from a CSV header: the header check reports that once for the file.
 * {@link failed} tells whether any fatal problem was found in this record.
 */
export class FieldReader {
  private failedFlag = false;

  /**
   * @param record the record as read
   * @param sink receives the issues
   * @param aliases canonical → on-disk field names (bundle files)
   * @param prefix shown before field names, for records nested in another (e.g. `tasks[2].`)
   */
  constructor(
    readonly record: SourceRecord,
    private readonly sink: (issue: DataIssue) => void,
    private readonly aliases: FieldAliases = {},
    private readonly prefix = "",
  ) {}

  /** Whether a fatal problem was reported for this record. */
  get failed(): boolean {
    return this.failedFlag;
  }

  /** The on-disk name of a canonical field, as shown in issues. */
  fieldName(field: string): string {
    return `${this.prefix}${this.aliases[field] ?? field}`;
  }

  /** The raw value of a canonical field. */
  raw(field: string): unknown {
    return this.record.values[this.aliases[field] ?? field];
  }

  /** Reports an issue located at this record. */
  report(severity: IssueSeverity, detail: IssueDetail): void {
    if (severity === "error") this.failedFlag = true;
    const { file, line, row } = this.record.location;
    this.sink({
      severity,
      code: detail.code,
      file,
      ...(line !== undefined ? { line } : {}),
      ...(row !== undefined ? { row } : {}),
      ...(detail.field !== undefined ? { field: this.fieldName(detail.field) } : {}),
      ...(detail.expected !== undefined ? { expected: detail.expected } : {}),
      ...(detail.found !== undefined ? { found: detail.found } : {}),
      message: detail.message,
    });
  }

  /** Reports a fatal issue at this record. */
  error(detail: IssueDetail): void {
    this.report("error", detail);
  }

  /** Reports a warning at this record. */
  warn(detail: IssueDetail): void {
    this.report("warning", detail);
  }

  private read<T>(
    field: string,
    required: boolean,
    expected: string,
    parse: (raw: unknown) => Parsed<T>,
  ): T | undefined {
    const raw = this.raw(field);
    if (isAbsent(raw)) {
      if (!required) return undefined;
      const columnMissing = this.record.textual && !((this.aliases[field] ?? field) in this.record.values);
      if (columnMissing)
        this.failedFlag = true; // reported once by the header check
      else {
        this.error({
          code: "missing_field",
          field,
          expected,
          found: describeFound(raw),
          message: "a required value is missing",
        });
      }
      return undefined;
    }
    const parsed = parse(raw);
    if (parsed.ok) return parsed.value;
    this.error({
      code: parsed.code,
      field,
      expected: parsed.expected,
      found: describeFound(raw),
      message: parsed.message,
    });
    return undefined;
  }

  /** A required text value (trimmed, non-empty). */
  requiredText(field: string): string | undefined {
    const raw = this.raw(field);
    if (typeof raw === "string" && isPlainText(raw)) return raw; // fast path: nothing to trim
    return this.read(field, true, "a non-empty text value", parseText);
  }

  /** An optional text value (trimmed); absent or blank → `undefined`. */
  optionalText(field: string): string | undefined {
    const raw = this.raw(field);
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw === "string" && isPlainText(raw)) return raw;
    return this.read(field, false, "a text value", parseText);
  }

  /** A number obeying `rule`. */
  number(field: string, rule: NumberRule, required: boolean): number | undefined {
    const raw = this.raw(field);
    if (typeof raw === "number" && meetsRule(raw, rule)) return raw; // fast path: a typed number
    if (typeof raw === "string" && this.record.textual) {
      const value = plainDecimal(raw); // fast path: plain decimal text
      if (meetsRule(value, rule)) return value;
    }
    return this.read(field, required, describeNumberRule(rule), (value) =>
      parseNumber(value, this.record.textual, rule),
    );
  }

  /** A boolean (JSON boolean; CSV true/false, 1/0, yes/no). */
  boolean(field: string, required: boolean): boolean | undefined {
    const raw = this.raw(field);
    if (typeof raw === "boolean") return raw;
    if (typeof raw === "string" && this.record.textual) {
      if (raw === "true" || raw === "1" || raw === "yes") return true;
      if (raw === "false" || raw === "0" || raw === "no") return false;
    }
    return this.read(
      field,
      required,
      this.record.textual ? "true/false, 1/0 or yes/no" : "true or false",
      (value) => parseBoolean(value, this.record.textual),
    );
  }

  /** One of `allowed`. */
  enumValue<T extends string>(field: string, allowed: readonly T[], required: boolean): T | undefined {
    const raw = this.raw(field);
    if (typeof raw === "string") {
      const at = (allowed as readonly string[]).indexOf(raw);
      if (at !== -1) return allowed[at]; // the shared constant, not a copy per record
    }
    return this.read(field, required, `one of ${allowed.join(", ")}`, (value) => parseEnum(value, allowed));
  }

  /** An ISO 8601 timestamp with a zone. */
  timestamp(field: string, required: boolean): Instant | undefined {
    return this.read(field, required, TIMESTAMP_EXPECTED, parseTimestamp);
  }

  /** A calendar date YYYY-MM-DD. */
  date(field: string, required: boolean): string | undefined {
    return this.read(field, required, "a date YYYY-MM-DD", parseDate);
  }

  /** A list of ids (absent → empty list). */
  idList(field: string): readonly string[] | undefined {
    if (isAbsent(this.raw(field))) return [];
    return this.read(field, false, "a list of ids", (raw) => parseIdList(raw, this.record.textual));
  }
}
