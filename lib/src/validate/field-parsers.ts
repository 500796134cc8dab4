/**
 * Pure parsers for single field values. Each takes the raw value as read (CSV text, or a typed JSON
 * value) and returns the typed value, or what was expected and why the value is not acceptable.
 *
 * Conventions: `textual` is true for CSV cells (text to be parsed) and false for JSON values
 * (which must already have the right JSON type: a number for numbers, a boolean for booleans, a
 * string for text). Text is trimmed. Absence (missing, `null`, empty or blank text) is handled by
 * the caller, see {@link isAbsent}.
 */

/** Outcome of parsing one value. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: string; readonly expected: string; readonly message: string };

/** Constraints on a number. */
export interface NumberRule {
  /** Smallest accepted value (inclusive). */
  readonly min?: number;
  /** Whether the value must be a whole number. */
  readonly integer?: boolean;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(code: string, expected: string, message: string): Parsed<T> => ({
  ok: false,
  code,
  expected,
  message,
});

/**
 * Whether a raw value counts as absent: `undefined`, `null`, or text that is empty once trimmed.
 *
 * @example [isAbsent(undefined), isAbsent(null), isAbsent("  "), isAbsent(0)] // → [true, true, true, false]
 */
export function isAbsent(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
}

/**
 * Parses a text value (trimmed). JSON values must be strings.
 *
 * @example parseText("  M001 ") // → { ok: true, value: "M001" }
 */
export function parseText(raw: unknown): Parsed<string> {
  if (typeof raw === "string") return ok(raw.trim());
  return bad("bad_type", "a text value", "not a text value");
}

/** Words for a number rule, e.g. "a non-negative integer". */
export function describeNumberRule(rule: NumberRule): string {
  const kind = rule.integer ? "integer" : "number";
  if (rule.min === undefined) return rule.integer ? "an integer" : "a finite number";
  if (rule.min === 0) return `a non-negative ${kind}`;
  return `${rule.integer ? "an integer" : "a number"} ≥ ${rule.min}`;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The value of number text made only of digits, signs, points and exponent marks (no blank, no
 * padding), or NaN for any other text — the fast path of {@link parseNumber}: on these characters
 * `Number` follows the same decimal grammar as the accepted syntax, so a finite result is exactly
 * what `parseNumber` would return.
 *
 * @example [plainDecimal("12.5"), plainDecimal("1e3"), plainDecimal(" 12"), plainDecimal("0x10")] // → [12.5, 1000, NaN, NaN]
 */
export function plainDecimal(text: string): number {
  const n = text.length;
  if (n === 0) return Number.NaN;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69))
      return Number.NaN;
  }
  return Number(text);
}

/**
 * Parses a number: a finite JSON number, or (CSV) decimal text such as `12`, `-3.5`, `1e3`.
 * Rejects NaN, Infinity, empty text, text like `abc`, `0x10` or `3,5`, and values breaking the rule.
 *
 * @example parseNumber("2.5", true, { min: 0 }) // → { ok: true, value: 2.5 }
 * @example parseNumber(-1, false, { min: 0, integer: true }).ok // → false
 */
export function parseNumber(raw: unknown, textual: boolean, rule: NumberRule = {}): Parsed<number> {
  const expected = describeNumberRule(rule);
  let value: number;
  if (typeof raw === "number") {
    value = raw;
  } else if (typeof raw === "string" && textual) {
    const text = raw.trim();
    if (!DECIMAL.test(text)) return bad("bad_number", expected, "not a number");
    value = Number(text);
  } else {
    return bad(
      "bad_type",
      expected,
      typeof raw === "string" ? "a number in quotes (a string)" : "not a number",
    );
  }
  if (!Number.isFinite(value)) return bad("bad_number", expected, "not a finite number");
  if (rule.integer && !Number.isInteger(value)) return bad("not_integer", expected, "not a whole number");
  if (rule.min !== undefined && value < rule.min) {
    return bad(
      rule.min === 0 ? "negative_number" : "out_of_range",
      expected,
      rule.min === 0 ? "negative value" : "value too small",
    );
  }
  return ok(value);
}

const TRUE_WORDS = new Set(["true", "1", "yes"]);
const FALSE_WORDS = new Set(["false", "0", "no"]);

/**
 * Parses a boolean: a JSON boolean, or (CSV) `true`/`false`, `1`/`0`, `yes`/`no` in any case.
 *
 * @example parseBoolean("Yes", true) // → { ok: true, value: true }
 * @example parseBoolean("true", false).ok // → false (JSON needs a real boolean)
 */
export function parseBoolean(raw: unknown, textual: boolean): Parsed<boolean> {
  if (typeof raw === "boolean") return ok(raw);
  const expected = textual ? "true/false, 1/0 or yes/no" : "true or false";
  if (typeof raw === "string" && textual) {
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return ok(true);
    if (FALSE_WORDS.has(word)) return ok(false);
  }
  return bad("bad_boolean", expected, "not a boolean");
}

/**
 * Parses one of a fixed set of words (exact, case-sensitive, after trimming).
 *
 * @example parseEnum(" high ", ["low", "medium", "high"]) // → { ok: true, value: "high" }
 */
export function parseEnum<T extends string>(raw: unknown, allowed: readonly T[]): Parsed<T> {
  const expected = `one of ${allowed.join(", ")}`;
  if (typeof raw !== "string") return bad("bad_enum", expected, "not one of the accepted values");
  const word = raw.trim();
  return (allowed as readonly string[]).includes(word)
    ? ok(word as T)
    : bad("bad_enum", expected, "not one of the accepted values");
}

/**
 * Parses a list of ids: (CSV) ids separated by `|`, blanks ignored, empty text = none; (JSON) an
 * array of strings.
 *
 * @example parseIdList("T1| T2", true) // → { ok: true, value: ["T1", "T2"] }
 * @example parseIdList([], false) // → { ok: true, value: [] }
 */
export function parseIdList(raw: unknown, textual: boolean): Parsed<readonly string[]> {
  if (typeof raw === "string" && textual) {
    return ok(
      raw
        .split("|")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    );
  }
  const expected = textual ? "task ids separated by |" : "a JSON array of task ids";
  if (!Array.isArray(raw)) return bad("bad_type", expected, "not a list of ids");
  const ids: string[] = [];
  for (const item of raw) {
    if (typeof item !== "string" || item.trim() === "") return bad("bad_type", expected, "not a list of ids");
    ids.push(item.trim());
  }
  return ok(ids);
}
