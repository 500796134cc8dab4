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

import {
  UNSAFE_CHARS_IN_JSON,
  UNSAFE_CHARS_KEEPING_LINES,
  escapeControlChar,
  escapeControls,
  unicodeEscape,
} from "../io/control-chars";

// The classification and escapes live in io/control-chars (shared with the brief).
export { escapeControls };

/**
 * `text` as {@link escapeControls} but keeping line feeds and tabs: for whole blocks of output
 * whose line structure the CLI wrote. Idempotent.
 *
 * @example terminalSafe("verdict: WATCH\n\x1b]0;pwned\x07\u202e\n") // → "verdict: WATCH\n\\x1b]0;pwned\\x07\\u202e\n"
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_CHARS_KEEPING_LINES, escapeControlChar);
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
  return text.replace(UNSAFE_CHARS_IN_JSON, unicodeEscape);
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
