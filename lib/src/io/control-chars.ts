/**
 * The one classification of characters that are never written raw, shared by the CLI's terminal
 * sanitiser (`cli/terminal-text`) and the brief (HTML and chart SVG): C0 controls, DEL, C1
 * controls, the bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line
 * and paragraph separators U+2028, U+2029. They are shown as backslash text: C0, DEL and C1 as
 * `\xHH` (`\r`, `\n`, `\t` as such), the others as `\uXXXX`.
 */

/* eslint-disable no-control-regex -- matching control characters is the point of this module */
/** Every character that is never written raw (line feed and tab included). */
export const UNSAFE_CHARS =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** {@link UNSAFE_CHARS} less line feed and tab, for blocks whose line structure is the writer's. */
export const UNSAFE_CHARS_KEEPING_LINES =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw of {@link UNSAFE_CHARS} (C0 it escapes itself). */
export const UNSAFE_CHARS_IN_JSON =
  /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** True when a string holds a bidi control or a strong right-to-left character (Hebrew, Arabic, …). */
export const BIDI_SENSITIVE =
  /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;
/* eslint-enable no-control-regex */

const NAMED: ReadonlyMap<string, string> = new Map([
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["\t", "\\t"],
]);

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, "0");
}

/** The backslash text of one character of {@link UNSAFE_CHARS}. */
export function escapeControlChar(c: string): string {
  const named = NAMED.get(c);
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`;
}

/** `\uXXXX` of one character (for JSON). */
export function unicodeEscape(c: string): string {
  return `\\u${hex(c, 4)}`;
}

/**
 * `text` with every character of {@link UNSAFE_CHARS} (line feed and tab included) shown as
 * backslash text: for one value (a name, a version) that must stay on its line.
 *
 * @example escapeControls("Onboard\x1b[2J\u202eing\r\n") // → "Onboard\\x1b[2J\\u202eing\\r\\n"
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE_CHARS, escapeControlChar);
}
