/**
 * The one sanitiser for text the CLI prints. Mission names, KPI names, ruleset versions and
 * interpretations, file contents quoted in messages: any of them may hold bytes a terminal acts
 * on — ESC sequences that clear the screen or set the window title (`\x1b[2J`, `\x1b]0;…\x07`), a
 * carriage return that overwrites a line, C1 controls (`\x9b` is a one-byte CSI), bidirectional
 * controls that make text read differently from what it is (U+202E). They are shown escaped, as
 * backslash text, never emitted:
 *
 * - C0 controls and DEL as `\xHH` (`\r`, `\n`, `\t` as such), C1 controls as `\xHH`;
 * - bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line and paragraph
 *   separators U+2028, U+2029 as `\uXXXX`.
 *
 * A backslash itself is not escaped: the output is for reading, not for parsing back.
 * `runCli` passes everything written to stdout and stderr through {@link terminalSafe} (keeping
 * the CLI's own line breaks and tabs); JSON output goes through {@link safeJson}, whose escapes are
 * JSON escapes.
 */

/* eslint-disable no-control-regex -- matching control characters is the point of this module */
/** Characters that are never written raw (line feed and tab are handled by the callers). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_KEEPING_LINES =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw but a terminal acts on (C0 it escapes itself). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, "0");
}

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`;
}

/**
 * `text` with every control character (C0 including line feed and tab, DEL, C1) and every bidi
 * control shown as backslash text: for one value (a name, a version) that must stay on its line.
 *
 * @example escapeControls("Onboard\x1b[2J\u202eing\r\n") // → "Onboard\\x1b[2J\\u202eing\\r\\n"
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/**
 * `text` as {@link escapeControls} but keeping line feeds and tabs: for whole blocks of output
 * whose line structure the CLI wrote. Idempotent.
 *
 * @example terminalSafe("verdict: WATCH\n\x1b]0;pwned\x07\u202e\n") // → "verdict: WATCH\n\\x1b]0;pwned\\x07\\u202e\n"
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_KEEPING_LINES, escapeOne);
}

/**
 * `JSON.stringify(value, null, indent)` with the characters it leaves raw but a terminal acts on
 * (DEL, C1, bidi controls, U+2028, U+2029) written as `\uXXXX` escapes: the same JSON value, safe
 * to print.
 *
 * @example safeJson({ name: "a\u202eb\x9b" }, 0) // → '{"name":"a\\u202eb\\u009b"}'
 */
export function safeJson(value: unknown, indent = 2): string {
  const text = JSON.stringify(value, null, indent) ?? "null";
  return text.replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`);
}

/**
 * A copy of plain data (objects, arrays, strings) with every string passed through
 * {@link escapeControls}, so a value with a line break or an escape sequence prints on its own
 * line, escaped, whatever formatter prints it. Other values (numbers, class instances, Maps) are
 * kept as they are. The input is not modified.
 *
 * @example escapeStrings({ missionName: "A\nB", runs: 3 }) // → { missionName: "A\\nB", runs: 3 }
 */
export function escapeStrings<T>(value: T): T {
  if (typeof value === "string") return escapeControls(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => escapeStrings(v)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = escapeStrings(v);
    return copy as T;
  }
  return value;
}
